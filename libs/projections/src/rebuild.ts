import { START, type EventStore, type Position } from '@samenspoor/event-store';
import { type SqlDatabase, type SqlQueryable } from '@samenspoor/sql';

import { applyIsolated, type SetAsideEntry } from './apply-isolated';
import { deadLetterTable, rebuildDeadLetterTable } from './dead-letters';
import type { Projection } from './projection';
import type { ProjectionTables } from './projection-tables';
import { swapLock } from './locks';

export interface RebuildProgress {
  readonly events: number;
  readonly position: Position;
}

export interface RebuildOptions {
  readonly batchSize?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Events set aside in a page that is committed with them; they become the live ones at the swap. */
  readonly onSetAside?: (entries: readonly SetAsideEntry[]) => void;
}

/**
 * Replays the whole store into fresh copies of a projection's tables (`…__rebuild`), leaving the live tables and
 * queries on them alone. Returns the position the fresh tables reached; {@link swapRebuilt} puts them in place.
 *
 * An event the projection cannot apply does not stop it: it is set aside with the rest of its stream, as the
 * runner does ({@link applyIsolated}), but in the rebuild's own dead-letter table — the live dead letters still
 * describe the live tables until the swap. A transient failure (the database gone) ends the rebuild with it.
 */
export async function rebuildInto(
  database: SqlDatabase,
  store: EventStore,
  tables: ProjectionTables,
  projection: Projection,
  options: RebuildOptions = {},
): Promise<Position> {
  const deadLetters = rebuildDeadLetterTable(tables.schema);
  await database.transaction(async (tx) => {
    await tables.create(tx, projection, true);
    await tx.query(`delete from ${deadLetters} where projection = $1`, [projection.name]);
  });
  let position: Position = START;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ after: position, limit: options.batchSize ?? 2_000 });
    if (page.events.length === 0) {
      // Fresh tables have no statistics yet: without them the planner guesses, and guesses badly.
      for (const table of Object.values<string>(tables.rebuilding(projection)))
        await database.query(`analyze ${table}`);
      return position;
    }
    const after = position;
    const { setAside } = await database.transaction((tx) =>
      applyIsolated(tx, projection, tables.rebuilding(projection), page.events, after, {
        schema: tables.schema,
        deadLetters,
      }),
    );
    if (setAside.length > 0) options.onSetAside?.(setAside);
    position = page.position;
    events += page.events.length;
    options.onProgress?.({ events, position });
  }
}

/**
 * In the caller's transaction, while no batch is being applied (exclusive swap lock): puts the fresh tables in
 * place of the live ones, the events the rebuild set aside in place of the projection's live dead letters, and
 * sets the projection's checkpoint to where the rebuild got. Events that arrived since then are applied by the
 * runner, which notices the checkpoint moved back and reads them again (and sets aside what fails of them anew).
 */
export async function swapRebuilt(
  tx: SqlQueryable,
  tables: ProjectionTables,
  projection: Projection,
  rebuiltTo: Position,
): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtext($1))`, [swapLock(tables.schemaName)]);
  await tables.swap(tx, projection);
  const live = deadLetterTable(tables.schema);
  const rebuilt = rebuildDeadLetterTable(tables.schema);
  await tx.query(`delete from ${live} where projection = $1`, [projection.name]);
  await tx.query(`insert into ${live} select * from ${rebuilt} where projection = $1`, [
    projection.name,
  ]);
  await tx.query(`delete from ${rebuilt} where projection = $1`, [projection.name]);
  await tables.saveCheckpoint(tx, projection.name, {
    position: rebuiltTo,
    version: projection.version,
  });
}
