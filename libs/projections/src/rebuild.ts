import { START, type EventStore, type Position } from '@samenspoor/event-store';
import { type SqlDatabase, type SqlQueryable } from '@samenspoor/sql';

import { applyBatch } from './apply-batch';
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
}

/**
 * Replays the whole store into fresh copies of a projection's tables (`…__rebuild`), leaving the live tables and
 * queries on them alone. Returns the position the fresh tables reached; {@link swapRebuilt} puts them in place.
 */
export async function rebuildInto(
  database: SqlDatabase,
  store: EventStore,
  tables: ProjectionTables,
  projection: Projection,
  options: RebuildOptions = {},
): Promise<Position> {
  await database.transaction((tx) => tables.create(tx, projection, true));
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
    await database.transaction((tx) =>
      applyRebuilding(tx, tables, projection, page.events, position),
    );
    position = page.position;
    events += page.events.length;
    options.onProgress?.({ events, position });
  }
}

/**
 * In the caller's transaction, while no batch is being applied (exclusive swap lock): puts the fresh tables in
 * place of the live ones and sets the projection's checkpoint to where the rebuild got. Events that arrived
 * since then are applied by the runner, which notices the checkpoint moved back and reads them again.
 */
export async function swapRebuilt(
  tx: SqlQueryable,
  tables: ProjectionTables,
  projection: Projection,
  rebuiltTo: Position,
): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtext($1))`, [swapLock(tables.schemaName)]);
  await tables.swap(tx, projection);
  await tables.saveCheckpoint(tx, projection.name, {
    position: rebuiltTo,
    version: projection.version,
  });
}

function applyRebuilding(
  tx: SqlQueryable,
  tables: ProjectionTables,
  projection: Projection,
  events: Parameters<Projection['apply']>[1],
  after: Position,
): Promise<number> {
  return applyBatch(tx, projection, tables.rebuilding(projection), events, after);
}
