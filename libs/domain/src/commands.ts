import type { CareNeed, Member } from './events';
import type { CareAllocation, GoalEvaluation } from './route-events';
import type * as vocabulary from './vocabulary';

/**
 * The commands of a family's stream. New ids and the time arrive with the command: `occurredAt` is when the step
 * happened (business time), `metadata.now` is the clock of whoever decides, so that the decider stays pure.
 */
interface Command<Type extends FamilyCommandType> {
  readonly type: Type;
  readonly data: FamilyCommandData[Type] & { readonly occurredAt: string };
  readonly metadata: { readonly now: string };
}

/** A goal as a plan states it; its id comes beside it. */
export interface NewGoal {
  readonly description: string;
  readonly memberIds: readonly string[];
}

/** A goal of a revision: it keeps the id of a goal of the plan, or (without one) becomes a new goal. */
export interface RevisedGoal extends NewGoal {
  readonly goalId?: string | undefined;
}

/** The data of each command, by its type. */
interface FamilyCommandData {
  RegisterFamily: {
    readonly familyId: string;
    readonly municipality: string;
    readonly members: readonly Member[];
    /** The registering professional, who joins the family's network. */
    readonly registrar: {
      readonly professionalId: string;
      readonly organisation: string;
      readonly discipline?: string;
    };
  };
  AddFamilyMember: { readonly member: Member };
  RecordMemberBsn: { readonly memberId: string; readonly bsn: string };
  ReceiveSignal: {
    readonly signalId: string;
    readonly source: vocabulary.SignalSource;
    readonly referrerOrganisation?: string;
    readonly concerns: readonly vocabulary.Concern[];
    readonly urgency: vocabulary.Urgency;
    readonly concernedMemberIds?: readonly string[];
    readonly summary?: string;
  };
  HoldConsultation: {
    readonly consultationId: string;
    readonly advice: vocabulary.ConsultationAdvice;
  };
  JoinNetwork: {
    readonly professionalId: string;
    readonly organisation: string;
    readonly discipline?: string;
  };
  LeaveNetwork: { readonly professionalId: string };
  AssignCaseDirector: { readonly professionalId: string };
  StartExplanatoryAnalysis: { readonly analysisId: string };
  CompleteExplanatoryAnalysis: {
    readonly analysisId: string;
    readonly safetyLevel: vocabulary.SafetyLevel;
    readonly patterns?: readonly string[];
    readonly riskFactors?: readonly string[];
    readonly protectiveFactors?: readonly string[];
    readonly careNeeds?: readonly CareNeed[];
  };
  AdoptTreatmentPlan: {
    readonly planId: string;
    readonly analysisId: string;
    readonly goals: readonly NewGoal[];
    /** The ids of the goals, in goal order (made by the caller, like every new id). */
    readonly goalIds: readonly string[];
    readonly agreedWithFamily?: boolean;
    readonly evaluateBy?: string;
  };
  ReviseTreatmentPlan: {
    readonly planId: string;
    readonly reason: string;
    readonly goals: readonly RevisedGoal[];
    /** The ids of the goals without a `goalId`, in their order (made by the caller). */
    readonly newGoalIds: readonly string[];
  };
  RequestCare: {
    readonly trajectoryId: string;
    readonly careForm: string;
    readonly providerId: string;
    readonly memberIds?: readonly string[];
    /** `ijw`: the chain reports the request (a JW315), a fact that rule 4 does not refuse. */
    readonly origin?: vocabulary.CareOrigin;
    readonly reference?: string;
  };
  StartCare: { readonly trajectoryId: string; readonly origin?: vocabulary.CareOrigin };
  EndCare: {
    readonly trajectoryId: string;
    readonly reason: vocabulary.CareEndReason;
    readonly origin?: vocabulary.CareOrigin;
    readonly ijwReason?: string;
  };
  /**
   * The municipality's allocation (a JW301) of the trajectory it answers; when no request is known, `request`
   * opens the trajectory, requested at the allocation and allocated at once.
   */
  AllocateCare: CareAllocation & {
    readonly request?: {
      readonly careForm: string;
      readonly providerId: string;
      readonly reference?: string;
      readonly memberIds?: readonly string[];
    };
  };
  WithdrawCareRequest: { readonly trajectoryId: string; readonly reason: string };
  HoldMdo: {
    readonly mdoId: string;
    readonly participants: readonly string[];
    readonly nextMdoDueBy: string;
    readonly familyPresent?: boolean;
    readonly decisions?: readonly string[];
  };
  NoteProgress: { readonly noteId: string; readonly workstream: string; readonly note: string };
  AssessSafety: {
    readonly assessmentId: string;
    readonly level: vocabulary.SafetyLevel;
    readonly phase?: vocabulary.SafetyPhase;
    readonly notes?: string;
  };
  ReviewSafety: { readonly reviewId: string; readonly outcome: string; readonly advice?: string };
  RegisterOutflow: {
    readonly destination: vocabulary.OutflowDestination;
    readonly reason?: string;
    readonly handoverTo?: string;
    /** Trajectories that go on after the outflow: handed over to `handoverTo`. */
    readonly continuingTrajectoryIds?: readonly string[];
  };
  RecordFollowUp: {
    readonly monthsAfterOutflow: vocabulary.FollowUpMonths;
    readonly outcome: string;
    readonly status?: vocabulary.FollowUpStatus;
  };
  ErasePersonalData: { readonly legalBasis: string };
  RecordRunningCare: {
    readonly trajectoryId: string;
    readonly careForm: string;
    readonly providerId: string;
    readonly startedAt: string;
    readonly memberIds?: readonly string[];
    readonly allocationNumber?: string;
    /** `ijw`: the chain reports it (a JW305 with no request known). */
    readonly origin?: vocabulary.CareOrigin;
  };
  ImposeProtectionMeasure: {
    readonly measureId: string;
    readonly kind: vocabulary.ProtectionMeasureKind;
    readonly memberIds: readonly string[];
    readonly institution: string;
    readonly startedAt: string;
    readonly endsBy?: string;
  };
  EndProtectionMeasure: { readonly measureId: string; readonly reason: string };
  MakeSafeAtHomeReport: {
    readonly reportId: string;
    readonly kind: vocabulary.SafeAtHomeReportKind;
    readonly memberIds?: readonly string[];
    readonly outcome?: string;
  };
  EvaluatePlan: {
    readonly evaluationId: string;
    readonly planId: string;
    readonly goals: readonly GoalEvaluation[];
    readonly familyInvolved: boolean;
    readonly nextEvaluateBy?: string;
  };
  RecordMemberView: {
    readonly viewId: string;
    readonly memberId: string;
    readonly topic: vocabulary.VoiceTopic;
    readonly text: string;
    readonly feelsSafe?: number;
  };
  AddInformalSupporter: {
    readonly supporterId: string;
    readonly displayName: string;
    readonly relation: string;
  };
  /** A member agrees (or not) to the current plan version, in the family's own view. */
  RecordPlanAgreement: {
    readonly agreementId: string;
    readonly memberId: string;
    readonly agreed: boolean;
    readonly comment?: string;
  };
  /** Records who holds parental authority (gezag) over a child of the family. */
  RecordParentalAuthority: {
    readonly childMemberId: string;
    readonly holderMemberIds: readonly string[];
  };
  /** A member shares their own data with another member of the household, or withdraws it ("Mijn gezin"). */
  RecordDataSharing: {
    readonly memberId: string;
    readonly withMemberId: string;
    readonly shared: boolean;
  };
}

