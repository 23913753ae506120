import {
  LOCAL_GROUP_LIMIT,
  cellsToHide,
  fixedUnknowns,
  pinnedByBounds,
} from './disclosure-control';
import { DISCLOSURE_WORK_BUDGET, WorkBudget } from './disclosure-budget';
import { attack, loadAttacker } from './testing/disclosure-attack';
import { gadgetInGrid } from './testing/gadget-in-grid';

beforeAll(loadAttacker);

describe('disclosure control: a group of linked unknowns too large for any check', () => {
  it('hides it with all its non-zero surroundings, so that no count in it can be solved for', () => {
    // Given one group of 1,096 linked unknowns (the counterexample of the exact check in a 33 × 33 grid), above
    // the local check's limit, in which only elimination and bounds could run: they see nothing,
    const { values, relations, hidden, pinned, cell } = gadgetInGrid(33);
    expect(hidden.size).toBeGreaterThan(LOCAL_GROUP_LIMIT);
    expect(fixedUnknowns(relations, hidden)).toEqual([]);
    expect(pinnedByBounds(relations, hidden, new Set(), (key) => values.get(key)!)).toEqual([]);
    // while a to f and the grid cell tied to f are pinned (HiGHS on the whole group, a sample of it).
    const sample = new Set([...pinned, cell(0, 1), cell(17, 5), cell(32, 32)]);
    const table = { values, unpublished: new Set<string>(), relations };
    const primary = attack(table, hidden, sample);
    for (const [key, { min, max }] of primary)
      expect({ key, pinned: min === max }).toEqual({ key, pinned: pinned.includes(key) });

    // When a manager's answer is decided on it (threshold 3: every 1 and 2 is small), with work to spare
    const budget = new WorkBudget(DISCLOSURE_WORK_BUDGET);
    const hiddenByControl = cellsToHide(table, 3, budget);
    expect(budget.exhausted).toBe(false);

    // Then every relation that holds a hidden count has all its non-zero counts hidden (doubling them all is
    // another answer to every relation),
    for (const relation of relations) {
      const members = [relation.total, ...relation.parts];
      if (members.some((key) => hiddenByControl.has(key)))
        for (const key of members)
          if (values.get(key)! > 0)
            expect({ key, hidden: hiddenByControl.has(key) }).toEqual({ key, hidden: true });
    }
    // and the attack finds none of the sample back.
    const attacked = attack(table, hiddenByControl, sample);
    for (const [key, { min, max }] of attacked)
      expect({ key, unique: min === max }).toEqual({ key, unique: false });
  });
});
