import { hypercube, linkTables } from './cell-tables';
import { POLYTOPE_LIMIT, cellsToHide, fixedUnknowns, pinnedByBounds } from './disclosure-control';
import { pinnedLocally } from './disclosure-local';
import { loadAttacker, ranges } from './testing/disclosure-attack';
import { gadgetInGrid } from './testing/gadget-in-grid';

beforeAll(loadAttacker);

describe('disclosure control: local witnesses in a group too large for one exact check', () => {
  it('finds a count that only several relations and the lower bounds together pin, deep in a large group', () => {
    // The counterexample of the exact check tied into a 21 × 21 grid: one group of 448 unknowns, above the limit
    // of the exact check.
    const { values, relations, hidden, cell } = gadgetInGrid(21);
    expect(hidden.size).toBeGreaterThan(POLYTOPE_LIMIT);
    const value = (key: string) => values.get(key)!;
    // Neither the elimination nor the bounds see it.
    expect(fixedUnknowns(relations, hidden)).toEqual([]);
    expect(pinnedByBounds(relations, hidden, new Set(), value)).toEqual([]);
    const pinned = pinnedLocally({
      relations,
      unknown: hidden,
      unpublished: new Set(),
      value,
      guarded: () => true,
    });
    expect(pinned).toEqual(['a', 'b', 'c', 'd', 'e', 'f', cell(0, 0)]);
    // Checked by HiGHS on the whole group: exactly the counts of the sample that the attack pins.
    const known = new Map([...values].filter(([key]) => !hidden.has(key)));
    const bounds = new Map([...hidden].map((key) => [key, 1] as [string, number]));
    const sample = new Set([...pinned, cell(5, 7), cell(20, 20), cell(0, 1)]);
    for (const [key, { min, max }] of ranges(relations, known, bounds, true, sample))
      expect({ key, pinned: min === max }).toEqual({ key, pinned: pinned.includes(key) });
    // Through the control (threshold 3: every 1 and 2 is small), a total is hidden too, and the attack then finds
    // none of a to f back.
    const table = { values, unpublished: new Set<string>(), relations };
    const hiddenByControl = cellsToHide(table, 3);
    expect([...hiddenByControl].filter((key) => !hidden.has(key)).length).toBeGreaterThan(0);
    const visible = new Map([...values].filter(([key]) => !hiddenByControl.has(key)));
    const unknowns = new Map([...hiddenByControl].map((key) => [key, 1] as [string, number]));
    for (const [key, { min, max }] of ranges(relations, visible, unknowns, true, new Set(pinned)))
      expect({ key, unique: min === max }).toEqual({ key, unique: false });
  });

  it('leaves no sampled hidden count of a large three-way table solvable by an integer-programming attack', () => {
    // 10 × 10 × 8 cells with every marginal, most of them small (a linear congruence keeps the figures fixed): the
    // hidden cells form one group well above the exact check's limit. HiGHS on the whole table takes seconds per
    // cell, so it attacks every fifteenth hidden count.
    const rows = [];
    for (let i = 0; i < 10; i++)
      for (let j = 0; j < 10; j++)
        for (let k = 0; k < 8; k++) {
          const n = (i * 61 + j * 37 + k * 17 + i * j * 5 + j * k * 3) % 23;
          rows.push({
            coordinates: [`m${i}`, `f${j}`, `p${k}`],
            count: n < 3 ? 0 : n < 19 ? (n % 4) + 1 : n,
          });
        }
    const table = linkTables(hypercube(rows, (x) => x.join('/')));
    const hidden = cellsToHide(table, 5);
    expect(hidden.size).toBeGreaterThan(POLYTOPE_LIMIT);
    const known = new Map([...table.values].filter(([key]) => !hidden.has(key)));
    const bounds = new Map([...hidden].map((key) => [key, 1] as [string, number]));
    const sample = new Set([...hidden].sort().filter((_, i) => i % 15 === 0));
    for (const [key, { min, max }] of ranges(table.relations, known, bounds, true, sample))
      expect({ key, unique: min === max }).toEqual({ key, unique: false });
  });
});
