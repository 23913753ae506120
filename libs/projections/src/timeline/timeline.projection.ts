import type { EventRecord, JsonObject } from '@samenspoor/event-store';
import type { SqlQueryable } from '@samenspoor/sql';

import { columns, insertRows, parseTime, withinIsoYears, type RowColumn } from '../events';
import {
  familyIdOf,
  ReplayKey,
  type Projection,
  type TableNames,
  type TablesContext,
} from '../projection';
import { timelineSummary, type TrajectoryFacts } from './timeline.summaries';

type Tables = 'tl_entries' | 'tl_trajectories';

/** An entry per event (see ReplayKey). */
const ENTRY_KEY = new ReplayKey('family_id, version');

/** One entry, keyed as the columns it fills. */
interface EntryRow {
  family_id: string;
  version: number;
  position: string;
  type: string;
  occurred_at: string;
  recorded_at: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_organisation: string | null;
  workstream: string | null;
  summary: string;
  data: JsonObject;
}

interface TrajectoryRow extends TrajectoryFacts {
  familyId: string;
  trajectoryId: string;
}

/**
 * Family timeline (tijdlijn): every event of a family's stream, in stream order, readable by a person: its type,
 * business time (`occurredAt`) and system time (`recordedAt`), who recorded it (the actor of the metadata), a
 * one-line summary built from anonymous facts only (timeline.summaries.ts) and the event data exactly as stored.
 * Events of types this code does not know are kept too, with their type as summary.
 *
 * Data is kept as `json`, not `jsonb`: the text as the store holds it, including `\u0000` escapes that `jsonb`
 * refuses. The care form and provider of each trajectory are kept aside, so that a start, end or withdrawal can
 * say which care it was about.
 */
export const timelineProjection: Projection<Tables> = {
  name: 'timeline',
  version: 1,
  // Measured share of a catch-up's time (bench:projections): see Projection.cost.
  cost: 6,
  tables: ['tl_entries', 'tl_trajectories'],

  // A rebuild fills its entries without the key, and adds it once they are in (see TablesContext): measured on
  // 202k entries, 1.0 s of the server's time instead of 1.6-2.0 s with the key and `on conflict`.
  createTables: (t, context) => [
    `create table ${t.tl_entries} (
       family_id text not null,
       version integer not null,
       position text not null,
       type text not null,
       occurred_at timestamptz not null,
       recorded_at timestamptz not null,
       actor_id text,
       actor_role text,
       actor_organisation text,
       workstream text,
       summary text not null,
       data json not null${ENTRY_KEY.declared(context)}
     )`,
    `create table ${t.tl_trajectories} (
       family_id text not null,
       trajectory_id text not null,
       care_form text,
       provider_id text,
       primary key (family_id, trajectory_id)
     )`,
  ],

  createIndexes: (t, context) => ENTRY_KEY.added(t.tl_entries, context),

  async apply(
    tx: SqlQueryable,
    records,
    t: TableNames<Tables>,
    context?: TablesContext,
  ): Promise<void> {
    const events = records.flatMap((record) => {
      const familyId = familyIdOf(record);
      return familyId === undefined ? [] : [{ familyId: text(familyId), record }];
    });
    if (events.length === 0) return;

    // 1. The trajectories this batch requests, and those it refers to that earlier batches requested.
    const key = (familyId: string, trajectoryId: string) => `${familyId}/${trajectoryId}`;
    const trajectories = new Map<string, TrajectoryRow>();
    const referred = new Map<string, { familyId: string; trajectoryId: string }>();
    for (const { familyId, record } of events) {
      const trajectoryId = record.data.trajectoryId;
      if (typeof trajectoryId !== 'string') continue;
      const id = text(trajectoryId);
      if (record.type === 'CareRequested' || record.type === 'RunningCareRecorded') {
        if (!trajectories.has(key(familyId, id))) {
          trajectories.set(key(familyId, id), {
            familyId,
            trajectoryId: id,
            careForm: stringOrNull(record.data.careForm) ?? '',
            providerId: stringOrNull(record.data.providerId) ?? '',
          });
        }
      } else if (!trajectories.has(key(familyId, id))) {
        referred.set(key(familyId, id), { familyId, trajectoryId: id });
      }
    }
    const requested = [...trajectories.values()];
    if (referred.size > 0) {
      const known = await tx.query<{
        family_id: string;
        trajectory_id: string;
        care_form: string | null;
        provider_id: string | null;
      }>(
        `select x.family_id, x.trajectory_id, x.care_form, x.provider_id
         from ${t.tl_trajectories} x
         join unnest($1::text[], $2::text[]) as r(family_id, trajectory_id)
           on r.family_id = x.family_id and r.trajectory_id = x.trajectory_id`,
        columns([...referred.values()], ['familyId', 'trajectoryId']),
      );
      for (const row of known) {
        if (trajectories.has(key(row.family_id, row.trajectory_id))) continue;
        trajectories.set(key(row.family_id, row.trajectory_id), {
          familyId: row.family_id,
          trajectoryId: row.trajectory_id,
          careForm: row.care_form ?? '',
          providerId: row.provider_id ?? '',
        });
      }
    }

    // 2. One entry per event.
    const rows: EntryRow[] = events.map(({ familyId, record }) => {
      const trajectoryId = record.data.trajectoryId;
      const trajectory =
        typeof trajectoryId === 'string'
          ? trajectories.get(key(familyId, text(trajectoryId)))
          : undefined;
      const actor = record.metadata.actor;
      return {
        family_id: familyId,
        version: record.version,
        position: record.position,
        type: text(record.type),
        occurred_at: businessTime(record),
        recorded_at: record.recordedAt.toISOString(),
        actor_id: stringOrNull(field(actor, 'id')),
        actor_role: stringOrNull(field(actor, 'role')),
        actor_organisation: stringOrNull(field(actor, 'organisation')),
        workstream: record.type === 'ProgressNoted' ? stringOrNull(record.data.workstream) : null,
        summary: text(timelineSummary(record.type, record.data, trajectory)),
        data: record.data,
      };
    });

    // 3. Written set-based; an entry already there (a replay) is left as it is (see insertRows).
    await insertRows(tx, t.tl_entries, ENTRY_COLUMNS, rows, {
      context,
      conflict: ENTRY_KEY.onConflict(context),
      insert: () => insertEntries(tx, t.tl_entries, rows, context),
    });
    if (requested.length > 0) {
      await tx.query(
        `insert into ${t.tl_trajectories} (family_id, trajectory_id, care_form, provider_id)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])
         on conflict (family_id, trajectory_id) do nothing`,
        columns(requested, ['familyId', 'trajectoryId', 'careForm', 'providerId']),
      );
    }
  },
};

