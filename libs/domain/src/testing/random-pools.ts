import fc from 'fast-check';

import type { FamilyCommand } from '../commands';
import { CRISIS_CARE } from '../vocabulary';

/*
 * What the random histories of `random-family-commands.ts` and `random-route-commands.ts` share: the small pools
 * their ids are drawn from, the weighting of their commands, and fresh ids for commands aimed at the family.
 */

export const MEMBERS = ['m-1', 'm-2', 'm-3', 'm-4'] as const;
export const PROFESSIONALS = ['prof-1', 'prof-2', 'prof-3'] as const;
export const SIGNALS = ['s-1', 's-2', 's-3', 's-4'] as const;
export const ANALYSES = ['a-1', 'a-2', 'a-3'] as const;
export const PLANS = ['p-1', 'p-2'] as const;
export const TRAJECTORIES = ['t-1', 't-2', 't-3'] as const;
export const CARE_FORMS = [CRISIS_CARE, 'trauma-treatment', 'foster-care'] as const;

export const GOALS = ['g-1', 'g-2', 'g-3'] as const;
export const MEASURES = ['pm-1', 'pm-2'] as const;

export const weighted = (weight: number, arbitrary: fc.Arbitrary<FamilyCommand>) => ({
  weight,
  arbitrary,
});

/** One of `values`, made into a command by `build`, with this weight. */
export const pick = <T>(weight: number, values: readonly T[], build: (value: T) => FamilyCommand) =>
  weighted(weight, fc.constantFrom(...values).map(build));

/** The first id `prefix-n` that is not among `used`. */
export function freshId(prefix: string, used: readonly string[]): string {
  let n = 1;
  while (used.includes(`${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
}

/** The first id `prefix-n` that none of the family's `records` holds as its `key` (such as `signalId`). */
export function freshIdAmong<K extends string>(
  records: readonly Readonly<Record<K, string>>[],
  key: K,
  prefix: string,
): string {
  return freshId(
    prefix,
    records.map((record) => record[key]),
  );
}
