/**
 * Statistical disclosure control for managers' figures: which cells of a set of linked tables must be hidden so
 * that no small cell can be found back, neither read off directly nor solved from totals and other cells.
 *
 * A table is modelled as cells (a key and a count) and the linear relations a reader can write between them
 * (`total = Σ parts`). Some cells are derivable but never published (e.g. "waiting within the norm" = waiting −
 * overNorm); they are unknowns to a reader from the start.
 *
 * 1. Primary suppression: every count from 1 to threshold − 1 (api.md v1).
 * 2. Secondary suppression: a relation with exactly one unknown gives it away, so while one has, hide the next
 *    smallest non-zero part beside it (zeros are never chosen: a reader who guesses them would be right), or the
 *    total when no part is left to hide.
 * 3. Audit: relations can also give a cell away together (a chain of relations, each with two unknowns, that
 *    closes on one cell). Gauss–Jordan elimination over the unknowns finds every cell the published values fix;
 *    and since a reader knows a hidden count is at least 1 (zeros are never hidden), bounds propagated through
 *    the relations can pin a cell too (two hidden ones that add up to 2). When neither finds one, an exact check
 *    per group of linked unknowns (`pinnedByPolytope`: every relation and every bound at once, by linear
 *    programming) finds the cells that only all of them together pin. For such a cell the smallest visible
 *    non-zero cell of one of its relations is hidden too, and 2–3 repeat.
 *
 * All of this shares one work budget (`WorkBudget`: the exact checks' tableau updates, the elimination and the
 * bounds of every round), so that a decision takes bounded time on the event loop. Once it is used up, the exact
 * checks call every cell they have not set free pinned, and instead of more rounds each group that still gives a
 * cell away has all of its non-zero surroundings hidden at once (`closure`): coarse, but sound by itself.
 *
 * The result depends only on the values, never on their order or on a filter, so that every answer (filtered or
 * not, any route) hides the same cells of the same table.
 */

import type { CellTable, Relation } from './cell-tables';
import { DISCLOSURE_WORK_BUDGET, WorkBudget } from './disclosure-budget';
import { pinnedLocally } from './disclosure-local';
import { pinnedByPolytope } from './disclosure-polytope';

export function isSmall(count: number | null | undefined, threshold: number): boolean {
  return typeof count === 'number' && count >= 1 && count < threshold;
}

/**
 * The published cells to hide: the small ones and enough others that no small cell and no hidden cell is fixed
 * by the relations and the visible cells. Threshold ≤ 1 (0 turns it off): none.
 */
