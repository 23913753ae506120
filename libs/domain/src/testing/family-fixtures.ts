import type { Member } from '../events';

/**
 * Given/when/then over the family's events, and builders with fixed ids and times so that a test names only what
 * it is about. The builders' defaults follow one family along the route: registration on day 0, the signal on
 * day 2, the analysis from day 5 to day 20, the plan on day 25, care requested on day 30, started on day 45 and
 * ended on day 90, outflow on day 100, follow-up on day 190. Every command is decided at {@link NOW} (day 365).
 */

const DAY_MS = 86_400_000;
const DAY_ZERO = Date.UTC(2025, 0, 6, 9, 0, 0);

/** The ISO time `days` after the family's registration (day 0 is Monday 6 January 2025, 09:00 UTC). */
export function day(days: number): string {
  return new Date(DAY_ZERO + days * DAY_MS).toISOString();
}

/** The decider's clock in every builder unless a test passes another one. */
export const NOW = day(365);

export const FAMILY_ID = 'fam-1';
export const YOUTH_ID = 'm-1';
export const PARENT_ID = 'm-2';
export const SIBLING_ID = 'm-3';
export const REGISTRAR_ID = 'prof-1';
export const PROFESSIONAL_ID = 'prof-2';
export const SIGNAL_ID = 's-1';
export const ANALYSIS_ID = 'a-1';
export const PLAN_ID = 'p-1';
export const TRAJECTORY_ID = 't-1';
/** Foster care that already ran, since day -200, when the family entered. */
export const RUNNING_TRAJECTORY_ID = 't-running';
export const MEASURE_ID = 'pm-1';

export const youth: Member = {
  memberId: YOUTH_ID,
  role: 'youth',
  birthYear: 2010,
  displayName: 'Sam',
};
export const parent: Member = {
  memberId: PARENT_ID,
  role: 'parent',
  birthYear: 1982,
  displayName: 'Alex',
};
export const sibling: Member = {
  memberId: SIBLING_ID,
  role: 'sibling',
  birthYear: 2014,
  displayName: 'Robin',
};

export const registrar = {
  professionalId: REGISTRAR_ID,
  organisation: 'WIJ Groningen',
  discipline: 'social work',
} as const;

export const GOAL_ID = 'g-1';
export const NEW_GOAL_ID = 'g-2';

/** The plan's goal as the plan states it, and with its id (as the event holds it). */
export const newGoals = [
  { description: 'Sam goes to school again', memberIds: [YOUTH_ID] },
] as const;
export const goals = [{ goalId: GOAL_ID, ...newGoals[0] }] as const;
/** A revision keeps goal g-1 (reworded) and adds g-2. */
export const revisedGoals = [
  { goalId: GOAL_ID, description: 'Sam goes to school four days a week', memberIds: [YOUTH_ID] },
  { goalId: NEW_GOAL_ID, description: 'Alex finds support for the debts', memberIds: [PARENT_ID] },
] as const;