/** The columns of an entry. */
const ENTRY_COLUMNS: readonly RowColumn<EntryRow>[] = [
  { name: 'family_id', type: 'text', field: 'family_id' },
  { name: 'version', type: 'int', field: 'version' },
  { name: 'position', type: 'text', field: 'position' },
  { name: 'type', type: 'text', field: 'type' },
  { name: 'occurred_at', type: 'timestamptz', field: 'occurred_at' },
  { name: 'recorded_at', type: 'timestamptz', field: 'recorded_at' },
  { name: 'actor_id', type: 'text', field: 'actor_id' },
  { name: 'actor_role', type: 'text', field: 'actor_role' },
  { name: 'actor_organisation', type: 'text', field: 'actor_organisation' },
  { name: 'workstream', type: 'text', field: 'workstream' },
  { name: 'summary', type: 'text', field: 'summary' },
  { name: 'data', type: 'json', field: 'data' },
];

/**
 * Inserts entries with `on conflict`, set-based. The event data travels as one JSON array, serialised once and not
 * escaped again as elements of an SQL array; `json_array_elements` hands each element on as its text, `\u0000`
 * escapes included.
 */
async function insertEntries(
  tx: SqlQueryable,
  table: string,
  rows: readonly EntryRow[],
  context: TablesContext | undefined,
): Promise<void> {
  const values = ENTRY_COLUMNS.filter((column) => column.field !== 'data');
  await tx.query(
    `insert into ${table} (${values.map((column) => column.name).join(', ')}, data)
     select ${values.map((column) => `e.${column.name}`).join(', ')}, d.data
     from unnest(${values.map((column, i) => `$${i + 1}::${column.type}[]`).join(', ')}) with ordinality
       as e(${values.map((column) => column.name).join(', ')}, n)
     join json_array_elements($${values.length + 1}::json) with ordinality as d(data, n) on d.n = e.n
     ${ENTRY_KEY.onConflict(context)}`,
    [
      ...columns(
        rows,
        values.map((column) => column.field),
      ),
      JSON.stringify(rows.map((row) => row.data)),
    ],
  );
}

/**
 * The business time of an event: its `occurredAt`, else the one of its metadata, else when it was recorded;
 * normalised to ISO-8601 UTC, and only within the years PostgreSQL and ISO strings share.
 */
function businessTime(record: EventRecord): string {
  for (const candidate of [record.data.occurredAt, record.metadata.occurredAt]) {
    const parsed = parseTime(candidate);
    if (parsed && withinIsoYears(parsed.ms)) return parsed.iso;
  }
  return record.recordedAt.toISOString();
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? text(value) : null;
}

/** PostgreSQL text cannot hold NUL characters; odd data must not stop the read model. */
function text(value: string): string {
  return value.replaceAll('\u0000', '');
}