export function cellsToHide(
  table: CellTable,
  threshold: number,
  budget = new WorkBudget(DISCLOSURE_WORK_BUDGET),
): Set<string> {
  if (threshold <= 1) return new Set();
  const value = (key: string) => table.values.get(key) ?? 0;
  const unknown = new Set(table.unpublished);
  const keys = [...table.values.keys()].sort();
  for (const key of keys) if (isSmall(value(key), threshold)) unknown.add(key);
  const relationsOf = new Map<string, Relation[]>();
  for (const relation of table.relations) {
    for (const key of [relation.total, ...relation.parts]) {
      const list = relationsOf.get(key) ?? [];
      list.push(relation);
      relationsOf.set(key, list);
    }
  }
  /** A cell a reader must not learn: a hidden published cell, or a small derivable one. */
  const guarded = (key: string) => !table.unpublished.has(key) || isSmall(value(key), threshold);
  /** The smallest visible non-zero cell among `candidates`, by value then key. */
  const smallestVisible = (candidates: Iterable<string>): string | undefined => {
    let best: string | undefined;
    for (const key of candidates) {
      if (unknown.has(key) || value(key) === 0) continue;
      if (
        best === undefined ||
        value(key) < value(best) ||
        (value(key) === value(best) && key < best)
      )
        best = key;
    }
    return best;
  };

  /**
   * The smallest visible non-zero cell in the relations of `key`; when there is none (its neighbours are zeros or
   * hidden already), in those of the hidden neighbours, and so on outwards through the relations.
   */
  const nearestComplement = (key: string): string | undefined => {
    const seen = new Set([key]);
    let frontier = [key];
    while (frontier.length > 0) {
      const neighbours = [
        ...new Set(
          frontier.flatMap((k) => (relationsOf.get(k) ?? []).flatMap((r) => [r.total, ...r.parts])),
        ),
      ].filter((k) => !seen.has(k));
      budget.spend(neighbours.length + 1);
      const found = smallestVisible(neighbours);
      if (found !== undefined) return found;
      for (const k of neighbours) seen.add(k);
      frontier = neighbours.filter((k) => unknown.has(k));
    }
    return undefined;
  };

  /**
   * The non-zero cells linked to `keys` through relations, passing through non-zero cells only. Hiding them all
   * sets every one of them free with no further check: doubling each of them (and leaving every other cell as it
   * is) satisfies every relation, since each relation that holds one of them holds all its non-zero members, and
   * `total = Σ parts` is homogeneous; a doubled count is still at least 1 and differs from the true one.
   */
  const closure = (keys: readonly string[]): string[] => {
    const reached = new Set(keys.filter((key) => value(key) !== 0));
    const queue = [...reached];
    while (queue.length > 0) {
      const key = queue.pop()!;
      for (const relation of relationsOf.get(key) ?? [])
        for (const member of [relation.total, ...relation.parts])
          if (value(member) !== 0 && !reached.has(member)) {
            reached.add(member);
            queue.push(member);
          }
    }
    return [...reached];
  };

  /** Step 3's answer per component of unknowns: a component the last round did not touch is not solved again. */
  const solved = new Map<string, FixedGroup>();
  for (;;) {
    // Step 2: until no relation has a single unknown.
    let changed = true;
    while (changed) {
      changed = false;
      for (const relation of table.relations) {
        const members = [relation.total, ...relation.parts];
        budget.spend(members.length);
        const hidden = members.filter((key) => unknown.has(key));
        if (hidden.length !== 1 || !guarded(hidden[0]!)) continue;
        const complement =
          smallestVisible(relation.parts) ?? smallestVisible([relation.total]) ?? undefined;
        if (complement !== undefined) {
          unknown.add(complement);
          changed = true;
        }
      }
    }
    // Step 3: the cells the relations fix together. Components of unknowns are independent, so each one that
    // gives a cell away gets one complement per round (a round re-solves only the components it changed).
    let added = false;
    for (const group of fixedCells(
      table.relations,
      relationsOf,
      unknown,
      table.unpublished,
      value,
      guarded,
      solved,
      budget,
    )) {
      if (budget.exhausted || group.unchecked) {
        for (const key of closure(group.cells.filter(guarded))) unknown.add(key);
        continue;
      }
      for (const key of group.cells.filter(guarded).sort()) {
        const complement = nearestComplement(key);
        if (complement !== undefined) {
          unknown.add(complement);
          added = true;
          break;
        }
      }
    }
    if (!added || budget.exhausted) break;
  }
  return new Set([...unknown].filter((key) => !table.unpublished.has(key)));
}

/**
 * Cells that one complement may set free together; `unchecked`: a group too large for any check beyond
 * elimination and bounds, which found nothing in it — it may still give a cell away, so `cellsToHide` hides all
 * of its non-zero surroundings (`closure`), which sets each of them free without a check.
 */
export interface FixedGroup {
  readonly cells: readonly string[];
  readonly unchecked: boolean;
}

/** The largest group of linked unknowns that the exact check takes on (its tableau is dense). */
export const POLYTOPE_LIMIT = 400;
/**
 * The largest group that gets the local check. Above it (a region's waiting list, ~1,700 unknowns) neighbourhoods
 * of up to 120 cells find no witness, as the cells move only along long cycles: the local check would call every
 * cell pinned, hide a complement per round and take minutes. Such a group gets elimination and bounds; when they
 * find nothing it is `unchecked`, and hidden with all its non-zero surroundings.
 */
export const LOCAL_GROUP_LIMIT = 1000;

/**
 * Every unknown that the relations fix, in groups that one complement may set free together (by linear algebra,
 * `fixedUnknowns`, or by bounds, `pinnedByBounds`, or — when these find none — every guarded unknown that the
 * exact check `pinnedByPolytope` finds pinned; components larger than `POLYTOPE_LIMIT` unknowns get it on
 * neighbourhoods instead, `pinnedLocally`, up to `LOCAL_GROUP_LIMIT`; a larger one is `unchecked`),
 * worked out on the sparse structure rather than on the whole table at once, since a region's waiting list has
 * thousands of cells and the dense elimination over all of them is cubic:
 *
 * - A relation with a single unknown fixes it: such unknowns are peeled off first and count as known from then on
 *   (the same row operations the elimination would do, in linear time). This resolves most derived cells
 *   (within the norm = waiting − over the norm, both shown), which would otherwise tie the whole table together.
 * - What remains falls apart into components: unknowns linked by sharing a relation. A relation with no unknown
 *   left says nothing, and the system is block-diagonal over the components, so each is solved on its own, with
 *   only its own relations — and a component that the last round of `cellsToHide` did not change is taken from
 *   `solved` rather than solved again.
 */
