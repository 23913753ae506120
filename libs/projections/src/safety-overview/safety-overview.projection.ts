import { CLOSING_CONSULTATION_ADVICE, UNKNOWN_CASE } from '@samenspoor/domain';
import type { SqlQueryable } from '@samenspoor/sql';

import { columns, familyEvents, insertRows, parseTime, type RowColumn } from '../events';
import { ReplayKey, type Projection, type TableNames, type TablesContext } from '../projection';
import type { RouteFactKind, RouteRow } from './safety-overview.route-lists';

type Tables = 'so_families' | 'so_cases' | 'so_mdos' | 'so_safety' | 'so_route';

/** A fact with its business time, ordered by that time and then by its place in the stream. */
interface Timed {
  at: string;
  version: number;
}

interface FamilyRow {
  familyId: string;
  municipality?: string;
  registeredAt?: string;
  directorAt?: string;
  lastMdo?: Timed & { dueBy: string };
  lastAssessment?: Timed & { level?: string };
  lastReview?: Timed;
}

interface CaseRow {
  familyId: string;
  caseNumber: number;
  openedAt?: string;
  planAt?: string;
  outflowAt?: string;
  followUp3At?: string;
  followUp6At?: string;
}

interface MdoRow {
  familyId: string;
  version: number;
  heldAt: string;
  nextDueBy: string;
}

interface SafetyRow {
  familyId: string;
  version: number;
  at: string;
  kind: 'assessment' | 'review';
  level?: string;
}

const MDO_COLUMNS: readonly RowColumn<MdoRow>[] = [
  { name: 'family_id', type: 'text', field: 'familyId' },
  { name: 'version', type: 'bigint', field: 'version' },
  { name: 'held_at', type: 'timestamptz', field: 'heldAt' },
  { name: 'next_due_by', type: 'timestamptz', field: 'nextDueBy' },
];

const SAFETY_COLUMNS: readonly RowColumn<SafetyRow>[] = [
  { name: 'family_id', type: 'text', field: 'familyId' },
  { name: 'version', type: 'bigint', field: 'version' },
  { name: 'at', type: 'timestamptz', field: 'at' },
  { name: 'kind', type: 'text', field: 'kind' },
  { name: 'level', type: 'text', field: 'level' },
];

const ROUTE_COLUMNS: readonly RowColumn<RouteRow>[] = [
  { name: 'family_id', type: 'text', field: 'familyId' },
  { name: 'version', type: 'bigint', field: 'version' },
  { name: 'kind', type: 'text', field: 'kind' },
  { name: 'at', type: 'timestamptz', field: 'at' },
  { name: 'ref', type: 'timestamptz', field: 'ref' },
  { name: 'key', type: 'text', field: 'key' },
];

/**
 * A business time as PostgreSQL takes it, or undefined for a value that is no time (odd data must not stop the
 * read model: such an event is left out).
 */
function businessTime(value: unknown): string | undefined {
  const iso = parseTime(value)?.iso;
  return iso !== undefined && /^\d{4}-/.test(iso) ? iso : undefined;
}

/** A case's number; an event stored without one (UNKNOWN_CASE) belongs to no case. */
function caseNumberOf(value: unknown): number | undefined {
  return typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    value > UNKNOWN_CASE &&
    value < 2 ** 31
    ? value
    : undefined;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The earlier of two optional times (ISO strings of one format compare as times). */
function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a <= b ? a : b;
}

/**
 * The business time of a family's latest fact that the lists read from its row: the first signal of its latest
 * case, its last MDO, assessment and review. Indexed: when it is at or before `asOf`, the row alone answers.
 */
export function latestFact(prefix = ''): string {
  return `greatest(${['opened_at', 'mdo_at', 'assessment_at', 'review_at'].map((c) => prefix + c).join(', ')})`;
}

/** The later of two optional facts: by business time, then by stream version. */
function latest<T extends Timed>(a: T | undefined, b: T): T {
  if (a === undefined) return b;
  return b.at > a.at || (b.at === a.at && b.version > a.version) ? b : a;
}

/** `set` clauses that replace a family's latest fact (columns `<prefix>_at`, `<prefix>_version`, …) by a later one. */
function keepLatest(prefix: string, others: readonly string[]): string {
  const newer = `excluded.${prefix}_at is not null and (f.${prefix}_at is null
    or (excluded.${prefix}_at, excluded.${prefix}_version) > (f.${prefix}_at, f.${prefix}_version))`;
  return [`${prefix}_at`, `${prefix}_version`, ...others]
    .map((column) => `${column} = case when ${newer} then excluded.${column} else f.${column} end`)
    .join(',\n');
}

