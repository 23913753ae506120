/**
 * The check of disclosure control for groups of linked unknowns of any size (a region's waiting list links some
 * 1,700 hidden cells): witnesses found as moves.
 *
 * A move is a change `d` of the unknowns by whole numbers (here each by +1, −1 or 0) that keeps every relation
 * (`total = Σ parts`) in balance and every unknown at or above the bound a reader knows (a hidden published count
 * at least 1, a derived one at least 0). The true figures plus a move are figures a reader cannot tell apart from
 * the true ones, so every unknown a move changes is free. A move is sought from each guarded unknown that no
 * earlier move changed, in both directions, by a bounded depth-first search: change the unknown, then, while some
 * relation is out of balance, change one more of its members to restore it (trying first the members that restore
 * other relations too, such as the far corner of a 2 × 2 × 2 cube of a three-way table, and throw the fewest out
 * of balance, such as a derived cell that only one relation holds). A cell for which the search finds no move
 * within its budget is called pinned: that may hide more than needed (a longer move could have freed it), never
 * less. Every move found is checked against every relation and bound before it frees anything.
 *
 * Moves are sought from a walk rather than from the true figures alone: each move found is added to the point the
 * next search starts from, and the cells still pinned are tried again from there (a move blocked by a bound at the
 * true figures may be open after another move lifted that cell); each point of the walk keeps every relation and
 * bound, so a cell that differs from the true figures at any of them is free.
 *
 * The search looks at the relations of the cells it changes only, so its cost does not grow with the group: a
 * grid of 1,089 hidden cells (moves of 4 cells) is decided in seconds. It is not yet wired into
 * `fixedCells` for the groups above `LOCAL_GROUP_LIMIT`: on a region's waiting list (one group of ~1,715 unknowns)
 * the smallest moves change 16 to 44 cells (HiGHS, least total change), which this search rarely reaches within its
 * budget: one pass frees 833 of its 1,574 guarded cells in 24 s, six passes of a larger search (1,000 tries, 32
 * cells) 1,074 in 217 s; with a complement for each cell left pinned, about 2,350 cells end up hidden instead of
 * ~990, in minutes.
 *
 * The answer depends only on the keys, the values and the relations as a set: unknowns are taken in key order,
 * relations and candidates are ranked by their members' keys, never by the order they came in.
 */
import type { Relation } from './cell-tables';

/** How many changes one search may try before it gives up on a direction of a cell. */
export const MOVE_BUDGET = 300;
/** The most cells one move may change. */
export const MOVE_SIZE = 24;
/** How many times the walk goes over the cells still pinned (while it frees any). */
export const MOVE_PASSES = 6;

interface Option {
  readonly key: string;
  readonly by: number;
  readonly score: number;
  readonly closes: number;
}

interface Row {
  /** Coefficient of each unknown member (total +1, part −1, summed when a key repeats), none zero. */
  readonly coefficients: ReadonlyMap<string, number>;
  /** Its members and coefficients in key order: ranks relations whatever order they came in. */
  readonly name: string;
}

