import type {
  EndCare,
  RecordRunningCare,
  RequestCare,
  StartCare,
  WithdrawCareRequest,
} from '../commands';
import type { CareEnded, CareRequested, CareRequestWithdrawn, CareStarted } from '../events';
import type { RunningCareRecorded } from '../route-events';
import type { RegisteredFamilyState } from '../family.state';
import { DomainRuleError } from '../rules';
import { CRISIS_CARE } from '../vocabulary';
import {
  assertMembers,
  assertNewId,
  assertNotBefore,
  assertNotInFuture,
  assertTrajectoryIs,
  definedOnly,
  currentPlan,
  findTrajectory,
} from './guards';

/** Rule 4: care is requested under the adopted plan; crisis care may be requested at any time. */
export function requestCare(command: RequestCare, state: RegisteredFamilyState): [CareRequested] {
  const { careForm, occurredAt } = command.data;
  const plan = currentPlan(state);
  if (!plan && careForm !== CRISIS_CARE) {
    throw new DomainRuleError(
      'no-adopted-plan',
      `care (${careForm}) is requested only under an adopted plan; only crisis care may be requested without one`,
    );
  }
  return [
    {
      type: 'CareRequested',
      data: {
        ...newTrajectory(state, command.data),
        ...(plan ? { planId: plan.planId } : {}),
        caseNumber: state.caseNumber,
        occurredAt,
      },
    },
  ];
}

/** Rule 5: a trajectory moves requested → started → ended, or requested → withdrawn. */
export function startCare(command: StartCare, state: RegisteredFamilyState): [CareStarted] {
  const { occurredAt } = command.data;
  const trajectory = findTrajectory(state, command.data.trajectoryId);
  assertTrajectoryIs(trajectory, 'requested', 'start');
  assertNotBefore(occurredAt, trajectory.requestedAt, 'its request');
  return [{ type: 'CareStarted', data: { trajectoryId: trajectory.trajectoryId, occurredAt } }];
}

export function endCare(command: EndCare, state: RegisteredFamilyState): [CareEnded] {
  const { reason, occurredAt } = command.data;
  const trajectory = findTrajectory(state, command.data.trajectoryId);
  assertTrajectoryIs(trajectory, 'started', 'end');
  assertNotBefore(occurredAt, trajectory.startedAt ?? trajectory.requestedAt, 'its start');
  return [
    { type: 'CareEnded', data: { trajectoryId: trajectory.trajectoryId, reason, occurredAt } },
  ];
}

export function withdrawCareRequest(
  command: WithdrawCareRequest,
  state: RegisteredFamilyState,
): [CareRequestWithdrawn] {
  const { reason, occurredAt } = command.data;
  const trajectory = findTrajectory(state, command.data.trajectoryId);
  assertTrajectoryIs(trajectory, 'requested', 'withdraw');
  assertNotBefore(occurredAt, trajectory.requestedAt, 'its request');
  return [
    {
      type: 'CareRequestWithdrawn',
      data: { trajectoryId: trajectory.trajectoryId, reason, occurredAt },
    },
  ];
}

/**
 * Care that already runs (an existing indication, foster care, a municipal allocation): a fact, so rule 4 does
 * not apply; it needs no signal and may have started before the registration, never in the future (rule 9).
 */
export function recordRunningCare(
  command: RecordRunningCare,
  state: RegisteredFamilyState,
): [RunningCareRecorded] {
  const { startedAt, allocationNumber, occurredAt } = command.data;
  assertNotInFuture(startedAt, command.metadata.now, 'startedAt');
  return [
    {
      type: 'RunningCareRecorded',
      data: {
        ...newTrajectory(state, command.data),
        startedAt,
        ...definedOnly({ allocationNumber }),
        outsidePlan: currentPlan(state) === undefined,
        caseNumber: state.caseNumber,
        occurredAt,
      },
    },
  ];
}

/**
 * What a new trajectory, requested or already running, starts with: its id, which the family must not have yet,
 * the care form and provider, and the members it is for (none named: none), who must be in the family.
 */
function newTrajectory(
  state: RegisteredFamilyState,
  data: RequestCare['data'] | RecordRunningCare['data'],
): Pick<CareRequested['data'], 'trajectoryId' | 'careForm' | 'providerId' | 'memberIds'> {
  const { trajectoryId, careForm, providerId } = data;
  const memberIds = data.memberIds ?? [];
  assertNewId(state.trajectories, 'trajectoryId', trajectoryId);
  assertMembers(state, memberIds);
  return { trajectoryId, careForm, providerId, memberIds };
}
