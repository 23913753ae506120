import type {
  AllocateCare,
  EndCare,
  RecordRunningCare,
  RequestCare,
  StartCare,
  WithdrawCareRequest,
} from '../commands';
import type { CareEnded, CareRequested, CareRequestWithdrawn, CareStarted } from '../events';
import type { CareAllocated, RunningCareRecorded } from '../route-events';
import type { RegisteredFamilyState, Trajectory } from '../family.state';
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

/**
 * Rule 4: care is requested under the adopted plan; crisis care may be requested at any time. A request the iJw
 * chain reports (`origin: 'ijw'`, a JW315) is a fact, not a professional's decision: rule 4 does not refuse it,
 * and it is marked `outsidePlan` when no adopted plan covers it.
 */
export function requestCare(command: RequestCare, state: RegisteredFamilyState): [CareRequested] {
  const { careForm, occurredAt, origin, reference } = command.data;
  const plan = currentPlan(state);
  const chain = origin === 'ijw';
  if (!plan && careForm !== CRISIS_CARE && !chain) {
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
        ...definedOnly({ origin, reference }),
        ...(chain && !plan ? { outsidePlan: true as const } : {}),
        occurredAt,
      },
    },
  ];
}

/**
 * The municipality's allocation (a JW301) of a requested or started trajectory. When no request is known and the
 * command says what to request, the allocation opens the trajectory: requested at the allocation (by the chain,
 * so never refused by rule 4) and allocated. An allocation number names one trajectory of the family.
 */
export function allocateCare(
  command: AllocateCare,
  state: RegisteredFamilyState,
): [CareAllocated] | [CareRequested, CareAllocated] {
  const { trajectoryId, allocationNumber, productCategory, productCode, request, occurredAt } =
    command.data;
  const { allocatedFrom, allocatedUntil } = command.data;
  const taken = state.trajectories.find(
    (t) => t.allocationNumber === allocationNumber && t.trajectoryId !== trajectoryId,
  );
  if (taken) {
    throw new DomainRuleError(
      'invalid-transition',
      `allocation ${allocationNumber} already belongs to another trajectory of the family`,
    );
  }
  if (allocatedUntil !== undefined && allocatedUntil < allocatedFrom) {
    throw new DomainRuleError('invalid-time', 'an allocation does not end before it begins');
  }
  const allocated: CareAllocated = {
    type: 'CareAllocated',
    data: {
      trajectoryId,
      allocationNumber,
      productCategory,
      ...definedOnly({ productCode }),
      allocatedFrom,
      ...definedOnly({ allocatedUntil }),
      origin: 'ijw',
      occurredAt,
    },
  };
  const known = state.trajectories.some((t) => t.trajectoryId === trajectoryId);
  if (known || !request) {
    const trajectory = findTrajectory(state, trajectoryId);
    if (trajectory.status !== 'requested' && trajectory.status !== 'started') {
      throw new DomainRuleError(
        'invalid-transition',
        `trajectory ${trajectoryId} is ${trajectory.status}; only a requested or started trajectory can be allocated`,
      );
    }
    assertNotBefore(occurredAt, trajectory.requestedAt, 'its request');
    return [allocated];
  }
  const [requested] = requestCare(
    {
      type: 'RequestCare',
      data: { trajectoryId, ...request, origin: 'ijw', occurredAt },
      metadata: command.metadata,
    },
    state,
  );
  return [requested, allocated];
}

/** Rule 5: a trajectory moves requested → started → ended, or requested → withdrawn. */
function requestedTrajectory(
  state: RegisteredFamilyState,
  trajectoryId: string,
  occurredAt: string,
  action: 'start' | 'withdraw',
): Trajectory {
  const trajectory = findTrajectory(state, trajectoryId);
  assertTrajectoryIs(trajectory, 'requested', action);
  assertNotBefore(occurredAt, trajectory.requestedAt, 'its request');
  return trajectory;
}

export function startCare(command: StartCare, state: RegisteredFamilyState): [CareStarted] {
  const { occurredAt, origin } = command.data;
  const trajectory = requestedTrajectory(state, command.data.trajectoryId, occurredAt, 'start');
  return [
    {
      type: 'CareStarted',
      data: { trajectoryId: trajectory.trajectoryId, ...definedOnly({ origin }), occurredAt },
    },
  ];
}

export function endCare(command: EndCare, state: RegisteredFamilyState): [CareEnded] {
  const { reason, occurredAt, origin, ijwReason } = command.data;
  const trajectory = findTrajectory(state, command.data.trajectoryId);
  assertTrajectoryIs(trajectory, 'started', 'end');
  assertNotBefore(occurredAt, trajectory.startedAt ?? trajectory.requestedAt, 'its start');
  return [
    {
      type: 'CareEnded',
      data: {
        trajectoryId: trajectory.trajectoryId,
        reason,
        ...definedOnly({ origin, ijwReason }),
        occurredAt,
      },
    },
  ];
}

export function withdrawCareRequest(
  command: WithdrawCareRequest,
  state: RegisteredFamilyState,
): [CareRequestWithdrawn] {
  const { reason, occurredAt } = command.data;
  const trajectory = requestedTrajectory(state, command.data.trajectoryId, occurredAt, 'withdraw');
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
  const { startedAt, allocationNumber, origin, occurredAt } = command.data;
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
        ...definedOnly({ origin }),
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
