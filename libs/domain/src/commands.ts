import type { CareNeed, Member } from './events';
import type { GoalEvaluation } from './route-events';
import type * as vocabulary from './vocabulary';

/**
 * The commands of a family's stream. New ids and the time arrive with the command: `occurredAt` is when the step
 * happened (business time), `metadata.now` is the clock of whoever decides, so that the decider stays pure.
 */
interface Command<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data & { readonly occurredAt: string };
  readonly metadata: { readonly now: string };
}

export type RegisterFamily = Command<
  'RegisterFamily',
  {
    readonly familyId: string;
    readonly municipality: string;
    readonly members: readonly Member[];
    /** The registering professional, who joins the family's network. */
    readonly registrar: {
      readonly professionalId: string;
      readonly organisation: string;
      readonly discipline?: string;
    };
  }
>;

export type AddFamilyMember = Command<'AddFamilyMember', { readonly member: Member }>;

export type RecordMemberBsn = Command<
  'RecordMemberBsn',
  { readonly memberId: string; readonly bsn: string }
>;

export type ReceiveSignal = Command<
  'ReceiveSignal',
  {
    readonly signalId: string;
    readonly source: vocabulary.SignalSource;
    readonly referrerOrganisation?: string;
    readonly concerns: readonly vocabulary.Concern[];
    readonly urgency: vocabulary.Urgency;
    readonly concernedMemberIds?: readonly string[];
    readonly summary?: string;
  }
>;

export type HoldConsultation = Command<
  'HoldConsultation',
  { readonly consultationId: string; readonly advice: vocabulary.ConsultationAdvice }
>;

export type JoinNetwork = Command<
  'JoinNetwork',
  { readonly professionalId: string; readonly organisation: string; readonly discipline?: string }
>;

export type LeaveNetwork = Command<'LeaveNetwork', { readonly professionalId: string }>;

export type AssignCaseDirector = Command<'AssignCaseDirector', { readonly professionalId: string }>;

export type StartExplanatoryAnalysis = Command<
  'StartExplanatoryAnalysis',
  { readonly analysisId: string }
>;

export type CompleteExplanatoryAnalysis = Command<
  'CompleteExplanatoryAnalysis',
  {
    readonly analysisId: string;
    readonly safetyLevel: vocabulary.SafetyLevel;
    readonly patterns?: readonly string[];
    readonly riskFactors?: readonly string[];
    readonly protectiveFactors?: readonly string[];
    readonly careNeeds?: readonly CareNeed[];
  }
>;

export type AdoptTreatmentPlan = Command<
  'AdoptTreatmentPlan',
  {
    readonly planId: string;
    readonly analysisId: string;
    readonly goals: readonly NewGoal[];
    /** The ids of the goals, in goal order (made by the caller, like every new id). */
    readonly goalIds: readonly string[];
    readonly agreedWithFamily?: boolean;
    readonly evaluateBy?: string;
  }
>;

/** A goal as a plan states it; its id comes beside it. */
export interface NewGoal {
  readonly description: string;
  readonly memberIds: readonly string[];
}

/** A goal of a revision: it keeps the id of a goal of the plan, or (without one) becomes a new goal. */
export interface RevisedGoal extends NewGoal {
  readonly goalId?: string | undefined;
}

export type ReviseTreatmentPlan = Command<
  'ReviseTreatmentPlan',
  {
    readonly planId: string;
    readonly reason: string;
    readonly goals: readonly RevisedGoal[];
    /** The ids of the goals without a `goalId`, in their order (made by the caller). */
    readonly newGoalIds: readonly string[];
  }
>;

export type RequestCare = Command<
  'RequestCare',
  {
    readonly trajectoryId: string;
    readonly careForm: string;
    readonly providerId: string;
    readonly memberIds?: readonly string[];
    /** `ijw`: the chain reports the request (a JW315), a fact that rule 4 does not refuse. */
    readonly origin?: vocabulary.CareOrigin;
    readonly reference?: string;
  }
>;

export type StartCare = Command<
  'StartCare',
  { readonly trajectoryId: string; readonly origin?: vocabulary.CareOrigin }
>;

export type EndCare = Command<
  'EndCare',
  {
    readonly trajectoryId: string;
    readonly reason: vocabulary.CareEndReason;
    readonly origin?: vocabulary.CareOrigin;
    readonly ijwReason?: string;
  }
>;

/**
 * The municipality's allocation (a JW301) of the trajectory it answers; when no request is known, `request`
 * opens the trajectory, requested at the allocation and allocated at once.
 */
export type AllocateCare = Command<
  'AllocateCare',
  {
    readonly trajectoryId: string;
    readonly allocationNumber: string;
    readonly productCategory: string;
    readonly productCode?: string;
    readonly allocatedFrom: string;
    readonly allocatedUntil?: string;
    readonly request?: {
      readonly careForm: string;
      readonly providerId: string;
      readonly reference?: string;
      readonly memberIds?: readonly string[];
    };
  }
>;

export type WithdrawCareRequest = Command<
  'WithdrawCareRequest',
  { readonly trajectoryId: string; readonly reason: string }
>;

