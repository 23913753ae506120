import type { OutflowCell, OutflowFigures } from '@samenspoor/projections';

import { ALL, hypercube, linkTables, splitMeasure, type CellTable } from './cell-tables';
import { cellsToHide } from './disclosure-control';
import type { Disclosure } from './manager-figures';

/**
 * Managers' outflow figures under disclosure control. A manager may ask for any range of whole months, so two
 * overlapping ranges (January–March and January–February) could be subtracted to give a month that a small count
 * would hide. So each month of a range is a table of its own under `cellsToHide`, and a range shows a figure
 * only when every one of its months shows it: everything a range shows is a sum of figures that the months show
 * anyway, and a subtraction of ranges gives nothing that asking for the months would not.
 */

/** A coordinate for what has no municipality or no destination: counted in totals, never shown on its own. */
const NONE = '(none)';

type OutflowMeasure = 'followUpsDone' | 'followUpsDue' | 'reentries' | 'reentriesWithin12Months';

/** The key of an outflow cell: a measure, a municipality (or `ALL`) and, for outflows, a destination (or `ALL`). */
export function outflowKey(measure: string, municipality: string, destination: string = ALL) {
  return JSON.stringify([measure, municipality, destination]);
}

/**
 * The outflow figures of a period as a manager can read them with and without the municipality filter: outflows
 * over (municipality, destination) with all marginals, the follow-ups and re-entries per municipality with the
 * region's total, and reentries = within 12 months + later (or not after an outflow). Outflows without a
 * municipality or a destination are in the totals only: unpublished cells a reader can derive.
 */
export function outflowTable(cells: readonly OutflowCell[]): CellTable {
  const rows = cells.flatMap((cell) => {
    const municipality = cell.municipality ?? NONE;
    const destinations = Object.entries(cell.byDestination);
    const withoutDestination =
      cell.outflows - destinations.reduce((sum, [, count]) => sum + count, 0);
    return [
      ...destinations.map(([destination, count]) => ({
        coordinates: [municipality, destination],
        count,
      })),
      ...(withoutDestination > 0
        ? [{ coordinates: [municipality, NONE], count: withoutDestination }]
        : []),
    ];
  });
  const outflows = hypercube(rows, (c) => outflowKey('outflows', c[0] ?? ALL, c[1] ?? ALL));
  const perMunicipality = (measure: OutflowMeasure) =>
    hypercube(
      cells.map((cell) => ({ coordinates: [cell.municipality ?? NONE], count: cell[measure] })),
      (c) => outflowKey(measure, c[0] ?? ALL),
    );
  const reentries = perMunicipality('reentries');
  const within = perMunicipality('reentriesWithin12Months');
  const table = linkTables(
    outflows,
    perMunicipality('followUpsDone'),
    perMunicipality('followUpsDue'),
    reentries,
    within,
    splitMeasure(reentries.values, ['reentriesWithin12Months', 'reentriesLater'], within.values),
  );
  const unpublished = new Set(table.unpublished);
  for (const key of table.values.keys())
    if ((JSON.parse(key) as string[]).includes(NONE)) unpublished.add(key);
  return { ...table, unpublished };
}

/**
 * Outflow for a manager: the figures of `figures` (for `filter`, over the widened period the cells are of), each
 * count read from `cells`; a count is null when `cellsToHide` picks it in any month of the period (`months`: the
 * cells of each month, `outflowMonthCells`; a period of one month is its own).
 */
export function controlOutflow(
  figures: OutflowFigures,
  filter: { municipality?: string | undefined },
  cells: readonly OutflowCell[],
  threshold: number,
  months: readonly (readonly OutflowCell[])[] = [cells],
) {
  const table = outflowTable(cells);
  const hidden = new Set(
    months.flatMap((month) => [...cellsToHide(outflowTable(month), threshold)]),
  );
  const m = filter.municipality ?? ALL;
  let suppressed = false;
  const show = (key: string) => {
    if (!hidden.has(key)) return table.values.get(key) ?? 0;
    suppressed = true;
    return null;
  };
  const byDestination = Object.fromEntries(
    Object.keys(figures.byDestination).map((destination) => [
      destination,
      show(outflowKey('outflows', m, destination)),
    ]),
  );
  const top = {
    outflows: show(outflowKey('outflows', m)),
    followUpsDone: show(outflowKey('followUpsDone', m)),
    followUpsDue: show(outflowKey('followUpsDue', m)),
    reentries: show(outflowKey('reentries', m)),
    reentriesWithin12Months: show(outflowKey('reentriesWithin12Months', m)),
  };
  const byMunicipality = figures.byMunicipality.map((block) => {
    const outflows = show(outflowKey('outflows', block.municipality));
    const within = show(outflowKey('reentriesWithin12Months', block.municipality));
    return {
      municipality: block.municipality,
      outflows,
      reentriesWithin12Months: within,
      ...(outflows === null || within === null ? { suppressed: true as const } : {}),
    };
  });
  return {
    ...figures,
    ...top,
    byDestination,
    byMunicipality,
    ...(suppressed ? { suppressed: true as const } : {}),
    disclosure: { threshold, suppressed } satisfies Disclosure,
  };
}

/**
 * A manager's period widened to whole calendar months (UTC): overlapping periods that differ by a few days would
 * otherwise be subtracted from each other to reveal the outflows of those days (api.md, managers' monitor).
 */
export function wholeMonths(range: { from: string; to: string }): {
  from: string;
  to: string;
  widened: boolean;
} {
  const from = `${range.from.slice(0, 7)}-01`;
  const [year, month] = range.to.split('-').map(Number) as [number, number];
  // Day 0 of the next month is the last day of this one.
  const to = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return { from, to, widened: from !== range.from || to !== range.to };
}

/** The whole calendar months (UTC) of a period that `wholeMonths` widened, first to last. */
export function monthsOf(range: { from: string; to: string }): { from: string; to: string }[] {
  const months = [];
  for (let month = wholeMonths({ from: range.from, to: range.from }); month.from <= range.to;) {
    months.push({ from: month.from, to: month.to });
    const next = new Date(Date.parse(month.to) + 86_400_000).toISOString().slice(0, 10);
    month = wholeMonths({ from: next, to: next });
  }
  return months;
}
