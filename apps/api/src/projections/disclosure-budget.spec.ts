import { MUNICIPALITIES } from '@samenspoor/domain';

import { regionSizedWaitingCells } from '@samenspoor/testing';
import { DISCLOSURE_WORK_BUDGET, WorkBudget } from './disclosure-budget';
import { cellsToHide, isSmall } from './disclosure-control';
import { waitingListTable } from './manager-figures';
import { attack, loadAttacker } from './testing/disclosure-attack';
import { REGION_OF_1000_WAITING_CELLS } from './testing/region-1000-waiting-cells';

beforeAll(loadAttacker);

/** Given a table and a decision on it, then HiGHS finds no hidden or small derived count back. */
function expectSound(table: ReturnType<typeof waitingListTable>, hidden: ReadonlySet<string>) {
  for (const [key, count] of table.values)
    if (isSmall(count, 5) && !table.unpublished.has(key)) expect(hidden).toContain(key);
  const guarded = new Set([
    ...hidden,
    ...[...table.unpublished].filter((key) => isSmall(table.values.get(key), 5)),
  ]);
  for (const [key, { min, max }] of attack(table, hidden))
    if (guarded.has(key)) expect({ key, unique: min === max }).toEqual({ key, unique: false });
}

describe('disclosure control within a work budget', () => {
  it('decides the waiting list of a region of 1,000 families within the budget, and soundly', () => {
    // Given the table that held the event loop for 73 s (one group of ~575 linked unknowns for the local check)
    const table = waitingListTable(REGION_OF_1000_WAITING_CELLS);
    const budget = new WorkBudget(DISCLOSURE_WORK_BUDGET);
    // When a manager's answer is decided on it
    const hidden = cellsToHide(table, 5, budget);
    // Then the work stays within the budget (plus the round it ran out in: the elimination is never cut short)
    expect(budget.used).toBeGreaterThan(0);
    expect(budget.used).toBeLessThanOrEqual(DISCLOSURE_WORK_BUDGET * 1.05);
    // and no hidden count can be solved for.
    expectSound(table, hidden);
  });

  it('stays sound when the budget runs out at once: whole neighbourhoods are hidden instead', () => {
    // Given a table whose exact check finds a few cells to hide with work to spare
    const table = waitingListTable(
      regionSizedWaitingCells(1).filter((cell) => cell.municipality === MUNICIPALITIES[0]),
    );
    const unbounded = cellsToHide(table, 5, new WorkBudget(Infinity));
    // When the decision may do (almost) no work
    const budget = new WorkBudget(1);
    const coarse = cellsToHide(table, 5, budget);
    // Then it hides more, and still nothing can be solved for.
    expect(budget.exhausted).toBe(true);
    expect(coarse.size).toBeGreaterThan(unbounded.size);
    expectSound(table, coarse);
  });

  it('is a function of the figures alone: the same budget gives the same decision, in any order', () => {
    const table = waitingListTable(REGION_OF_1000_WAITING_CELLS);
    const reversed = waitingListTable([...REGION_OF_1000_WAITING_CELLS].reverse());
    expect([...cellsToHide(reversed, 5)].sort()).toEqual([...cellsToHide(table, 5)].sort());
  });
});
