import type { RouteEvent } from './route-events';
import type {
  CareEndReason,
  CareOrigin,
  Concern,
  ConsultationAdvice,
  FollowUpMonths,
  FollowUpStatus,
  MemberRole,
  OutflowDestination,
  SafetyLevel,
  SafetyPhase,
  SignalSource,
  Urgency,
} from './vocabulary';

/**
 * The events of a family's stream (`family-<familyId>`). Every event holds ids and primitives only, and its
 * business time `occurredAt` (ISO-8601 UTC): when it happened, which may be before it was logged.
 *
 * Fields marked "personal" hold personal data (names, BSN, free text about the family); they are the fields that
 * erasure makes unreadable. Everything else is an anonymous fact the figures are built from.
 */

export interface Member {
  readonly memberId: string;
  readonly role: MemberRole;
  readonly birthYear?: number;
  /** personal */
  readonly displayName: string;
  /** personal: burgerservicenummer, checked with the elfproef */
  readonly bsn?: string;
}

interface Occurred {
  readonly occurredAt: string;
}

export interface FamilyRegistered {
  readonly type: 'FamilyRegistered';
  readonly data: Occurred & {
    readonly familyId: string;
    readonly municipality: string;
    readonly members: readonly Member[];
  };
}

export interface FamilyMemberAdded {
  readonly type: 'FamilyMemberAdded';
  readonly data: Occurred & { readonly member: Member };
}

/** A member registered without a BSN gets one (from an iJw message the safety team linked to the member). */
export interface MemberBsnRecorded {
  readonly type: 'MemberBsnRecorded';
  readonly data: Occurred & {
    readonly memberId: string;
    /** personal: burgerservicenummer, checked with the elfproef */
    readonly bsn: string;
  };
}

/** An HSJ-MCP signal (signaal) about the family. */
export interface SignalReceived {
  readonly type: 'SignalReceived';
  readonly data: Occurred & {
    readonly signalId: string;
    readonly source: SignalSource;
    readonly referrerOrganisation?: string;
    readonly concerns: readonly Concern[];
    readonly urgency: Urgency;
    readonly concernedMemberIds: readonly string[];
    /** personal */
    readonly summary?: string;
    /** The case this signal opens or belongs to (1 for the first case). */
    readonly caseNumber: number;
    /** True when the signal reopens the family's case after an outflow (revolving door). */
    readonly reentry: boolean;
  };
}

/** Experts decide whether the family enters the HSJ-MCP route (consultatie). */
export interface ConsultationHeld {
  readonly type: 'ConsultationHeld';
  readonly data: Occurred & {
    readonly consultationId: string;
    readonly advice: ConsultationAdvice;
  };
}

export interface ProfessionalJoinedNetwork {
  readonly type: 'ProfessionalJoinedNetwork';
  readonly data: Occurred & {
    readonly professionalId: string;
    readonly organisation: string;
    readonly discipline?: string;
  };
}

export interface ProfessionalLeftNetwork {
  readonly type: 'ProfessionalLeftNetwork';
  readonly data: Occurred & { readonly professionalId: string };
}

/** One case director (regievoerder) for the family; replaces the previous one. */
export interface CaseDirectorAssigned {
  readonly type: 'CaseDirectorAssigned';
  readonly data: Occurred & {
    readonly professionalId: string;
    readonly previousProfessionalId?: string;
  };
}

/** The explanatory analysis (verklarende analyse) starts: "first understand, then act". */
export interface ExplanatoryAnalysisStarted {
  readonly type: 'ExplanatoryAnalysisStarted';
  readonly data: Occurred & { readonly analysisId: string; readonly caseNumber: number };
}

export interface CareNeed {
  readonly memberId: string;
  /** personal */
  readonly need: string;
}

