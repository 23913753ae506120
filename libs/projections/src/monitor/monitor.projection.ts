import { copyInto, copyRows, type SqlQueryable } from '@samenspoor/sql';

import {
  columns,
  familyEvents,
  insertRows,
  parseTime,
  withinIsoYears,
  type RowColumn,
} from '../events';
import {
  familyIdOf,
  storedFamilyStates,
  type Projection,
  type TableNames,
  type TablesContext,
} from '../projection';
import { dayOf, monitorFacts, type MonitorFact, type MonitorFamily } from './monitor.family';

export type MonitorTables =
  | 'mo_families'
  | 'mo_counts_day'
  | 'mo_counts_month'
  | 'mo_levels_day'
  | 'mo_levels_month'
  | 'mo_goal_evaluations'
  | 'mo_goal_months';

/**
 * The managers' monitor (api.md, "Managers' monitor"): the region's figures for any period, per municipality.
 *
 * Every event adds facts — a number added to a measure on a UTC day of business time (`monitor.family.ts`) —
 * that are summed per (day, municipality, measure, value) and, as well, per calendar month: a period is then its
 * whole months from the month table and the days at its edges from the day table, however long it is. What
 * happened in a period (`counts`) is the sum over the period; a state at its end (`levels`: statuses,
 * out-of-home care running) the sum of its changes up to the end.
 *
 * Per family, `mo_families` keeps the stream version applied and the little the facts of a next event depend on
 * (`MonitorFamily`); events at or below that version are skipped, so applying a batch again changes nothing.
 * An event whose business time cannot be read changes nothing.
 *
 * Goals are not a sum: a period counts each goal by its latest evaluation in that period, so `mo_goal_evaluations`
 * keeps every evaluation of a goal (its status, business time and stream version, no text) and the queries pick.
 * Each evaluation also keeps the day of the goal's next one (`next_day`, in the order of business time then stream
 * version; null for the latest): it is the latest of a period ending on `to` exactly when its day is in the period
 * and `next_day` is after `to`, so the queries count without sorting every evaluation of the period. The latest
 * evaluations of each calendar month are counted as well, per (month, municipality, status), in `mo_goal_months`.
 *
 * A rebuild appends each page's sums to the day tables and its evaluations, and once they hold every event adds
 * the days up and derives the month tables and each evaluation's next day (`finishRebuild`): the same rows,
 * without a merge of every page into four tables and a recount of every touched goal.
 */
