import { START, type EventStore } from '@samenspoor/event-store';
import { quoteIdentifier, type SqlDatabase } from '@samenspoor/sql';

import { applyBatch } from './apply-batch';
import { withSavepoint } from './apply-isolated';
import {
  deadLetterTable,
  describeFailure,
  isTransientFailure,
  listDeadLetters,
  type ApplyFailure,
} from './dead-letters';
import { swapLock } from './locks';
import type { Projection } from './projection';
import type { ProjectionTables } from './projection-tables';

export interface ReplayOutcome {
  readonly projection: string;
  readonly streamId: string;
  /** Events re-applied and removed from the dead letters (0 when the stream failed again). */
  readonly replayed: number;
  /** Why the stream failed again; its events stay set aside. */
  readonly failure?: ApplyFailure;
}

/**
 * Re-applies set-aside streams, after a fix: per read model and stream, its set-aside events in order, in one
 * transaction that also removes them from the dead letters — or, when one fails again, changes nothing.
 *
 * Exactly once: the transaction holds the read model's checkpoint row (as the runner does while it applies a
 * batch), so the runner neither applies nor sets aside events of the stream meanwhile; the set-aside events lie
 * before that checkpoint, so the runner never applies them itself, and once they are removed it applies the
 * stream's later events as usual.
 */
export async function replaySetAside(
  database: SqlDatabase,
  store: EventStore,
  tables: ProjectionTables,
  projections: readonly Projection[],
  filter: { projection?: string; streamId?: string } = {},
): Promise<ReplayOutcome[]> {
  const groups = new Map<string, { projection: Projection; streamId: string }>();
  for (const letter of await listDeadLetters(database, tables.schema, filter)) {
    const projection = projections.find((p) => p.name === letter.projection);
    if (!projection) continue;
    groups.set(`${letter.projection}\n${letter.streamId}`, {
      projection,
      streamId: letter.streamId,
    });
  }
  const outcomes: ReplayOutcome[] = [];
  for (const { projection, streamId } of groups.values()) {
    // Read before the transaction: events never change, and PGlite's one connection is busy inside it.
    const stored = await store.readStream(streamId);
    outcomes.push(
      await database.transaction(async (tx): Promise<ReplayOutcome> => {
        await tx.query(`select pg_advisory_xact_lock_shared(hashtext($1))`, [
          swapLock(tables.schemaName),
        ]);
        await tables.checkpoint(tx, projection.name, true);
        // Read again under the lock: another replay may have done it meanwhile.
        const letters = await listDeadLetters(tx, tables.schema, {
          projection: projection.name,
          streamId,
        });
        const ids = new Set(letters.map((letter) => letter.eventId));
        const events = stored
          .filter((event) => ids.has(event.eventId))
          .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
        const savepoint = quoteIdentifier(
          `replay_${projection.name.replace(/[^A-Za-z0-9]/g, '_')}`,
        );
        try {
          await withSavepoint(tx, savepoint, () =>
            applyBatch(tx, projection, tables.live(projection), events, START),
          );
        } catch (error) {
          if (isTransientFailure(error)) throw error;
          return {
            projection: projection.name,
            streamId,
            replayed: 0,
            failure: describeFailure(error),
          };
        }
        await tx.query(
          `delete from ${deadLetterTable(tables.schema)}
            where projection = $1 and stream_id = $2 and event_id = any($3::text[])`,
          [projection.name, streamId, [...ids]],
        );
        return { projection: projection.name, streamId, replayed: events.length };
      }),
    );
  }
  return outcomes;
}
