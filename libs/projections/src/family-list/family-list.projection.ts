import {
  completeState,
  evolve,
  initialState,
  routeStatus,
  type FamilyState,
  type RegisteredFamilyState,
} from '@samenspoor/domain';
import type { SqlQueryable } from '@samenspoor/sql';

import { columns, familyEvents } from '../events';
import { familyIdOf, storedFamilyStates, type Projection, type TableNames } from '../projection';

type Tables = 'fl_families';

interface FamilyRow {
  familyId: string;
  version: number;
  state: string;
  municipality: string | null;
  routeStatus: string;
  registeredAt: string;
  network: string;
}

interface Walked {
  state: FamilyState;
  version: number;
  /** The stored sort time, or the record time of the registration when its business time is unusable. */
  registeredAt: string | undefined;
  touched: boolean;
}

/**
 * Family list (gezinnenlijst): per family, the domain decider's state (folded with the domain's own `evolve`, so
 * that the list shows exactly what a family's page shows) and the stream version it is at, with the columns the
 * list filters and sorts on: municipality, route status, registration time and the professionals currently in
 * the family's network (a professional sees only those families).
 *
 * The state is kept as `json`, not `jsonb`: personal fields are carried as they are (later they may be
 * encrypted objects), including `\u0000` escapes that `jsonb` refuses. Events at or below the stored version are
 * skipped, so applying a batch twice changes nothing.
 */
export const familyListProjection: Projection<Tables> = {
  name: 'family-list',
  // 2: states hold the route as the region runs it (running care, measures, goal ids, not-admitted).
  version: 2,
  // Measured share of a catch-up's time (bench:projections): see Projection.cost.
  cost: 2,
  tables: ['fl_families'],

  createTables: (t) => [
    `create table ${t.fl_families} (
       family_id text primary key,
       version integer not null,
       state json not null,
       municipality text,
       route_status text not null,
       registered_at timestamptz not null,
       network text[] not null default '{}'
     )`,
  ],

  createIndexes: (t) => [
    `create index on ${t.fl_families} (registered_at desc, family_id)`,
    `create index on ${t.fl_families} (municipality, registered_at desc, family_id)`,
    `create index on ${t.fl_families} (route_status, registered_at desc, family_id)`,
    `create index on ${t.fl_families} using gin (network)`,
  ],

  async apply(tx: SqlQueryable, records, t: TableNames<Tables>): Promise<void> {
    // 1. The families of the batch, as stored.
    const known = await storedFamilyStates<FamilyState, { registered_at: Date | string }>(
      tx,
      t.fl_families,
      records,
      ['registered_at'],
    );
    if (!known) return;
    const families = new Map<string, Walked>(
      known.map((row) => [
        row.family_id,
        {
          state: completeState(row.state),
          version: Number(row.version),
          registeredAt: new Date(row.registered_at).toISOString(),
          touched: false,
        },
      ]),
    );

    // 2. Every family event folded in, in stream order; the version follows every event of the stream,
    //    those of types this code does not know included.
    const typed = new Map(familyEvents(records).map((e) => [e.record, e.event]));
    for (const record of records) {
      const familyId = familyIdOf(record);
      if (familyId === undefined) continue;
      let family = families.get(familyId);
      if (!family) {
        family = { state: initialState, version: 0, registeredAt: undefined, touched: false };
        families.set(familyId, family);
      }
      if (record.version <= family.version) continue;
      family.version = record.version;
      family.touched = true;
      const event = typed.get(record);
      if (!event) continue;
      try {
        family.state = evolve(family.state, event);
      } catch {
        // A fact the state cannot take (odd data) leaves the state as it was: the list must keep going.
      }
      if (event.type === 'FamilyRegistered' && family.registeredAt === undefined) {
        family.registeredAt = record.recordedAt.toISOString();
      }
    }

    // 3. One upsert for the registered families the batch changed.
    const rows: FamilyRow[] = [];
    for (const [familyId, family] of families) {
      if (!family.touched || family.state.status === 'unregistered') continue;
      const state = family.state;
      rows.push({
        familyId,
        version: family.version,
        state: JSON.stringify(state),
        municipality: typeof state.municipality === 'string' ? text(state.municipality) : null,
        routeStatus: statusOf(state),
        registeredAt: validTime(state.registeredAt) ?? family.registeredAt ?? epoch,
        network: JSON.stringify(professionalIds(state)),
      });
    }
    if (rows.length === 0) return;
    await tx.query(
      `insert into ${t.fl_families} (family_id, version, state, municipality, route_status, registered_at, network)
       select f.family_id, f.version, f.state::json, f.municipality, f.route_status, f.registered_at,
              array(select json_array_elements_text(f.network::json))
       from unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
         as f(family_id, version, state, municipality, route_status, registered_at, network)
       on conflict (family_id) do update
         set version = excluded.version, state = excluded.state, municipality = excluded.municipality,
             route_status = excluded.route_status, registered_at = excluded.registered_at,
             network = excluded.network
         where ${t.fl_families}.version < excluded.version`,
      columns(rows, [
        'familyId',
        'version',
        'state',
        'municipality',
        'routeStatus',
        'registeredAt',
        'network',
      ]),
    );
  },
};

const epoch = new Date(0).toISOString();

function statusOf(state: RegisteredFamilyState): string {
  try {
    return routeStatus(state);
  } catch {
    return 'registered';
  }
}

/** The ids of the professionals currently in the family's network. */
function professionalIds(state: RegisteredFamilyState): string[] {
  const network: unknown = state.network;
  if (!Array.isArray(network)) return [];
  return network.flatMap((p: unknown) => {
    const id =
      typeof p === 'object' && p !== null
        ? (p as { professionalId?: unknown }).professionalId
        : null;
    return typeof id === 'string' ? [text(id)] : [];
  });
}

function validTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1 && year <= 9999 ? new Date(ms).toISOString() : undefined;
}

/**
 * PostgreSQL text holds neither NUL characters nor (through a JSON array) lone UTF-16 surrogates; odd data must
 * not stop the read model.
 */
function text(value: string): string {
  return value.replaceAll('\u0000', '').replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
}
