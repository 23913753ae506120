import type { SqlQueryable } from '@samenspoor/sql';

import type { Projection, TableNames } from '../projection';

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
