import type { FamilyCommand } from './commands';
import type { FamilyEvent, Member } from './events';
import {
  initialState,
  type Family,
  type FamilyState,
  type RegisteredFamilyState,
  type Trajectory,
} from './family.state';
import { CLOCK_SKEW_MS, DomainRuleError } from './rules';
import { CRISIS_CARE } from './vocabulary';

/**
 * The family decider: `decide(command, state)` returns the events a command produces, or throws a
 * {@link DomainRuleError} naming the rule that refuses it; `evolve(state, event)` applies one event. Pure: the
 * time and new ids come with the command.
 */
export function decide(command: FamilyCommand, state: FamilyState): FamilyEvent[] {
  const at = command.data.occurredAt;
  assertNotInFuture(at, command.metadata.now);

  if (command.type === 'RegisterFamily') {
    if (state.status !== 'unregistered') {
      throw new DomainRuleError('invalid-transition', 'this family is already registered');
    }
    const { familyId, municipality, members, registrar } = command.data;
    assertDistinctMembers(members);
    return [
      { type: 'FamilyRegistered', data: { familyId, municipality, members, occurredAt: at } },
      {
        type: 'ProfessionalJoinedNetwork',
        data: {
          professionalId: registrar.professionalId,
          organisation: registrar.organisation,
          ...(registrar.discipline === undefined ? {} : { discipline: registrar.discipline }),
          occurredAt: at,
        },
      },
    ];
  }
  if (state.status === 'unregistered') {
    throw new DomainRuleError('not-registered', 'the family is not registered', 'family');
  }
  assertNotBefore(at, state.registeredAt, "the family's registration");
  if (state.erasedAt !== undefined) {
    throw new DomainRuleError(
      'case-closed',
      "the family's personal data was erased; its record is closed",
    );
  }
  if (
    state.status === 'outflowed' &&
    command.type !== 'ReceiveSignal' &&
    command.type !== 'RecordFollowUp' &&
    command.type !== 'ErasePersonalData'
  ) {
    throw new DomainRuleError(
      'case-closed',
      'the family has flowed out: only follow-ups, a new signal (re-entry) and erasure are accepted',
    );
  }
  return decideForRegistered(command, state, at);
}

