/**
 * A projection runner in a process of its own, for the kill-and-resume test: runs every read model plus a
 * "sleeper" projection that, inside the batch's transaction and after the real read models applied the batch,
 * says so on stdout and sleeps, so that the test can kill the process in the middle of a batch.
 *
 * Environment: DATABASE_URL, SCHEMA, BATCH_SIZE, SLEEP_AT_BATCH (the batch to sleep in, default 3).
 */
import { PostgresDatabase, SqlEventStore } from '@samenspoor/event-store';

import type { Projection } from '../projection';
import { ProjectionRunner } from '../projection-runner';
import { ProjectionTables } from '../projection-tables';
import { ALL_PROJECTIONS } from '../registry';

let batches = 0;
const sleepAt = Number(process.env.SLEEP_AT_BATCH ?? 3);

const sleeper: Projection<'zz_sleeper'> = {
  name: 'zz-sleeper',
  version: 1,
  tables: ['zz_sleeper'],
  createTables: (t) => [`create table ${t.zz_sleeper} (batch integer)`],
  async apply(tx, _events, t) {
    batches++;
    await tx.query(`insert into ${t.zz_sleeper} values ($1)`, [batches]);
    if (batches === sleepAt) {
      process.stdout.write('in-batch\n');
      await new Promise((resolve) => setTimeout(resolve, 60_000));
    }
  },
};

async function main(): Promise<void> {
  const { DATABASE_URL, SCHEMA, BATCH_SIZE } = process.env;
  if (!DATABASE_URL || !SCHEMA) throw new Error('missing environment');
  const database = new PostgresDatabase({ connectionString: DATABASE_URL });
  const store = await SqlEventStore.create(database, { schema: SCHEMA, migrate: false });
  const tables = await ProjectionTables.open(database, SCHEMA);
  const runner = new ProjectionRunner(database, store, [...ALL_PROJECTIONS, sleeper], tables, {
    schema: SCHEMA,
    batchSize: Number(BATCH_SIZE ?? 200),
  });
  runner.start();
}

main().catch((error: unknown) => {
  process.stderr.write(String((error as Error).stack ?? error));
  process.exit(1);
});
