import type { EventRecord, Position, SqlQueryable } from '@samenspoor/event-store';

import type { Projection, TableNames } from './projection';

/**
 * Applies a batch to one projection, exactly once per event: events at or before the projection's checkpoint are
 * skipped, and so is any event whose stream version the projection has already applied (kept per stream in its
 * streams table). Replaying events a second time therefore changes nothing. Runs in the caller's transaction.
 * Returns the number of events applied.
 */
export async function applyBatch(
  tx: SqlQueryable,
  projection: Projection,
  tables: TableNames,
  streamsTable: string,
  events: readonly EventRecord[],
  after: Position,
): Promise<number> {
  const fresh = events.filter((event) => event.position > after);
  if (fresh.length === 0) return 0;

  const streamIds = [...new Set(fresh.map((event) => event.streamId))];
  const known = await tx.query<{ stream_id: string; version: string | number }>(
    `select stream_id, version from ${streamsTable} where stream_id = any($1::text[])`,
    [streamIds],
  );
  const applied = new Map(known.map((row) => [row.stream_id, Number(row.version)]));
  const toApply = fresh.filter((event) => event.version > (applied.get(event.streamId) ?? 0));
  if (toApply.length === 0) return 0;

  await projection.apply(tx, toApply, tables);

  const latest = new Map<string, number>();
  for (const event of toApply)
    latest.set(event.streamId, Math.max(event.version, latest.get(event.streamId) ?? 0));
  await tx.query(
    `insert into ${streamsTable} (stream_id, version)
     select * from unnest($1::text[], $2::bigint[])
     on conflict (stream_id) do update set version = greatest(${streamsTable}.version, excluded.version)`,
    [[...latest.keys()], [...latest.values()]],
  );
  return toApply.length;
}
