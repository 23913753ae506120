import { definedOnly } from './defined-only';
import type { FamilyEvent } from './events';
import { appendTo, updateTrajectory, type RegisteredFamilyState } from './family.state';
import type { RouteEvent } from './route-events';

const ROUTE_EVENT_TYPES: readonly string[] = [
  'RunningCareRecorded',
  'CareHandedOver',
  'CareAllocated',
  'ProtectionMeasureImposed',
  'ProtectionMeasureEnded',
  'SafeAtHomeReportMade',
  'PlanEvaluated',
  'MemberViewRecorded',
  'InformalSupporterAdded',
  'PlanAgreementRecorded',
  'ParentalAuthorityRecorded',
  'DataSharingRecorded',
] satisfies readonly RouteEvent['type'][];

export function isRouteEvent(event: FamilyEvent): event is RouteEvent {
  return ROUTE_EVENT_TYPES.includes(event.type);
}

/** Applies an event of the route as the region runs it (see `route-events.ts`). Never refuses. */
export function evolveRoute(
  state: RegisteredFamilyState,
  event: RouteEvent,
): RegisteredFamilyState {
  const at = event.data.occurredAt;
  switch (event.type) {
    case 'RunningCareRecorded': {
      const { trajectoryId, careForm, providerId, memberIds, startedAt, allocationNumber } =
        event.data;
      return appendTo(state, 'trajectories', {
        trajectoryId,
        caseNumber: event.data.caseNumber,
        careForm,
        providerId,
        memberIds,
        status: 'started',
        // Never requested through the route: it did not wait, so its request is its start.
        requestedAt: startedAt,
        startedAt,
        runningCare: true,
        outsidePlan: event.data.outsidePlan,
        ...definedOnly({ allocationNumber, origin: event.data.origin }),
      });
    }

    case 'CareAllocated': {
      const { trajectoryId, allocationNumber, allocatedFrom, allocatedUntil } = event.data;
      return updateTrajectory(state, trajectoryId, {
        allocationNumber,
        allocatedFrom,
        ...definedOnly({ allocatedUntil }),
      });
    }

    case 'CareHandedOver': {
      const { trajectoryId, handoverTo } = event.data;
      return updateTrajectory(state, trajectoryId, {
        handedOver: { at, ...definedOnly({ handoverTo }) },
      });
    }

    case 'ProtectionMeasureImposed': {
      const { occurredAt: _imposedAt, ...measure } = event.data;
      return appendTo(state, 'protectionMeasures', { ...measure, status: 'active' });
    }

    case 'ProtectionMeasureEnded':
      return {
        ...state,
        protectionMeasures: state.protectionMeasures.map((m) =>
          m.measureId === event.data.measureId
            ? { ...m, status: 'ended', endedAt: at, endReason: event.data.reason }
            : m,
        ),
      };

    case 'SafeAtHomeReportMade': {
      const { reportId, kind, memberIds, outcome } = event.data;
      return appendTo(state, 'safeAtHomeReports', {
        reportId,
        kind,
        memberIds,
        ...definedOnly({ outcome }),
        at,
      });
    }

    case 'PlanEvaluated': {
      const { plan } = state;
      if (!plan || plan.planId !== event.data.planId) return state;
      const { evaluationId, planVersion, goals, familyInvolved, nextEvaluateBy } = event.data;
      return {
        ...state,
        plan: {
          ...plan,
          evaluations: [
            ...plan.evaluations,
            {
              evaluationId,
              planVersion,
              goals,
              familyInvolved,
              ...definedOnly({ nextEvaluateBy }),
              at,
            },
          ],
        },
      };
    }

    case 'MemberViewRecorded': {
      const { viewId, memberId, topic, text, feelsSafe } = event.data;
      return appendTo(state, 'voices', {
        viewId,
        memberId,
        topic,
        text,
        ...definedOnly({ feelsSafe }),
        at,
      });
    }

    case 'InformalSupporterAdded': {
      const { supporterId, displayName, relation } = event.data;
      return appendTo(state, 'informalNetwork', {
        supporterId,
        displayName,
        relation,
        addedAt: at,
      });
    }

    case 'PlanAgreementRecorded': {
      const { occurredAt: _at, ...agreement } = event.data;
      return appendTo(state, 'planAgreements', { ...agreement, at });
    }

    case 'ParentalAuthorityRecorded': {
      const { childMemberId, holderMemberIds } = event.data;
      return {
        ...state,
        parentalAuthority: [
          ...state.parentalAuthority.filter((a) => a.childMemberId !== childMemberId),
          { childMemberId, holderMemberIds, since: at },
        ],
      };
    }

    case 'DataSharingRecorded': {
      const { memberId, withMemberId, shared } = event.data;
      const others = state.dataSharing.filter(
        (s) => s.memberId !== memberId || s.withMemberId !== withMemberId,
      );
      return {
        ...state,
        dataSharing: shared ? [...others, { memberId, withMemberId, since: at }] : others,
      };
    }

    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}