export interface ExplanatoryAnalysisCompleted {
  readonly type: 'ExplanatoryAnalysisCompleted';
  readonly data: Occurred & {
    readonly analysisId: string;
    readonly safetyLevel: SafetyLevel;
    /** personal */
    readonly patterns: readonly string[];
    /** personal */
    readonly riskFactors: readonly string[];
    /** personal */
    readonly protectiveFactors: readonly string[];
    readonly careNeeds: readonly CareNeed[];
  };
}

export interface PlanGoal {
  /** Kept across revisions, so that evaluations follow one goal (schema version 2; upcast before). */
  readonly goalId: string;
  /** personal */
  readonly description: string;
  readonly memberIds: readonly string[];
}

/** The one plan (één gezin, één plan) for the family's case. */
export interface TreatmentPlanAdopted {
  readonly type: 'TreatmentPlanAdopted';
  readonly data: Occurred & {
    readonly planId: string;
    readonly version: 1;
    readonly basedOnAnalysisId: string;
    readonly goals: readonly PlanGoal[];
    readonly agreedWithFamily: boolean;
    readonly evaluateBy?: string;
    readonly caseNumber: number;
  };
}

export interface TreatmentPlanRevised {
  readonly type: 'TreatmentPlanRevised';
  readonly data: Occurred & {
    readonly planId: string;
    readonly version: number;
    /** personal */
    readonly reason: string;
    readonly goals: readonly PlanGoal[];
  };
}

/** A care trajectory is asked from a provider: from now the family waits. */
export interface CareRequested {
  readonly type: 'CareRequested';
  readonly data: Occurred & {
    readonly trajectoryId: string;
    readonly careForm: string;
    readonly providerId: string;
    readonly memberIds: readonly string[];
    /** The plan the care is requested under; absent for crisis care requested without a plan. */
    readonly planId?: string;
    readonly caseNumber: number;
    /** `ijw` when the iJw chain reported it (a JW315 or JW301), not a professional. */
    readonly origin?: CareOrigin;
    /** Reported by the chain while no adopted plan covers it (rule 4 does not refuse the chain's facts). */
    readonly outsidePlan?: true;
    /** The provider's reference of the request (`ReferentieAanbieder`), by which the allocation answers it. */
    readonly reference?: string;
  };
}

export interface CareRequestWithdrawn {
  readonly type: 'CareRequestWithdrawn';
  readonly data: Occurred & {
    readonly trajectoryId: string;
    /** personal */
    readonly reason: string;
  };
}

export interface CareStarted {
  readonly type: 'CareStarted';
  readonly data: Occurred & { readonly trajectoryId: string; readonly origin?: CareOrigin };
}

export interface CareEnded {
  readonly type: 'CareEnded';
  readonly data: Occurred & {
    readonly trajectoryId: string;
    readonly reason: CareEndReason;
    readonly origin?: CareOrigin;
    /** The iJw reason of ending (`RedenBeeindiging`, codelist JZ588) that `reason` was mapped from. */
    readonly ijwReason?: string;
  };
}

/** A periodic multidisciplinary consultation (MDO). */
export interface MdoHeld {
  readonly type: 'MdoHeld';
  readonly data: Occurred & {
    readonly mdoId: string;
    /** personal: names or roles of who took part */
    readonly participants: readonly string[];
    readonly familyPresent: boolean;
    /** personal */
    readonly decisions: readonly string[];
    readonly nextMdoDueBy: string;
  };
}

/** A case step or contact, tagged with its continuous workstream (Big Five). */
export interface ProgressNoted {
  readonly type: 'ProgressNoted';
  readonly data: Occurred & {
    readonly noteId: string;
    readonly workstream: string;
    /** personal */
    readonly note: string;
  };
}

export interface SafetyAssessed {
  readonly type: 'SafetyAssessed';
  readonly data: Occurred & {
    readonly assessmentId: string;
    readonly level: SafetyLevel;
    readonly phase?: SafetyPhase;
    /** personal */
    readonly notes?: string;
  };
}

/** The regional safety team (Regionaal Veiligheidsteam) reviewed the family. */
export interface SafetyTeamReviewed {
  readonly type: 'SafetyTeamReviewed';
  readonly data: Occurred & {
    readonly reviewId: string;
    /** personal */
    readonly outcome: string;
    /** personal */
    readonly advice?: string;
  };
}

