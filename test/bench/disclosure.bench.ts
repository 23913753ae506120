/**
 * `npm run bench:disclosure [-- --runs 20]`
 *
 * Times disclosure control of the manager's waiting list on a region-sized table (`regionSizedWaitingCells`:
 * municipalities × care forms × providers with every marginal): building the table, `cellsToHide` on it, and
 * the whole `controlWaitingList` per request. No database: the cells are what `waitingCells` would answer.
 * Then the same for one municipality's table, whose linked unknowns form one group small enough for the exact
 * check (`pinnedByPolytope`); the region's largest group is above `POLYTOPE_LIMIT`.
 */
import { MUNICIPALITIES } from '@samenspoor/domain';

import { cellsToHide } from '../../apps/api/src/projections/disclosure-control';
import { waitingListTable } from '../../apps/api/src/projections/manager-figures';
import { regionSizedWaitingCells } from '../support/region-cells';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 5) || 5;
const THRESHOLD = 5;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const cells = regionSizedWaitingCells(1);
const table = waitingListTable(cells);
const unknowns = [...table.values.values()].filter((v) => v >= 1 && v < THRESHOLD).length;
console.log(
  `waiting-list table: ${cells.length} finest cells, ${table.values.size} cells with marginals, ${table.relations.length} relations, ${unknowns} small`,
);
/** `runs` fresh decisions (a fresh table each run, as a request builds one, and no cache between runs). */
function time(label: string, cells: () => ReturnType<typeof regionSizedWaitingCells>) {
  const times: number[] = [];
  let hidden = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    hidden = cellsToHide(waitingListTable(cells()), THRESHOLD).size;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label}cellsToHide (threshold ${THRESHOLD}), ${runs} runs: p50 ${percentile(times, 50).toFixed(1)} ms  max ${times.at(-1)!.toFixed(1)} ms  (${hidden} cells hidden)`,
  );
}
time('', () => regionSizedWaitingCells(1));
time('one municipality: ', () =>
  regionSizedWaitingCells(1).filter((cell) => cell.municipality === MUNICIPALITIES[0]),
);
