/**
 * The attacker of the disclosure-control tests: what a manager could solve for from the published figures.
 *
 * How these tests attack the figures, as a manager could:
 *
 * 1. Collect everything the answers publish: every visible count, and which ones are hidden (null).
 * 2. Write the linear equations a reader knows: every "total = Σ parts" between those figures (the region's
 *    total and its municipalities, care forms and providers, what each filter narrows to, waiting = overNorm +
 *    within the norm), with the visible counts put in.
 * 3. Bound the unknowns as a reader knows them: whole numbers, a hidden published count at least 1 (zeros are
 *    never hidden), a derived one (within the norm) at least 0.
 * 4. For each hidden count, solve the integer program twice with HiGHS: minimise it and maximise it. Its true
 *    value is feasible, so both have optima (or the maximum is unbounded); the hidden count is found back exactly
 *    when min = max. The test requires min < max for every hidden count: none has a unique solution.
 */
import fc from 'fast-check';
import highsLoader from 'highs';

import type { CellTable, Relation } from '../cell-tables';

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let highs: Highs | undefined;

/** Loads HiGHS (WebAssembly) once; call it in `beforeAll` before any attack. */
export async function loadAttacker(): Promise<void> {
  highs ??= await highsLoader();
}

/** LP names for cell keys (which hold quotes and brackets). */
function names(keys: Iterable<string>): Map<string, string> {
  return new Map([...keys].map((key, i) => [key, `x${i}`]));
}

/** The range of each unknown over the whole-number solutions of the relations with the known values put in. */
export function ranges(
  relations: readonly Relation[],
  known: ReadonlyMap<string, number>,
  unknown: ReadonlyMap<string, number>, // key → lower bound
  integer = true,
  only?: ReadonlySet<string>,
): Map<string, { min: number; max: number }> {
  const name = names(unknown.keys());
  const constraints: string[] = [];
  relations.forEach((relation, i) => {
    let constant = 0;
    const terms: string[] = [];
    const add = (key: string, sign: 1 | -1) => {
      const variable = name.get(key);
      if (variable === undefined) constant += sign * (known.get(key) ?? 0);
      else terms.push(`${sign === 1 ? '+' : '-'} ${variable}`);
    };
    add(relation.total, 1);
    for (const part of relation.parts) add(part, -1);
    if (terms.length > 0) constraints.push(` c${i}: ${terms.join(' ')} = ${-constant}`);
    else if (constant !== 0) throw new Error(`the published figures contradict relation ${i}`);
  });
  const bounds = [...unknown].map(([key, low]) => ` ${name.get(key)} >= ${low}`);
  const result = new Map<string, { min: number; max: number }>();
  for (const [key, variable] of name) {
    if (only !== undefined && !only.has(key)) continue;
    const solve = (sense: 'Minimize' | 'Maximize') => {
      if (highs === undefined) throw new Error('loadAttacker() first');
      const answer = highs.solve(
        [
          sense,
          ` obj: ${variable}`,
          'Subject To',
          ...(constraints.length > 0 ? constraints : [` c: ${variable} >= 0`]),
          'Bounds',
          ...bounds,
          ...(integer ? ['General', ` ${[...name.values()].join(' ')}`] : []),
          'End',
        ].join('\n'),
      );
      // The true figures are a solution, so "infeasible or unbounded" can only be unbounded.
      if (answer.Status === 'Unbounded' || answer.Status === 'Primal infeasible or unbounded')
        return sense === 'Maximize' ? Infinity : -Infinity;
      if (answer.Status !== 'Optimal') throw new Error(`HiGHS: ${answer.Status}`);
      return Math.round(answer.ObjectiveValue);
    };
    result.set(key, { min: solve('Minimize'), max: solve('Maximize') });
  }
  return result;
}

/** A table's cells as a manager sees them after `cellsToHide`, attacked as above (`only`: just these cells). */
export function attack(table: CellTable, hidden: ReadonlySet<string>, only?: ReadonlySet<string>) {
  const known = new Map(
    [...table.values].filter(([key]) => !hidden.has(key) && !table.unpublished.has(key)),
  );
  const unknown = new Map<string, number>([
    ...[...hidden].map((key) => [key, 1] as [string, number]),
    ...[...table.unpublished].map((key) => [key, 0] as [string, number]),
  ]);
  return ranges(table.relations, known, unknown, true, only);
}

/**
 * Steps 2–4 for figures gathered from every answer a manager can ask for (`published`: key → shown value, null
 * when hidden): no shown count is small, and no hidden one is unique over the whole-number solutions.
 */
export function expectNoneSolvable(
  table: CellTable,
  published: ReadonlyMap<string, number | null>,
  threshold: number,
) {
  for (const [key, value] of published)
    expect({ key, small: value !== null && value >= 1 && value < threshold }).toEqual({
      key,
      small: false,
    });
  const known = new Map<string, number>();
  const unknown = new Map<string, number>();
  for (const key of table.values.keys()) {
    const shown = published.get(key);
    if (table.unpublished.has(key) || shown === undefined) unknown.set(key, 0);
    else if (shown === null) unknown.set(key, 1);
    else known.set(key, shown);
  }
  // A figure shown that the table does not hold (a 0) is known too.
  for (const [key, shown] of published)
    if (shown !== null && !known.has(key)) known.set(key, shown);
  const solved = ranges(table.relations, known, unknown);
  for (const [key, shown] of published) {
    if (shown !== null) continue;
    const range = solved.get(key)!;
    expect({ key, unique: range.min === range.max }).toEqual({ key, unique: false });
  }
}

/** Records a figure as an answer shows it; the same figure must be shown (or hidden) alike in every answer. */
export function recorder(published: Map<string, number | null>) {
  return (key: string, value: number | null | undefined) => {
    if (value === undefined) return;
    const before = published.get(key);
    if (before !== undefined) expect({ key, value }).toEqual({ key, value: before });
    published.set(key, value);
  };
}

/**
 * Generated counts of a table to attack, in the weights `[zero, small, shown]`: 0, small counts (1 to 4, hidden
 * under the threshold of 5) and counts shown (5 to `max`).
 */
export function counts(
  [zero, small, shown]: readonly [number, number, number],
  max: number,
): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: zero, arbitrary: fc.constant(0) },
    { weight: small, arbitrary: fc.integer({ min: 1, max: 4 }) },
    { weight: shown, arbitrary: fc.integer({ min: 5, max }) },
  );
}
