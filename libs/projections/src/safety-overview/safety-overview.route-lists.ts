import type { TableNames } from '../projection';

type Tables = TableNames<'so_families' | 'so_mdos' | 'so_route'>;

/**
 * A fact of the route the newer lists read (api.md "The route as the region runs it"), one per event: `at` is
 * when it was recorded (business time), `ref` the moment it names (a running care's or measure's `startedAt`, a
 * plan's `evaluateBy`, an evaluation's `nextEvaluateBy`), `key` the trajectory or measure it is about.
 */
export type RouteFactKind =
  | 'care-request'
  | 'care-start'
  | 'care-running'
  | 'care-end'
  | 'evaluate-by'
  | 'evaluation'
  | 'crisis'
  | 'closed'
  | 'measure'
  | 'measure-end'
  /** Care requested or running that the iJw chain reported while no adopted plan covered it. */
  | 'care-request-outside'
  | 'care-running-outside';

export interface RouteRow {
  familyId: string;
  version: number;
  kind: RouteFactKind;
  at: string;
  ref?: string;
  key?: string;
}

/** The lists of the route as the region runs it that {@link routeLists} computes, in the overview's order. */
export const ROUTE_LISTS = [
  'inCareWithoutMdo',
  'planWithoutCare',
  'evaluationOverdue',
  'openCrisis',
  'protectionMeasureActive',
  'reassessmentDue',
  'careOutsidePlan',
] as const;

/** Kinds of `so_route` facts that mean care for the family: requested, started or already running. */
const CARE = `('care-request', 'care-request-outside', 'care-start', 'care-running', 'care-running-outside')`;
const RUNNING = `('care-start', 'care-running', 'care-running-outside')`;

/**
 * The lists of the route as the region runs it (api.md), as `union all` parts of the overview's query: they read
 * the CTE `on_route` (families on the route at `$1` = asOf, whose current case is neither flowed out nor closed by
 * a consultation; its columns `opened_at`, `plan_at`, `assessment_at`, `assessment_level`) and `so_route`, only
 * facts recorded at or before asOf. Parameters: `$2` municipality, `$5` … `$8` the day norms
 * (`region.safety.inCareWithoutMdoDays`, `planWithoutCareDays`, `openCrisisDays`, `reassessmentDays`).
 * Decisions the contract leaves open:
 * - `inCareWithoutMdo`: *in care* is a trajectory running at asOf (started, or recorded as running care, and not
 *   ended or handed over by then); "since the plan" is since the current case's plan, or since its first signal
 *   when it has none yet (running care needs no plan). since = the later of the earliest running care's start +
 *   the norm and that reference moment; an MDO held at or after the reference (by asOf) takes it off the list.
 * - `planWithoutCare`: no care requested, started or recorded as running at or after the plan, and none running
 *   at the plan; since = plan + the norm.
 * - `evaluationOverdue`: the due date is the latest recorded (by business time, then stream order) of the current
 *   case's plan `evaluateBy` and evaluations' `nextEvaluateBy`; an evaluation at or after it ends it; since = it.
 * - `openCrisis`: the earliest crisis signal of the current case after which no care was requested, started or
 *   recorded as running; since = that signal + the norm.
 * - `protectionMeasureActive`: every registered family (on the route or not: a measure outlives a case) with a
 *   measure started and not ended at asOf; since = the earliest such measure's `startedAt`.
 * - `reassessmentDue`: the latest assessment (as `unsafeWithoutReview`) is `concerns` or `unsafe`; since = it +
 *   the norm.
 * - `careOutsidePlan`: every registered family (on the route or not: the chain's care goes on regardless) with a
 *   trajectory the iJw chain reported while no adopted plan covered it (`outsidePlan`), not ended or handed over
 *   at asOf; since = the earliest such trajectory's recording.
 */
