import type { FamilyCommand } from '../commands';
import type { Member } from '../events';
import {
  closingConsultation,
  type Family,
  type FamilyState,
  type Plan,
  type RegisteredFamilyState,
  type Trajectory,
} from '../family.state';
import { CLOCK_SKEW_MS, DomainRuleError } from '../rules';

export { definedOnly } from '../defined-only';

type RuleTarget = NonNullable<DomainRuleError['target']>;

/**
 * The rules every command on a registered family passes before its own: registered (rule 1), not dated before
 * the registration (rule 9), not erased, and after an outflow only a follow-up, a re-entry or erasure (rule 8).
 */
export function assertAcceptsCommands(
  command: Exclude<FamilyCommand, { type: 'RegisterFamily' }>,
  state: FamilyState,
): RegisteredFamilyState {
  if (state.status === 'unregistered') {
    throw new DomainRuleError('not-registered', 'the family is not registered', 'family');
  }
  assertNotBefore(command.data.occurredAt, state.registeredAt, "the family's registration");
  if (state.erasedAt !== undefined) {
    throw new DomainRuleError(
      'case-closed',
      "the family's personal data was erased; its record is closed",
    );
  }
  if (state.status === 'outflowed' && !acceptedAfterOutflow(command, state)) {
    throw new DomainRuleError(
      'case-closed',
      'the family has flowed out: only follow-ups, a new signal (re-entry), erasure and the end of handed-over care or of a protection measure are accepted',
    );
  }
  return state;
}

/**
 * Rule 8 (amended): after an outflow, a follow-up, a new signal, erasure, the end of a trajectory handed over at
 * the outflow, the end of a protection measure (a court's decision, which does not follow the route), and a
 * member's choice with whom they share their own data (theirs to make or withdraw, whatever the route).
 */
function acceptedAfterOutflow(
  command: Exclude<FamilyCommand, { type: 'RegisterFamily' }>,
  state: RegisteredFamilyState,
): boolean {
  switch (command.type) {
    case 'ReceiveSignal':
    case 'RecordFollowUp':
    case 'ErasePersonalData':
    case 'EndProtectionMeasure':
    case 'RecordDataSharing':
      return true;
    case 'EndCare':
      return state.trajectories.some(
        (t) => t.trajectoryId === command.data.trajectoryId && t.handedOver !== undefined,
      );
    default:
      return false;
  }
}

/**
 * A case closed by its consultation (advice `regular-route` or `no-action`) takes no analysis, plan or outflow:
 * a new signal opens a new case.
 */
export function assertCaseAdmitted(state: Family, step: string): void {
  const closing = closingConsultation(state);
  if (closing) {
    throw new DomainRuleError(
      'case-closed',
      `the consultation of ${closing.at} advised ${closing.advice} and closed the case: ${step} needs a new signal`,
    );
  }
}

/** The plan of the current case, if one is adopted (a plan of a closed case does not count). */
export function currentPlan(state: Family): Plan | undefined {
  return state.plan && state.plan.caseNumber === state.caseNumber ? state.plan : undefined;
}

/** The current plan, which a command names by `planId`: refused, addressing the plan, when it is not that one. */
export function namedCurrentPlan(state: Family, planId: string): Plan {
  const plan = currentPlan(state);
  if (!plan || plan.planId !== planId) {
    throw new DomainRuleError(
      'unknown-reference',
      `no current plan ${planId} in this family`,
      'plan',
    );
  }
  return plan;
}

/** When the current case was opened: the first signal of its case number. */
export function caseOpenedAt(state: Family): string | undefined {
  return state.signals.find((s) => s.caseNumber === state.caseNumber)?.receivedAt;
}

/**
 * The family's record that the command's address names by its `key` (a trajectory, an analysis, a professional),
 * or a refusal by `unknown-reference` that addresses it (the API's 404).
 */
export function found<K extends string, T extends Readonly<Record<K, string>>>(
  records: readonly T[],
  key: K,
  id: string,
  what: RuleTarget,
): T {
  const thing = records.find((record) => record[key] === id);
  if (thing === undefined) {
    throw new DomainRuleError('unknown-reference', `no ${what} ${id} in this family`, what);
  }
  return thing;
}

export function findTrajectory(state: Family, trajectoryId: string): Trajectory {
  return found(state.trajectories, 'trajectoryId', trajectoryId, 'trajectory');
}

const TRANSITION_VERBS = { start: 'started', end: 'ended', withdraw: 'withdrawn' } as const;

export function assertTrajectoryIs(
  trajectory: Trajectory,
  expected: Trajectory['status'],
  action: keyof typeof TRANSITION_VERBS,
): void {
  if (trajectory.status !== expected) {
    throw new DomainRuleError(
      'invalid-transition',
      `trajectory ${trajectory.trajectoryId} is ${trajectory.status}; only a ${expected} trajectory can be ${TRANSITION_VERBS[action]}`,
    );
  }
}

export function assertMembers(state: Family, memberIds: readonly string[]): void {
  const unknown = memberIds.filter((id) => !state.members.some((m) => m.memberId === id));
  if (unknown.length > 0) {
    throw new DomainRuleError(
      'unknown-reference',
      `no member ${unknown.join(', ')} in this family`,
    );
  }
}

export function assertDistinctMembers(members: readonly Member[]): void {
  const ids = members.map((m) => m.memberId);
  if (new Set(ids).size !== ids.length) {
    throw new DomainRuleError(
      'invalid-transition',
      'every member of the family needs a distinct memberId',
    );
  }
}

/**
 * Refuses a new record whose id one of the family's `records` of that kind already holds under `key` (such as
 * `trajectoryId`): the caller gives every id, and a family never reuses one.
 */
export function assertNewId<K extends string>(
  records: readonly Readonly<Record<K, string>>[],
  key: K,
  id: string,
): void {
  if (records.some((record) => record[key] === id)) {
    throw new DomainRuleError('invalid-transition', `${key} ${id} already exists in this family`);
  }
}

export function assertNotInFuture(at: string, now: string, field = 'occurredAt'): void {
  if (Date.parse(at) > Date.parse(now) + CLOCK_SKEW_MS) {
    throw new DomainRuleError('invalid-time', `${field} ${at} is in the future`);
  }
}

/** Refuses a date that a command sets ahead (an end, the next MDO or evaluation) unless it is after `start`. */
export function assertAfter(later: string | undefined, start: string, message: string): void {
  if (later !== undefined && Date.parse(later) <= Date.parse(start)) {
    throw new DomainRuleError('invalid-time', message);
  }
}

export function assertNotBefore(at: string, earliest: string, what: string): void {
  if (Date.parse(at) < Date.parse(earliest)) {
    throw new DomainRuleError('invalid-time', `occurredAt ${at} is before ${what} (${earliest})`);
  }
}
