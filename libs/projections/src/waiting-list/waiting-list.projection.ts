import type { SqlQueryable } from '@samenspoor/event-store';

import { columns, familyEvents } from '../events';
import type { Projection, TableNames } from '../projection';

type Tables = 'wl_families' | 'wl_waits';

export type WaitStage = 'analysis' | 'plan' | 'care';

interface WaitStart {
  familyId: string;
  waitId: string;
  stage: WaitStage;
  caseNumber: number;
  careForm?: string;
  providerId?: string;
  trajectoryId?: string;
  startedAt: string;
}

interface WaitEnd {
  familyId: string;
  waitId: string;
  endedAt: string;
  reason: string;
}

/**
 * Waiting list (wachtlijst): every wait of a family, as an interval of business time, so that figures can be
 * computed for any moment. Three stages:
 * - analysis: from the first signal of a case to the start of its explanatory analysis;
 * - plan: from the (first) completed analysis of a case to the adoption of its plan;
 * - care: from a care request to the start of care; a withdrawn request leaves the list.
 * Waits of a case that flows out end with it.
 */
export const waitingListProjection: Projection<Tables> = {
  name: 'waiting-list',
  version: 1,
  tables: ['wl_families', 'wl_waits'],

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
       started_at timestamptz not null,
       ended_at timestamptz,
       end_reason text,
       primary key (family_id, wait_id)
     )`,
    `create index on ${t.wl_waits} (stage, started_at) where ended_at is null`,
    `create index on ${t.wl_waits} (stage, ended_at)`,
    `create index on ${t.wl_waits} (stage, started_at)`,
  ],

  async apply(tx: SqlQueryable, records, t: TableNames<Tables>): Promise<void> {
    const events = familyEvents(records);
    if (events.length === 0) return;

    const familyIds = [...new Set(events.map((e) => e.familyId))];
    const known = await tx.query<{ family_id: string; municipality: string; case_number: number }>(
      `select family_id, municipality, case_number from ${t.wl_families} where family_id = any($1::text[])`,
      [familyIds],
    );
    const families = new Map(
      known.map((row) => [
        row.family_id,
        { municipality: row.municipality, caseNumber: row.case_number },
      ]),
    );
    const starts = new Map<string, WaitStart>();
    const ends = new Map<string, WaitEnd>();
    const outflows: { familyId: string; caseNumber: number; at: string }[] = [];
    const key = (familyId: string, waitId: string) => `${familyId}/${waitId}`;
    const start = (wait: WaitStart) => {
      const existing = starts.get(key(wait.familyId, wait.waitId));
      // The analysis wait starts at the case's first signal in business time, which may be logged later.
      if (!existing) starts.set(key(wait.familyId, wait.waitId), wait);
      else if (wait.startedAt < existing.startedAt) existing.startedAt = wait.startedAt;
    };
    const end = (wait: WaitEnd) => {
      if (!ends.has(key(wait.familyId, wait.waitId)))
        ends.set(key(wait.familyId, wait.waitId), wait);
    };

    for (const { familyId, event } of events) {
      const at = event.data.occurredAt;
      switch (event.type) {
        case 'FamilyRegistered':
          families.set(familyId, { municipality: event.data.municipality, caseNumber: 0 });
          break;
        case 'SignalReceived': {
          const family = families.get(familyId);
          if (family) family.caseNumber = Math.max(family.caseNumber, event.data.caseNumber);
          start({
            familyId,
            waitId: `analysis:${event.data.caseNumber}`,
            stage: 'analysis',
            caseNumber: event.data.caseNumber,
            startedAt: at,
          });
          break;
        }
        case 'ExplanatoryAnalysisStarted':
          end({
            familyId,
            waitId: `analysis:${event.data.caseNumber}`,
            endedAt: at,
            reason: 'analysis-started',
          });
          break;
        case 'ExplanatoryAnalysisCompleted': {
          const caseNumber = families.get(familyId)?.caseNumber ?? 0;
          if (!starts.has(key(familyId, `plan:${caseNumber}`))) {
            starts.set(key(familyId, `plan:${caseNumber}`), {
              familyId,
              waitId: `plan:${caseNumber}`,
              stage: 'plan',
              caseNumber,
              startedAt: at,
            });
          }
          break;
        }
        case 'TreatmentPlanAdopted':
          end({
            familyId,
            waitId: `plan:${event.data.caseNumber}`,
            endedAt: at,
            reason: 'plan-adopted',
          });
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
            startedAt: at,
          });
          break;
        case 'CareStarted':
          end({
            familyId,
            waitId: `care:${event.data.trajectoryId}`,
            endedAt: at,
            reason: 'care-started',
          });
          break;
        case 'CareRequestWithdrawn':
          end({
            familyId,
            waitId: `care:${event.data.trajectoryId}`,
            endedAt: at,
            reason: 'withdrawn',
          });
          break;
        case 'OutflowRegistered':
          outflows.push({ familyId, caseNumber: event.data.caseNumber, at });
          break;
        default:
          break;
      }
    }

    const familyRows = [...families].map(([familyId, f]) => ({ familyId, ...f }));
    await tx.query(
      `insert into ${t.wl_families} (family_id, municipality, case_number)
       select * from unnest($1::text[], $2::text[], $3::int[])
       on conflict (family_id) do update set case_number = greatest(${t.wl_families}.case_number, excluded.case_number)`,
      columns(familyRows, ['familyId', 'municipality', 'caseNumber']),
    );
    if (starts.size > 0) {
      const rows = [...starts.values()];
      await tx.query(
        `insert into ${t.wl_waits} (family_id, wait_id, stage, municipality, case_number, care_form, provider_id, trajectory_id, started_at)
         select s.family_id, s.wait_id, s.stage, f.municipality, s.case_number, s.care_form, s.provider_id, s.trajectory_id, s.started_at
         from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
           as s(family_id, wait_id, stage, case_number, care_form, provider_id, trajectory_id, started_at)
         join ${t.wl_families} f on f.family_id = s.family_id
         on conflict (family_id, wait_id) do update
           set started_at = least(${t.wl_waits}.started_at, excluded.started_at)
           where ${t.wl_waits}.stage = 'analysis'`,
        columns(rows, [
          'familyId',
          'waitId',
          'stage',
          'caseNumber',
          'careForm',
          'providerId',
          'trajectoryId',
          'startedAt',
        ]),
      );
    }
    if (ends.size > 0) {
      const rows = [...ends.values()];
      await tx.query(
        `update ${t.wl_waits} w set ended_at = e.ended_at, end_reason = e.reason
         from unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) as e(family_id, wait_id, ended_at, reason)
         where w.family_id = e.family_id and w.wait_id = e.wait_id and w.ended_at is null`,
        columns(rows, ['familyId', 'waitId', 'endedAt', 'reason']),
      );
    }
    if (outflows.length > 0) {
      await tx.query(
        `update ${t.wl_waits} w set ended_at = o.at, end_reason = 'outflow'
         from unnest($1::text[], $2::int[], $3::timestamptz[]) as o(family_id, case_number, at)
         where w.family_id = o.family_id and w.case_number <= o.case_number
           and w.stage in ('analysis', 'plan') and w.ended_at is null`,
        columns(outflows, ['familyId', 'caseNumber', 'at']),
      );
    }
  },
};