export function routeLists(t: Tables): string {
  const day = `interval '24 hours'`;
  /** The route fact `r` (a trajectory or a measure) has no fact of `endKind` with its key recorded by `moment`. */
  const notEnded = (endKind: 'care-end' | 'measure-end', moment: string) => `not exists (
             select 1 from ${t.so_route} e
             where e.family_id = r.family_id and e.kind = '${endKind}' and e.key = r.key and e.at <= ${moment}
           )`;
  /**
   * A list of every registered family (on the route or not) with a route fact of `kinds` recorded by asOf whose
   * `since` column lies at or before asOf and that no fact of `endKind` has ended; since = the earliest such one.
   */
  const openFacts = (
    list: (typeof ROUTE_LISTS)[number],
    since: 'at' | 'ref',
    kinds: string,
    endKind: 'care-end' | 'measure-end',
  ) => `select '${list}', f.family_id, f.municipality, facts.since
       from ${t.so_families} f
       cross join lateral (
         select min(r.${since}) as since from ${t.so_route} r
         where r.family_id = f.family_id and r.kind in ${kinds} and r.at <= $1::timestamptz
           and r.${since} <= $1::timestamptz
           and ${notEnded(endKind, '$1::timestamptz')}
       ) facts
       where facts.since is not null and f.registered_at <= $1::timestamptz
         and ($2::text is null or f.municipality = $2)`;
  return `
       select 'inCareWithoutMdo', o.family_id, o.municipality,
              greatest(care.first_start + $5::int * ${day}, coalesce(o.plan_at, o.opened_at))
       from on_route o
       cross join lateral (
         select min(r.ref) as first_start from ${t.so_route} r
         where r.family_id = o.family_id and r.kind in ${RUNNING}
           and r.at <= $1::timestamptz and r.ref <= $1::timestamptz
           and ${notEnded('care-end', '$1::timestamptz')}
       ) care
       where care.first_start <= $1::timestamptz - $5::int * ${day}
         and not exists (
           select 1 from ${t.so_mdos} m
           where m.family_id = o.family_id and m.held_at <= $1::timestamptz
             and m.held_at >= coalesce(o.plan_at, o.opened_at)
         )
       union all
       select 'planWithoutCare', o.family_id, o.municipality, o.plan_at + $6::int * ${day}
       from on_route o
       where o.plan_at <= $1::timestamptz - $6::int * ${day}
         and not exists (
           select 1 from ${t.so_route} r
           where r.family_id = o.family_id and r.kind in ${CARE} and r.at <= $1::timestamptz
             and (r.at >= o.plan_at or (r.kind not in ('care-request', 'care-request-outside')
                                        and ${notEnded('care-end', 'o.plan_at')}))
         )
       union all
       select 'evaluationOverdue', o.family_id, o.municipality, due.ref
       from on_route o
       cross join lateral (
         select r.ref from ${t.so_route} r
         where r.family_id = o.family_id and r.kind in ('evaluate-by', 'evaluation') and r.ref is not null
           and r.at <= $1::timestamptz and r.at >= o.opened_at
         order by r.at desc, r.version desc
         limit 1
       ) due
       where due.ref < $1::timestamptz
         and not exists (
           select 1 from ${t.so_route} e
           where e.family_id = o.family_id and e.kind = 'evaluation' and e.at >= due.ref
             and e.at <= $1::timestamptz
         )
       union all
       select 'openCrisis', o.family_id, o.municipality, crisis.at + $7::int * ${day}
       from on_route o
       cross join lateral (
         select min(s.at) as at from ${t.so_route} s
         where s.family_id = o.family_id and s.kind = 'crisis' and s.at >= o.opened_at
           and s.at <= $1::timestamptz
           and not exists (
             select 1 from ${t.so_route} r
             where r.family_id = s.family_id and r.kind in ${CARE} and r.at >= s.at and r.at <= $1::timestamptz
           )
       ) crisis
       where crisis.at <= $1::timestamptz - $7::int * ${day}
       union all
       ${openFacts('protectionMeasureActive', 'ref', `('measure')`, 'measure-end')}
       union all
       select 'reassessmentDue', o.family_id, o.municipality, o.assessment_at + $8::int * ${day}
       from on_route o
       where o.assessment_level in ('concerns', 'unsafe')
         and o.assessment_at <= $1::timestamptz - $8::int * ${day}
       union all
       ${openFacts('careOutsidePlan', 'at', `('care-request-outside', 'care-running-outside')`, 'care-end')}`;
}
