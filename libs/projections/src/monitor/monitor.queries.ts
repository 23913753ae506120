import type { RegionConfig } from '@samenspoor/domain';
import type { SqlQueryable } from '@samenspoor/sql';

import type { TableNames } from '../projection';
import { monitorBlocks, type MonitorFigures, type MonitorRow } from './monitor.figures';
import { M } from './monitor.family';
import type { MonitorTables } from './monitor.projection';

type Tables = TableNames<MonitorTables>;

/** A period of whole UTC days of business time, both included: `YYYY-MM-DD`. */
export interface MonitorPeriod {
  readonly from: string;
  readonly to: string;
}

/**
 * The monitor's figures for a period, for the region or one municipality (api.md, "Managers' monitor"): what
 * happened from 00:00 UTC of `from` up to the end of `to`, and the state at the end of `to`.
 *
 * @throws RangeError when a date is not a valid `YYYY-MM-DD` day or `from` is after `to`.
 */
export async function monitorFigures(
  db: SqlQueryable,
  t: Tables,
  region: RegionConfig,
  period: MonitorPeriod,
  filter: { municipality?: string | undefined } = {},
): Promise<MonitorFigures> {
  const rows = await monitorRows(db, t, period, filter);
  return {
    from: period.from,
    to: period.to,
    municipality: filter.municipality ?? null,
    ...monitorBlocks(rows, region, filter.municipality),
  };
}

/**
 * The summed facts of a period per municipality (of one, with a filter): the counts of the period — its whole
 * calendar months from the month table, the days before and after them from the day table — and the levels at
 * the end of `to`: every month before its month, and the days of its month up to it.
 */
export async function monitorRows(
  db: SqlQueryable,
  t: Tables,
  period: MonitorPeriod,
  filter: { municipality?: string | undefined } = {},
): Promise<MonitorRow[]> {
  const from = dayStart(period.from, 'from');
  const to = dayStart(period.to, 'to');
  if (to < from) throw new RangeError(`from ${period.from} is after to ${period.to}`);
  // Whole months [wholeFrom, wholeTo): from the first month starting on or after `from` to the last ending by `to`.
  const firstOfMonth = (ms: number) => {
    const date = new Date(ms);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  };
  const nextMonth = (ms: number) => {
    const date = new Date(ms);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  };
  const wholeFrom = firstOfMonth(from) === from ? from : nextMonth(from);
  const afterTo = to + 86_400_000;
  const wholeTo = firstOfMonth(afterTo) === afterTo ? afterTo : firstOfMonth(afterTo);
  const [monthsFrom, monthsTo] = wholeFrom < wholeTo ? [wholeFrom, wholeTo] : [from, from];
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  // The goals are read beside the sums (on a pool, at the same time).
  const goalsRead = goalRows(db, t, day(from), day(to), filter.municipality);
  const [rows, goals] = await Promise.all([
    db.query<{
      kind: 'count' | 'level';
      municipality: string;
      measure: string;
      value: number;
      n: number;
    }>(
      `select kind, municipality, measure, value, sum(n)::int as n from (
       select 'count' as kind, municipality, measure, value, n from ${t.mo_counts_month}
         where month >= $1::date and month < $2::date
       union all
       select 'count', municipality, measure, value, n from ${t.mo_counts_day}
         where (day >= $3::date and day < $1::date) or (day >= $2::date and day <= $4::date)
       union all
       select 'level', municipality, measure, value, n from ${t.mo_levels_month}
         where month < $5::date
       union all
       select 'level', municipality, measure, value, n from ${t.mo_levels_day}
         where day >= $5::date and day <= $4::date
     ) facts
     where $6::text is null or municipality = $6
     group by kind, municipality, measure, value`,
      [
        day(monthsFrom),
        day(monthsTo),
        day(from),
        day(to),
        day(firstOfMonth(to)),
        filter.municipality ?? null,
      ],
    ),
    goalsRead,
  ]);
  return [...rows.filter((row) => row.n !== 0), ...goals.map(({ month: _, ...row }) => row)];
}

/**
 * The goals evaluated in a period (`from`…`to`, days both included), each by its latest evaluation in the period
 * (business time, then stream order), as `count` rows of `goals:<status>`; by calendar month when `byMonth`. The
 * latest of a period is the evaluation in it whose goal's next evaluation (`next_day`) is after its end; those
 * of whole months are counted in `mo_goal_months` (`byMonth` reads whole months only).
 */