/** The MDOs, safety facts and route facts: a row per event (see ReplayKey). */
const FACT_KEY = new ReplayKey('family_id, version');

/**
 * Safety overview (zicht op veiligheid): the facts the regional safety team's lists are computed from, each kept
 * with its business time so that the lists can be computed for any moment (see safety-overview.queries.ts):
 * - per case (`caseNumber` of the events): the first signal, the plan adoption, the outflow and the 3- and
 *   6-month follow-ups (`so_cases`);
 * - every MDO with its `nextMdoDueBy` (`so_mdos`);
 * - every safety assessment (`SafetyAssessed`, and the safety level of `ExplanatoryAnalysisCompleted`) and every
 *   safety team review (`so_safety`), with the stream version to order facts of the same business time;
 * - per family (`so_families`): municipality, registration, the first case director assignment (a case director
 *   is never removed, only replaced, and stays across cases), and copies of the latest facts by business time —
 *   the case with the highest number, the last MDO, the last assessment and the last review — so that the lists
 *   at any moment after them, and so always at `asOf` = now, come from one scan of this table; earlier moments
 *   look the facts up in the other tables.
 * - the facts of the route the newer lists read (`so_route`, see `RouteFactKind`): care requested, started,
 *   running, ended or handed over; the plan's `evaluateBy` and each evaluation; crisis signals; consultations
 *   that close the case; protection measures imposed and ended.
 * Erasure (`PersonalDataErased`) changes nothing here: none of these facts is personal data, and the safety
 * team keeps seeing the family.
 */
