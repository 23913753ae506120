import type { SqlQueryable } from '@samenspoor/sql';

import { columns, familyEvents, insertRows, parseTime, type RowColumn } from '../events';
import type { Projection, TableNames, TablesContext } from '../projection';

export type StackingTables =
  'st_families' | 'st_route' | 'st_trajectories' | 'st_network' | 'st_current' | 'st_current_cells';

interface FamilyRow {
  familyId: string;
  municipality: string;
  registeredAt: string;
}

/**
 * An event that opens an interval (the family enters the route) or closes the latest one opened before it in the
 * stream (outflow), by its stream version.
 */
interface RouteChange {
  familyId: string;
  version: number;
  at: string;
}

const ROUTE_COLUMNS: readonly RowColumn<RouteChange>[] = [
  { name: 'family_id', type: 'text', field: 'familyId' },
  { name: 'opened_version', type: 'int', field: 'version' },
  { name: 'entered_at', type: 'timestamptz', field: 'at' },
];

const NETWORK_COLUMNS: readonly RowColumn<NetworkChange>[] = [
  { name: 'family_id', type: 'text', field: 'familyId' },
  { name: 'joined_version', type: 'int', field: 'version' },
  { name: 'professional_id', type: 'text', field: 'professionalId' },
  { name: 'joined_at', type: 'timestamptz', field: 'at' },
];

/** The same for a professional's membership of the network: joining opens one, leaving closes it. */
interface NetworkChange extends RouteChange {
  professionalId: string;
}

interface TrajectoryRequest {
  familyId: string;
  trajectoryId: string;
  careForm: string;
  providerId: string;
  requestedAt: string;
}

interface TrajectoryChange {
  familyId: string;
  trajectoryId: string;
  startedAt: string | null;
  endedAt: string | null;
  withdrawnAt: string | null;
}

/**
 * Stacking of care (stapeling van zorg): per family the care trajectories that run, the providers and care forms
 * among them and the professionals around the family, so that families with too much at once are seen.
 *
 * Kept twice, for the two ways it is asked:
 * - as intervals of business time, for any `asOf`: `st_route` (on the HSJ-MCP route: from registration, or from the
 *   signal that reopens the case after an outflow, to the outflow), `st_trajectories` (active from `CareStarted` to
 *   `CareEnded`; requested and withdrawn trajectories never count) and `st_network` (one interval per membership:
 *   a professional who leaves and rejoins has two);
 * - as the current counts per family (`st_current`: what holds once every known event has happened, i.e. the open
 *   intervals) and their joint distribution per municipality (`st_current_cells`: how many families on the route
 *   have each combination of counts), recomputed set-based from the intervals for the families whose counts a
 *   batch may change. The figures "now" read a few hundred cells instead of every family.
 *
 * Intervals are keyed by the stream version of the event that opened them, and an outflow or a leave closes the
 * latest one opened before it in the stream (business times may be logged out of order). Every write is keyed
 * and conditional, so applying an event a second time changes nothing. Events that cannot change the figures
 * (progress notes, MDOs, …) cost nothing.
 */
