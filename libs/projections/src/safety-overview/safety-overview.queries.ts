import type { RegionConfig } from '@samenspoor/domain';
import type { SqlQueryable } from '@samenspoor/sql';

import type { TableNames } from '../projection';
import { latestFact } from './safety-overview.projection';
import { ROUTE_LISTS, routeLists } from './safety-overview.route-lists';

/** One family on a list of the safety overview: since when the condition holds. */
export interface SafetyOverviewItem {
  familyId: string;
  /** The moment the condition began (ISO-8601 UTC). */
  since: string;
  municipality: string;
}

export interface SafetyOverview {
  asOf: string;
  noCaseDirector: SafetyOverviewItem[];
  planOverdue: SafetyOverviewItem[];
  mdoOverdue: SafetyOverviewItem[];
  unsafeWithoutReview: SafetyOverviewItem[];
  followUpDue: SafetyOverviewItem[];
  inCareWithoutMdo: SafetyOverviewItem[];
  planWithoutCare: SafetyOverviewItem[];
  evaluationOverdue: SafetyOverviewItem[];
  openCrisis: SafetyOverviewItem[];
  protectionMeasureActive: SafetyOverviewItem[];
  reassessmentDue: SafetyOverviewItem[];
  /** Care the iJw chain reported that no adopted plan covers, still running or waiting. */
  careOutsidePlan: SafetyOverviewItem[];
}

export interface SafetyOverviewFilter {
  readonly municipality?: string;
}

type Tables = TableNames<'so_families' | 'so_cases' | 'so_mdos' | 'so_safety' | 'so_route'>;

type ListName = Exclude<keyof SafetyOverview, 'asOf'>;

const LISTS: readonly ListName[] = [
  'noCaseDirector',
  'planOverdue',
  'mdoOverdue',
  'unsafeWithoutReview',
  'followUpDue',
  ...ROUTE_LISTS,
];

/** `ts + amount`, with calendar arithmetic in UTC whatever the session's time zone. */
function plus(ts: string, amount: string): string {
  return `((${ts} at time zone 'UTC') + ${amount}) at time zone 'UTC'`;
}

/**
 * The safety overview (zicht op veiligheid) at `asOf`, for the regional safety team (api.md "Definitions").
 *
 * A family is *on the route* at `asOf` when it is registered and its current case — the case with the highest
 * number whose first signal is at or before `asOf` — has not flowed out at `asOf`; it has *flowed out* when that
 * case's outflow is at or before `asOf` (a re-entry signal opens a new case and so ends it). Families on the route
 * appear in the first four lists, families that flowed out in the last:
 * - `noCaseDirector`: no case director was ever assigned at or before `asOf` (a case director stays across cases
 *   until replaced), and `asOf` ≥ since = the current case's first signal + `region.safety.noCaseDirectorDays`;
 * - `planOverdue`: the current case has no plan adopted at or before `asOf`, and `asOf` ≥ since = its first
 *   signal + `region.safety.noPlanDays`;
 * - `mdoOverdue`: the last MDO held at or before `asOf` (by business time, then stream order; of any case) has
 *   `nextMdoDueBy` < `asOf`; since = that `nextMdoDueBy`;
 * - `unsafeWithoutReview`: the latest safety assessment at or before `asOf` (a `SafetyAssessed`, or the safety
 *   level of an `ExplanatoryAnalysisCompleted`; of any case) is `unsafe`, and no safety team review at or before
 *   `asOf` comes after it (later business time, or the same business time and later in the stream); since = the
 *   time of that assessment;
 * - `followUpDue`: the first of the 3- and 6-month follow-ups of the outflowed case not recorded at or before
 *   `asOf` is due, that is outflow + 3 (or 6) calendar months (PostgreSQL's `interval '3 months'`: 2026-01-31 +
 *   3 months = 2026-04-30) ≤ `asOf`; since = that moment.
 * A case closed by a consultation (advice `regular-route` or `no-action`) is no longer on the route: its norms
 * are no longer flagged. The lists of the route as the region runs it: see safety-overview.route-lists.ts.
 * Days are 24 hours, months calendar months in UTC. Each list is ordered by `since`, then family
 * id. Erased families keep appearing: erasure removes personal data, not the facts (the items hold none).
 */
