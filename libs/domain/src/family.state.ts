import type { ExplanatoryAnalysisCompleted, Member, TreatmentPlanAdopted } from './events';
import type {
  PlanAgreementRecorded,
  PlanEvaluated,
  ProtectionMeasureImposed,
} from './route-events';
import {
  CLOSING_CONSULTATION_ADVICE,
  type CareEndReason,
  type CareOrigin,
  type ConsultationAdvice,
  type FollowUpMonths,
  type FollowUpStatus,
  type OutflowDestination,
  type SafeAtHomeReportKind,
  type SafetyLevel,
  type SafetyPhase,
  type VoiceTopic,
} from './vocabulary';

export interface NetworkMember {
  readonly professionalId: string;
  readonly organisation: string;
  readonly discipline?: string;
  readonly joinedAt: string;
}

export interface Signal {
  readonly signalId: string;
  readonly caseNumber: number;
  readonly receivedAt: string;
  readonly urgency: string;
  readonly source: string;
  readonly reentry: boolean;
}

/** An analysis of a case: in progress, or completed with its findings. */
export interface Analysis extends Partial<
  Omit<ExplanatoryAnalysisCompleted['data'], 'analysisId' | 'occurredAt'>
> {
  readonly analysisId: string;
  readonly caseNumber: number;
  readonly status: 'in-progress' | 'completed';
  readonly startedAt: string;
  readonly completedAt?: string;
}

/** The plan as adopted, at its latest version (goals as revised), with its evaluations. */
export interface Plan extends Omit<TreatmentPlanAdopted['data'], 'version' | 'occurredAt'> {
  readonly version: number;
  readonly adoptedAt: string;
  readonly revisedAt?: string;
  /** Every goal id the plan ever had (a new goal never takes one of them). */
  readonly allGoalIds: readonly string[];
  readonly evaluations: readonly PlanEvaluation[];
}

/** An evaluation of the plan, as it was recorded. */
export interface PlanEvaluation extends Omit<PlanEvaluated['data'], 'planId' | 'occurredAt'> {
  readonly at: string;
}

export type TrajectoryStatus = 'requested' | 'started' | 'ended' | 'withdrawn';

export interface Trajectory {
  readonly trajectoryId: string;
  readonly caseNumber: number;
  readonly careForm: string;
  readonly providerId: string;
  readonly memberIds: readonly string[];
  readonly planId?: string;
  readonly status: TrajectoryStatus;
  readonly requestedAt: string;
  readonly startedAt?: string;
  readonly endedAt?: string;
  readonly endReason?: CareEndReason;
  readonly withdrawnAt?: string;
  /** Care that already ran (or was allocated outside the plan): recorded, never requested. */
  readonly runningCare?: true;
  readonly outsidePlan?: boolean;
  readonly allocationNumber?: string;
  /** The period the municipality allocated it for (a JW301). */
  readonly allocatedFrom?: string;
  readonly allocatedUntil?: string;
  /** The provider's reference of the request (`ReferentieAanbieder` of a JW315). */
  readonly reference?: string;
  /** `ijw` when the iJw chain opened the trajectory. */
  readonly origin?: CareOrigin;
  /** Handed over at an outflow: it goes on, outside the route. */
  readonly handedOver?: { readonly at: string; readonly handoverTo?: string };
}

/** A measure as it was imposed, and whether it still runs. */
export interface ProtectionMeasure extends Omit<ProtectionMeasureImposed['data'], 'occurredAt'> {
  readonly status: 'active' | 'ended';
  readonly endedAt?: string;
  readonly endReason?: string;
}

export interface SafeAtHomeReport {
  readonly reportId: string;
  readonly kind: SafeAtHomeReportKind;
  readonly memberIds: readonly string[];
  readonly outcome?: string;
  readonly at: string;
}

export interface MemberView {
  readonly viewId: string;
  readonly memberId: string;
  readonly topic: VoiceTopic;
  readonly text: string;
  readonly feelsSafe?: number;
  readonly at: string;
}

/** A member's answer to a plan version (see `PlanAgreementRecorded`). */
export type PlanAgreement = Omit<PlanAgreementRecorded['data'], 'occurredAt'> & {
  readonly at: string;
};

/** Who holds parental authority (gezag) over a child, as last recorded. */
export interface ParentalAuthority {
  readonly childMemberId: string;
  readonly holderMemberIds: readonly string[];
  readonly since: string;
}

/** A member shares their own data with another member (`DataSharingRecorded`), since `since`. */
export interface DataSharing {
  readonly memberId: string;
  readonly withMemberId: string;
  readonly since: string;
}

export interface InformalSupporter {
  readonly supporterId: string;
  readonly displayName: string;
  readonly relation: string;
  readonly addedAt: string;
}

export interface Outflow {
  readonly caseNumber: number;
  readonly destination: OutflowDestination;
  readonly at: string;
  readonly reason?: string;
  readonly handoverTo?: string;
  readonly followUps: readonly {
    readonly monthsAfterOutflow: FollowUpMonths;
    readonly status?: FollowUpStatus;
    readonly at: string;
  }[];
}

