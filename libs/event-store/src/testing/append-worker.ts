/**
 * A second process for the cross-process test: appends to the given streams with optimistic concurrency
 * (read the version, append, retry on conflict) and prints what it appended as JSON on stdout.
 *
 * Environment: DATABASE_URL, SCHEMA, STREAMS (comma separated), COUNT (appends per stream).
 */
import { randomUUID } from 'node:crypto';

import { VersionConflictError } from '../errors';
import { openPostgresEventStore } from '../postgres/postgres-event-store';

async function main(): Promise<void> {
  const { DATABASE_URL, SCHEMA, STREAMS, COUNT } = process.env;
  if (!DATABASE_URL || !SCHEMA || !STREAMS || !COUNT) throw new Error('missing environment');
  const opened = await openPostgresEventStore({ connectionString: DATABASE_URL, schema: SCHEMA });
  const appended: string[] = [];
  let conflicts = 0;
  try {
    for (let i = 0; i < Number(COUNT); i++) {
      for (const streamId of STREAMS.split(',')) {
        const eventId = randomUUID();
        for (;;) {
          const version = await opened.store.streamVersion(streamId);
          try {
            await opened.store.appendToStream(
              streamId,
              [{ eventId, type: 'AppendedByWorker', data: { pid: process.pid, i } }],
              { expectedVersion: version },
            );
            appended.push(eventId);
            break;
          } catch (error) {
            if (!(error instanceof VersionConflictError)) throw error;
            conflicts++;
          }
        }
      }
    }
  } finally {
    await opened.close();
  }
  process.stdout.write(JSON.stringify({ appended, conflicts }));
}

main().catch((error: unknown) => {
  process.stderr.write(String((error as Error).stack ?? error));
  process.exit(1);
});
