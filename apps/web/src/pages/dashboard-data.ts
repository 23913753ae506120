import { addDays, isoDay } from '../format';

/** Days the history chart shows, up to the chosen day. */
export const HISTORY_DAYS = 180;

/** The series the history chart starts with: the analysis stage, whose norm is the same for every family. */
export const FIRST_SERIES = { key: 'analysis', query: 'stage=analysis' } as const;

export function today(): string {
  return isoDay(Date.now());
}

/** The API paths of the dashboard for a day (today: the figures of now). */
export function dashboardPaths(day: string, seriesQuery: string = FIRST_SERIES.query) {
  const asOf = day >= today() ? '' : `?asOf=${day}T23:59:59Z`;
  return {
    waiting: `/api/projections/waiting-list${asOf}`,
    stacking: `/api/projections/stacking${asOf}`,
    outflow: `/api/projections/outflow?from=${addDays(day, -364)}&to=${day}`,
    history: `/api/projections/waiting-list/history?${seriesQuery}&from=${addDays(day, -(HISTORY_DAYS - 1))}&to=${day}`,
  };
}

/** Months the monitor's trend shows, up to and including the chosen month. */
export const TREND_MONTHS = 12;

/** `YYYY-MM` of the month `n` months after `month` (before, for a negative `n`). */
export function addMonths(month: string, n: number): string {
  const [year = 0, index = 1] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, index - 1 + n, 1));
  return date.toISOString().slice(0, 7);
}

/** The last whole month before today: the month the monitor opens on. */
export function lastWholeMonth(): string {
  return addMonths(today().slice(0, 7), -1);
}

function lastDay(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

/**
 * The monitor's API paths for `months` whole months ending with `month`, for a municipality or (`''`) the whole
 * region: the figures, the same figures of the whole region, the monthly history and the monthly report.
 */
export function monitorPaths(month: string, months: number, municipality: string) {
  const where = municipality ? `&municipality=${encodeURIComponent(municipality)}` : '';
  const period = `from=${addMonths(month, 1 - months)}-01&to=${lastDay(month)}`;
  return {
    monitor: `/api/projections/monitor?${period}${where}`,
    region: `/api/projections/monitor?${period}`,
    history: `/api/projections/monitor/history?from=${addMonths(month, 1 - TREND_MONTHS)}-01&to=${lastDay(month)}&interval=month${where}`,
    report: `/api/reports/monthly?month=${month}${where}`,
  };
}