export type HoldMdo = Command<
  'HoldMdo',
  {
    readonly mdoId: string;
    readonly participants: readonly string[];
    readonly nextMdoDueBy: string;
    readonly familyPresent?: boolean;
    readonly decisions?: readonly string[];
  }
>;

export type NoteProgress = Command<
  'NoteProgress',
  { readonly noteId: string; readonly workstream: string; readonly note: string }
>;

export type AssessSafety = Command<
  'AssessSafety',
  {
    readonly assessmentId: string;
    readonly level: vocabulary.SafetyLevel;
    readonly phase?: vocabulary.SafetyPhase;
    readonly notes?: string;
  }
>;

export type ReviewSafety = Command<
  'ReviewSafety',
  { readonly reviewId: string; readonly outcome: string; readonly advice?: string }
>;

export type RegisterOutflow = Command<
  'RegisterOutflow',
  {
    readonly destination: vocabulary.OutflowDestination;
    readonly reason?: string;
    readonly handoverTo?: string;
    /** Trajectories that go on after the outflow: handed over to `handoverTo`. */
    readonly continuingTrajectoryIds?: readonly string[];
  }
>;

export type RecordFollowUp = Command<
  'RecordFollowUp',
  {
    readonly monthsAfterOutflow: vocabulary.FollowUpMonths;
    readonly outcome: string;
    readonly status?: vocabulary.FollowUpStatus;
  }
>;

export type ErasePersonalData = Command<'ErasePersonalData', { readonly legalBasis: string }>;

export type RecordRunningCare = Command<
  'RecordRunningCare',
  {
    readonly trajectoryId: string;
    readonly careForm: string;
    readonly providerId: string;
    readonly startedAt: string;
    readonly memberIds?: readonly string[];
    readonly allocationNumber?: string;
    /** `ijw`: the chain reports it (a JW305 with no request known). */
    readonly origin?: vocabulary.CareOrigin;
  }
>;

export type ImposeProtectionMeasure = Command<
  'ImposeProtectionMeasure',
  {
    readonly measureId: string;
    readonly kind: vocabulary.ProtectionMeasureKind;
    readonly memberIds: readonly string[];
    readonly institution: string;
    readonly startedAt: string;
    readonly endsBy?: string;
  }
>;

export type EndProtectionMeasure = Command<
  'EndProtectionMeasure',
  { readonly measureId: string; readonly reason: string }
>;

export type MakeSafeAtHomeReport = Command<
  'MakeSafeAtHomeReport',
  {
    readonly reportId: string;
    readonly kind: vocabulary.SafeAtHomeReportKind;
    readonly memberIds?: readonly string[];
    readonly outcome?: string;
  }
>;

export type EvaluatePlan = Command<
  'EvaluatePlan',
  {
    readonly evaluationId: string;
    readonly planId: string;
    readonly goals: readonly GoalEvaluation[];
    readonly familyInvolved: boolean;
    readonly nextEvaluateBy?: string;
  }
>;

export type RecordMemberView = Command<
  'RecordMemberView',
  {
    readonly viewId: string;
    readonly memberId: string;
    readonly topic: vocabulary.VoiceTopic;
    readonly text: string;
    readonly feelsSafe?: number;
  }
>;

export type AddInformalSupporter = Command<
  'AddInformalSupporter',
  { readonly supporterId: string; readonly displayName: string; readonly relation: string }
>;

/** A member agrees (or not) to the current plan version, in the family's own view. */
export type RecordPlanAgreement = Command<
  'RecordPlanAgreement',
  {
    readonly agreementId: string;
    readonly memberId: string;
    readonly agreed: boolean;
    readonly comment?: string;
  }
>;

/** Records who holds parental authority (gezag) over a child of the family. */
export type RecordParentalAuthority = Command<
  'RecordParentalAuthority',
  { readonly childMemberId: string; readonly holderMemberIds: readonly string[] }
>;

/** A member shares their own data with another member of the household, or withdraws it ("Mijn gezin"). */
export type RecordDataSharing = Command<
  'RecordDataSharing',
  { readonly memberId: string; readonly withMemberId: string; readonly shared: boolean }
>;

export type FamilyCommand =
  | RegisterFamily
  | AddFamilyMember
  | RecordMemberBsn
  | ReceiveSignal
  | HoldConsultation
  | JoinNetwork
  | LeaveNetwork
  | AssignCaseDirector
  | StartExplanatoryAnalysis
  | CompleteExplanatoryAnalysis
  | AdoptTreatmentPlan
  | ReviseTreatmentPlan
  | RequestCare
  | StartCare
  | AllocateCare
  | EndCare
  | WithdrawCareRequest
  | HoldMdo
  | NoteProgress
  | AssessSafety
  | ReviewSafety
  | RegisterOutflow
  | RecordFollowUp
  | ErasePersonalData
  | RecordRunningCare
  | ImposeProtectionMeasure
  | EndProtectionMeasure
  | MakeSafeAtHomeReport
  | EvaluatePlan
  | RecordMemberView
  | AddInformalSupporter
  | RecordPlanAgreement
  | RecordParentalAuthority
  | RecordDataSharing;

export type FamilyCommandType = FamilyCommand['type'];