export function fixedCells(
  relations: readonly Relation[],
  relationsOf: ReadonlyMap<string, readonly Relation[]>,
  unknown: ReadonlySet<string>,
  unpublished: ReadonlySet<string>,
  value: (key: string) => number,
  guarded: (key: string) => boolean,
  solved: Map<string, FixedGroup> = new Map(),
  budget = new WorkBudget(DISCLOSURE_WORK_BUDGET),
): FixedGroup[] {
  const open = new Set(unknown);
  const peeled: string[] = [];
  const fixed: FixedGroup[] = [{ cells: peeled, unchecked: false }];
  const openIn = (relation: Relation) => {
    budget.spend(relation.parts.length + 1);
    return [relation.total, ...relation.parts].filter((key) => open.has(key));
  };
  // Peel: a relation with one open unknown fixes it; that may leave another relation with one.
  const queue = [...relations];
  while (queue.length > 0) {
    const relation = queue.pop()!;
    const members = openIn(relation);
    if (members.length !== 1) continue;
    const key = members[0]!;
    open.delete(key);
    peeled.push(key);
    queue.push(...(relationsOf.get(key) ?? []));
  }
  // Components of the open unknowns (union-find over the relations that still hold two or more).
  const parent = new Map<string, string>([...open].map((key) => [key, key]));
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(key, root);
    return root;
  };
  const relationsOfComponent = new Map<string, Relation[]>();
  const linking = relations.filter((relation) => openIn(relation).length >= 2);
  for (const relation of linking) {
    const [first, ...rest] = openIn(relation);
    for (const key of rest) parent.set(find(key), find(first!));
  }
  for (const relation of linking) {
    const root = find(openIn(relation)[0]!);
    const list = relationsOfComponent.get(root) ?? [];
    list.push(relation);
    relationsOfComponent.set(root, list);
  }
  const members = new Map<string, string[]>();
  for (const key of open) {
    const root = find(key);
    const list = members.get(root) ?? [];
    list.push(key);
    members.set(root, list);
  }
  for (const [root, keys] of members) {
    const own = relationsOfComponent.get(root) ?? [];
    // The same unknowns with the same known neighbours give the same answer: known values never change.
    const signature = JSON.stringify(keys.sort());
    let answer = solved.get(signature);
    if (answer === undefined) {
      const component = new Set(keys);
      let cells = [
        ...new Set([
          ...fixedUnknowns(own, component, budget),
          ...pinnedByBounds(own, component, unpublished, value, budget),
        ]),
      ];
      const unchecked = !cells.some(guarded) && component.size > LOCAL_GROUP_LIMIT;
      const group = { relations: own, unknown: component, unpublished, value, guarded };
      if (!cells.some(guarded) && !unchecked)
        cells =
          component.size <= POLYTOPE_LIMIT
            ? pinnedByPolytope(group, budget)
            : pinnedLocally(group, budget);
      answer = { cells: unchecked ? keys : cells, unchecked };
      solved.set(signature, answer);
    }
    fixed.push(answer);
  }
  return fixed;
}

/**
 * The unknowns that the relations fix, the rest being known: after Gauss–Jordan elimination of the relations'
 * coefficients over the unknowns, an unknown is fixed exactly when a reduced row holds it alone (its value is then
 * a combination of known values; in reduced form this does not depend on the order of the pivots). Rows are
 * sparse, and an index of which pivot rows hold a column keeps the back-substitution to the rows it changes.
 * Coefficients start as ±1 and stay small rationals; a tolerance absorbs rounding.
 */
