/**
 * For the crash test: opens the embedded store in DATA_DIR and appends events one by one for ever, printing the
 * id of each event once its append is acknowledged. The test kills this process with SIGKILL.
 */
import { randomUUID } from 'node:crypto';

import { openPgliteEventStore } from '../pglite/pglite-event-store';

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR;
  if (!dataDir) throw new Error('DATA_DIR is required');
  const { store } = await openPgliteEventStore({ dataDir });
  for (let i = 0; ; i++) {
    const eventId = randomUUID();
    await store.appendToStream(
      `family-${i % 7}`,
      [{ eventId, type: 'Acknowledged', data: { i } }],
      {
        expectedVersion: 'any',
      },
    );
    process.stdout.write(`${eventId}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(String((error as Error).stack ?? error));
  process.exit(1);
});
