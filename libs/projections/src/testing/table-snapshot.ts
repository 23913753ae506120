import type { EventStore } from '@samenspoor/event-store';
import type { SqlDatabase, SqlQueryable } from '@samenspoor/sql';

import type { Projection, TableNames } from '../projection';
import type { ProjectionTables } from '../projection-tables';
import { rebuildInto } from '../rebuild';

/**
 * Every row of a projection's tables, as sorted JSON text per table: two read models are the same when their
 * snapshots are equal.
 */
export async function snapshot(
  db: SqlQueryable,
  projection: Projection,
  tables: TableNames,
): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const base of projection.tables) {
    const rows = await db.query<{ row: string }>(
      `select to_jsonb(t)::text as row from ${tables[base]} t order by 1`,
    );
    result[base] = rows.map((r) => r.row);
  }
  return result;
}

/**
 * Each projection's live tables, and what a clean rebuild from the store gives, as snapshots by projection name:
 * a read model kept up event by event is right when the two are equal.
 */
export async function liveAndRebuilt(
  h: {
    readonly database: SqlDatabase;
    readonly store: EventStore;
    readonly tables: ProjectionTables;
  },
  projections: readonly Projection[],
): Promise<{ live: Record<string, unknown>; rebuilt: Record<string, unknown> }> {
  const live: Record<string, unknown> = {};
  const rebuilt: Record<string, unknown> = {};
  for (const projection of projections) {
    live[projection.name] = await snapshot(h.database, projection, h.tables.live(projection));
    await rebuildInto(h.database, h.store, h.tables, projection);
    rebuilt[projection.name] = await snapshot(
      h.database,
      projection,
      h.tables.rebuilding(projection),
    );
  }
  return { live, rebuilt };
}

/** Expects each projection's live tables to be what a clean rebuild from the store gives (see `liveAndRebuilt`). */
export async function expectLiveAsRebuilt(
  h: Parameters<typeof liveAndRebuilt>[0],
  projections: readonly Projection[],
): Promise<void> {
  const { live, rebuilt } = await liveAndRebuilt(h, projections);
  expect(live).toEqual(rebuilt);
}