export const monitorProjection: Projection<MonitorTables> = {
  name: 'monitor',
  version: 4,
  // Measured share of a catch-up's time (bench:projections): see Projection.cost.
  cost: 6,
  tables: [
    'mo_families',
    'mo_counts_day',
    'mo_counts_month',
    'mo_levels_day',
    'mo_levels_month',
    'mo_goal_evaluations',
    'mo_goal_months',
  ],

  createTables: (t, context) => [
    `create table ${t.mo_families} (
       family_id text primary key,
       version bigint not null,
       state json
     )`,
    ...(
      [
        ['mo_counts_day', 'day'],
        ['mo_levels_day', 'day'],
        ['mo_counts_month', 'month'],
        ['mo_levels_month', 'month'],
      ] as const
    ).map(
      ([table, period]) => `create table ${t[table]} (
         ${period} date not null,
         municipality text not null,
         measure text not null,
         value integer not null,
         n integer not null${
           // A rebuild appends each page's sums to a day table and adds them up once filled.
           context?.rebuilding && period === 'day'
             ? ''
             : `,\n         primary key (${period}, municipality, measure, value)`
         }
       )`,
    ),
    `create table ${t.mo_goal_evaluations} (
       family_id text not null,
       goal_id text not null,
       version bigint not null,
       day date not null,
       at_ms bigint not null,
       municipality text not null,
       status text not null,
       next_day date,
       primary key (family_id, goal_id, version)
     )`,
    `create index on ${t.mo_goal_evaluations} (day) include (next_day, municipality, status)`,
    `create table ${t.mo_goal_months} (
       month date not null,
       municipality text not null,
       status text not null,
       n integer not null,
       primary key (month, municipality, status)
     )`,
  ],

  finishRebuild: (t) => [
    // The next evaluation of each goal, in the order of business time then stream version.
    `update ${t.mo_goal_evaluations} as g set next_day = n.next_day
     from (
       select family_id, goal_id, version,
              lead(day) over (partition by family_id, goal_id order by at_ms, version) as next_day
       from ${t.mo_goal_evaluations}
     ) as n
     where g.family_id = n.family_id and g.goal_id = n.goal_id and g.version = n.version
       and n.next_day is not null`,
    `insert into ${t.mo_goal_months} (month, municipality, status, n)
     select ${goalMonth}, municipality, status, count(*)::int
     from ${t.mo_goal_evaluations}
     where ${latestOfItsMonth}
     group by 1, municipality, status`,
    ...(
      [
        ['mo_counts_day', 'mo_counts_month'],
        ['mo_levels_day', 'mo_levels_month'],
      ] as const
    ).flatMap(([day, month]) => [
      // The pages' sums of each day added up (a sum of 0 leaves no row, as in the live table), and keyed.
      `create temporary table monitor_day_sums on commit drop as
         select day, municipality, measure, value, sum(n)::int as n
         from ${t[day]}
         group by day, municipality, measure, value
         having sum(n) <> 0`,
      `truncate ${t[day]}`,
      `insert into ${t[day]} select * from monitor_day_sums`,
      `drop table monitor_day_sums`,
      `alter table ${t[day]} add primary key (day, municipality, measure, value)`,
      `insert into ${t[month]} (month, municipality, measure, value, n)
         select date_trunc('month', day)::date, municipality, measure, value, sum(n)::int
         from ${t[day]}
         group by 1, municipality, measure, value
         having sum(n) <> 0`,
    ]),
  ],

  async apply(
    tx: SqlQueryable,
    records,
    t: TableNames<MonitorTables>,
    context?: TablesContext,
  ): Promise<void> {
    // A rebuild appends the day sums and the evaluations, and derives the rest once every event is in
    // (finishRebuild).
    const rebuilding = context?.rebuilding === true;
    const known = await storedFamilyStates<MonitorFamily | null>(tx, t.mo_families, records);
    if (!known) return;
    const families = new Map<
      string,
      { version: number; state: MonitorFamily | undefined; touched: boolean }
    >(
      known.map((row) => [
        row.family_id,
        { version: Number(row.version), state: row.state ?? undefined, touched: false },
      ]),
    );
    const typed = new Map(familyEvents(records).map((e) => [e.record, e.event]));
    const sums = new Map<string, MonitorFact & { municipality: string }>();
    const goals = new Map<string, GoalEvaluationRow>();

    for (const record of records) {
      const familyId = familyIdOf(record);
      if (familyId === undefined) continue;
      let family = families.get(familyId);
      if (family === undefined) {
        family = { version: 0, state: undefined, touched: false };
        families.set(familyId, family);
      }
      if (record.version <= family.version) continue;
      family.version = record.version;
      family.touched = true;
      const event = typed.get(record);
      const time = event === undefined ? undefined : parseTime(event.data.occurredAt);
      if (event === undefined || time === undefined || !withinIsoYears(time.ms)) continue;
      const { family: state, facts } = monitorFacts(family.state, event, time.ms);
      family.state = state;
      if (state === undefined) continue;
      if (event.type === 'PlanEvaluated')
        for (const { goalId, status } of event.data.goals)
          goals.set(`${familyId}\u001f${goalId}\u001f${record.version}`, {
            familyId,
            goalId,
            version: record.version,
            day: dayOf(time.ms),
            ms: time.ms,
            municipality: state.municipality,
            status,
          });
      for (const fact of facts) {
        const key = [fact.kind, fact.day, state.municipality, fact.measure, fact.value].join(
          '\u001f',
        );
        const sum = sums.get(key);
        if (sum) sum.n += fact.n;
        else sums.set(key, { ...fact, municipality: state.municipality });
      }
    }

    const rows = [...families]
      .filter(([, family]) => family.touched)
      .map(([familyId, family]) => ({
        familyId,
        version: family.version,
        state: family.state === undefined ? null : JSON.stringify(family.state),
      }));
    if (rows.length > 0)
      await tx.query(
        `insert into ${t.mo_families} (family_id, version, state)
         select f.family_id, f.version, f.state::json
         from unnest($1::text[], $2::bigint[], $3::text[]) as f(family_id, version, state)
         on conflict (family_id) do update set version = excluded.version, state = excluded.state`,
        columns(rows, ['familyId', 'version', 'state']),
      );

    const insertEvaluations = () =>
      insertRows(tx, t.mo_goal_evaluations, EVALUATION_COLUMNS, [...goals.values()], {
        context,
        conflict: 'on conflict do nothing',
      });
    if (goals.size > 0 && rebuilding) {
      await insertEvaluations();
    } else if (goals.size > 0) {
      const touched = columns([...goals.values()], ['familyId', 'goalId']);
      // The touched goals' latest evaluations of each month leave the month counts, and come back once their
      // evaluations (the new ones among them) know their next ones.
      const countMonths = (sign: 1 | -1) =>
        tx.query(
          `merge into ${t.mo_goal_months} as t
           using (
             select ${goalMonth} as month, municipality, status, $3::int * count(*)::int as n
             from ${t.mo_goal_evaluations}
             where (family_id, goal_id) in (select * from unnest($1::text[], $2::text[]))
               and ${latestOfItsMonth}
             group by 1, municipality, status
           ) as f on t.month = f.month and t.municipality = f.municipality and t.status = f.status
           when matched and t.n + f.n = 0 then delete
           when matched then update set n = t.n + f.n
           when not matched and f.n <> 0 then
             insert (month, municipality, status, n) values (f.month, f.municipality, f.status, f.n)`,
          [...touched, sign],
        );
      await countMonths(-1);
      await insertEvaluations();
      // Evaluations may arrive out of business-time order: every evaluation of a touched goal gets its next again.
      await tx.query(
        `update ${t.mo_goal_evaluations} as g set next_day = n.next_day
         from (
           select family_id, goal_id, version,
                  lead(day) over (partition by family_id, goal_id order by at_ms, version) as next_day
           from ${t.mo_goal_evaluations}
           where (family_id, goal_id) in (select * from unnest($1::text[], $2::text[]))
         ) as n
         where g.family_id = n.family_id and g.goal_id = n.goal_id and g.version = n.version
           and g.next_day is distinct from n.next_day`,
        touched,
      );
      await countMonths(1);
    }

    for (const kind of ['count', 'level'] as const) {
      const facts = [...sums.values()].filter((fact) => fact.kind === kind && fact.n !== 0);
      if (facts.length === 0) continue;
      const [day, month] =
        kind === 'count'
          ? [t.mo_counts_day, t.mo_counts_month]
          : [t.mo_levels_day, t.mo_levels_month];
      if (rebuilding) {
        await copyInto(tx, day, SUM_COLUMNS, copyRows(facts, SUM_COLUMNS));
        continue;
      }
      const values = columns(facts, SUM_COLUMNS);
      const unnest = `unnest($1::date[], $2::text[], $3::text[], $4::int[], $5::int[])
                        as f(day, municipality, measure, value, n)`;
      // A sum that comes back to 0 leaves no row, so the tables are the same however the events were batched.
      const merge = (table: string, period: 'day' | 'month', source: string) =>
        tx.query(
          `merge into ${table} as t
           using (${source}) as f on t.${period} = f.${period} and t.municipality = f.municipality
             and t.measure = f.measure and t.value = f.value
           when matched and t.n + f.n = 0 then delete
           when matched then update set n = t.n + f.n
           when not matched and f.n <> 0 then
             insert (${period}, municipality, measure, value, n)
             values (f.${period}, f.municipality, f.measure, f.value, f.n)`,
          values,
        );
      await merge(day, 'day', `select * from ${unnest}`);
      await merge(
        month,
        'month',
        `select date_trunc('month', f.day)::date as month, f.municipality, f.measure, f.value, sum(f.n)::int as n
         from ${unnest}
         group by 1, 2, 3, 4`,
      );
    }
  },
};

