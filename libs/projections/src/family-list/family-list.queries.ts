import {
  familySummary,
  type FamilySummary,
  type RegisteredFamilyState,
  type RouteStatus,
} from '@samenspoor/domain';
import type { SqlQueryable } from '@samenspoor/event-store';

import { decodeCursor, encodeCursor, InvalidCursorError } from '../cursor';
import type { TableNames } from '../projection';

/** The most families one page of the list holds. */
export const FAMILY_LIST_PAGE_LIMIT = 1_000;

/** A family of the list: its summary, and since when it waits for care that has not started. */
export type FamilyListItem = FamilySummary & {
  /** The earliest request time among the family's trajectories still requested; null when none waits. */
  waitingSince: string | null;
};

export interface FamilyListFilter {
  readonly municipality?: string;
  readonly status?: RouteStatus;
  /** Only families whose network this professional is currently in (a professional's own list). */
  readonly networkMember?: string;
  /** Families per page, 1 to {@link FAMILY_LIST_PAGE_LIMIT}. */
  readonly limit: number;
  readonly cursor?: string;
}

type Tables = TableNames<'fl_families'>;

/**
 * The families, most recently registered first (then by family id), filtered and a page at a time. The safety
 * team calls it without `networkMember` and sees every family; for a professional the caller passes their id.
 *
 * @throws InvalidCursorError for a cursor this server did not hand out.
 */
export async function familyList(
  db: SqlQueryable,
  t: Tables,
  filter: FamilyListFilter,
): Promise<{ items: FamilyListItem[]; nextCursor: string | null }> {
  const limit = Math.max(1, Math.min(Math.floor(filter.limit), FAMILY_LIST_PAGE_LIMIT));
  const after = filter.cursor === undefined ? undefined : afterKey(filter.cursor);
  const rows = await db.query<{
    family_id: string;
    version: number;
    state: RegisteredFamilyState;
    registered_at: Date | string;
  }>(
    `select family_id, version, state, registered_at
     from ${t.fl_families}
     where ($1::text is null or municipality = $1::text)
       and ($2::text is null or route_status = $2::text)
       and ($3::text is null or network @> array[$3::text])
       and ($4::timestamptz is null
            or registered_at < $4::timestamptz
            or (registered_at = $4::timestamptz and family_id > $5::text))
     order by registered_at desc, family_id
     limit $6`,
    [
      filter.municipality ?? null,
      filter.status ?? null,
      filter.networkMember ?? null,
      after?.registeredAt ?? null,
      after?.familyId ?? null,
      limit + 1,
    ],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      ...familySummary(row.state, Number(row.version)),
      waitingSince: waitingSince(row.state),
    })),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor([new Date(last.registered_at).toISOString(), last.family_id])
        : null,
  };
}

/** The earliest request time among the trajectories still requested, or null. */
export function waitingSince(state: RegisteredFamilyState): string | null {
  let earliest: number | undefined;
  for (const trajectory of state.trajectories) {
    if (trajectory.status !== 'requested') continue;
    const ms = Date.parse(trajectory.requestedAt);
    if (!Number.isNaN(ms) && (earliest === undefined || ms < earliest)) earliest = ms;
  }
  return earliest === undefined ? null : new Date(earliest).toISOString();
}

function afterKey(cursor: string): { registeredAt: string; familyId: string } {
  const [registeredAt = '', familyId = ''] = decodeCursor(cursor, 2);
  if (Number.isNaN(Date.parse(registeredAt))) throw new InvalidCursorError();
  return { registeredAt, familyId };
}
