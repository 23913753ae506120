/**
 * A projection runner in a process of its own, for the kill-and-resume test: runs every read model, one of
 * which (SLEEP_IN, default waiting-list) stops in its Nth batch (SLEEP_AT_BATCH, default 3) after it has written
 * its changes, inside the batch's transaction, says so on stdout and sleeps — so that the test can kill the
 * process in the middle of that batch.
 *
 * Environment: DATABASE_URL, SCHEMA, BATCH_SIZE, SLEEP_IN, SLEEP_AT_BATCH.
 */
import { SqlEventStore } from '@samenspoor/event-store';
import { PostgresDatabase } from '@samenspoor/sql';

import type { Projection } from '../projection';
import { ProjectionRunner } from '../projection-runner';
import { ProjectionTables } from '../projection-tables';
import { ALL_PROJECTIONS } from '../registry';

const sleepIn = process.env.SLEEP_IN ?? 'waiting-list';
const sleepAt = Number(process.env.SLEEP_AT_BATCH ?? 3);
let batches = 0;

function stoppingIn(projection: Projection): Projection {
  if (projection.name !== sleepIn) return projection;
  return {
    ...projection,
    async apply(tx, events, tables) {
      await projection.apply(tx, events, tables);
      batches++;
      if (batches === sleepAt) {
        process.stdout.write('in-batch\n');
        await new Promise((resolve) => setTimeout(resolve, 60_000));
      }
    },
  };
}

async function main(): Promise<void> {
  const { DATABASE_URL, SCHEMA, BATCH_SIZE } = process.env;
  if (!DATABASE_URL || !SCHEMA) throw new Error('missing environment');
  const database = new PostgresDatabase({ connectionString: DATABASE_URL });
  const store = await SqlEventStore.create(database, { schema: SCHEMA, migrate: false });
  const tables = await ProjectionTables.open(database, SCHEMA);
  const runner = new ProjectionRunner(database, store, ALL_PROJECTIONS.map(stoppingIn), tables, {
    schema: SCHEMA,
    batchSize: Number(BATCH_SIZE ?? 200),
  });
  runner.start();
}

main().catch((error: unknown) => {
  process.stderr.write(String((error as Error).stack ?? error));
  process.exit(1);
});