export async function safetyOverview(
  db: SqlQueryable,
  t: Tables,
  region: RegionConfig,
  asOf: Date,
  filter: SafetyOverviewFilter = {},
): Promise<SafetyOverview> {
  const rows = await db.query<{
    list: ListName;
    family_id: string;
    municipality: string | null;
    since: Date | string;
  }>(
    `with facts as materialized (
       -- Families whose latest facts all happened by asOf (all of them at asOf = now): their own row holds the
       -- current case, the last MDO, the last assessment and the last review at asOf.
       select family_id, municipality, director_at, opened_at, plan_at, outflow_at,
              follow_up_3_at, follow_up_6_at, mdo_due_by as due_by,
              assessment_at, assessment_level,
              coalesce((review_at, review_version) > (assessment_at, assessment_version), false) as reviewed
       from ${t.so_families}
       where ${latestFact()} <= $1::timestamptz and opened_at <= $1::timestamptz
         and registered_at <= $1::timestamptz and ($2::text is null or municipality = $2)
       union all
       -- The others (at an earlier moment): each fact as it stood at asOf.
       select f.family_id, f.municipality, f.director_at, c.opened_at, c.plan_at, c.outflow_at,
              c.follow_up_3_at, c.follow_up_6_at, m.next_due_by, a.at, a.level,
              exists (
                select 1 from ${t.so_safety} v
                where v.family_id = f.family_id and v.kind = 'review' and v.at <= $1::timestamptz
                  and (v.at, v.version) > (a.at, a.version)
              )
       from ${t.so_families} f
       cross join lateral (
         -- The current case: the highest number opened by asOf.
         select * from ${t.so_cases} c
         where c.family_id = f.family_id and c.opened_at <= $1::timestamptz
         order by c.case_number desc
         limit 1
       ) c
       left join lateral (
         select m.next_due_by from ${t.so_mdos} m
         where m.family_id = f.family_id and m.held_at <= $1::timestamptz
         order by m.held_at desc, m.version desc
         limit 1
       ) m on true
       left join lateral (
         select a.at, a.version, a.level from ${t.so_safety} a
         where a.family_id = f.family_id and a.kind = 'assessment' and a.at <= $1::timestamptz
         order by a.at desc, a.version desc
         limit 1
       ) a on true
       where ${latestFact('f.')} > $1::timestamptz
         and f.registered_at <= $1::timestamptz and ($2::text is null or f.municipality = $2)
     ),
     on_route as (
       -- Not flowed out, and not closed by a consultation advising the regular route or no action.
       select * from facts f
       where (outflow_at is null or outflow_at > $1::timestamptz)
         and not exists (
           select 1 from ${t.so_route} r
           where r.family_id = f.family_id and r.kind = 'closed' and r.at >= f.opened_at
             and r.at <= $1::timestamptz
         )
     ),
     lists as (
       select 'noCaseDirector' as list, family_id, municipality,
              opened_at + $3::int * interval '24 hours' as since
       from on_route
       where (director_at is null or director_at > $1::timestamptz)
         and opened_at <= $1::timestamptz - $3::int * interval '24 hours'
       union all
       select 'planOverdue', family_id, municipality, opened_at + $4::int * interval '24 hours'
       from on_route
       where (plan_at is null or plan_at > $1::timestamptz)
         and opened_at <= $1::timestamptz - $4::int * interval '24 hours'
       union all
       select 'mdoOverdue', family_id, municipality, due_by
       from on_route
       where due_by < $1::timestamptz
       union all
       select 'unsafeWithoutReview', family_id, municipality, assessment_at
       from on_route
       where assessment_level = 'unsafe' and not reviewed
       union all
       select 'followUpDue', family_id, municipality, since
       from (
         select family_id, municipality,
                case
                  when follow_up_3_at is null or follow_up_3_at > $1::timestamptz
                    then ${plus('outflow_at', `interval '3 months'`)}
                  when follow_up_6_at is null or follow_up_6_at > $1::timestamptz
                    then ${plus('outflow_at', `interval '6 months'`)}
                end as since
         from facts
         where outflow_at <= $1::timestamptz
       ) due
       where since <= $1::timestamptz
       union all${routeLists(t)}
     )
     select * from lists order by since, family_id collate "C"`,
    [
      asOf.toISOString(),
      filter.municipality ?? null,
      region.safety.noCaseDirectorDays,
      region.safety.noPlanDays,
      region.safety.inCareWithoutMdoDays,
      region.safety.planWithoutCareDays,
      region.safety.openCrisisDays,
      region.safety.reassessmentDays,
    ],
  );
  const lists = Object.fromEntries(LISTS.map((list) => [list, [] as SafetyOverviewItem[]]));
  const overview = { asOf: asOf.toISOString(), ...lists } as SafetyOverview;
  for (const row of rows) {
    if (!LISTS.includes(row.list)) continue;
    overview[row.list].push({
      familyId: row.family_id,
      since: new Date(row.since).toISOString(),
      municipality: row.municipality ?? '',
    });
  }
  return overview;
}
