import { definedOnly } from './defined-only';
import type { FamilyEvent } from './events';
import type { RouteEvent } from './route-events';
import { evolveRoute, isRouteEvent } from './family.evolve.route';
import {
  appendTo,
  updateTrajectory,
  type FamilyState,
  type RegisteredFamilyState,
} from './family.state';

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
      protectionMeasures: [],
      safeAtHomeReports: [],
      voices: [],
      planAgreements: [],
      parentalAuthority: [],
      dataSharing: [],
      informalNetwork: [],
    };
  }
  if (state.status === 'unregistered') return state;
  if (isRouteEvent(event)) return evolveRoute(state, event);
  return evolveRegistered(state, event);
}

function evolveRegistered(
  state: RegisteredFamilyState,
  event: Exclude<FamilyEvent, { type: 'FamilyRegistered' } | RouteEvent>,
): RegisteredFamilyState {
  const at = event.data.occurredAt;
  switch (event.type) {
    case 'FamilyMemberAdded':
      return appendTo(state, 'members', event.data.member);

    case 'MemberBsnRecorded':
      return {
        ...state,
        members: state.members.map((m) =>
          m.memberId === event.data.memberId ? { ...m, bsn: event.data.bsn } : m,
        ),
      };

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
      return appendTo(state, 'consultations', {
        consultationId: event.data.consultationId,
        advice: event.data.advice,
        caseNumber: state.caseNumber,
        at,
      });

    case 'ProfessionalJoinedNetwork': {
      const { professionalId, organisation, discipline } = event.data;
      return {
        ...state,
        network: [
          ...state.network.filter((p) => p.professionalId !== professionalId),
          {
            professionalId,
            organisation,
            ...definedOnly({ discipline }),
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
      return appendTo(state, 'analyses', {
        analysisId: event.data.analysisId,
        caseNumber: event.data.caseNumber,
        status: 'in-progress',
        startedAt: at,
      });

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
          ...definedOnly({ evaluateBy }),
          adoptedAt: at,
          allGoalIds: goals.map((g) => g.goalId),
          evaluations: [],
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
          allGoalIds: [
            ...state.plan.allGoalIds,
            ...event.data.goals
              .map((g) => g.goalId)
              .filter((id) => !state.plan?.allGoalIds.includes(id)),
          ],
        },
      };
    }

    case 'CareRequested': {
      const { trajectoryId, careForm, providerId, memberIds, planId, caseNumber } = event.data;
      const { origin, outsidePlan, reference } = event.data;
      return appendTo(state, 'trajectories', {
        trajectoryId,
        caseNumber,
        careForm,
        providerId,
        memberIds,
        ...definedOnly({ planId, origin, outsidePlan, reference }),
        status: 'requested',
        requestedAt: at,
      });
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
          ...definedOnly({ phase: event.data.phase }),
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
          ...definedOnly({ reason }),
          ...definedOnly({ handoverTo }),
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
            {
              monthsAfterOutflow: event.data.monthsAfterOutflow,
              ...definedOnly({ status: event.data.status }),
              at,
            },
          ],
        },
      };
    }

    case 'PersonalDataErased':
      // The BSN is unreadable now (its key is destroyed): the state no longer holds that a member has one.
      return {
        ...state,
        members: state.members.map(({ bsn: _bsn, ...member }) => member),
        erasedAt: at,
      };

    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}
