import { OUTFLOW_DESTINATIONS, type RegionConfig } from '@samenspoor/domain';
import type { SqlQueryable } from '@samenspoor/sql';

import type { TableNames } from '../projection';

type Tables = TableNames<'of_families' | 'of_outflows' | 'of_follow_ups' | 'of_reentries'>;

/** A period of whole UTC days, both included: `YYYY-MM-DD`. */
export interface OutflowPeriod {
  readonly from: string;
  readonly to: string;
}

export interface OutflowFilter {
  readonly municipality?: string;
}

/** The counts of outflow figures, of the region, a filter or one municipality (see `outflowFigures`). */
export interface OutflowCounts {
  /** Outflows in the period. */
  outflows: number;
  /**
   * Outflows in the period per destination: in the figures every destination of the vocabulary, 0 when none; in
   * a cell the destinations that occur.
   */
  byDestination: Record<string, number>;
  followUpsDone: number;
  followUpsDue: number;
  /** Every re-entry in the period. */
  reentries: number;
  reentriesWithin12Months: number;
}

export interface OutflowFigures extends OutflowCounts {
  from: string;
  to: string;
  byMunicipality: { municipality: string; outflows: number; reentriesWithin12Months: number }[];
}

const DAY_MS = 86_400_000;
/** The follow-ups that fall due after an outflow ("niet loslaten"), in calendar months. */
const DUE_FOLLOW_UP_MONTHS = [3, 6] as const;

/**
 * Outflow and follow-up figures for a period of business time: from 00:00 UTC of `from` up to, not including,
 * 00:00 UTC of the day after `to` (so an event at 23:59 of `to` is in, one at 00:00 of the next day is not).
 * Calendar months are counted on the UTC calendar with PostgreSQL's interval arithmetic, whatever the session's
 * time zone: a month after 31 January is 28 (or 29) February, three months after it 30 April.
 *
 * - `outflows` / `byDestination`: `OutflowRegistered` events in the period, in total and per destination (every
 *   destination of the vocabulary is present, 0 when none; an outflow with a destination outside it adds its
 *   own key, so the destinations add up to `outflows`).
 * - `followUpsDone`: `FollowUpRecorded` events in the period, whatever their month (3, 6 or 12).
 * - `followUpsDue`: follow-up moments, 3 and 6 calendar months after each outflow, that fall in the period, for
 *   which no follow-up of that month was recorded for that outflow (same case) by the end of the period (an
 *   early one counts as done), and whose case had not been reopened by a re-entry before the moment (a family
 *   back in the route is not followed up). The 12-month follow-up is optional and never counted as due.
 * - `reentries`: re-entry signals (`SignalReceived` with `reentry`) in the period.
 * - `reentriesWithin12Months`: those of them at most 12 calendar months after the family's previous outflow,
 *   the outflow of the case they reopen (exactly 12 months counts).
 * - `byMunicipality`: outflows and re-entries within 12 months per municipality of the region (the filtered one
 *   only, with a filter); families keep the municipality they were registered in.
 *
 * Throws a RangeError when a date is not a valid `YYYY-MM-DD` day or `from` is after `to`.
 */
export async function outflowFigures(
  db: SqlQueryable,
  t: Tables,
  region: RegionConfig,
  period: OutflowPeriod,
  filter: OutflowFilter = {},
): Promise<OutflowFigures> {
  return outflowFiguresOf(await outflowCells(db, t, period, filter), region, period, filter);
}

/**
 * The figures of `outflowFigures` from the cells of the period (`outflowCells`, of every municipality or of the
 * filtered one): a municipality's cell is the same with or without the filter.
 */
export function outflowFiguresOf(
  all: readonly OutflowCell[],
  region: RegionConfig,
  period: OutflowPeriod,
  filter: OutflowFilter = {},
): OutflowFigures {
  const cells =
    filter.municipality === undefined
      ? all
      : all.filter((cell) => cell.municipality === filter.municipality);
  const byDestination: Record<string, number> = Object.fromEntries(
    OUTFLOW_DESTINATIONS.map((destination) => [destination, 0]),
  );
  const sum = (field: 'followUpsDone' | 'followUpsDue' | 'reentries' | 'reentriesWithin12Months') =>
    cells.reduce((total, cell) => total + cell[field], 0);
  for (const cell of cells)
    for (const [destination, count] of Object.entries(cell.byDestination))
      byDestination[destination] = (byDestination[destination] ?? 0) + count;
  const ofMunicipality = (municipality: string) =>
    cells.find((cell) => cell.municipality === municipality);
  const municipalities = filter.municipality ? [filter.municipality] : [...region.municipalities];
  return {
    from: period.from,
    to: period.to,
    outflows: cells.reduce((total, cell) => total + cell.outflows, 0),
    byDestination,
    followUpsDone: sum('followUpsDone'),
    followUpsDue: sum('followUpsDue'),
    reentries: sum('reentries'),
    reentriesWithin12Months: sum('reentriesWithin12Months'),
    byMunicipality: municipalities.map((municipality) => ({
      municipality,
      outflows: ofMunicipality(municipality)?.outflows ?? 0,
      reentriesWithin12Months: ofMunicipality(municipality)?.reentriesWithin12Months ?? 0,
    })),
  };
}