/** The family leaves the HSJ-MCP route (uitstroom). */
export interface OutflowRegistered {
  readonly type: 'OutflowRegistered';
  readonly data: Occurred & {
    readonly destination: OutflowDestination;
    /** personal */
    readonly reason?: string;
    /** The organisation the family is handed over to (warme overdracht). */
    readonly handoverTo?: string;
    readonly caseNumber: number;
  };
}

/** "Don't let go" (niet loslaten): a check after outflow. */
export interface FollowUpRecorded {
  readonly type: 'FollowUpRecorded';
  readonly data: Occurred & {
    readonly monthsAfterOutflow: FollowUpMonths;
    /** personal */
    readonly outcome: string;
    readonly status?: FollowUpStatus;
    readonly caseNumber: number;
  };
}

/** An erasure request was executed: the family's personal data is made unreadable (crypto-shredding). */
export interface PersonalDataErased {
  readonly type: 'PersonalDataErased';
  readonly data: Occurred & { readonly legalBasis: string };
}

export type FamilyEvent =
  | FamilyRegistered
  | FamilyMemberAdded
  | MemberBsnRecorded
  | SignalReceived
  | ConsultationHeld
  | ProfessionalJoinedNetwork
  | ProfessionalLeftNetwork
  | CaseDirectorAssigned
  | ExplanatoryAnalysisStarted
  | ExplanatoryAnalysisCompleted
  | TreatmentPlanAdopted
  | TreatmentPlanRevised
  | CareRequested
  | CareRequestWithdrawn
  | CareStarted
  | CareEnded
  | MdoHeld
  | ProgressNoted
  | SafetyAssessed
  | SafetyTeamReviewed
  | OutflowRegistered
  | FollowUpRecorded
  | PersonalDataErased
  | RouteEvent;

export type FamilyEventType = FamilyEvent['type'];

/** The current schema version of each event type; older versions are upcast when read. */
export const EVENT_SCHEMA_VERSIONS: { readonly [T in FamilyEventType]: number } = {
  FamilyRegistered: 1,
  FamilyMemberAdded: 1,
  MemberBsnRecorded: 1,
  SignalReceived: 1,
  ConsultationHeld: 1,
  ProfessionalJoinedNetwork: 1,
  ProfessionalLeftNetwork: 1,
  CaseDirectorAssigned: 1,
  ExplanatoryAnalysisStarted: 1,
  ExplanatoryAnalysisCompleted: 1,
  TreatmentPlanAdopted: 2,
  TreatmentPlanRevised: 2,
  CareRequested: 1,
  CareRequestWithdrawn: 1,
  CareStarted: 1,
  CareEnded: 1,
  MdoHeld: 1,
  ProgressNoted: 1,
  SafetyAssessed: 1,
  SafetyTeamReviewed: 1,
  OutflowRegistered: 1,
  FollowUpRecorded: 1,
  PersonalDataErased: 1,
  RunningCareRecorded: 1,
  CareHandedOver: 1,
  CareAllocated: 1,
  ProtectionMeasureImposed: 1,
  ProtectionMeasureEnded: 1,
  SafeAtHomeReportMade: 1,
  PlanEvaluated: 1,
  MemberViewRecorded: 1,
  InformalSupporterAdded: 1,
  PlanAgreementRecorded: 1,
  ParentalAuthorityRecorded: 1,
  DataSharingRecorded: 1,
};

export const FAMILY_EVENT_TYPES = Object.keys(EVENT_SCHEMA_VERSIONS) as FamilyEventType[];

export function isFamilyEventType(type: string): type is FamilyEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_SCHEMA_VERSIONS, type);
}

/** The stream of one family. */
export function familyStreamId(familyId: string): string {
  return `family-${familyId}`;
}

export const FAMILY_STREAM_PREFIX = 'family-';
