import { START, type EventStore, type Position } from '@samenspoor/event-store';
import { type SqlDatabase, type SqlQueryable } from '@samenspoor/sql';

import { type SetAsideEntry } from './apply-isolated';
import { applyTogether } from './apply-together';
import { deadLetterTable, rebuildDeadLetterTable } from './dead-letters';
import { REBUILDING_TABLES, type Projection } from './projection';
import type { ProjectionTables } from './projection-tables';
import { swapLock } from './locks';

/** Events per page of a rebuild: large, as a page costs a few statements and a commit whatever its size. */
const DEFAULT_REBUILD_PAGE = 10_000;

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
 * (One read model: {@link rebuildAllInto}.)
 */
export async function rebuildInto(
  database: SqlDatabase,
  store: EventStore,
  tables: ProjectionTables,
  projection: Projection,
  options: RebuildOptions = {},
): Promise<Position> {
  return rebuildAllInto(database, store, tables, [projection], {
    ...options,
    onSetAside: options.onSetAside && ((_name, entries) => options.onSetAside?.(entries)),
  });
}

/**
 * Replays the whole store into fresh copies of several projections' tables at once: every page of events is read
 * once and applied to all of them ({@link applyTogether}, a transaction per read model, side by side), while the
 * next page is read. Once filled, the fresh tables get the rows their projections derive from them at once
 * (`finishRebuild`), their query indexes and their statistics. Returns the position they reached; each is put in
 * place by {@link swapRebuilt}.
 *
 * An event a projection cannot apply does not stop it: it is set aside with the rest of its stream, as the
 * runner does, but in the rebuild's own dead-letter table — the live dead letters still describe the live tables
 * until the swap. A transient failure (the database gone) ends the rebuild with it.
 *
 * Pages are committed without waiting for the WAL to reach disk (`synchronous_commit = off`): a crash loses at
 * most the last pages of fresh tables that a new rebuild drops and fills again anyway.
 */
export async function rebuildAllInto(
  database: SqlDatabase,
  store: EventStore,
  tables: ProjectionTables,
  projections: readonly Projection[],
  options: Omit<RebuildOptions, 'onSetAside'> & {
    readonly onSetAside?: (projection: string, entries: readonly SetAsideEntry[]) => void;
  } = {},
): Promise<Position> {
  const deadLetters = rebuildDeadLetterTable(tables.schema);
  await database.transaction(async (tx) => {
    for (const projection of projections) await tables.create(tx, projection, true, true);
    await tx.query(`delete from ${deadLetters} where projection = any($1::text[])`, [
      projections.map((p) => p.name),
    ]);
  });
  const limit = options.batchSize ?? DEFAULT_REBUILD_PAGE;
  // The streams this rebuild set aside, per read model: its dead-letter table held none of theirs when it began,
  // so these are all of them, and no page needs to look them up.
  const blocked = new Map(projections.map((p) => [p.name, new Set<string>()]));
  let position: Position = START;
  let events = 0;
  let next = store.readAll({ after: position, limit });
  for (;;) {
    const page = await next;
    if (page.events.length === 0) break;
    // The next page is read while this one is applied.
    next = store.readAll({ after: page.position, limit });
    // Unhandled until awaited: a failure of this page must not leave that one's rejection unheard.
    next.catch(() => undefined);
    const after = position;
    // Each read model in a transaction of its own, side by side: the server works on several at once while this
    // process prepares the next statements. (Nothing is committed for good until the swap, so the read models
    // need not move together here.)
    const outcomes = await Promise.all(
      projections.map((projection) =>
        applyTogether(
          database,
          page.events,
          {
            prepare: async (tx) => {
              await tx.query(
                `select set_config('synchronous_commit', 'off', true)${tables.transactionSettings}`,
              );
              return [
                {
                  projection,
                  tables: tables.rebuilding(projection),
                  after,
                  blocked: blocked.get(projection.name),
                  context: REBUILDING_TABLES,
                },
              ];
            },
            finish: (_tx, done) => Promise.resolve(done),
          },
          { schema: tables.schema, deadLetters },
        ),
      ),
    );
    for (const outcome of outcomes)
      for (const [name, { setAside }] of outcome) {
        if (setAside.length === 0) continue;
        for (const { event } of setAside) blocked.get(name)?.add(event.streamId);
        options.onSetAside?.(name, setAside);
      }
    position = page.position;
    events += page.events.length;
    options.onProgress?.({ events, position });
  }
  // Each read model's derived rows, keys and indexes, then statistics, beside the others': a second or two of the
  // server's time on 202k events, which one after another took as long on the clock.
  const finished = await Promise.allSettled(
    projections.map(async (projection) => {
      await database.transaction(async (tx) => {
        for (const statement of projection.finishRebuild?.(tables.rebuilding(projection)) ?? [])
          await tx.query(statement);
        await tables.createIndexes(tx, projection, true);
      });
      // Fresh tables have no statistics yet: without them the planner guesses, and guesses badly.
      for (const table of Object.values<string>(tables.rebuilding(projection)))
        await database.query(`analyze ${table}`);
    }),
  );
  // Thrown once none of them is still at work.
  for (const outcome of finished) if (outcome.status === 'rejected') throw outcome.reason;
  return position;
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