/**
 * The outflow figures of one municipality in a period (`null`: rows without one), as `outflowFigures` defines
 * them; the figures of the region (or of a filter) are their sums. Only municipalities with any figure are listed.
 * `byDestination` holds the destinations that occur (an outflow without a destination counts in `outflows` only).
 */
export interface OutflowCell extends OutflowCounts {
  municipality: string | null;
}

/** A municipality's cell before anything is counted in it. */
export function emptyOutflowCell(municipality: string | null): OutflowCell {
  return {
    municipality,
    outflows: 0,
    byDestination: {},
    followUpsDone: 0,
    followUpsDue: 0,
    reentries: 0,
    reentriesWithin12Months: 0,
  };
}

/** The figures per municipality for a period (see `outflowFigures`), for one municipality with a filter. */
export async function outflowCells(
  db: SqlQueryable,
  t: Tables,
  period: OutflowPeriod,
  filter: OutflowFilter = {},
): Promise<OutflowCell[]> {
  const start = dayStart(period.from, 'from');
  const end = dayStart(period.to, 'to') + DAY_MS;
  if (end <= start) throw new RangeError(`from ${period.from} is after to ${period.to}`);
  return [...(await countedCells(db, t, start, end, filter.municipality, false)).values()].flatMap(
    (cells) => [...cells.values()],
  );
}

/**
 * The cells of each calendar month that a period touches, each month whole (`YYYY-MM`, first to last), as
 * `outflowCells` answers them for that month: read in three statements however many months.
 */
export async function outflowMonthCells(
  db: SqlQueryable,
  t: Tables,
  period: OutflowPeriod,
): Promise<{ month: string; cells: OutflowCell[] }[]> {
  const from = new Date(dayStart(period.from, 'from'));
  const to = new Date(dayStart(period.to, 'to'));
  if (to < from) throw new RangeError(`from ${period.from} is after to ${period.to}`);
  const months: string[] = [];
  for (let m = from.getUTCMonth(), y = from.getUTCFullYear(); ; m++) {
    const first = new Date(Date.UTC(y, m, 1));
    if (first > to) break;
    months.push(first.toISOString().slice(0, 7));
  }
  const start = Date.parse(`${months[0]}-01T00:00:00Z`);
  const [lastYear, lastMonth] = months.at(-1)!.split('-').map(Number) as [number, number];
  const end = Date.UTC(lastYear, lastMonth, 1);
  const byMonth = await countedCells(db, t, start, end, undefined, true);
  return months.map((month) => ({ month, cells: [...(byMonth.get(month)?.values() ?? [])] }));
}

/**
 * The cells of `[start, end)` (milliseconds of UTC), of one municipality or all, by calendar month of the counted
 * moment when `byMonth` (a follow-up then counts as done by the end of the month it fell due in), else under ''.
 */
