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