/** The guarded unknowns of one group that no move found sets free. */
export function pinnedByMoves(
  relations: readonly Relation[],
  unknown: ReadonlySet<string>,
  unpublished: ReadonlySet<string>,
  value: (key: string) => number,
  guarded: (key: string) => boolean,
  budget = MOVE_BUDGET,
  size = MOVE_SIZE,
  passes = MOVE_PASSES,
): string[] {
  const rows: Row[] = [];
  const rowsOf = new Map<string, Row[]>();
  for (const relation of relations) {
    const coefficients = new Map<string, number>();
    const add = (key: string, c: number) => {
      if (unknown.has(key)) coefficients.set(key, (coefficients.get(key) ?? 0) + c);
    };
    add(relation.total, 1);
    for (const part of relation.parts) add(part, -1);
    for (const [key, c] of coefficients) if (c === 0) coefficients.delete(key);
    if (coefficients.size === 0) continue;
    const name = JSON.stringify([...coefficients].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const row = { coefficients, name };
    rows.push(row);
    for (const key of coefficients.keys()) {
      const list = rowsOf.get(key) ?? [];
      list.push(row);
      rowsOf.set(key, list);
    }
  }
  for (const list of rowsOf.values()) list.sort((a, b) => (a.name < b.name ? -1 : 1));
  const lowest = (key: string) => (unpublished.has(key) ? 0 : 1);
  /** The point the moves start from: the true figures, then each move found added to it (a walk). */
  const current = new Map<string, number>();
  const at = (key: string) => current.get(key) ?? value(key);
  const canChange = (key: string, by: number) => at(key) + by >= lowest(key);

  /** The move checked on its own: every relation in balance, every changed unknown within its bound. */
  const holds = (move: ReadonlyMap<string, number>): boolean => {
    for (const [key, by] of move) if (!unknown.has(key) || !canChange(key, by)) return false;
    const touched = new Set([...move.keys()].flatMap((key) => rowsOf.get(key) ?? []));
    for (const row of touched) {
      let sum = 0;
      for (const [key, c] of row.coefficients) sum += c * (move.get(key) ?? 0);
      if (sum !== 0) return false;
    }
    return true;
  };

  /** A move that changes `start` by `sign`, or undefined when none is found within the budget. */
  const search = (start: string, sign: number): Map<string, number> | undefined => {
    if (!canChange(start, sign)) return undefined;
    const move = new Map<string, number>();
    const imbalance = new Map<Row, number>();
    let tries = 0;
    const apply = (key: string, by: number) => {
      move.set(key, by);
      for (const row of rowsOf.get(key) ?? []) {
        const after = (imbalance.get(row) ?? 0) + by * row.coefficients.get(key)!;
        if (after === 0) imbalance.delete(row);
        else imbalance.set(row, after);
      }
    };
    const undo = (key: string) => {
      const by = move.get(key)!;
      move.delete(key);
      for (const row of rowsOf.get(key) ?? []) {
        const after = (imbalance.get(row) ?? 0) - by * row.coefficients.get(key)!;
        if (after === 0) imbalance.delete(row);
        else imbalance.set(row, after);
      }
    };
    /** The changes that take a unit off `row`'s imbalance, best first. */
    const candidates = (row: Row): Option[] => {
      const off = imbalance.get(row)!;
      const list: Option[] = [];
      for (const [key, c] of row.coefficients) {
        if (move.has(key)) continue;
        const by = off > 0 ? -c : c;
        if (!canChange(key, by)) continue;
        // Relations it brings closer to balance, less those it throws out of balance.
        let score = 0;
        let closes = 0;
        for (const other of rowsOf.get(key) ?? []) {
          if (other === row) continue;
          const before = imbalance.get(other) ?? 0;
          const after = before + by * other.coefficients.get(key)!;
          score += Math.abs(before) - Math.abs(after);
          if (Math.abs(after) < Math.abs(before)) closes++;
        }
        list.push({ key, by, score, closes });
      }
      list.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
      // A change that also restores another relation closes a cycle: when there is one, only such changes.
      return list.some((option) => option.closes > 0)
        ? list.filter((option) => option.closes > 0)
        : list;
    };
    const go = (): boolean => {
      if (imbalance.size === 0) return true;
      if (move.size >= size || tries >= budget) return false;
      // The relation out of balance with the fewest ways to restore it (a dead end shows at once).
      let chosen: { row: Row; options: ReturnType<typeof candidates> } | undefined;
      for (const row of imbalance.keys()) {
        const options = candidates(row);
        if (
          chosen === undefined ||
          options.length < chosen.options.length ||
          (options.length === chosen.options.length && row.name < chosen.row.name)
        )
          chosen = { row, options };
        if (options.length === 0) return false;
      }
      for (const { key, by } of chosen!.options) {
        if (++tries > budget) return false;
        apply(key, by);
        if (go()) return true;
        undo(key);
      }
      return false;
    };
    apply(start, sign);
    return go() && holds(move) ? move : undefined;
  };

  const free = new Set<string>();
  let open = [...unknown].filter(guarded).sort();
  for (let pass = 0; pass < passes && open.length > 0; pass++) {
    const before = open.length;
    for (const key of open) {
      if (free.has(key)) continue;
      const move = search(key, 1) ?? search(key, -1);
      if (move === undefined) continue;
      // Every cell the move changes is free: it differs from the true figures either at the new point or already
      // at the point the move started from (each point of the walk keeps every relation and bound).
      for (const [changed, by] of move) {
        free.add(changed);
        current.set(changed, at(changed) + by);
      }
    }
    open = open.filter((key) => !free.has(key));
    if (open.length === before) break;
  }
  return open;
}