async function goalRows(
  db: SqlQueryable,
  t: Tables,
  from: string,
  to: string,
  municipality: string | undefined,
  byMonth = false,
): Promise<(MonitorRow & { month: string })[]> {
  const rows = await db.query<{ month: string; municipality: string; status: string; n: number }>(
    byMonth
      ? `select to_char(month, 'YYYY-MM') as month, municipality, status, n
         from ${t.mo_goal_months}
         where month >= $1::date and month <= $2::date and ($3::text is null or municipality = $3)`
      : `select '' as month, municipality, status, count(*)::int as n
         from ${t.mo_goal_evaluations}
         where day >= $1::date and day <= $2::date and ($3::text is null or municipality = $3)
           and (next_day is null or next_day > $2::date)
         group by municipality, status`,
    [from, to, municipality ?? null],
  );
  return rows.map((row) => ({
    kind: 'count',
    month: row.month,
    municipality: row.municipality,
    measure: M.goalEvaluated(row.status),
    value: 0,
    n: row.n,
  }));
}

/**
 * The summed facts of each calendar month from the month of `from` to that of `to` (`YYYY-MM` first to last),
 * each as `monitorRows` answers them for that whole month, read in two statements however many months.
 */
export async function monitorMonthRows(
  db: SqlQueryable,
  t: Tables,
  period: MonitorPeriod,
  filter: { municipality?: string | undefined } = {},
): Promise<{ month: string; rows: MonitorRow[] }[]> {
  const first = `${period.from.slice(0, 7)}-01`;
  const last = `${period.to.slice(0, 7)}-01`;
  dayStart(period.from, 'from');
  dayStart(period.to, 'to');
  if (last < first) throw new RangeError(`from ${period.from} is after to ${period.to}`);
  const params = [first, last, filter.municipality ?? null];
  // The three readings are independent: on a pool they run at the same time.
  const goalsRead = goalRows(db, t, first, lastDayOf(last), filter.municipality, true);
  const beforeRead = db.query<{
    municipality: string;
    measure: string;
    value: number;
    n: number;
  }>(
    `select municipality, measure, value, sum(n)::int as n from ${t.mo_levels_month}
     where month < $1::date and ($2::text is null or municipality = $2)
     group by municipality, measure, value`,
    [first, filter.municipality ?? null],
  );
  const [monthly, before, goals] = await Promise.all([
    db.query<{
      kind: 'count' | 'level';
      month: string;
      municipality: string;
      measure: string;
      value: number;
      n: number;
    }>(
      `select kind, to_char(month, 'YYYY-MM') as month, municipality, measure, value, n from (
       select 'count' as kind, month, municipality, measure, value, n from ${t.mo_counts_month}
       union all
       select 'level', month, municipality, measure, value, n from ${t.mo_levels_month}
     ) facts
     where month >= $1::date and month <= $2::date and ($3::text is null or municipality = $3)
       and n <> 0`,
      params,
    ),
    beforeRead,
    goalsRead,
  ]);
  const months: string[] = [];
  for (let [year, month] = first.split('-').map(Number) as [number, number]; ; month++) {
    const label = new Date(Date.UTC(year, month - 1, 1)).toISOString().slice(0, 7);
    if (label > last.slice(0, 7)) break;
    months.push(label);
    if (month === 12) [year, month] = [year + 1, 0];
  }
  // Levels are the running sum of their changes: the level at the end of a month is every change up to it.
  const levels = new Map<string, MonitorRow>();
  for (const row of before)
    levels.set(`${row.municipality}|${row.measure}|${row.value}`, { kind: 'level', ...row });
  const byMonth = new Map<string, typeof monthly>();
  for (const row of monthly) {
    const rows = byMonth.get(row.month) ?? [];
    rows.push(row);
    byMonth.set(row.month, rows);
  }
  return months.map((month) => {
    const ofMonth = byMonth.get(month) ?? [];
    for (const row of ofMonth.filter((r) => r.kind === 'level')) {
      const key = `${row.municipality}|${row.measure}|${row.value}`;
      const level = levels.get(key);
      levels.set(key, {
        kind: 'level',
        municipality: row.municipality,
        measure: row.measure,
        value: row.value,
        n: (level?.n ?? 0) + row.n,
      });
    }
    return {
      month,
      rows: [
        ...ofMonth
          .filter((row) => row.kind === 'count')
          .map(({ kind, municipality, measure, value, n }) => ({
            kind,
            municipality,
            measure,
            value,
            n,
          })),
        ...[...levels.values()].filter((row) => row.n !== 0),
        ...goals.filter((row) => row.month === month).map(({ month: _, ...row }) => row),
      ],
    };
  });
}

/** The last day of the month that starts on `first` (`YYYY-MM-01`). */
function lastDayOf(first: string): string {
  const [year, month] = first.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** 00:00 UTC of a `YYYY-MM-DD` day, in milliseconds. */
function dayStart(day: string, name: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) {
    throw new RangeError(`${name} must be a day as YYYY-MM-DD, not ${JSON.stringify(day)}`);
  }
  return ms;
}
