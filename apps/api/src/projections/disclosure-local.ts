/**
 * The exact check of disclosure control for a group of linked unknowns too large for one dense tableau (a
 * region's waiting list links some 1,700 hidden cells): local witnesses.
 *
 * For a guarded unknown c, take a neighbourhood S of unknowns around it (breadth first over shared relations, in
 * key order, up to `LOCAL_SIZE` cells), hold every unknown outside S at its true value, and run the exact check
 * (`pinnedByPolytope`) on what is left. A whole-number point of that sub-table is one of the whole group too (the
 * cells outside S keep their true values, which satisfy every relation that does not touch S), so every cell it
 * moves is free, and one simplex run usually frees many cells. A cell that no point of its neighbourhood moves
 * gets one more try on a neighbourhood twice as large; a cell still unmoved is called pinned. That may hide more
 * than needed (a larger neighbourhood could have freed it), never less.
 *
 * The answer depends only on the keys, the values and the relations as a set: neighbourhoods are grown in key
 * order, and `pinnedByPolytope` orders its rows by their coefficients. All work counts against `budget`: once it is
 * used up, every cell not yet set free is called pinned (sound, as above).
 */
import type { Relation } from './cell-tables';
import { unlimitedBudget, type WorkBudget } from './disclosure-budget';
import { pinnedByPolytope, type UnknownGroup } from './disclosure-polytope';

/** How many unknowns a neighbourhood holds at first (its tableau is dense; twice as many on the second try). */
export const LOCAL_SIZE = 60;

/** The guarded unknowns of one (large) group that no local whole-number witness sets free. */
export function pinnedLocally(
  { relations, unknown, unpublished, value, guarded }: UnknownGroup,
  budget: WorkBudget = unlimitedBudget(),
  size = LOCAL_SIZE,
): string[] {
  const relationsOf = new Map<string, Relation[]>();
  for (const relation of relations)
    for (const key of new Set([relation.total, ...relation.parts]))
      if (unknown.has(key)) {
        const list = relationsOf.get(key) ?? [];
        list.push(relation);
        relationsOf.set(key, list);
      }
  /**
   * A neighbourhood of `start` that a witness can move in: take in, one at a time, the outside unknown that the
   * most relations touching it share (closing cycles first; the smallest key among ties), until `limit` unknowns
   * or the group is used up.
   */
  const membersOf = new Map<Relation, string[]>();
  for (const relation of relations)
    membersOf.set(relation, [
      ...new Set([relation.total, ...relation.parts].filter((k) => unknown.has(k))),
    ]);
  // A relation that holds one cell of it would hold that cell still: its members weigh more.
  const weight = (insideMembers: number) => (insideMembers === 0 ? 0 : insideMembers === 1 ? 2 : 1);
  const neighbourhood = (start: string, limit: number): Set<string> => {
    const inside = new Set<string>();
    // The votes are kept up to date as cells come in: only the relations of the newcomer change theirs.
    const votes = new Map<string, number>();
    const insideCount = new Map<Relation, number>();
    const take = (key: string) => {
      inside.add(key);
      votes.delete(key);
      for (const relation of relationsOf.get(key) ?? []) {
        const members = membersOf.get(relation) ?? [];
        budget.spend(members.length);
        const before = insideCount.get(relation) ?? 0;
        insideCount.set(relation, before + 1);
        const delta = weight(before + 1) - weight(before);
        for (const k of members) if (!inside.has(k)) votes.set(k, (votes.get(k) ?? 0) + delta);
      }
    };
    take(start);
    while (inside.size < limit && !budget.exhausted) {
      let best: string | undefined;
      budget.spend(votes.size);
      for (const [k, n] of votes)
        if (best === undefined || n > votes.get(best)! || (n === votes.get(best)! && k < best))
          best = k;
      if (best === undefined) break;
      take(best);
    }
    return inside;
  };
  const free = new Set<string>();
  /** The exact check on `inside` (the rest held at its true values), optimising `start` only. */
  const tryFrom = (start: string, limit: number) => {
    const inside = neighbourhood(start, limit);
    const own = [...new Set([...inside].flatMap((key) => relationsOf.get(key) ?? []))];
    const open = (key: string) => guarded(key) && !free.has(key);
    const pinned = new Set(
      pinnedByPolytope(
        { relations: own, unknown: inside, unpublished, value, guarded: open },
        budget,
      ),
    );
    for (const key of inside) if (open(key) && !pinned.has(key)) free.add(key);
  };
  const pinned: string[] = [];
  for (const key of [...unknown].sort()) {
    if (!guarded(key) || free.has(key)) continue;
    if (!budget.exhausted) tryFrom(key, size);
    if (!free.has(key) && !budget.exhausted) tryFrom(key, 2 * size);
    if (!free.has(key)) pinned.push(key);
  }
  return pinned;
}
