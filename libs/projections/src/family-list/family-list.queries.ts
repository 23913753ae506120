import {
  familySummary,
  type FamilySummary,
  type RegisteredFamilyState,
  type RouteStatus,
} from '@samenspoor/domain';
import type { SqlQueryable } from '@samenspoor/sql';

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

/** A professional of the families' networks: an id and an organisation, never anything about the family. */
export interface NetworkProfessional {
  readonly professionalId: string;
  readonly organisation: string | null;
  /**
   * How many families have this professional in their network, those that flowed out included: the families
   * "Mijn gezinnen" lists for them, so that the sign-in page and that list count the same.
   */
  readonly families: number;
}

/**
 * The professionals most present in the networks of the current (not outflowed) families: the busiest one of
 * each organisation, busiest first (then by id), at most `limit`, each with the count of all their families (see
 * {@link NetworkProfessional.families}). Reads only the network of each family's state (professional ids and
 * organisations), never its members.
 */
export async function busiestProfessionals(
  db: SqlQueryable,
  t: Tables,
  limit: number,
): Promise<NetworkProfessional[]> {
  const rows = await db.query<{
    professional_id: string;
    organisation: string | null;
    families: number;
  }>(
    `with present as (
       select p->>'professionalId' as professional_id, p->>'organisation' as organisation, f.family_id,
              f.route_status <> 'outflowed' as current
       from ${t.fl_families} f,
            json_array_elements(case when json_typeof(f.state->'network') = 'array'
                                     then f.state->'network' else '[]'::json end) as p
     ), counted as (
       select professional_id, min(organisation) filter (where current) as organisation,
              count(distinct family_id) filter (where current)::int as current_families,
              count(distinct family_id)::int as families
       from present
       where professional_id is not null
       group by professional_id
       having count(*) filter (where current) > 0
     ), busiest as (
       select distinct on (coalesce(organisation, '')) professional_id, organisation, current_families,
              families
       from counted
       order by coalesce(organisation, ''), current_families desc, professional_id
     )
     select professional_id, organisation, families from busiest
     order by current_families desc, professional_id
     limit $1`,
    [Math.max(0, Math.floor(limit))],
  );
  return rows.map((row) => ({
    professionalId: row.professional_id,
    organisation: row.organisation,
    families: Number(row.families),
  }));
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
