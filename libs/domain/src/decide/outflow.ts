import type { RecordFollowUp, RegisterOutflow } from '../commands';
import type { FollowUpRecorded, OutflowRegistered } from '../events';
import type { RegisteredFamilyState } from '../family.state';
import { DomainRuleError } from '../rules';
import type { CareHandedOver } from '../route-events';
import { assertCaseAdmitted, assertNotBefore, definedOnly } from './guards';

/**
 * Rule 8: the family flows out of its case once every trajectory is ended or withdrawn, or (amended) goes on:
 * `continuingTrajectoryIds` names running trajectories that are handed over at the outflow (warme overdracht).
 */
export function registerOutflow(
  command: RegisterOutflow,
  state: RegisteredFamilyState,
): [...CareHandedOver[], OutflowRegistered] {
  if (state.caseNumber === 0) {
    throw new DomainRuleError(
      'invalid-transition',
      'the family has no case to flow out of: no signal was received',
    );
  }
  assertCaseAdmitted(state, 'an outflow');
  const continuing = command.data.continuingTrajectoryIds ?? [];
  if (new Set(continuing).size !== continuing.length) {
    throw new DomainRuleError('invalid-transition', 'a trajectory is handed over once');
  }
  const handedOver = continuing.map((id) => {
    const trajectory = state.trajectories.find((t) => t.trajectoryId === id);
    if (!trajectory) {
      throw new DomainRuleError('unknown-reference', `no trajectory ${id} in this family`);
    }
    if (trajectory.status !== 'started' || trajectory.handedOver) {
      throw new DomainRuleError(
        'invalid-transition',
        `trajectory ${id} is ${trajectory.handedOver ? 'handed over already' : trajectory.status}; only running care goes on after the outflow`,
      );
    }
    return trajectory;
  });
  const open = state.trajectories.filter(
    (t) =>
      (t.status === 'requested' || t.status === 'started') &&
      t.handedOver === undefined &&
      !continuing.includes(t.trajectoryId),
  );
  if (open.length > 0) {
    throw new DomainRuleError(
      'open-trajectories',
      `end or withdraw every trajectory first: ${open.map((t) => `${t.trajectoryId} (${t.status})`).join(', ')}`,
    );
  }
  const { destination, reason, handoverTo, occurredAt } = command.data;
  return [
    ...handedOver.map((t): CareHandedOver => ({
      type: 'CareHandedOver',
      data: {
        trajectoryId: t.trajectoryId,
        ...definedOnly({ handoverTo }),
        caseNumber: state.caseNumber,
        occurredAt,
      },
    })),
    {
      type: 'OutflowRegistered',
      data: {
        destination,
        ...definedOnly({ reason, handoverTo }),
        caseNumber: state.caseNumber,
        occurredAt,
      },
    },
  ];
}

/** "Don't let go" (niet loslaten): one follow-up per month after the outflow, while the case is closed. */
export function recordFollowUp(
  command: RecordFollowUp,
  state: RegisteredFamilyState,
): [FollowUpRecorded] {
  const { monthsAfterOutflow, outcome, status, occurredAt } = command.data;
  if (state.status !== 'outflowed') {
    throw new DomainRuleError(
      'invalid-transition',
      'a follow-up comes after an outflow; the family has not flowed out',
    );
  }
  const { outflow } = state;
  if (outflow.followUps.some((f) => f.monthsAfterOutflow === monthsAfterOutflow)) {
    throw new DomainRuleError(
      'invalid-transition',
      `the follow-up ${monthsAfterOutflow} months after outflow is already recorded`,
    );
  }
  assertNotBefore(occurredAt, outflow.at, 'the outflow');
  return [
    {
      type: 'FollowUpRecorded',
      data: {
        monthsAfterOutflow,
        outcome,
        ...definedOnly({ status }),
        caseNumber: outflow.caseNumber,
        occurredAt,
      },
    },
  ];
}