async function countedCells(
  db: SqlQueryable,
  t: Tables,
  start: number,
  end: number,
  municipality: string | undefined,
  byMonth: boolean,
): Promise<Map<string, Map<string | null, OutflowCell>>> {
  const params = [new Date(start).toISOString(), new Date(end).toISOString(), municipality ?? null];
  /** Rows of the period (`$1`, `$2`) and of the filtered municipality (`$3`). */
  const inPeriod = (at: string, municipality = 'municipality') =>
    `${at} >= $1::timestamptz and ${at} < $2::timestamptz and ($3::text is null or ${municipality} = $3)`;
  /** The calendar month (UTC) of a moment, or '' for the whole period. */
  const monthOf = (at: string) => (byMonth ? `to_char(${at} at time zone 'UTC', 'YYYY-MM')` : `''`);
  /** The end of the period a follow-up due at `at` is counted in: its month's, or the period's. */
  const endFor = (at: string) =>
    byMonth
      ? `(date_trunc('month', ${at} at time zone 'UTC') + interval '1 month') at time zone 'UTC'`
      : '$2::timestamptz';

  const outflowRows = await db.query<{
    month: string;
    destination: string | null;
    municipality: string | null;
    outflows: number;
  }>(
    `select ${monthOf('outflowed_at')} as month, destination, municipality, count(*)::int as outflows
     from ${t.of_outflows}
     where ${inPeriod('outflowed_at')}
     group by 1, destination, municipality`,
    params,
  );

  const reentryRows = await db.query<{
    month: string;
    municipality: string | null;
    reentries: number;
    within: number;
  }>(
    `select ${monthOf('r.signalled_at')} as month, r.municipality, count(*)::int as reentries,
            count(*) filter (
              where o.outflowed_at <= r.signalled_at
                and r.signalled_at <= ((o.outflowed_at at time zone 'UTC') + interval '12 months') at time zone 'UTC'
            )::int as within
     from ${t.of_reentries} r
     left join lateral (
       select p.outflowed_at from ${t.of_outflows} p
       where p.family_id = r.family_id and p.case_number = r.case_number - 1
       order by p.version desc
       limit 1
     ) o on true
     where ${inPeriod('r.signalled_at', 'r.municipality')}
     group by 1, r.municipality`,
    params,
  );

  const followUpRows = await db.query<{
    month: string;
    municipality: string | null;
    done: number;
    due: number;
  }>(
    `with due as (
       select o.family_id, o.case_number, o.municipality, m.months,
              ((o.outflowed_at at time zone 'UTC') + make_interval(months => m.months)) at time zone 'UTC' as due_at
       from ${t.of_outflows} o cross join unnest($4::int[]) as m(months)
       -- a bound for the index, with room to spare: older outflows fell due before the period
       where o.outflowed_at >= $1::timestamptz - make_interval(months => $5::int + 1)
         and o.outflowed_at < $2::timestamptz
         and ($3::text is null or o.municipality = $3)
     ),
     done as (
       select ${monthOf('recorded_at')} as month, municipality, count(*)::int as done
       from ${t.of_follow_ups}
       where ${inPeriod('recorded_at')} group by 1, municipality
     ),
     open as (
       select ${monthOf('d.due_at')} as month, d.municipality, count(*)::int as due from due d
       where d.due_at >= $1::timestamptz and d.due_at < $2::timestamptz
         and not exists (
           select 1 from ${t.of_follow_ups} f
           where f.family_id = d.family_id and f.case_number = d.case_number
             and f.months_after_outflow = d.months and f.recorded_at < ${endFor('d.due_at')})
         and not exists (
           select 1 from ${t.of_reentries} r
           where r.family_id = d.family_id and r.case_number = d.case_number + 1
             and r.signalled_at < d.due_at)
       group by 1, d.municipality
     )
     select month, municipality, sum(done)::int as done, sum(due)::int as due
     from (select month, municipality, done, 0 as due from done
           union all select month, municipality, 0 as done, due from open) both_counts
     group by month, municipality`,
    [...params, [...DUE_FOLLOW_UP_MONTHS], Math.max(...DUE_FOLLOW_UP_MONTHS)],
  );

  const months = new Map<string, Map<string | null, OutflowCell>>();
  const of = (month: string, municipality: string | null): OutflowCell => {
    const cells = months.get(month) ?? new Map<string | null, OutflowCell>();
    months.set(month, cells);
    let cell = cells.get(municipality);
    if (cell === undefined) {
      cell = emptyOutflowCell(municipality);
      cells.set(municipality, cell);
    }
    return cell;
  };
  for (const row of outflowRows) {
    const cell = of(row.month, row.municipality);
    cell.outflows += row.outflows;
    if (row.destination !== null)
      cell.byDestination[row.destination] =
        (cell.byDestination[row.destination] ?? 0) + row.outflows;
  }
  for (const row of reentryRows) {
    const cell = of(row.month, row.municipality);
    cell.reentries += row.reentries;
    cell.reentriesWithin12Months += row.within;
  }
  for (const row of followUpRows) {
    const cell = of(row.month, row.municipality);
    cell.followUpsDone += row.done;
    cell.followUpsDue += row.due;
  }
  return months;
}

/** 00:00 UTC of a `YYYY-MM-DD` day, in milliseconds. */
function dayStart(day: string, name: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) {
    throw new RangeError(`${name} must be a day as YYYY-MM-DD, not ${JSON.stringify(day)}`);
  }
  return ms;
}
