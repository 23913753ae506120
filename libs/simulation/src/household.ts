import type { Member, MemberRole } from '@samenspoor/domain';

import { HOUSEHOLD_SIZE_WEIGHTS, NAMES, YOUTH_AGE_WEIGHTS } from './catalogue';
import type { Prng } from './prng';

/** Share of members registered with a BSN. */
const BSN_SHARE = 0.2;

/** The members of a family at registration: the youth first, then parents or carers, then siblings. */
export interface Household {
  readonly members: readonly Member[];
  /** The youth the signal is about. */
  readonly youth: Member;
  /** Every member in the role `youth` (sometimes two children are of concern). */
  readonly youths: readonly Member[];
  readonly parents: readonly Member[];
}

/**
 * A household of 1 to 6 members with Dutch first names and birth years; about one in five members has a BSN.
 * `year` is the calendar year of the registration.
 */
export function household(rng: Prng, year: number): Household {
  const size = rng.weighted(HOUSEHOLD_SIZE_WEIGHTS);
  const usedBsns = new Set<string>();
  const member = (role: MemberRole, birthYear: number, name: string): Member => {
    const bsn = rng.chance(BSN_SHARE) ? distinctBsn(rng, usedBsns) : undefined;
    return {
      memberId: rng.uuid(),
      role,
      birthYear,
      displayName: name,
      ...(bsn === undefined ? {} : { bsn }),
    };
  };
  const child = () => rng.pick(rng.chance(0.5) ? NAMES.girls : NAMES.boys);

  const youthAge = rng.weighted(YOUTH_AGE_WEIGHTS);
  const youthBirthYear = year - youthAge;
  const youth = member('youth', youthBirthYear, child());
  const youths = [youth];
  const parents: Member[] = [];
  const siblings: Member[] = [];
  let left = size - 1;

  if (left > 0 && rng.chance(0.15)) {
    const birthYear = clamp(youthBirthYear + signedGap(rng, 1, 6), year - 17, year);
    youths.push(member('youth', birthYear, child()));
    left--;
  }
  if (left > 0) {
    const count = left >= 2 && rng.chance(0.55) ? 2 : 1;
    const firstIsMother = rng.chance(count === 1 ? 0.8 : 0.5);
    for (let i = 0; i < count; i++) {
      // Two parents are mostly a mother and a father.
      const woman = i === 0 || rng.chance(0.1) ? firstIsMother : !firstIsMother;
      if (rng.chance(0.07)) {
        // A grandparent raising the child.
        parents.push(member('carer', youthBirthYear - rng.int(45, 62), rng.pick(NAMES.elders)));
      } else {
        const name = rng.pick(woman ? NAMES.women : NAMES.men);
        parents.push(member('parent', youthBirthYear - rng.int(19, 40), name));
      }
    }
    left -= count;
  }
  for (; left > 0; left--) {
    const birthYear = clamp(youthBirthYear + signedGap(rng, 1, 8), year - 24, year);
    siblings.push(member('sibling', birthYear, child()));
  }
  return { members: [...youths, ...parents, ...siblings], youth, youths, parents };
}

/** A member added later: a newborn sibling or a new partner of a parent. */
export function laterMember(rng: Prng, year: number, youthBirthYear: number): Member {
  const newborn = rng.chance(0.6);
  const base = {
    memberId: rng.uuid(),
    role: newborn ? ('sibling' as const) : ('parent' as const),
    birthYear: newborn ? year : youthBirthYear - rng.int(22, 40),
  };
  const names = newborn
    ? rng.chance(0.5)
      ? NAMES.girls
      : NAMES.boys
    : rng.chance(0.5)
      ? NAMES.women
      : NAMES.men;
  return { ...base, displayName: rng.pick(names) };
}

/**
 * A BSN passing the elfproef, from the range 999990000–999999999 that the Dutch civil registry (RvIG) keeps
 * for test persons, so that no generated number belongs to a real person.
 */
export function testBsn(rng: Prng): string {
  for (;;) {
    const digits = [9, 9, 9, 9, rng.int(0, 9), rng.int(0, 9), rng.int(0, 9), rng.int(0, 9)];
    const sum = digits.reduce((total, digit, i) => total + digit * (9 - i), 0);
    const check = sum % 11;
    if (check < 10) return `${digits.join('')}${check}`;
  }
}

function distinctBsn(rng: Prng, used: Set<string>): string {
  let bsn = testBsn(rng);
  while (used.has(bsn)) bsn = testBsn(rng);
  used.add(bsn);
  return bsn;
}

function signedGap(rng: Prng, min: number, max: number): number {
  return (rng.chance(0.5) ? -1 : 1) * rng.int(min, max);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
