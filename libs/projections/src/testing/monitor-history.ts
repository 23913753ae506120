import { DEFAULT_REGION } from '@samenspoor/domain';

import { monitorBlocks } from '../monitor/monitor.figures';
import { monitorProjection } from '../monitor/monitor.projection';
import { monitorMonthRows } from '../monitor/monitor.queries';
import { daysOfMonth, type ProjectionHarness } from './projection-harness';

/**
 * Expects the monitor's history of a municipality from `from` to `to`, month by month, to give for every month
 * what the single-period answer for that month gives (`figures`, without its period and municipality); answers
 * the months.
 */
export async function expectMonthsAsPeriods(
  h: ProjectionHarness,
  municipality: string,
  from: string,
  to: string,
  figures: (from: string, to: string) => Promise<object>,
) {
  const t = h.tables.live(monitorProjection);
  const months = await monitorMonthRows(h.database, t, { from, to }, { municipality });
  for (const { month, rows } of months) {
    const { first, last } = daysOfMonth(month);
    const single = {
      ...(await figures(first, last)),
      from: undefined,
      to: undefined,
      municipality: undefined,
    };
    expect(monitorBlocks(rows, DEFAULT_REGION, municipality)).toEqual(single);
  }
  return months;
}