export function fixedUnknowns(
  relations: readonly Relation[],
  unknown: ReadonlySet<string>,
  budget = new WorkBudget(Infinity),
): string[] {
  const EPSILON = 1e-9;
  const pivots = new Map<string, Map<string, number>>();
  /** For a non-pivot column, the pivots whose rows hold it. */
  const holders = new Map<string, Set<string>>();
  const addTo = (row: Map<string, number>, key: string, coefficient: number, pivot?: string) => {
    // Counted, never cut short: an elimination left unfinished would miss cells that it fixes.
    budget.spend(1);
    const sum = (row.get(key) ?? 0) + coefficient;
    if (Math.abs(sum) < EPSILON) {
      row.delete(key);
      if (pivot !== undefined) holders.get(key)?.delete(pivot);
    } else {
      if (pivot !== undefined && !row.has(key)) {
        const set = holders.get(key) ?? new Set();
        set.add(pivot);
        holders.set(key, set);
      }
      row.set(key, sum);
    }
  };
  // Fill-in decides the cost: short rows first, and the pivot that occurs in the fewest relations.
  const occurrences = new Map<string, number>();
  for (const relation of relations)
    for (const key of [relation.total, ...relation.parts])
      if (unknown.has(key)) occurrences.set(key, (occurrences.get(key) ?? 0) + 1);
  const width = (relation: Relation) =>
    [relation.total, ...relation.parts].filter((key) => unknown.has(key)).length;
  const ordered = relations
    .map((relation) => ({ relation, width: width(relation) }))
    .sort((a, b) => a.width - b.width)
    .map(({ relation }) => relation);
  const better = (key: string, than: string) => {
    const a = occurrences.get(key)!;
    const b = occurrences.get(than)!;
    return a < b || (a === b && key < than);
  };
  for (const relation of ordered) {
    const row = new Map<string, number>();
    if (unknown.has(relation.total)) addTo(row, relation.total, 1);
    for (const part of relation.parts) if (unknown.has(part)) addTo(row, part, -1);
    // Reduce by the pivots: their rows hold no other pivot column, so one pass clears them all.
    for (const column of [...row.keys()]) {
      const pivotRow = pivots.get(column);
      const factor = row.get(column);
      if (pivotRow === undefined || factor === undefined) continue;
      for (const [key, coefficient] of pivotRow) addTo(row, key, -factor * coefficient);
    }
    let first: string | undefined;
    for (const key of row.keys()) if (first === undefined || better(key, first)) first = key;
    if (first === undefined) continue;
    const scale = row.get(first)!;
    for (const [key, coefficient] of row) row.set(key, coefficient / scale);
    // Keep the pivot rows fully reduced against the new pivot: only those that hold its column.
    for (const pivot of [...(holders.get(first) ?? [])]) {
      const pivotRow = pivots.get(pivot)!;
      const factor = pivotRow.get(first);
      if (factor === undefined) continue;
      for (const [key, coefficient] of row) addTo(pivotRow, key, -factor * coefficient, pivot);
    }
    holders.delete(first);
    for (const key of row.keys()) {
      if (key === first) continue;
      const set = holders.get(key) ?? new Set();
      set.add(first);
      holders.set(key, set);
    }
    pivots.set(first, row);
  }
  return [...pivots].filter(([, row]) => row.size === 1).map(([column]) => column);
}

/**
 * The unknowns whose bounds, propagated through the relations, meet: a hidden published count is at least 1, a
 * derived one at least 0, and `total = Σ parts` narrows each member by the others' bounds until nothing changes.
 * Sound (every bound holds for the true figures) though not complete; with `fixedUnknowns` it catches what the
 * integer-programming attack in the tests finds.
 */
export function pinnedByBounds(
  relations: readonly Relation[],
  unknown: ReadonlySet<string>,
  unpublished: ReadonlySet<string>,
  value: (key: string) => number,
  budget = new WorkBudget(Infinity),
): string[] {
  const low = new Map<string, number>();
  const high = new Map<string, number>();
  for (const key of unknown) {
    low.set(key, unpublished.has(key) ? 0 : 1);
    high.set(key, Infinity);
  }
  const lo = (key: string) => (unknown.has(key) ? low.get(key)! : value(key));
  const hi = (key: string) => (unknown.has(key) ? high.get(key)! : value(key));
  const involved = relations.filter((r) => [r.total, ...r.parts].some((key) => unknown.has(key)));
  for (let round = 0, changed = true; changed && round < 100; round++) {
    changed = false;
    const tighten = (key: string, min: number, max: number) => {
      if (!unknown.has(key)) return;
      if (min > low.get(key)!) {
        low.set(key, min);
        changed = true;
      }
      if (max < high.get(key)!) {
        high.set(key, max);
        changed = true;
      }
    };
    for (const { total, parts } of involved) {
      budget.spend(2 * parts.length + 1);
      const partsLow = parts.reduce((sum, key) => sum + lo(key), 0);
      const partsHigh = parts.reduce((sum, key) => sum + hi(key), 0);
      tighten(total, partsLow, partsHigh);
      for (const part of parts) {
        const othersLow = partsLow - lo(part);
        const othersHigh = partsHigh - hi(part);
        tighten(part, lo(total) - othersHigh, hi(total) - othersLow);
      }
    }
  }
  return [...unknown].filter((key) => low.get(key) === high.get(key));
}

/** CBS-style rounding of a count to a multiple of `base` (halves up); small counts are hidden before this. */
export function roundCount(count: number, base: number): number {
  return base <= 1 ? count : Math.round(count / base) * base;
}
