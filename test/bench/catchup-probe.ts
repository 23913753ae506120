import { DEFAULT_REGION } from '@samenspoor/domain';
import { PostgresDatabase, SqlEventStore } from '@samenspoor/event-store';
import {
  ALL_PROJECTIONS,
  ProjectionRunner,
  ProjectionTables,
  projectionNamed,
} from '@samenspoor/projections';

import { seedRegion } from '../../apps/api/src/demo/region-seeder';

async function main() {
  const schema = process.env.SCHEMA ?? 'probe_catchup';
  const database = new PostgresDatabase({
    connectionString: 'postgres://postgres@127.0.0.1:5432/test',
    maxConnections: 24,
  });
  const store = await SqlEventStore.create(database, { schema });
  if ((await store.countEvents()) === 0) {
    await seedRegion(store, {
      families: 3300,
      seed: 1,
      end: '2026-11-01T00:00:00Z',
      region: DEFAULT_REGION,
      concurrency: 12,
    });
  }
  const names = (process.env.ONLY ?? '').split(',').filter(Boolean);
  const base = names.length ? names.map((n) => projectionNamed(n)!) : ALL_PROJECTIONS;
  const spent = new Map<string, number>();
  const statements = new Map<string, { n: number; ms: number }>();
  const projections = base.map((p) => ({
    ...p,
    apply: async (tx: any, events: any, t: any) => {
      const timedTx = {
        query: async (text: string, params?: any) => {
          const t0 = performance.now();
          try {
            return await tx.query(text, params);
          } finally {
            const k = p.name + ': ' + text.replace(/\s+/g, ' ').slice(0, 70);
            const e = statements.get(k) ?? { n: 0, ms: 0 };
            e.n++;
            e.ms += performance.now() - t0;
            statements.set(k, e);
          }
        },
      };
      const t0 = performance.now();
      await p.apply(timedTx, events, t);
      spent.set(p.name, (spent.get(p.name) ?? 0) + performance.now() - t0);
    },
  }));
  await database.query(`drop table if exists "${schema}".projection_checkpoints cascade`);
  await database.query(`delete from "${schema}".schema_migrations where component = 'projections'`);
  const tables = await ProjectionTables.open(database, schema);
  const runner = new ProjectionRunner(database, store, projections, tables, {
    schema,
    batchSize: Number(process.env.BATCH ?? 1000),
  });
  const total = await store.countEvents();
  const t0 = performance.now();
  runner.start();
  const head = await store.headPosition();
  for (const p of projections) await runner.waitFor(p.name, head, 600_000);
  const s = (performance.now() - t0) / 1000;
  console.log(
    `${projections.map((p) => p.name).join('+')}: ${total} events in ${s.toFixed(1)} s = ${Math.round(total / s)} events/s`,
  );
  await runner.stop();
  for (const [k, v] of spent) console.log(k, Math.round(v), 'ms');
  for (const [k, v] of [...statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
    console.log(Math.round(v.ms), v.n, k);
  await store.close();
  await database.close();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
