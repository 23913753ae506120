import { DEFAULT_REGION } from '@samenspoor/domain';
import { PostgresDatabase, SqlEventStore } from '@samenspoor/event-store';
import { ALL_PROJECTIONS, ProjectionRunner, ProjectionTables } from '@samenspoor/projections';
import { seedRegion } from '../../apps/api/src/demo/region-seeder';

async function main() {
  const schema = 'probe_big';
  const database = new PostgresDatabase({
    connectionString: 'postgres://postgres@127.0.0.1:5432/test',
    maxConnections: 24,
  });
  const store = await SqlEventStore.create(database, { schema });
  let t0 = performance.now();
  if ((await store.countEvents()) === 0) {
    const r = await seedRegion(store, {
      families: 100_000,
      seed: 42,
      end: '2026-11-22T00:00:00Z',
      region: DEFAULT_REGION,
      concurrency: 12,
      onProgress: (f, e) => {
        if (f % 10000 === 0) console.log(new Date().toISOString(), 'seeded', f, e);
      },
    });
    console.log('seeded', r, ((performance.now() - t0) / 1000).toFixed(0), 's');
  }
  const tables = await ProjectionTables.open(database, schema);
  const runner = new ProjectionRunner(database, store, ALL_PROJECTIONS, tables, { schema });
  t0 = performance.now();
  runner.start();
  const head = await store.headPosition();
  for (const p of ALL_PROJECTIONS) await runner.waitFor(p.name, head, 3_600_000);
  const total = await store.countEvents();
  console.log('caught up', total, ((performance.now() - t0) / 1000).toFixed(0), 's');
  await runner.stop();
  await store.close();
  await database.close();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
