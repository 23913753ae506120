import type { Relation } from './cell-tables';
import { LOCAL_GROUP_LIMIT, fixedUnknowns, pinnedByBounds } from './disclosure-control';
import { pinnedByMoves } from './disclosure-moves';
import { loadAttacker, ranges } from './testing/disclosure-attack';

beforeAll(loadAttacker);

/**
 * The counterexample of the exact check (r1 = a + b + c, r2 = a + d + e, r3 = b + c + d + e + f, all hidden: 2a − f
 * = 2 pins a = 2 and f = 2), tied through f to an n × n grid of hidden 2s whose row and column totals are shown.
 */
function gadgetInGrid(n: number) {
  const values = new Map<string, number>([
    ['r1', 4],
    ['r2', 4],
    ['r3', 6],
    ['a', 2],
    ['b', 1],
    ['c', 1],
    ['d', 1],
    ['e', 1],
    ['f', 2],
    ['link', 4],
  ]);
  const cell = (i: number, j: number) =>
    `x${String(i).padStart(2, '0')}${String(j).padStart(2, '0')}`;
  const relations: Relation[] = [
    { total: 'r1', parts: ['a', 'b', 'c'] },
    { total: 'r2', parts: ['a', 'd', 'e'] },
    { total: 'r3', parts: ['b', 'c', 'd', 'e', 'f'] },
    { total: 'link', parts: ['f', cell(0, 0)] },
  ];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: n }, (_, j) => cell(i, j));
    for (const key of row) values.set(key, 2);
    relations.push({ total: `row${i}`, parts: row });
    values.set(`row${i}`, 2 * n);
    relations.push({ total: `column${i}`, parts: Array.from({ length: n }, (_, j) => cell(j, i)) });
    values.set(`column${i}`, 2 * n);
  }
  const hidden = new Set([...values.keys()].filter((key) => values.get(key)! <= 2));
  return { values, relations, hidden, cell, value: (key: string) => values.get(key)! };
}

describe('disclosure control: moves in a group of any size', () => {
  it('finds a count that only several relations and the lower bounds together pin, in a group above 1,000 unknowns', () => {
    // 33 × 33 grid: one group of 1,096 unknowns, above the local check's limit, where only elimination and
    // per-relation bounds ran before. The grid's cells move (+1/−1 around a rectangle); a to f and the grid cell
    // tied to f cannot.
    const { relations, hidden, cell, value, values } = gadgetInGrid(33);
    expect(hidden.size).toBeGreaterThan(LOCAL_GROUP_LIMIT);
    // Neither the elimination nor the bounds see it.
    expect(fixedUnknowns(relations, hidden)).toEqual([]);
    expect(pinnedByBounds(relations, hidden, new Set(), value)).toEqual([]);
    const started = performance.now();
    const pinned = pinnedByMoves(relations, hidden, new Set(), value, () => true);
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(pinned).toEqual(['a', 'b', 'c', 'd', 'e', 'f', cell(0, 0)]);
    // Checked by HiGHS on the whole group: the sample's pinned counts are exactly those the attack pins.
    const known = new Map([...values].filter(([key]) => !hidden.has(key)));
    const bounds = new Map([...hidden].map((key) => [key, 1] as [string, number]));
    const sample = new Set(['a', 'f', cell(0, 0), cell(0, 1), cell(17, 5), cell(32, 32)]);
    for (const [key, { min, max }] of ranges(relations, known, bounds, true, sample))
      expect({ key, pinned: min === max }).toEqual({ key, pinned: pinned.includes(key) });
  });

  it('calls a cell free only with a move that keeps every relation and bound', () => {
    // A 2 × 2 table of hidden cells with its margins shown: a rectangle moves them, unless a decreased cell would
    // fall below 1. With the 1s on a diagonal, every rectangle through them lowers a 1: all four are pinned.
    const table = (values: number[]) => {
      const [a, b, c, d] = values as [number, number, number, number];
      const figures = new Map([
        ['a', a],
        ['b', b],
        ['c', c],
        ['d', d],
        ['row0', a + b],
        ['row1', c + d],
        ['column0', a + c],
        ['column1', b + d],
      ]);
      const relations: Relation[] = [
        { total: 'row0', parts: ['a', 'b'] },
        { total: 'row1', parts: ['c', 'd'] },
        { total: 'column0', parts: ['a', 'c'] },
        { total: 'column1', parts: ['b', 'd'] },
      ];
      return pinnedByMoves(
        relations,
        new Set(['a', 'b', 'c', 'd']),
        new Set(),
        (k) => figures.get(k)!,
        () => true,
      );
    };
    expect(table([1, 3, 3, 1])).toEqual([]);
    expect(table([1, 2, 2, 1])).toEqual([]);
    expect(table([1, 1, 1, 1])).toEqual(['a', 'b', 'c', 'd']);
    expect(table([1, 1, 1, 4])).toEqual(['a', 'b', 'c', 'd']);
    expect(table([2, 1, 1, 2])).toEqual([]);
  });
});