export const stackingProjection: Projection<StackingTables> = {
  name: 'stacking',
  version: 2,
  // Measured share of a catch-up's time (bench:projections): see Projection.cost.
  cost: 2,
  tables: [
    'st_families',
    'st_route',
    'st_trajectories',
    'st_network',
    'st_current',
    'st_current_cells',
  ],

  createTables: (t) => [
    `create table ${t.st_families} (
       family_id text primary key,
       municipality text not null,
       registered_at timestamptz not null
     )`,
    `create table ${t.st_route} (
       family_id text not null,
       opened_version integer not null,
       entered_at timestamptz not null,
       left_at timestamptz,
       primary key (family_id, opened_version)
     )`,
    `create table ${t.st_trajectories} (
       family_id text not null,
       trajectory_id text not null,
       care_form text not null,
       provider_id text not null,
       requested_at timestamptz not null,
       started_at timestamptz,
       ended_at timestamptz,
       withdrawn_at timestamptz,
       primary key (family_id, trajectory_id)
     )`,
    `create table ${t.st_network} (
       family_id text not null,
       joined_version integer not null,
       professional_id text not null,
       joined_at timestamptz not null,
       left_at timestamptz,
       primary key (family_id, joined_version)
     )`,
    `create table ${t.st_current} (
       family_id text primary key,
       municipality text not null,
       on_route boolean not null,
       active_trajectories integer not null,
       distinct_providers integer not null,
       distinct_care_forms integer not null,
       network_size integer not null
     )`,
    `create table ${t.st_current_cells} (
       municipality text not null,
       active_trajectories integer not null,
       distinct_providers integer not null,
       distinct_care_forms integer not null,
       network_size integer not null,
       families integer not null,
       primary key (municipality, active_trajectories, distinct_providers, distinct_care_forms, network_size)
     )`,
  ],

  createIndexes: (t) => [
    // One per threshold, so that the flagged families are found by a bitmap OR of three small range scans.
    `create index on ${t.st_current} (active_trajectories) where on_route`,
    `create index on ${t.st_current} (distinct_providers) where on_route`,
    `create index on ${t.st_current} (network_size) where on_route`,
  ],

  async apply(
    tx: SqlQueryable,
    records,
    t: TableNames<StackingTables>,
    context?: TablesContext,
  ): Promise<void> {
    // 1. Turn the events into rows: new families, intervals opened and closed, trajectory steps.
    const families: FamilyRow[] = [];
    const routeOpenings: RouteChange[] = [];
    const routeClosings: RouteChange[] = [];
    const joins: NetworkChange[] = [];
    const leaves: NetworkChange[] = [];
    const requests: TrajectoryRequest[] = [];
    const changes = new Map<string, TrajectoryChange>();
    /** Families whose current counts the batch may change. */
    const touched = new Set<string>();

    const change = (familyId: string, trajectoryId: string): TrajectoryChange => {
      const key = `${familyId}/${trajectoryId}`;
      let found = changes.get(key);
      if (!found) {
        found = { familyId, trajectoryId, startedAt: null, endedAt: null, withdrawnAt: null };
        changes.set(key, found);
      }
      return found;
    };

    for (const { familyId, event, record } of familyEvents(records)) {
      // Odd data must not stop the read model: an event without a readable business time is left out.
      const at = businessTime(event.data.occurredAt);
      if (at === undefined) continue;
      const version = record.version;
      switch (event.type) {
        case 'FamilyRegistered':
          families.push({
            familyId,
            municipality: text(event.data.municipality),
            registeredAt: at,
          });
          routeOpenings.push({ familyId, version, at });
          touched.add(familyId);
          break;
        case 'SignalReceived':
          // A signal after outflow reopens the case (the decider marks it): the family is on the route again.
          if (event.data.reentry === true) {
            routeOpenings.push({ familyId, version, at });
            touched.add(familyId);
          }
          break;
        case 'OutflowRegistered':
          routeClosings.push({ familyId, version, at });
          touched.add(familyId);
          break;
        case 'ProfessionalJoinedNetwork':
          joins.push({ familyId, version, professionalId: text(event.data.professionalId), at });
          touched.add(familyId);
          break;
        case 'ProfessionalLeftNetwork':
          leaves.push({ familyId, version, professionalId: text(event.data.professionalId), at });
          touched.add(familyId);
          break;
        case 'CareRequested':
          requests.push(requested(familyId, event.data, at));
          break;
        case 'RunningCareRecorded': {
          // Care that already runs: no request, no wait; it counts from its startedAt (api.md).
          const startedAt = businessTime(event.data.startedAt) ?? at;
          requests.push(requested(familyId, event.data, startedAt));
          change(familyId, text(event.data.trajectoryId)).startedAt ??= startedAt;
          touched.add(familyId);
          break;
        }
        case 'CareStarted':
          change(familyId, text(event.data.trajectoryId)).startedAt ??= at;
          touched.add(familyId);
          break;
        // Care that goes on after the outflow leaves stacking at the hand-over (a later end changes nothing).
        case 'CareHandedOver':
        case 'CareEnded':
          change(familyId, text(event.data.trajectoryId)).endedAt ??= at;
          touched.add(familyId);
          break;
        case 'CareRequestWithdrawn':
          change(familyId, text(event.data.trajectoryId)).withdrawnAt ??= at;
          break;
        default:
          break;
      }
    }

    // 2. Write the facts, set-based: first what opens, then what closes (which may close what just opened).
    if (families.length > 0) {
      await tx.query(
        `insert into ${t.st_families} (family_id, municipality, registered_at)
         select * from unnest($1::text[], $2::text[], $3::timestamptz[])
         on conflict (family_id) do nothing`,
        columns(families, ['familyId', 'municipality', 'registeredAt']),
      );
    }
    // Keyed by their event's version (see insertRows).
    const byEvent = {
      context,
      conflict: 'on conflict (family_id, opened_version) do nothing',
    };
    await insertRows(tx, t.st_route, ROUTE_COLUMNS, routeOpenings, byEvent);
    await insertRows(tx, t.st_network, NETWORK_COLUMNS, joins, {
      ...byEvent,
      conflict: 'on conflict (family_id, joined_version) do nothing',
    });
    if (requests.length > 0) {
      await tx.query(
        `insert into ${t.st_trajectories} (family_id, trajectory_id, care_form, provider_id, requested_at)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
         on conflict (family_id, trajectory_id) do nothing`,
        columns(requests, ['familyId', 'trajectoryId', 'careForm', 'providerId', 'requestedAt']),
      );
    }
    if (routeClosings.length > 0) {
      // An outflow closes the route interval opened last before it in the stream, if still open.
      await tx.query(
        `update ${t.st_route} r set left_at = c.left_at
         from (
           select o.family_id, latest.opened_version, min(o.at) as left_at
           from unnest($1::text[], $2::int[], $3::timestamptz[]) as o(family_id, version, at)
           cross join lateral (
             select max(x.opened_version) as opened_version from ${t.st_route} x
             where x.family_id = o.family_id and x.opened_version < o.version
           ) latest
           group by o.family_id, latest.opened_version
         ) c
         where r.family_id = c.family_id and r.opened_version = c.opened_version and r.left_at is null`,
        columns(routeClosings, ['familyId', 'version', 'at']),
      );
    }
    if (leaves.length > 0) {
      // A professional leaving closes their membership opened last before it in the stream, if still open.
      await tx.query(
        `update ${t.st_network} n set left_at = c.left_at
         from (
           select l.family_id, latest.joined_version, min(l.at) as left_at
           from unnest($1::text[], $2::int[], $3::text[], $4::timestamptz[])
             as l(family_id, version, professional_id, at)
           cross join lateral (
             select max(x.joined_version) as joined_version from ${t.st_network} x
             where x.family_id = l.family_id and x.professional_id = l.professional_id
               and x.joined_version < l.version
           ) latest
           group by l.family_id, latest.joined_version
         ) c
         where n.family_id = c.family_id and n.joined_version = c.joined_version and n.left_at is null`,
        columns(leaves, ['familyId', 'version', 'professionalId', 'at']),
      );
    }
    if (changes.size > 0) {
      // A trajectory moves once through each state: the first time recorded stays.
      await tx.query(
        `update ${t.st_trajectories} x
         set started_at = coalesce(x.started_at, c.started_at),
             ended_at = coalesce(x.ended_at, c.ended_at),
             withdrawn_at = coalesce(x.withdrawn_at, c.withdrawn_at)
         from unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[])
           as c(family_id, trajectory_id, started_at, ended_at, withdrawn_at)
         where x.family_id = c.family_id and x.trajectory_id = c.trajectory_id`,
        columns(
          [...changes.values()],
          ['familyId', 'trajectoryId', 'startedAt', 'endedAt', 'withdrawnAt'],
        ),
      );
    }
    if (touched.size === 0) return;

    // 3. The touched families' current counts (their open intervals) and the change these make to the cells: the
    //    old cell loses the family, the new cell gains it. One statement, in which every part reads the tables as
    //    they were before it (so `old` sees the counts before the upsert). Cells that drop to 0 families are
    //    removed afterwards, so that the table is the same however the events were batched.
    await tx.query(
      `with touched as (select distinct unnest($1::text[]) as family_id),
       old as (
         select c.municipality, c.active_trajectories, c.distinct_providers, c.distinct_care_forms, c.network_size
         from touched u
         cross join lateral (
           select * from ${t.st_current} x where x.family_id = u.family_id and x.on_route limit 1
         ) c
       ),
       fresh as (
         select f.family_id, f.municipality, rt.on_route,
                tr.active_trajectories, tr.distinct_providers, tr.distinct_care_forms, nw.network_size
         from touched u
         -- Lateral subqueries (the limit keeps the planner from turning them into joins), so that every lookup
         -- reads only the touched family's rows through the primary key, however many families there are.
         cross join lateral (
           select x.family_id, x.municipality from ${t.st_families} x where x.family_id = u.family_id limit 1
         ) f
         cross join lateral (
           select count(*) > 0 as on_route
           from ${t.st_route} r
           where r.family_id = u.family_id and r.left_at is null
         ) rt
         cross join lateral (
           select count(*)::int as active_trajectories,
                  count(distinct x.provider_id)::int as distinct_providers,
                  count(distinct x.care_form)::int as distinct_care_forms
           from ${t.st_trajectories} x
           where x.family_id = u.family_id and x.started_at is not null and x.ended_at is null
         ) tr
         cross join lateral (
           select count(distinct n.professional_id)::int as network_size
           from ${t.st_network} n
           where n.family_id = u.family_id and n.left_at is null
         ) nw
       ),
       saved as (
         insert into ${t.st_current} (family_id, municipality, on_route, active_trajectories,
                                      distinct_providers, distinct_care_forms, network_size)
         select family_id, municipality, on_route, active_trajectories, distinct_providers,
                distinct_care_forms, network_size
         from fresh
         on conflict (family_id) do update set
           municipality = excluded.municipality,
           on_route = excluded.on_route,
           active_trajectories = excluded.active_trajectories,
           distinct_providers = excluded.distinct_providers,
           distinct_care_forms = excluded.distinct_care_forms,
           network_size = excluded.network_size
       ),
       delta as (
         select municipality, active_trajectories, distinct_providers, distinct_care_forms, network_size,
                sum(d)::int as families
         from (
           select old.*, -1 as d from old
           union all
           select municipality, active_trajectories, distinct_providers, distinct_care_forms, network_size, 1
           from fresh where on_route
         ) moves
         group by municipality, active_trajectories, distinct_providers, distinct_care_forms, network_size
         having sum(d) <> 0
       )
       insert into ${t.st_current_cells} (municipality, active_trajectories, distinct_providers,
                                          distinct_care_forms, network_size, families)
       select * from delta
       on conflict (municipality, active_trajectories, distinct_providers, distinct_care_forms, network_size)
       do update set families = ${t.st_current_cells}.families + excluded.families`,
      [[...touched]],
    );
    await tx.query(`delete from ${t.st_current_cells} where families = 0`);
  },
};

/** A business time as ISO-8601 UTC, or undefined when it cannot be read. */
function businessTime(value: unknown): string | undefined {
  return parseTime(value)?.iso;
}

/** Ids and names as text, whatever odd value an event holds. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/** A trajectory's request (`CareRequested`, or care already running since `requestedAt`) as its event names it. */
function requested(
  familyId: string,
  data: {
    readonly trajectoryId: unknown;
    readonly careForm: unknown;
    readonly providerId: unknown;
  },
  requestedAt: string,
): TrajectoryRequest {
  return {
    familyId,
    trajectoryId: text(data.trajectoryId),
    careForm: text(data.careForm),
    providerId: text(data.providerId),
    requestedAt,
  };
}
