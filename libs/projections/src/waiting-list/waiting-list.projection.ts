import { CLOSING_CONSULTATION_ADVICE } from '@samenspoor/domain';
import type { SqlQueryable } from '@samenspoor/sql';

import { columns, familyEvents } from '../events';
import type { Projection, TableNames, TablesContext } from '../projection';

type Tables = 'wl_families' | 'wl_waits' | 'wl_groups' | 'wl_open';

export type WaitStage = 'analysis' | 'plan' | 'care';

/** The events that start or end a wait, or that the waits need to know about (municipality, case number). */
const WAIT_EVENTS: ReadonlySet<string> = new Set([
  'FamilyRegistered',
  'SignalReceived',
  'ConsultationHeld',
  'ExplanatoryAnalysisStarted',
  'ExplanatoryAnalysisCompleted',
  'TreatmentPlanAdopted',
  'CareRequested',
  'CareStarted',
  'CareRequestWithdrawn',
  'OutflowRegistered',
]);

interface WaitStart {
  familyId: string;
  waitId: string;
  stage: WaitStage;
  caseNumber: number;
  careForm?: string;
  providerId?: string;
  trajectoryId?: string;
  startedMs: number;
}

/** The wait of a case for its analysis or its plan, one per case: its id is the stage and the case number. */
function caseWait(
  familyId: string,
  stage: 'analysis' | 'plan',
  caseNumber: number,
  startedMs: number,
): WaitStart {
  return { familyId, waitId: `${stage}:${caseNumber}`, stage, caseNumber, startedMs };
}

interface WaitEnd {
  familyId: string;
  waitId: string;
  endedMs: number;
  reason: string;
}

/** Which waits a statement takes again: all of them, or those of the families in its first parameter. */
type Families = 'all' | 'of $1';

/** The groups of the waits, each numbered once. */
function insertGroups(t: TableNames<Tables>, families: Families): string {
  return `insert into ${t.wl_groups} (group_id, stage, care_form, provider_id, municipality)
     select distinct hashtextextended(
              concat_ws(chr(31), stage, coalesce(care_form, chr(30)), coalesce(provider_id, chr(30)), municipality),
              0),
            stage, care_form, provider_id, municipality
     from ${t.wl_waits}${families === 'all' ? '' : ' where family_id = any($1::text[])'}
     on conflict (stage, care_form, provider_id, municipality) do nothing`;
}

/** The open waits, each with its group's number. */
function insertOpen(t: TableNames<Tables>, families: Families): string {
  return `insert into ${t.wl_open} (family_id, wait_id, group_id, started_ms)
     select w.family_id, w.wait_id, g.group_id, w.started_ms
     from ${t.wl_waits} w
     join ${t.wl_groups} g on g.stage = w.stage and g.municipality = w.municipality
       and g.care_form is not distinct from w.care_form and g.provider_id is not distinct from w.provider_id
     where ${families === 'all' ? '' : 'w.family_id = any($1::text[]) and '}w.ended_ms is null`;
}

/**
 * Waiting list (wachtlijst): every wait of a family, as an interval of business time, so that figures can be
 * computed for any moment. Three stages:
 * - analysis: from the first signal of a case to the start of its explanatory analysis;
 * - plan: from the (first) completed analysis of a case to the adoption of its plan;
 * - care: from a care request to the start of care; a withdrawn request leaves the list.
 * Waits of a case that flows out end with it; a consultation that closes the case ends its analysis wait.
 *
 * Times are kept as epoch milliseconds: whole waiting days are then an integer division, exact and cheap
 * (measured: the timestamp arithmetic alone took half of the query over 16,000 open waits). `wl_open` holds
 * the waits still open, a small table that the figures for "now" read whole, each wait as the number of its
 * group (stage, care form, provider and municipality, numbered in `wl_groups`) and its start: counting them per
 * group and day is then a hash aggregate over two integers.
 */
