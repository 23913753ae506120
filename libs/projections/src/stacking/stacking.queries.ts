import type { RegionConfig } from '@samenspoor/domain';
import type { SqlQueryable } from '@samenspoor/sql';

import type { TableNames } from '../projection';
import type { StackingTables } from './stacking.projection';

type Tables = TableNames<StackingTables>;

/** How many families have each count: the count as a string key ("0", "1", …), only counts that occur. */
export type CountDistribution = Record<string, number>;

export interface FlaggedFamily {
  familyId: string;
  activeTrajectories: number;
  distinctProviders: number;
  distinctCareForms: number;
  networkSize: number;
}

export interface StackingFigures {
  /** The moment the figures hold for (the time of the query when no `asOf` was given). */
  asOf: string;
  /** Families on the route at `asOf`. */
  families: number;
  /** Those of them at or above any of the region's thresholds. */
  flagged: number;
  thresholds: { activeTrajectories: number; distinctProviders: number; networkSize: number };
  distribution: {
    activeTrajectories: CountDistribution;
    distinctProviders: CountDistribution;
    distinctCareForms: CountDistribution;
    networkSize: CountDistribution;
  };
  /** Only when asked for (the safety team): the flagged families, by familyId. */
  flaggedFamilies?: FlaggedFamily[];
}

export interface StackingQuery {
  /** The moment to look at; omitted: now, answered from the current counts. */
  readonly asOf?: Date;
  readonly municipality?: string;
  /** Also list the flagged families (person-level: never for managers). */
  readonly withFlaggedFamilies?: boolean;
}

interface CountRow {
  grouping: number;
  active_trajectories: number | null;
  distinct_providers: number | null;
  distinct_care_forms: number | null;
  network_size: number | null;
  families: number;
  flagged: number;
}

interface FamilyRow {
  family_id: string;
  active_trajectories: number;
  distinct_providers: number;
  distinct_care_forms: number;
  network_size: number;
}

/** Parameters shared by both paths: `$1`–`$3` the thresholds, `$4` the municipality (or null). */
function sharedParams(region: RegionConfig, query: StackingQuery): unknown[] {
  return [
    region.stacking.activeTrajectories,
    region.stacking.distinctProviders,
    region.stacking.networkSize,
    query.municipality ?? null,
  ];
}

const FLAG = `(active_trajectories >= $1::int or distinct_providers >= $2::int or network_size >= $3::int)`;

/**
 * The families on the route at `$5` with their counts at that moment, from the intervals:
 * on the route: an on-route interval (registration or re-entry … outflow) holds `$5`;
 * active trajectories: started at or before `$5` and not ended at `$5`; network: memberships that hold `$5`.
 */
function familiesAt(t: Tables): string {
  return `select f.family_id, f.municipality,
                 coalesce(tr.active_trajectories, 0) as active_trajectories,
                 coalesce(tr.distinct_providers, 0) as distinct_providers,
                 coalesce(tr.distinct_care_forms, 0) as distinct_care_forms,
                 coalesce(nw.network_size, 0) as network_size
          from ${t.st_families} f
          left join (
            select family_id, count(*)::int as active_trajectories,
                   count(distinct provider_id)::int as distinct_providers,
                   count(distinct care_form)::int as distinct_care_forms
            from ${t.st_trajectories}
            where started_at <= $5::timestamptz and (ended_at is null or ended_at > $5::timestamptz)
            group by family_id
          ) tr on tr.family_id = f.family_id
          left join (
            select family_id, count(distinct professional_id)::int as network_size
            from ${t.st_network}
            where joined_at <= $5::timestamptz and (left_at is null or left_at > $5::timestamptz)
            group by family_id
          ) nw on nw.family_id = f.family_id
          where ($4::text is null or f.municipality = $4)
            and exists (
              select 1 from ${t.st_route} r
              where r.family_id = f.family_id and r.entered_at <= $5::timestamptz
                and (r.left_at is null or r.left_at > $5::timestamptz)
            )`;
}

/** The families on the route now, from the current counts. */
function familiesNow(t: Tables): string {
  return `select family_id, active_trajectories, distinct_providers, distinct_care_forms, network_size
          from ${t.st_current}
          where on_route and ($4::text is null or municipality = $4)`;
}

/**
 * Stacking of care (api.md `GET /api/projections/stacking`): how many families are on the route, how many are
 * flagged (active trajectories, distinct providers or network size at or above the region's thresholds) and the
 * distribution of each count. Without `asOf` the figures come from the current counts (a few hundred cells);
 * with `asOf` from the intervals. Both give the same answer for `asOf` = now (the current counts are the open
 * intervals; they differ only while some business time lies after now, which the decider allows within its
 * clock skew of a minute).
 */