/** What is known of every registered family, whatever its status: the answer to "where are we with this family?". */
export interface Family {
  readonly familyId: string;
  readonly municipality: string;
  readonly registeredAt: string;
  readonly members: readonly Member[];
  readonly network: readonly NetworkMember[];
  readonly caseDirector?: { readonly professionalId: string; readonly since: string };
  readonly signals: readonly Signal[];
  /** The current case: opened by the first signal, and again by a signal after an outflow. 0 before any signal. */
  readonly caseNumber: number;
  readonly consultations: readonly {
    readonly consultationId: string;
    readonly advice: ConsultationAdvice;
    /** The case the consultation was about. */
    readonly caseNumber: number;
    readonly at: string;
  }[];
  readonly analyses: readonly Analysis[];
  /** The current case's plan; cleared when a signal reopens the case. */
  readonly plan?: Plan;
  readonly trajectories: readonly Trajectory[];
  readonly lastMdoAt?: string;
  readonly nextMdoDueBy?: string;
  readonly safety?: {
    readonly level: SafetyLevel;
    readonly phase?: SafetyPhase;
    readonly assessedAt: string;
  };
  readonly lastSafetyReviewAt?: string;
  readonly protectionMeasures: readonly ProtectionMeasure[];
  readonly safeAtHomeReports: readonly SafeAtHomeReport[];
  readonly voices: readonly MemberView[];
  readonly planAgreements: readonly PlanAgreement[];
  /** One entry per child whose authority was recorded (the latest recording). */
  readonly parentalAuthority: readonly ParentalAuthority[];
  /** Who shares their own data with whom, now: one entry per pair while it is shared. */
  readonly dataSharing: readonly DataSharing[];
  readonly informalNetwork: readonly InformalSupporter[];
  readonly erasedAt?: string;
}

/** No events yet. */
export interface UnregisteredFamily {
  readonly status: 'unregistered';
}

/** Registered and on the route (before the first signal too). */
export interface OpenFamily extends Family {
  readonly status: 'open';
  /** After a re-entry: the outflow that closed the previous case, kept for history. */
  readonly outflow?: Outflow;
}

/** The case is closed by its outflow; only follow-ups, a new signal (re-entry) and erasure are accepted. */
export interface OutflowedFamily extends Family {
  readonly status: 'outflowed';
  readonly outflow: Outflow;
}

/**
 * The family's state, keyed on status: each variant holds exactly what it must (an outflowed family always has
 * its outflow).
 */
export type FamilyState = UnregisteredFamily | OpenFamily | OutflowedFamily;

export type RegisteredFamilyState = OpenFamily | OutflowedFamily;

export const initialState: FamilyState = { status: 'unregistered' };

/** Where a family can be on the route, in the route's order. */
export const ROUTE_STATUSES = [
  'registered',
  'signalled',
  'in-analysis',
  'planned',
  'in-care',
  'outflowed',
  'not-admitted',
] as const;

/** Where the family is on the route, as the API shows it (`status` of a family summary). */
export type RouteStatus = (typeof ROUTE_STATUSES)[number];

/**
 * The consultation that closed the current case (advice `regular-route` or `no-action`): the family is not
 * admitted until a new signal opens a new case.
 */
export function closingConsultation(state: Family): Family['consultations'][number] | undefined {
  return state.consultations.find(
    (c) =>
      c.caseNumber === state.caseNumber &&
      state.caseNumber > 0 &&
      (CLOSING_CONSULTATION_ADVICE as readonly string[]).includes(c.advice),
  );
}

export function routeStatus(state: RegisteredFamilyState): RouteStatus {
  if (state.status === 'outflowed') return 'outflowed';
  if (closingConsultation(state)) return 'not-admitted';
  const current = state.caseNumber;
  // Care that already ran when the family entered is not the route's care: it does not make a family in care.
  if (
    state.trajectories.some(
      (t) => t.caseNumber === current && t.status === 'started' && !t.runningCare,
    )
  )
    return 'in-care';
  if (state.plan && state.plan.caseNumber === current) return 'planned';
  if (state.analyses.some((a) => a.caseNumber === current)) return 'in-analysis';
  if (current > 0) return 'signalled';
  return 'registered';
}

/** The lists of a registered family's state that events add to. */
type StateLists = {
  readonly [
    K in keyof RegisteredFamilyState as RegisteredFamilyState[K] extends readonly unknown[]
      ? K
      : never
  ]: RegisteredFamilyState[K];
};

/** The state with `item` added at the end of one of its lists. */
export function appendTo<K extends keyof StateLists>(
  state: RegisteredFamilyState,
  list: K,
  item: StateLists[K][number],
): RegisteredFamilyState {
  return { ...state, [list]: [...state[list], item] };
}

/** The state with one trajectory changed. */
export function updateTrajectory(
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

/**
 * A state as stored by an earlier version of this code (a read model's row), with what it could not hold yet:
 * the lists of the route as the region runs it, and a plan's goal ids and evaluations. States this code made are
 * returned as they are.
 */
export function completeState<S extends FamilyState>(state: S): S {
  if (state.status === 'unregistered') return state;
  // What an older row may lack, read as optional.
  const stored: Partial<Family> = state;
  const plan: Partial<Plan> | undefined = stored.plan;
  return {
    ...state,
    protectionMeasures: stored.protectionMeasures ?? [],
    safeAtHomeReports: stored.safeAtHomeReports ?? [],
    voices: stored.voices ?? [],
    planAgreements: stored.planAgreements ?? [],
    parentalAuthority: stored.parentalAuthority ?? [],
    dataSharing: stored.dataSharing ?? [],
    informalNetwork: stored.informalNetwork ?? [],
    ...(plan
      ? {
          plan: {
            ...plan,
            allGoalIds: plan.allGoalIds ?? (plan.goals ?? []).map((g) => g.goalId),
            evaluations: plan.evaluations ?? [],
          },
        }
      : {}),
  };
}