function decideForRegistered(
  command: Exclude<FamilyCommand, { type: 'RegisterFamily' }>,
  state: RegisteredFamilyState,
  at: string,
): FamilyEvent[] {
  switch (command.type) {
    case 'AddFamilyMember': {
      if (state.members.some((m) => m.memberId === command.data.member.memberId)) {
        throw new DomainRuleError(
          'invalid-transition',
          `member ${command.data.member.memberId} is already in the family`,
        );
      }
      return [{ type: 'FamilyMemberAdded', data: { member: command.data.member, occurredAt: at } }];
    }

    case 'ReceiveSignal': {
      const { signalId, source, referrerOrganisation, concerns, urgency, summary } = command.data;
      const concernedMemberIds = command.data.concernedMemberIds ?? [];
      assertNewId(
        state.signals.map((s) => s.signalId),
        signalId,
        'signal',
      );
      assertMembers(state, concernedMemberIds);
      const reentry = state.status === 'outflowed';
      if (reentry && state.outflow)
        assertNotBefore(at, state.outflow.at, 'the outflow it would reopen the case after');
      const caseNumber =
        reentry || state.caseNumber === 0 ? state.caseNumber + 1 : state.caseNumber;
      return [
        {
          type: 'SignalReceived',
          data: {
            signalId,
            source,
            ...(referrerOrganisation === undefined ? {} : { referrerOrganisation }),
            concerns,
            urgency,
            concernedMemberIds,
            ...(summary === undefined ? {} : { summary }),
            caseNumber,
            reentry,
            occurredAt: at,
          },
        },
      ];
    }

    case 'HoldConsultation': {
      if (state.caseNumber === 0) {
        throw new DomainRuleError(
          'no-signal',
          'a consultation follows a signal; no signal was received',
        );
      }
      assertNewId(
        state.consultations.map((c) => c.consultationId),
        command.data.consultationId,
        'consultation',
      );
      return [
        {
          type: 'ConsultationHeld',
          data: {
            consultationId: command.data.consultationId,
            advice: command.data.advice,
            occurredAt: at,
          },
        },
      ];
    }

    case 'JoinNetwork': {
      const { professionalId, organisation, discipline } = command.data;
      if (state.network.some((p) => p.professionalId === professionalId)) {
        throw new DomainRuleError(
          'invalid-transition',
          `${professionalId} is already in the family's network`,
        );
      }
      return [
        {
          type: 'ProfessionalJoinedNetwork',
          data: {
            professionalId,
            organisation,
            ...(discipline === undefined ? {} : { discipline }),
            occurredAt: at,
          },
        },
      ];
    }

    case 'LeaveNetwork': {
      const { professionalId } = command.data;
      if (!state.network.some((p) => p.professionalId === professionalId)) {
        throw new DomainRuleError(
          'unknown-reference',
          `${professionalId} is not in the family's network`,
          'professional',
        );
      }
      if (state.caseDirector?.professionalId === professionalId) {
        throw new DomainRuleError(
          'director-not-in-network',
          'the case director must stay in the network: assign another case director first',
        );
      }
      return [{ type: 'ProfessionalLeftNetwork', data: { professionalId, occurredAt: at } }];
    }

    case 'AssignCaseDirector': {
      const { professionalId } = command.data;
      if (!state.network.some((p) => p.professionalId === professionalId)) {
        throw new DomainRuleError(
          'director-not-in-network',
          `${professionalId} is not in the family's network: only a member of the network can direct the case`,
        );
      }
      const previous = state.caseDirector?.professionalId;
      if (previous === professionalId) {
        throw new DomainRuleError(
          'invalid-transition',
          `${professionalId} is already the case director`,
        );
      }
      return [
        {
          type: 'CaseDirectorAssigned',
          data: {
            professionalId,
            ...(previous === undefined ? {} : { previousProfessionalId: previous }),
            occurredAt: at,
          },
        },
      ];
    }

    case 'StartExplanatoryAnalysis': {
      const { analysisId } = command.data;
      if (state.caseNumber === 0) {
        throw new DomainRuleError(
          'no-signal',
          'an explanatory analysis starts only after a signal',
        );
      }
      const inProgress = state.analyses.find((a) => a.status === 'in-progress');
      if (inProgress) {
        throw new DomainRuleError(
          'analysis-in-progress',
          `explanatory analysis ${inProgress.analysisId} is still in progress`,
        );
      }
      assertNewId(
        state.analyses.map((a) => a.analysisId),
        analysisId,
        'analysis',
      );
      const opened = caseOpenedAt(state);
      if (opened !== undefined) assertNotBefore(at, opened, 'the signal that opened the case');
      return [
        {
          type: 'ExplanatoryAnalysisStarted',
          data: { analysisId, caseNumber: state.caseNumber, occurredAt: at },
        },
      ];
    }

    case 'CompleteExplanatoryAnalysis': {
      const { analysisId, safetyLevel } = command.data;
      const analysis = state.analyses.find((a) => a.analysisId === analysisId);
      if (!analysis) {
        throw new DomainRuleError(
          'unknown-reference',
          `no analysis ${analysisId} in this family`,
          'analysis',
        );
      }
      if (analysis.status !== 'in-progress') {
        throw new DomainRuleError(
          'invalid-transition',
          `analysis ${analysisId} is already completed`,
        );
      }
      assertNotBefore(at, analysis.startedAt, 'the start of the analysis');
      const careNeeds = command.data.careNeeds ?? [];
      assertMembers(
        state,
        careNeeds.map((n) => n.memberId),
      );
      return [
        {
          type: 'ExplanatoryAnalysisCompleted',
          data: {
            analysisId,
            safetyLevel,
            patterns: command.data.patterns ?? [],
            riskFactors: command.data.riskFactors ?? [],
            protectiveFactors: command.data.protectiveFactors ?? [],
            careNeeds,
            occurredAt: at,
          },
        },
      ];
    }

    case 'AdoptTreatmentPlan': {
      const { planId, analysisId, goals, agreedWithFamily, evaluateBy } = command.data;
      const analysis = state.analyses.find((a) => a.analysisId === analysisId);
      if (!analysis) {
        throw new DomainRuleError('unknown-reference', `no analysis ${analysisId} in this family`);
      }
      if (analysis.status !== 'completed' || analysis.completedAt === undefined) {
        throw new DomainRuleError(
          'first-understand-then-act',
          `first understand, then act: complete explanatory analysis ${analysisId} before adopting a plan`,
        );
      }
      if (analysis.caseNumber !== state.caseNumber) {
        throw new DomainRuleError(
          'first-understand-then-act',
          `first understand, then act: analysis ${analysisId} belongs to an earlier case; complete a new one`,
        );
      }
      if (state.plan && state.plan.caseNumber === state.caseNumber) {
        throw new DomainRuleError(
          'invalid-transition',
          `one family, one plan: plan ${state.plan.planId} is adopted; revise it instead`,
        );
      }
      assertNewId(state.plan ? [state.plan.planId] : [], planId, 'plan');
      assertMembers(
        state,
        goals.flatMap((g) => g.memberIds),
      );
      assertNotBefore(at, analysis.completedAt, 'the completion of the analysis');
      return [
        {
          type: 'TreatmentPlanAdopted',
          data: {
            planId,
            version: 1,
            basedOnAnalysisId: analysisId,
            goals,
            agreedWithFamily: agreedWithFamily ?? false,
            ...(evaluateBy === undefined ? {} : { evaluateBy }),
            caseNumber: state.caseNumber,
            occurredAt: at,
          },
        },
      ];
    }

    case 'ReviseTreatmentPlan': {
      const { planId, reason, goals } = command.data;
      const plan = state.plan;
      if (!plan || plan.planId !== planId || plan.caseNumber !== state.caseNumber) {
        throw new DomainRuleError(
          'unknown-reference',
          `no current plan ${planId} in this family`,
          'plan',
        );
      }
      assertMembers(
        state,
        goals.flatMap((g) => g.memberIds),
      );
      assertNotBefore(at, plan.revisedAt ?? plan.adoptedAt, 'the plan’s last version');
      return [
        {
          type: 'TreatmentPlanRevised',
          data: { planId, version: plan.version + 1, reason, goals, occurredAt: at },
        },
      ];
    }

    case 'RequestCare': {
      const { trajectoryId, careForm, providerId } = command.data;
      const memberIds = command.data.memberIds ?? [];
      const plan =
        state.plan && state.plan.caseNumber === state.caseNumber ? state.plan : undefined;
      if (!plan && careForm !== CRISIS_CARE) {
        throw new DomainRuleError(
          'no-adopted-plan',
          `care (${careForm}) is requested only under an adopted plan; only crisis care may be requested without one`,
        );
      }
      assertNewId(
        state.trajectories.map((t) => t.trajectoryId),
        trajectoryId,
        'trajectory',
      );
      assertMembers(state, memberIds);
      return [
        {
          type: 'CareRequested',
          data: {
            trajectoryId,
            careForm,
            providerId,
            memberIds,
            ...(plan ? { planId: plan.planId } : {}),
            caseNumber: state.caseNumber,
            occurredAt: at,
          },
        },
      ];
    }

    case 'StartCare': {
      const trajectory = findTrajectory(state, command.data.trajectoryId);
      assertTrajectoryIs(trajectory, 'requested', 'start');
      assertNotBefore(at, trajectory.requestedAt, 'its request');
      return [
        { type: 'CareStarted', data: { trajectoryId: trajectory.trajectoryId, occurredAt: at } },
      ];
    }

    case 'EndCare': {
      const trajectory = findTrajectory(state, command.data.trajectoryId);
      assertTrajectoryIs(trajectory, 'started', 'end');
      assertNotBefore(at, trajectory.startedAt ?? trajectory.requestedAt, 'its start');
      return [
        {
          type: 'CareEnded',
          data: {
            trajectoryId: trajectory.trajectoryId,
            reason: command.data.reason,
            occurredAt: at,
          },
        },
      ];
    }

    case 'WithdrawCareRequest': {
      const trajectory = findTrajectory(state, command.data.trajectoryId);
      assertTrajectoryIs(trajectory, 'requested', 'withdraw');
      assertNotBefore(at, trajectory.requestedAt, 'its request');
      return [
        {
          type: 'CareRequestWithdrawn',
          data: {
            trajectoryId: trajectory.trajectoryId,
            reason: command.data.reason,
            occurredAt: at,
          },
        },
      ];
    }

    case 'HoldMdo': {
      const { mdoId, participants, nextMdoDueBy, familyPresent, decisions } = command.data;
      if (Date.parse(nextMdoDueBy) <= Date.parse(at)) {
        throw new DomainRuleError('invalid-time', 'the next MDO is due after this one');
      }
      return [
        {
          type: 'MdoHeld',
          data: {
            mdoId,
            participants,
            familyPresent: familyPresent ?? false,
            decisions: decisions ?? [],
            nextMdoDueBy,
            occurredAt: at,
          },
        },
      ];
    }

    case 'NoteProgress':
      return [
        {
          type: 'ProgressNoted',
          data: {
            noteId: command.data.noteId,
            workstream: command.data.workstream,
            note: command.data.note,
            occurredAt: at,
          },
        },
      ];

    case 'AssessSafety': {
      const { assessmentId, level, phase, notes } = command.data;
      return [
        {
          type: 'SafetyAssessed',
          data: {
            assessmentId,
            level,
            ...(phase === undefined ? {} : { phase }),
            ...(notes === undefined ? {} : { notes }),
            occurredAt: at,
          },
        },
      ];
    }

    case 'ReviewSafety': {
      const { reviewId, outcome, advice } = command.data;
      return [
        {
          type: 'SafetyTeamReviewed',
          data: { reviewId, outcome, ...(advice === undefined ? {} : { advice }), occurredAt: at },
        },
      ];
    }

    case 'RegisterOutflow': {
      if (state.caseNumber === 0) {
        throw new DomainRuleError(
          'invalid-transition',
          'the family has no case to flow out of: no signal was received',
        );
      }
      const open = state.trajectories.filter(
        (t) => t.status === 'requested' || t.status === 'started',
      );
      if (open.length > 0) {
        throw new DomainRuleError(
          'open-trajectories',
          `end or withdraw every trajectory first: ${open.map((t) => `${t.trajectoryId} (${t.status})`).join(', ')}`,
        );
      }
      const { destination, reason, handoverTo } = command.data;
      return [
        {
          type: 'OutflowRegistered',
          data: {
            destination,
            ...(reason === undefined ? {} : { reason }),
            ...(handoverTo === undefined ? {} : { handoverTo }),
            caseNumber: state.caseNumber,
            occurredAt: at,
          },
        },
      ];
    }

    case 'RecordFollowUp': {
      const { monthsAfterOutflow, outcome } = command.data;
      if (state.status !== 'outflowed' || !state.outflow) {
        throw new DomainRuleError(
          'invalid-transition',
          'a follow-up comes after an outflow; the family has not flowed out',
        );
      }
      if (state.outflow.followUps.some((f) => f.monthsAfterOutflow === monthsAfterOutflow)) {
        throw new DomainRuleError(
          'invalid-transition',
          `the follow-up ${monthsAfterOutflow} months after outflow is already recorded`,
        );
      }
      assertNotBefore(at, state.outflow.at, 'the outflow');
      return [
        {
          type: 'FollowUpRecorded',
          data: {
            monthsAfterOutflow,
            outcome,
            caseNumber: state.outflow.caseNumber,
            occurredAt: at,
          },
        },
      ];
    }

    case 'ErasePersonalData':
      return [
        {
          type: 'PersonalDataErased',
          data: { legalBasis: command.data.legalBasis, occurredAt: at },
        },
      ];

    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

/** Applies one event. Events are facts: evolve never refuses, and ignores what does not apply. */
export function evolve(state: FamilyState, event: FamilyEvent): FamilyState {
  if (event.type === 'FamilyRegistered') {
    const { familyId, municipality, members, occurredAt } = event.data;
    return {
      status: 'open',
      familyId,
      municipality,
      registeredAt: occurredAt,
      members,
      network: [],
      signals: [],
      caseNumber: 0,
      consultations: [],
      analyses: [],
      trajectories: [],
    };
  }
  if (state.status === 'unregistered') return state;
  return evolveRegistered(state, event);
}

function evolveRegistered(
  state: RegisteredFamilyState,
  event: Exclude<FamilyEvent, { type: 'FamilyRegistered' }>,
): RegisteredFamilyState {
  const at = event.data.occurredAt;
  switch (event.type) {
    case 'FamilyMemberAdded':
      return { ...state, members: [...state.members, event.data.member] };

    case 'SignalReceived': {
      const { signalId, caseNumber, urgency, source, reentry } = event.data;
      const signals = [
        ...state.signals,
        { signalId, caseNumber, receivedAt: at, urgency, source, reentry },
      ];
      if (caseNumber === state.caseNumber) return { ...state, signals };
      // A new case: its plan has still to be made ("first understand, then act" again).
      const { plan: _closedCasePlan, ...rest } = state;
      return { ...rest, status: 'open', signals, caseNumber };
    }

    case 'ConsultationHeld':
      return {
        ...state,
        consultations: [
          ...state.consultations,
          { consultationId: event.data.consultationId, advice: event.data.advice, at },
        ],
      };

    case 'ProfessionalJoinedNetwork': {
      const { professionalId, organisation, discipline } = event.data;
      return {
        ...state,
        network: [
          ...state.network.filter((p) => p.professionalId !== professionalId),
          {
            professionalId,
            organisation,
            ...(discipline === undefined ? {} : { discipline }),
            joinedAt: at,
          },
        ],
      };
    }

    case 'ProfessionalLeftNetwork':
      return {
        ...state,
        network: state.network.filter((p) => p.professionalId !== event.data.professionalId),
      };

    case 'CaseDirectorAssigned':
      return { ...state, caseDirector: { professionalId: event.data.professionalId, since: at } };

    case 'ExplanatoryAnalysisStarted':
      return {
        ...state,
        analyses: [
          ...state.analyses,
          {
            analysisId: event.data.analysisId,
            caseNumber: event.data.caseNumber,
            status: 'in-progress',
            startedAt: at,
          },
        ],
      };

    case 'ExplanatoryAnalysisCompleted': {
      const { analysisId, safetyLevel, patterns, riskFactors, protectiveFactors, careNeeds } =
        event.data;
      return {
        ...state,
        analyses: state.analyses.map((a) =>
          a.analysisId === analysisId
            ? {
                ...a,
                status: 'completed',
                completedAt: at,
                safetyLevel,
                patterns,
                riskFactors,
                protectiveFactors,
                careNeeds,
              }
            : a,
        ),
        safety: { level: safetyLevel, assessedAt: at },
      };
    }

    case 'TreatmentPlanAdopted': {
      const { planId, basedOnAnalysisId, goals, agreedWithFamily, evaluateBy, caseNumber } =
        event.data;
      return {
        ...state,
        plan: {
          planId,
          caseNumber,
          version: 1,
          basedOnAnalysisId,
          goals,
          agreedWithFamily,
          ...(evaluateBy === undefined ? {} : { evaluateBy }),
          adoptedAt: at,
        },
      };
    }

    case 'TreatmentPlanRevised': {
      if (!state.plan || state.plan.planId !== event.data.planId) return state;
      return {
        ...state,
        plan: {
          ...state.plan,
          version: event.data.version,
          goals: event.data.goals,
          revisedAt: at,
        },
      };
    }

    case 'CareRequested': {
      const { trajectoryId, careForm, providerId, memberIds, planId, caseNumber } = event.data;
      return {
        ...state,
        trajectories: [
          ...state.trajectories,
          {
            trajectoryId,
            caseNumber,
            careForm,
            providerId,
            memberIds,
            ...(planId === undefined ? {} : { planId }),
            status: 'requested',
            requestedAt: at,
          },
        ],
      };
    }

    case 'CareRequestWithdrawn':
      return updateTrajectory(state, event.data.trajectoryId, {
        status: 'withdrawn',
        withdrawnAt: at,
      });

    case 'CareStarted':
      return updateTrajectory(state, event.data.trajectoryId, { status: 'started', startedAt: at });

    case 'CareEnded':
      return updateTrajectory(state, event.data.trajectoryId, {
        status: 'ended',
        endedAt: at,
        endReason: event.data.reason,
      });

    case 'MdoHeld':
      return { ...state, lastMdoAt: at, nextMdoDueBy: event.data.nextMdoDueBy };

    case 'ProgressNoted':
      return state;

    case 'SafetyAssessed':
      return {
        ...state,
        safety: {
          level: event.data.level,
          ...(event.data.phase === undefined ? {} : { phase: event.data.phase }),
          assessedAt: at,
        },
      };

    case 'SafetyTeamReviewed':
      return { ...state, lastSafetyReviewAt: at };

    case 'OutflowRegistered': {
      const { destination, reason, handoverTo, caseNumber } = event.data;
      return {
        ...state,
        status: 'outflowed',
        outflow: {
          caseNumber,
          destination,
          at,
          ...(reason === undefined ? {} : { reason }),
          ...(handoverTo === undefined ? {} : { handoverTo }),
          followUps: [],
        },
      };
    }

    case 'FollowUpRecorded': {
      if (!state.outflow) return state;
      return {
        ...state,
        outflow: {
          ...state.outflow,
          followUps: [
            ...state.outflow.followUps,
            { monthsAfterOutflow: event.data.monthsAfterOutflow, at },
          ],
        },
      };
    }

    case 'PersonalDataErased':
      return { ...state, erasedAt: at };

    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

/** The family stream as a decider (Emmett's `Decider`): what a command handler and a specification need. */
export const familyDecider = { decide, evolve, initialState } as const;

/** Folds events into the state they produce. */
export function replay(
  events: Iterable<FamilyEvent>,
  from: FamilyState = initialState,
): FamilyState {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}

function updateTrajectory(
  state: RegisteredFamilyState,
  trajectoryId: string,
  change: Partial<Trajectory>,
): RegisteredFamilyState {
  return {
    ...state,
    trajectories: state.trajectories.map((t) =>
      t.trajectoryId === trajectoryId ? { ...t, ...change } : t,
    ),
  };
}

function findTrajectory(state: Family, trajectoryId: string): Trajectory {
  const trajectory = state.trajectories.find((t) => t.trajectoryId === trajectoryId);
  if (!trajectory) {
    throw new DomainRuleError(
      'unknown-reference',
      `no trajectory ${trajectoryId} in this family`,
      'trajectory',
    );
  }
  return trajectory;
}

const TRANSITION_VERBS = { start: 'started', end: 'ended', withdraw: 'withdrawn' } as const;

function assertTrajectoryIs(
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

/** When the current case was opened: the first signal of its case number. */
function caseOpenedAt(state: Family): string | undefined {
  return state.signals.find((s) => s.caseNumber === state.caseNumber)?.receivedAt;
}

function assertMembers(state: Family, memberIds: readonly string[]): void {
  const unknown = memberIds.filter((id) => !state.members.some((m) => m.memberId === id));
  if (unknown.length > 0) {
    throw new DomainRuleError(
      'unknown-reference',
      `no member ${unknown.join(', ')} in this family`,
    );
  }
}

function assertDistinctMembers(members: readonly Member[]): void {
  const ids = members.map((m) => m.memberId);
  if (new Set(ids).size !== ids.length) {
    throw new DomainRuleError(
      'invalid-transition',
      'every member of the family needs a distinct memberId',
    );
  }
}

function assertNewId(existing: readonly string[], id: string, what: string): void {
  if (existing.includes(id)) {
    throw new DomainRuleError('invalid-transition', `${what} ${id} already exists in this family`);
  }
}

function assertNotInFuture(at: string, now: string): void {
  if (Date.parse(at) > Date.parse(now) + CLOCK_SKEW_MS) {
    throw new DomainRuleError('invalid-time', `occurredAt ${at} is in the future`);
  }
}

function assertNotBefore(at: string, earliest: string, what: string): void {
  if (Date.parse(at) < Date.parse(earliest)) {
    throw new DomainRuleError('invalid-time', `occurredAt ${at} is before ${what} (${earliest})`);
  }
}