export const safetyOverviewProjection: Projection<Tables> = {
  name: 'safety-overview',
  version: 2,
  // Measured share of a catch-up's time (bench:projections): see Projection.cost.
  cost: 2,
  tables: ['so_families', 'so_cases', 'so_mdos', 'so_safety', 'so_route'],

  createTables: (t, context) => [
    `create table ${t.so_families} (
       family_id text primary key,
       municipality text,
       registered_at timestamptz,
       director_at timestamptz,
       case_number integer,
       opened_at timestamptz,
       plan_at timestamptz,
       outflow_at timestamptz,
       follow_up_3_at timestamptz,
       follow_up_6_at timestamptz,
       mdo_at timestamptz,
       mdo_version bigint,
       mdo_due_by timestamptz,
       assessment_at timestamptz,
       assessment_version bigint,
       assessment_level text,
       review_at timestamptz,
       review_version bigint
     )`,
    `create table ${t.so_cases} (
       family_id text not null,
       case_number integer not null,
       opened_at timestamptz,
       plan_at timestamptz,
       outflow_at timestamptz,
       follow_up_3_at timestamptz,
       follow_up_6_at timestamptz,
       primary key (family_id, case_number)
     )`,
    `create table ${t.so_mdos} (
       family_id text not null,
       version bigint not null,
       held_at timestamptz not null,
       next_due_by timestamptz not null${FACT_KEY.declared(context)}
     )`,
    `create table ${t.so_safety} (
       family_id text not null,
       version bigint not null,
       at timestamptz not null,
       kind text not null,
       level text${FACT_KEY.declared(context)}
     )`,
    `create table ${t.so_route} (
       family_id text not null,
       version bigint not null,
       kind text not null,
       at timestamptz not null,
       ref timestamptz,
       key text${FACT_KEY.declared(context)}
     )`,
  ],

  createIndexes: (t, context) => [
    ...FACT_KEY.added(t.so_mdos, context),
    ...FACT_KEY.added(t.so_safety, context),
    ...FACT_KEY.added(t.so_route, context),
    `create index on ${t.so_families} ((${latestFact()}))`,
    `create index on ${t.so_mdos} (family_id, held_at desc, version desc)`,
    `create index on ${t.so_safety} (family_id, kind, at desc, version desc)`,
    `create index on ${t.so_route} (family_id, kind, at)`,
  ],

  async apply(
    tx: SqlQueryable,
    records,
    t: TableNames<Tables>,
    context?: TablesContext,
  ): Promise<void> {
    const events = familyEvents(records);
    if (events.length === 0) return;

    const families = new Map<string, FamilyRow>();
    const cases = new Map<string, CaseRow>();
    const mdos: MdoRow[] = [];
    const safety: SafetyRow[] = [];
    const route: RouteRow[] = [];
    const fact = (
      familyId: string,
      version: number,
      kind: RouteFactKind,
      at: string,
      ref?: unknown,
      key?: unknown,
    ) => route.push({ familyId, version, kind, at, ref: businessTime(ref), key: textOf(key) });
    const family = (familyId: string): FamilyRow => {
      let row = families.get(familyId);
      if (!row) families.set(familyId, (row = { familyId }));
      return row;
    };
    const caseOf = (familyId: string, value: unknown): CaseRow | undefined => {
      const caseNumber = caseNumberOf(value);
      if (caseNumber === undefined) return undefined;
      const key = `${familyId}/${caseNumber}`;
      let row = cases.get(key);
      if (!row) cases.set(key, (row = { familyId, caseNumber }));
      return row;
    };
    const assessed = (familyId: string, at: string, version: number, level: unknown) => {
      const row = family(familyId);
      const assessment = { at, version, level: textOf(level) };
      row.lastAssessment = latest(row.lastAssessment, assessment);
      safety.push({ familyId, version, at, kind: 'assessment', level: assessment.level });
    };

    for (const { familyId, event, record } of events) {
      const at = businessTime(event.data.occurredAt);
      if (at === undefined) continue;
      const version = record.version;
      switch (event.type) {
        case 'FamilyRegistered': {
          const row = family(familyId);
          if (typeof event.data.municipality === 'string')
            row.municipality = event.data.municipality;
          row.registeredAt = earliest(row.registeredAt, at);
          break;
        }
        case 'CaseDirectorAssigned': {
          const row = family(familyId);
          row.directorAt = earliest(row.directorAt, at);
          break;
        }
        case 'SignalReceived': {
          const row = caseOf(familyId, event.data.caseNumber);
          if (row) row.openedAt = earliest(row.openedAt, at);
          if (event.data.urgency === 'crisis') fact(familyId, version, 'crisis', at);
          break;
        }
        case 'ConsultationHeld':
          if ((CLOSING_CONSULTATION_ADVICE as readonly unknown[]).includes(event.data.advice))
            fact(familyId, version, 'closed', at);
          break;
        case 'TreatmentPlanAdopted': {
          const row = caseOf(familyId, event.data.caseNumber);
          if (row) row.planAt = earliest(row.planAt, at);
          fact(familyId, version, 'evaluate-by', at, event.data.evaluateBy);
          break;
        }
        case 'PlanEvaluated':
          fact(familyId, version, 'evaluation', at, event.data.nextEvaluateBy);
          break;
        case 'CareRequested':
          // One fact per event: a request of the chain outside the plan is a kind of its own.
          fact(
            familyId,
            version,
            chainOutsidePlan(event.data) ? 'care-request-outside' : 'care-request',
            at,
            at,
            event.data.trajectoryId,
          );
          break;
        case 'CareStarted':
          fact(familyId, version, 'care-start', at, at, event.data.trajectoryId);
          break;
        case 'RunningCareRecorded':
          fact(
            familyId,
            version,
            chainOutsidePlan(event.data) ? 'care-running-outside' : 'care-running',
            at,
            event.data.startedAt ?? at,
            event.data.trajectoryId,
          );
          break;
        case 'CareEnded':
        case 'CareHandedOver':
          fact(familyId, version, 'care-end', at, at, event.data.trajectoryId);
          break;
        case 'ProtectionMeasureImposed':
          fact(familyId, version, 'measure', at, event.data.startedAt ?? at, event.data.measureId);
          break;
        case 'ProtectionMeasureEnded':
          fact(familyId, version, 'measure-end', at, at, event.data.measureId);
          break;
        case 'OutflowRegistered': {
          const row = caseOf(familyId, event.data.caseNumber);
          if (row) row.outflowAt = earliest(row.outflowAt, at);
          break;
        }
        case 'FollowUpRecorded': {
          const row = caseOf(familyId, event.data.caseNumber);
          if (row && event.data.monthsAfterOutflow === 3)
            row.followUp3At = earliest(row.followUp3At, at);
          if (row && event.data.monthsAfterOutflow === 6)
            row.followUp6At = earliest(row.followUp6At, at);
          break;
        }
        case 'MdoHeld': {
          const dueBy = businessTime(event.data.nextMdoDueBy);
          if (dueBy === undefined) break;
          const row = family(familyId);
          row.lastMdo = latest(row.lastMdo, { at, version, dueBy });
          mdos.push({ familyId, version, heldAt: at, nextDueBy: dueBy });
          break;
        }
        case 'SafetyAssessed':
          assessed(familyId, at, version, event.data.level);
          break;
        case 'ExplanatoryAnalysisCompleted':
          assessed(familyId, at, version, event.data.safetyLevel);
          break;
        case 'SafetyTeamReviewed': {
          const row = family(familyId);
          row.lastReview = latest(row.lastReview, { at, version });
          safety.push({ familyId, version, at, kind: 'review' });
          break;
        }
        default:
          break;
      }
    }

    // Facts are merged with `least` (first times) or kept when later (latest facts): applying the same facts
    // again changes nothing.
    if (families.size > 0) {
      const rows = [...families.values()].map((row) => ({
        familyId: row.familyId,
        municipality: row.municipality,
        registeredAt: row.registeredAt,
        directorAt: row.directorAt,
        mdoAt: row.lastMdo?.at,
        mdoVersion: row.lastMdo?.version,
        mdoDueBy: row.lastMdo?.dueBy,
        assessmentAt: row.lastAssessment?.at,
        assessmentVersion: row.lastAssessment?.version,
        assessmentLevel: row.lastAssessment?.level,
        reviewAt: row.lastReview?.at,
        reviewVersion: row.lastReview?.version,
      }));
      await tx.query(
        `insert into ${t.so_families} as f (family_id, municipality, registered_at, director_at,
           mdo_at, mdo_version, mdo_due_by, assessment_at, assessment_version, assessment_level,
           review_at, review_version)
         select * from unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[],
           $5::timestamptz[], $6::bigint[], $7::timestamptz[], $8::timestamptz[], $9::bigint[], $10::text[],
           $11::timestamptz[], $12::bigint[])
         on conflict (family_id) do update set
           municipality = coalesce(excluded.municipality, f.municipality),
           registered_at = least(f.registered_at, excluded.registered_at),
           director_at = least(f.director_at, excluded.director_at),
           ${keepLatest('mdo', ['mdo_due_by'])},
           ${keepLatest('assessment', ['assessment_level'])},
           ${keepLatest('review', [])}`,
        columns(rows, [
          'familyId',
          'municipality',
          'registeredAt',
          'directorAt',
          'mdoAt',
          'mdoVersion',
          'mdoDueBy',
          'assessmentAt',
          'assessmentVersion',
          'assessmentLevel',
          'reviewAt',
          'reviewVersion',
        ]),
      );
    }
    if (cases.size > 0) {
      const rows = [...cases.values()];
      await tx.query(
        `insert into ${t.so_cases} as c
           (family_id, case_number, opened_at, plan_at, outflow_at, follow_up_3_at, follow_up_6_at)
         select * from unnest($1::text[], $2::int[], $3::timestamptz[], $4::timestamptz[],
                              $5::timestamptz[], $6::timestamptz[], $7::timestamptz[])
         on conflict (family_id, case_number) do update set
           opened_at = least(c.opened_at, excluded.opened_at),
           plan_at = least(c.plan_at, excluded.plan_at),
           outflow_at = least(c.outflow_at, excluded.outflow_at),
           follow_up_3_at = least(c.follow_up_3_at, excluded.follow_up_3_at),
           follow_up_6_at = least(c.follow_up_6_at, excluded.follow_up_6_at)`,
        columns(rows, [
          'familyId',
          'caseNumber',
          'openedAt',
          'planAt',
          'outflowAt',
          'followUp3At',
          'followUp6At',
        ]),
      );
      // The family's copy of its latest case (the highest number that has a signal), as it now stands.
      await tx.query(
        `update ${t.so_families} f
         set case_number = c.case_number, opened_at = c.opened_at, plan_at = c.plan_at,
             outflow_at = c.outflow_at, follow_up_3_at = c.follow_up_3_at, follow_up_6_at = c.follow_up_6_at
         from (
           select distinct on (family_id) * from ${t.so_cases}
           where family_id = any($1::text[]) and opened_at is not null
           order by family_id, case_number desc
         ) c
         where f.family_id = c.family_id`,
        [[...new Set(rows.map((row) => row.familyId))]],
      );
    }
    const facts = { context, conflict: FACT_KEY.onConflict(context) };
    await insertRows(tx, t.so_mdos, MDO_COLUMNS, mdos, facts);
    await insertRows(tx, t.so_safety, SAFETY_COLUMNS, safety, facts);
    await insertRows(tx, t.so_route, ROUTE_COLUMNS, route, facts);
  },
};

/**
 * Care the iJw chain reported while no adopted plan covered it. Events stored before the iJw intake carry no
 * origin, so the facts of the read model as it stands need no rebuild.
 */
function chainOutsidePlan(data: {
  readonly origin?: unknown;
  readonly outsidePlan?: unknown;
}): boolean {
  return data.origin === 'ijw' && data.outsidePlan === true;
}
