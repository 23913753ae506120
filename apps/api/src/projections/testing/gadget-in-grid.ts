/**
 * A table that only several relations and the lower bounds together give away, tied into a group of any size.
 *
 * The counterexample of the exact check (r1 = a + b + c, r2 = a + d + e, r3 = b + c + d + e + f, all hidden:
 * 2a − f = 2 pins a = 2 and f = 2), tied through f to an n × n grid of hidden 2s whose row and column totals are
 * shown. The grid's cells can all move (+1/−1 around any rectangle); a to f and the grid cell tied to f cannot.
 * Every count is 1 or 2 (`hidden`) but the totals, so with threshold 3 the primary suppression hides exactly
 * `hidden`.
 */
import type { Relation } from '../cell-tables';

export function gadgetInGrid(n: number) {
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
  /** The cells the relations and bounds pin, to a reader who sees every other count. */
  const pinned = ['a', 'b', 'c', 'd', 'e', 'f', cell(0, 0)];
  return { values, relations, hidden, pinned, cell, value: (key: string) => values.get(key)! };
}
