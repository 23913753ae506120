import type { CareNeed, Member, PlanGoal } from './events';
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
    readonly goals: readonly PlanGoal[];
    readonly agreedWithFamily?: boolean;
    readonly evaluateBy?: string;
  }
>;

export type ReviseTreatmentPlan = Command<
  'ReviseTreatmentPlan',
  { readonly planId: string; readonly reason: string; readonly goals: readonly PlanGoal[] }
>;

export type RequestCare = Command<
  'RequestCare',
  {
    readonly trajectoryId: string;
    readonly careForm: string;
    readonly providerId: string;
    readonly memberIds?: readonly string[];
  }
>;

export type StartCare = Command<'StartCare', { readonly trajectoryId: string }>;

export type EndCare = Command<
  'EndCare',
  { readonly trajectoryId: string; readonly reason: vocabulary.CareEndReason }
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
  }
>;

export type RecordFollowUp = Command<
  'RecordFollowUp',
  { readonly monthsAfterOutflow: vocabulary.FollowUpMonths; readonly outcome: string }
>;

export type ErasePersonalData = Command<'ErasePersonalData', { readonly legalBasis: string }>;

export type FamilyCommand =
  | RegisterFamily
  | AddFamilyMember
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
  | EndCare
  | WithdrawCareRequest
  | HoldMdo
  | NoteProgress
  | AssessSafety
  | ReviewSafety
  | RegisterOutflow
  | RecordFollowUp
  | ErasePersonalData;

export type FamilyCommandType = FamilyCommand['type'];