export type RegisterFamily = Command<'RegisterFamily'>;
export type AddFamilyMember = Command<'AddFamilyMember'>;
export type RecordMemberBsn = Command<'RecordMemberBsn'>;
export type ReceiveSignal = Command<'ReceiveSignal'>;
export type HoldConsultation = Command<'HoldConsultation'>;
export type JoinNetwork = Command<'JoinNetwork'>;
export type LeaveNetwork = Command<'LeaveNetwork'>;
export type AssignCaseDirector = Command<'AssignCaseDirector'>;
export type StartExplanatoryAnalysis = Command<'StartExplanatoryAnalysis'>;
export type CompleteExplanatoryAnalysis = Command<'CompleteExplanatoryAnalysis'>;
export type AdoptTreatmentPlan = Command<'AdoptTreatmentPlan'>;
export type ReviseTreatmentPlan = Command<'ReviseTreatmentPlan'>;
export type RequestCare = Command<'RequestCare'>;
export type StartCare = Command<'StartCare'>;
export type EndCare = Command<'EndCare'>;
export type AllocateCare = Command<'AllocateCare'>;
export type WithdrawCareRequest = Command<'WithdrawCareRequest'>;
export type HoldMdo = Command<'HoldMdo'>;
export type NoteProgress = Command<'NoteProgress'>;
export type AssessSafety = Command<'AssessSafety'>;
export type ReviewSafety = Command<'ReviewSafety'>;
export type RegisterOutflow = Command<'RegisterOutflow'>;
export type RecordFollowUp = Command<'RecordFollowUp'>;
export type ErasePersonalData = Command<'ErasePersonalData'>;
export type RecordRunningCare = Command<'RecordRunningCare'>;
export type ImposeProtectionMeasure = Command<'ImposeProtectionMeasure'>;
export type EndProtectionMeasure = Command<'EndProtectionMeasure'>;
export type MakeSafeAtHomeReport = Command<'MakeSafeAtHomeReport'>;
export type EvaluatePlan = Command<'EvaluatePlan'>;
export type RecordMemberView = Command<'RecordMemberView'>;
export type AddInformalSupporter = Command<'AddInformalSupporter'>;
export type RecordPlanAgreement = Command<'RecordPlanAgreement'>;
export type RecordParentalAuthority = Command<'RecordParentalAuthority'>;
export type RecordDataSharing = Command<'RecordDataSharing'>;

export type FamilyCommandType = keyof FamilyCommandData;

export type FamilyCommand = { [Type in FamilyCommandType]: Command<Type> }[FamilyCommandType];