/** A goal's evaluation, as `mo_goal_evaluations` holds it (its `next_day` comes after). */
interface GoalEvaluationRow {
  familyId: string;
  goalId: string;
  version: number;
  day: string;
  ms: number;
  municipality: string;
  status: string;
}

const EVALUATION_COLUMNS: readonly RowColumn<GoalEvaluationRow>[] = [
  { name: 'family_id', type: 'text', field: 'familyId' },
  { name: 'goal_id', type: 'text', field: 'goalId' },
  { name: 'version', type: 'bigint', field: 'version' },
  { name: 'day', type: 'date', field: 'day' },
  { name: 'at_ms', type: 'bigint', field: 'ms' },
  { name: 'municipality', type: 'text', field: 'municipality' },
  { name: 'status', type: 'text', field: 'status' },
];

/** The columns of a day sum, named as the fields of its fact. */
const SUM_COLUMNS = ['day', 'municipality', 'measure', 'value', 'n'] as const;

/** The calendar month of an evaluation's day. */
const goalMonth = `date_trunc('month', day::timestamp)::date`;

/** An evaluation that is its goal's latest of its calendar month: the next one is in a later month, or none. */
const latestOfItsMonth = `(next_day is null
       or date_trunc('month', next_day::timestamp) <> date_trunc('month', day::timestamp))`;