export async function stackingFigures(
  db: SqlQueryable,
  t: Tables,
  region: RegionConfig,
  query: StackingQuery = {},
): Promise<StackingFigures> {
  const params = sharedParams(region, query);
  // Rows of (counts, weight): a cell of families with the same counts, or one family at `asOf`.
  const weighted =
    query.asOf === undefined
      ? `select active_trajectories, distinct_providers, distinct_care_forms, network_size, families as weight
         from ${t.st_current_cells} where families > 0 and ($4::text is null or municipality = $4)`
      : `select active_trajectories, distinct_providers, distinct_care_forms, network_size, 1 as weight
         from (${familiesAt(t)}) at_as_of`;
  const asOf = query.asOf ?? new Date();
  const rows = await db.query<CountRow>(
    `with w as (${weighted})
     select grouping(active_trajectories, distinct_providers, distinct_care_forms, network_size)::int as grouping,
            active_trajectories, distinct_providers, distinct_care_forms, network_size,
            coalesce(sum(weight), 0)::int as families,
            coalesce(sum(weight) filter (where ${FLAG}), 0)::int as flagged
     from w
     group by grouping sets ((), (active_trajectories), (distinct_providers), (distinct_care_forms), (network_size))`,
    query.asOf === undefined ? params : [...params, query.asOf.toISOString()],
  );

  const figures: StackingFigures = {
    asOf: asOf.toISOString(),
    families: 0,
    flagged: 0,
    thresholds: { ...region.stacking },
    distribution: {
      activeTrajectories: {},
      distinctProviders: {},
      distinctCareForms: {},
      networkSize: {},
    },
  };
  const { distribution } = figures;
  // grouping() has a bit per column, the first column the highest: 0b0111 is "by active trajectories", …
  for (const row of rows) {
    if (row.grouping === 0b1111) {
      figures.families = row.families;
      figures.flagged = row.flagged;
    } else if (row.grouping === 0b0111 && row.active_trajectories !== null)
      distribution.activeTrajectories[String(row.active_trajectories)] = row.families;
    else if (row.grouping === 0b1011 && row.distinct_providers !== null)
      distribution.distinctProviders[String(row.distinct_providers)] = row.families;
    else if (row.grouping === 0b1101 && row.distinct_care_forms !== null)
      distribution.distinctCareForms[String(row.distinct_care_forms)] = row.families;
    else if (row.grouping === 0b1110 && row.network_size !== null)
      distribution.networkSize[String(row.network_size)] = row.families;
  }
  if (query.withFlaggedFamilies)
    figures.flaggedFamilies = await flaggedFamilies(db, t, region, query);
  return figures;
}

/** One cell of the stacking figures per municipality: how many families have this value of one count. */
export interface StackingCell {
  municipality: string;
  /** `families` and `flagged` for the municipality as a whole; otherwise the distribution the value is of. */
  measure: 'families' | 'flagged' | keyof StackingFigures['distribution'];
  /** The count's value ("0", "1", …); null for `families` and `flagged`. */
  value: string | null;
  count: number;
}

interface CellRow extends CountRow {
  municipality: string;
}

/**
 * The stacking figures of every municipality at `asOf` (omitted: now), whatever the filter: the cells a
 * manager's answer (unfiltered or for one municipality) is a sum of, for disclosure control. Only cells that
 * occur (non-zero) are listed.
 */
export async function stackingCells(
  db: SqlQueryable,
  t: Tables,
  region: RegionConfig,
  query: Pick<StackingQuery, 'asOf'> = {},
): Promise<StackingCell[]> {
  const params = sharedParams(region, {});
  const weighted =
    query.asOf === undefined
      ? `select municipality, active_trajectories, distinct_providers, distinct_care_forms, network_size,
                families as weight
         from ${t.st_current_cells} where families > 0 and $4::text is null`
      : `select municipality, active_trajectories, distinct_providers, distinct_care_forms, network_size, 1 as weight
         from (${familiesAt(t)}) at_as_of`;
  const rows = await db.query<CellRow>(
    `with w as (${weighted})
     select grouping(active_trajectories, distinct_providers, distinct_care_forms, network_size)::int as grouping,
            municipality, active_trajectories, distinct_providers, distinct_care_forms, network_size,
            coalesce(sum(weight), 0)::int as families,
            coalesce(sum(weight) filter (where ${FLAG}), 0)::int as flagged
     from w
     group by grouping sets ((municipality), (municipality, active_trajectories), (municipality, distinct_providers),
                             (municipality, distinct_care_forms), (municipality, network_size))`,
    query.asOf === undefined ? params : [...params, query.asOf.toISOString()],
  );
  const cells: StackingCell[] = [];
  for (const row of rows) {
    const { municipality } = row;
    if (row.grouping === 0b1111) {
      cells.push({ municipality, measure: 'families', value: null, count: row.families });
      if (row.flagged > 0)
        cells.push({ municipality, measure: 'flagged', value: null, count: row.flagged });
    } else if (row.grouping === 0b0111 && row.active_trajectories !== null)
      cells.push(cell(municipality, 'activeTrajectories', row.active_trajectories, row.families));
    else if (row.grouping === 0b1011 && row.distinct_providers !== null)
      cells.push(cell(municipality, 'distinctProviders', row.distinct_providers, row.families));
    else if (row.grouping === 0b1101 && row.distinct_care_forms !== null)
      cells.push(cell(municipality, 'distinctCareForms', row.distinct_care_forms, row.families));
    else if (row.grouping === 0b1110 && row.network_size !== null)
      cells.push(cell(municipality, 'networkSize', row.network_size, row.families));
  }
  return cells;
}

function cell(
  municipality: string,
  measure: keyof StackingFigures['distribution'],
  value: number,
  count: number,
): StackingCell {
  return { municipality, measure, value: String(value), count };
}

/** The families on the route flagged for stacking of care at `asOf` (omitted: now), by familyId. */
export async function flaggedFamilies(
  db: SqlQueryable,
  t: Tables,
  region: RegionConfig,
  query: Omit<StackingQuery, 'withFlaggedFamilies'> = {},
): Promise<FlaggedFamily[]> {
  const params = sharedParams(region, query);
  const rows = await db.query<FamilyRow>(
    query.asOf === undefined
      ? `select * from (${familiesNow(t)}) f where ${FLAG} order by family_id collate "C"`
      : `select * from (${familiesAt(t)}) f where ${FLAG} order by family_id collate "C"`,
    query.asOf === undefined ? params : [...params, query.asOf.toISOString()],
  );
  return rows.map((row) => ({
    familyId: row.family_id,
    activeTrajectories: row.active_trajectories,
    distinctProviders: row.distinct_providers,
    distinctCareForms: row.distinct_care_forms,
    networkSize: row.network_size,
  }));
}