export const waitingListProjection: Projection<Tables> = {
  name: 'waiting-list',
  version: 5,
  // Measured share of a catch-up's time (bench:projections): see Projection.cost.
  cost: 2,
  tables: ['wl_families', 'wl_waits', 'wl_groups', 'wl_open'],

  createTables: (t) => [
    `create table ${t.wl_families} (
       family_id text primary key,
       municipality text not null,
       case_number integer not null default 0
     )`,
    `create table ${t.wl_waits} (
       family_id text not null,
       wait_id text not null,
       stage text not null,
       municipality text not null,
       case_number integer not null,
       care_form text,
       provider_id text,
       trajectory_id text,
       started_ms bigint not null,
       ended_ms bigint,
       end_reason text,
       primary key (family_id, wait_id)
     )`,
    // A group's number is a 64-bit hash of its columns, the same however the events were batched; the unique
    // constraint makes a (never seen) collision fail loudly instead of merging two groups.
    `create table ${t.wl_groups} (
       group_id bigint primary key,
       stage text not null,
       care_form text,
       provider_id text,
       municipality text not null,
       unique nulls not distinct (stage, care_form, provider_id, municipality)
     )`,
    `create table ${t.wl_open} (
       family_id text not null,
       wait_id text not null,
       group_id bigint not null,
       started_ms bigint not null,
       primary key (family_id, wait_id)
     )`,
  ],

  createIndexes: (t) => [
    `create index on ${t.wl_waits} (ended_ms)`,
    `create index on ${t.wl_waits} (stage, ended_ms)`,
    `create index on ${t.wl_waits} (stage, started_ms)`,
  ],

  // A rebuild leaves the groups and the open waits out of its pages and derives them here from the filled waits:
  // live, each batch takes them again for the families it changed (see apply).
  finishRebuild: (t) => [insertGroups(t, 'all'), insertOpen(t, 'all')],

  async apply(
    tx: SqlQueryable,
    records,
    t: TableNames<Tables>,
    context?: TablesContext,
  ): Promise<void> {
    const events = familyEvents(records).filter(({ event }) => WAIT_EVENTS.has(event.type));
    if (events.length === 0) return;

    const familyIds = [...new Set(events.map((e) => e.familyId))];
    const known = await tx.query<{ family_id: string; municipality: string; case_number: number }>(
      `select family_id, municipality, case_number from ${t.wl_families} where family_id = any($1::text[])`,
      [familyIds],
    );
    const families = new Map(
      known.map((row) => [
        row.family_id,
        { municipality: row.municipality, caseNumber: row.case_number, changed: false },
      ]),
    );
    const starts = new Map<string, WaitStart>();
    const ends = new Map<string, WaitEnd>();
    const outflows: { familyId: string; caseNumber: number; ms: number }[] = [];
    const key = (familyId: string, waitId: string) => `${familyId}/${waitId}`;
    const start = (wait: WaitStart) => {
      const existing = starts.get(key(wait.familyId, wait.waitId));
      // The analysis wait starts at the case's first signal in business time, which may be logged later.
      if (!existing) starts.set(key(wait.familyId, wait.waitId), wait);
      else if (wait.startedMs < existing.startedMs) existing.startedMs = wait.startedMs;
    };
    /** Ends a wait; of two ends of one wait in a batch, the first is kept. */
    const end = (familyId: string, waitId: string, endedMs: number, reason: string) => {
      if (!ends.has(key(familyId, waitId)))
        ends.set(key(familyId, waitId), { familyId, waitId, endedMs, reason });
    };

    for (const { familyId, event } of events) {
      const ms = Date.parse(event.data.occurredAt);
      if (Number.isNaN(ms)) continue;
      switch (event.type) {
        case 'FamilyRegistered':
          families.set(familyId, {
            municipality: event.data.municipality,
            caseNumber: 0,
            changed: true,
          });
          break;
        case 'SignalReceived': {
          const family = families.get(familyId);
          if (family && event.data.caseNumber > family.caseNumber) {
            family.caseNumber = event.data.caseNumber;
            family.changed = true;
          }
          start(caseWait(familyId, 'analysis', event.data.caseNumber, ms));
          break;
        }
        case 'ConsultationHeld': {
          // Advice for the regular route or no action closes the case: its analysis wait ends at the
          // consultation, with a reason of its own (it is not a realised wait). Running care never waits.
          const advice: string = event.data.advice;
          if (!(CLOSING_CONSULTATION_ADVICE as readonly string[]).includes(advice)) break;
          const caseNumber = families.get(familyId)?.caseNumber ?? 0;
          end(familyId, `analysis:${caseNumber}`, ms, 'consultation-closed');
          break;
        }
        case 'ExplanatoryAnalysisStarted':
          end(familyId, `analysis:${event.data.caseNumber}`, ms, 'analysis-started');
          break;
        case 'ExplanatoryAnalysisCompleted': {
          const wait = caseWait(familyId, 'plan', families.get(familyId)?.caseNumber ?? 0, ms);
          // The first completion starts the wait; an existing plan wait (ended or not) stays as it is.
          if (!starts.has(key(familyId, wait.waitId))) starts.set(key(familyId, wait.waitId), wait);
          break;
        }
        case 'TreatmentPlanAdopted':
          end(familyId, `plan:${event.data.caseNumber}`, ms, 'plan-adopted');
          break;
        case 'CareRequested':
          start({
            familyId,
            waitId: `care:${event.data.trajectoryId}`,
            stage: 'care',
            caseNumber: event.data.caseNumber,
            careForm: event.data.careForm,
            providerId: event.data.providerId,
            trajectoryId: event.data.trajectoryId,
            startedMs: ms,
          });
          break;
        case 'CareStarted':
          end(familyId, `care:${event.data.trajectoryId}`, ms, 'care-started');
          break;
        case 'CareRequestWithdrawn':
          end(familyId, `care:${event.data.trajectoryId}`, ms, 'withdrawn');
          break;
        case 'OutflowRegistered':
          outflows.push({ familyId, caseNumber: event.data.caseNumber, ms });
          break;
        default:
          break;
      }
    }

    // Only the families this batch registered or moved to a later case: the others are stored as they are.
    const familyRows = [...families]
      .filter(([, f]) => f.changed)
      .map(([familyId, f]) => ({ familyId, ...f }));
    if (familyRows.length > 0)
      await tx.query(
        `insert into ${t.wl_families} (family_id, municipality, case_number)
       select * from unnest($1::text[], $2::text[], $3::int[])
       on conflict (family_id) do update
         set case_number = greatest(${t.wl_families}.case_number, excluded.case_number)`,
        columns(familyRows, ['familyId', 'municipality', 'caseNumber']),
      );
    if (starts.size > 0) {
      await tx.query(
        `insert into ${t.wl_waits}
           (family_id, wait_id, stage, municipality, case_number, care_form, provider_id, trajectory_id, started_ms)
         select s.family_id, s.wait_id, s.stage, f.municipality, s.case_number, s.care_form, s.provider_id,
                s.trajectory_id, s.started_ms
         from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::bigint[])
           as s(family_id, wait_id, stage, case_number, care_form, provider_id, trajectory_id, started_ms)
         join ${t.wl_families} f on f.family_id = s.family_id
         on conflict (family_id, wait_id) do update
           set started_ms = least(${t.wl_waits}.started_ms, excluded.started_ms)
           where ${t.wl_waits}.stage = 'analysis'`,
        columns(
          [...starts.values()],
          [
            'familyId',
            'waitId',
            'stage',
            'caseNumber',
            'careForm',
            'providerId',
            'trajectoryId',
            'startedMs',
          ],
        ),
      );
    }
    if (ends.size > 0) {
      await tx.query(
        `update ${t.wl_waits} w set ended_ms = e.ended_ms, end_reason = e.reason
         from unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) as e(family_id, wait_id, ended_ms, reason)
         where w.family_id = e.family_id and w.wait_id = e.wait_id and w.ended_ms is null`,
        columns([...ends.values()], ['familyId', 'waitId', 'endedMs', 'reason']),
      );
    }
    if (outflows.length > 0) {
      await tx.query(
        `update ${t.wl_waits} w set ended_ms = o.ms, end_reason = 'outflow'
         from unnest($1::text[], $2::int[], $3::bigint[]) as o(family_id, case_number, ms)
         where w.family_id = o.family_id and w.case_number <= o.case_number
           and w.stage in ('analysis', 'plan') and w.ended_ms is null`,
        columns(outflows, ['familyId', 'caseNumber', 'ms']),
      );
    }
    // The open waits of the families this batch changed, taken again from their intervals (a rebuild takes them
    // all at once when it is done: finishRebuild).
    if (context?.rebuilding) return;
    const changed = [
      ...new Set(
        [...starts.values(), ...ends.values(), ...outflows].map((change) => change.familyId),
      ),
    ];
    if (changed.length > 0) {
      await tx.query(`delete from ${t.wl_open} where family_id = any($1::text[])`, [changed]);
      await tx.query(insertGroups(t, 'of $1'), [changed]);
      await tx.query(insertOpen(t, 'of $1'), [changed]);
    }
  },
};
