import { UNKNOWN_CASE } from '@samenspoor/domain';
import type { SqlQueryable } from '@samenspoor/sql';

import { columns, familyEvents, parseTime, withinIsoYears } from '../events';
import { ReplayKey, type Projection, type TableNames, type TablesContext } from '../projection';

type Tables = 'of_families' | 'of_outflows' | 'of_follow_ups' | 'of_reentries';

/** One fact of a family's stream, keyed by its place in the stream so that a replay changes nothing. */
interface Fact {
  familyId: string;
  version: number;
  /** The case the fact belongs to: the case that flowed out, was followed up, or was reopened. */
  caseNumber: number | null;
  at: string;
}

/** Outflows, follow-ups and re-entries: a row per event (see ReplayKey). */
const FACT_KEY = new ReplayKey('family_id, version');

/**
 * Outflow and follow-up (uitstroom en nazorg, "niet loslaten"): every outflow, every follow-up after one and every
 * re-entry (a signal that reopens the case after an outflow: the revolving door), each as a moment of business
 * time with the family's municipality, so that figures can be computed for any period.
 *
 * Facts are linked by case number, as the decider links them: a follow-up carries the case that flowed out, and a
 * re-entry opens case n + 1 after the outflow of case n. Rows are keyed by (family, stream version): replaying an
 * event changes nothing. Odd data is kept where it can be (a missing case number or destination is stored as
 * null); an event whose business time cannot be read is left out, as it cannot be placed in any period.
 */
export const outflowProjection: Projection<Tables> = {
  name: 'outflow',
  version: 1,
  // Measured share of a catch-up's time (bench:projections): see Projection.cost.
  cost: 0.5,
  tables: ['of_families', 'of_outflows', 'of_follow_ups', 'of_reentries'],

  createTables: (t, context) => [
    `create table ${t.of_families} (
       family_id text primary key,
       municipality text not null
     )`,
    `create table ${t.of_outflows} (
       family_id text not null,
       version bigint not null,
       case_number integer,
       municipality text,
       destination text,
       outflowed_at timestamptz not null${FACT_KEY.declared(context)}
     )`,
    `create table ${t.of_follow_ups} (
       family_id text not null,
       version bigint not null,
       case_number integer,
       months_after_outflow integer,
       municipality text,
       recorded_at timestamptz not null${FACT_KEY.declared(context)}
     )`,
    `create table ${t.of_reentries} (
       family_id text not null,
       version bigint not null,
       case_number integer,
       municipality text,
       signalled_at timestamptz not null${FACT_KEY.declared(context)}
     )`,
  ],

  createIndexes: (t, context) => [
    ...FACT_KEY.added(t.of_outflows, context),
    ...FACT_KEY.added(t.of_follow_ups, context),
    ...FACT_KEY.added(t.of_reentries, context),
    `create index on ${t.of_outflows} (outflowed_at)`,
    `create index on ${t.of_outflows} (family_id, case_number)`,
    `create index on ${t.of_follow_ups} (recorded_at)`,
    `create index on ${t.of_follow_ups} (family_id, case_number, months_after_outflow)`,
    `create index on ${t.of_reentries} (signalled_at)`,
    `create index on ${t.of_reentries} (family_id, case_number)`,
  ],

  async apply(
    tx: SqlQueryable,
    records,
    t: TableNames<Tables>,
    context?: TablesContext,
  ): Promise<void> {
    const events = familyEvents(records);
    if (events.length === 0) return;

    const families: { familyId: string; municipality: string }[] = [];
    const outflows: (Fact & { destination: string | null })[] = [];
    const followUps: (Fact & { months: number | null })[] = [];
    const reentries: Fact[] = [];

    for (const { familyId, event, record } of events) {
      if (event.type === 'FamilyRegistered') {
        if (typeof event.data.municipality === 'string')
          families.push({ familyId, municipality: event.data.municipality });
        continue;
      }
      const at = businessTime(event.data.occurredAt);
      if (at === undefined) continue;
      const fact = { familyId, version: record.version, at };
      // Every other event type leaves the read model as it is.
      if (event.type === 'OutflowRegistered') {
        outflows.push({
          ...fact,
          caseNumber: caseNumberOrNull(event.data.caseNumber),
          destination: typeof event.data.destination === 'string' ? event.data.destination : null,
        });
      } else if (event.type === 'FollowUpRecorded') {
        followUps.push({
          ...fact,
          caseNumber: caseNumberOrNull(event.data.caseNumber),
          months: integerOrNull(event.data.monthsAfterOutflow),
        });
      } else if (event.type === 'SignalReceived' && event.data.reentry === true) {
        reentries.push({ ...fact, caseNumber: caseNumberOrNull(event.data.caseNumber) });
      }
    }

    // Families first, so that the facts of a family registered in this batch find its municipality.
    if (families.length > 0) {
      await tx.query(
        `insert into ${t.of_families} (family_id, municipality)
         select * from unnest($1::text[], $2::text[])
         on conflict (family_id) do nothing`,
        columns(families, ['familyId', 'municipality']),
      );
    }
    await insertFacts(tx, t, context, 'of_outflows', outflows, 'outflowed_at', [
      { field: 'destination', column: 'destination', type: 'text' },
    ]);
    await insertFacts(tx, t, context, 'of_follow_ups', followUps, 'recorded_at', [
      { field: 'months', column: 'months_after_outflow', type: 'int' },
    ]);
    await insertFacts(tx, t, context, 'of_reentries', reentries, 'signalled_at');
  },
};

/**
 * Inserts facts into their table, each with its family's municipality (null while the family is not known).
 * `extra` are the table's columns between the case number and the moment (`timeColumn`), each with the fact's
 * field and the SQL type that fill it.
 */
async function insertFacts<F extends Fact>(
  tx: SqlQueryable,
  t: TableNames<Tables>,
  context: TablesContext | undefined,
  table: Exclude<Tables, 'of_families'>,
  facts: readonly F[],
  timeColumn: string,
  extra: readonly { field: keyof F & string; column: string; type: string }[] = [],
): Promise<void> {
  if (facts.length === 0) return;
  const names = ['family_id', 'version', 'case_number', ...extra.map((e) => e.column), timeColumn];
  const types = ['text', 'bigint', 'int', ...extra.map((e) => e.type), 'timestamptz'];
  await tx.query(
    `insert into ${t[table]} (${names.join(', ')}, municipality)
     select ${names.map((name) => `x.${name}`).join(', ')}, f.municipality
     from unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')}) as x(${names.join(', ')})
     left join ${t.of_families} f on f.family_id = x.family_id
     ${FACT_KEY.onConflict(context)}`,
    columns(facts, ['familyId', 'version', 'caseNumber', ...extra.map((e) => e.field), 'at']),
  );
}

/** The business time as an ISO UTC string, or undefined when it is not a readable moment (years 1 to 9999). */
function businessTime(value: unknown): string | undefined {
  const parsed = parseTime(value);
  return parsed && withinIsoYears(parsed.ms) ? parsed.iso : undefined;
}

/** A case number as stored: none (null) for an event stored without one. */
function caseNumberOrNull(value: unknown): number | null {
  return value === UNKNOWN_CASE ? null : integerOrNull(value);
}

/** An integer that fits an `integer` column, or null. */
function integerOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 2_147_483_647
    ? value
    : null;
}
