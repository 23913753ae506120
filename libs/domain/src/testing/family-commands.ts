import type {
  AddFamilyMember,
  AdoptTreatmentPlan,
  AssessSafety,
  AssignCaseDirector,
  CompleteExplanatoryAnalysis,
  EndCare,
  ErasePersonalData,
  FamilyCommand,
  FamilyCommandType,
  HoldConsultation,
  HoldMdo,
  JoinNetwork,
  LeaveNetwork,
  NoteProgress,
  ReceiveSignal,
  RecordFollowUp,
  RegisterFamily,
  RegisterOutflow,
  RequestCare,
  ReviewSafety,
  ReviseTreatmentPlan,
  StartCare,
  StartExplanatoryAnalysis,
  WithdrawCareRequest,
} from '../commands';
import {
  ANALYSIS_ID,
  day,
  FAMILY_ID,
  goals,
  NOW,
  parent,
  PLAN_ID,
  PROFESSIONAL_ID,
  registrar,
  revisedGoals,
  sibling,
  SIGNAL_ID,
  TRAJECTORY_ID,
  youth,
  YOUTH_ID,
} from './family-fixtures';

/** Builders of full commands: defaults of the route above, any data field overridden, the clock at `now`. */
export const command = {
  registerFamily: (data: Partial<RegisterFamily['data']> = {}, now = NOW): RegisterFamily => ({
    type: 'RegisterFamily',
    data: {
      familyId: FAMILY_ID,
      municipality: 'Groningen',
      members: [youth, parent],
      registrar,
      occurredAt: day(0),
      ...data,
    },
    metadata: { now },
  }),
  addFamilyMember: (data: Partial<AddFamilyMember['data']> = {}, now = NOW): AddFamilyMember => ({
    type: 'AddFamilyMember',
    data: { member: sibling, occurredAt: day(1), ...data },
    metadata: { now },
  }),
  receiveSignal: (data: Partial<ReceiveSignal['data']> = {}, now = NOW): ReceiveSignal => ({
    type: 'ReceiveSignal',
    data: {
      signalId: SIGNAL_ID,
      source: 'local-team',
      concerns: ['parenting-stress', 'school-dropout'],
      urgency: 'urgent',
      concernedMemberIds: [YOUTH_ID],
      occurredAt: day(2),
      ...data,
    },
    metadata: { now },
  }),
  holdConsultation: (
    data: Partial<HoldConsultation['data']> = {},
    now = NOW,
  ): HoldConsultation => ({
    type: 'HoldConsultation',
    data: { consultationId: 'c-1', advice: 'hsj-mcp-route', occurredAt: day(3), ...data },
    metadata: { now },
  }),
  joinNetwork: (data: Partial<JoinNetwork['data']> = {}, now = NOW): JoinNetwork => ({
    type: 'JoinNetwork',
    data: {
      professionalId: PROFESSIONAL_ID,
      organisation: 'Accare',
      discipline: 'child psychiatry',
      occurredAt: day(3),
      ...data,
    },
    metadata: { now },
  }),
  leaveNetwork: (data: Partial<LeaveNetwork['data']> = {}, now = NOW): LeaveNetwork => ({
    type: 'LeaveNetwork',
    data: { professionalId: PROFESSIONAL_ID, occurredAt: day(60), ...data },
    metadata: { now },
  }),
  assignCaseDirector: (
    data: Partial<AssignCaseDirector['data']> = {},
    now = NOW,
  ): AssignCaseDirector => ({
    type: 'AssignCaseDirector',
    data: { professionalId: PROFESSIONAL_ID, occurredAt: day(4), ...data },
    metadata: { now },
  }),
  startExplanatoryAnalysis: (
    data: Partial<StartExplanatoryAnalysis['data']> = {},
    now = NOW,
  ): StartExplanatoryAnalysis => ({
    type: 'StartExplanatoryAnalysis',
    data: { analysisId: ANALYSIS_ID, occurredAt: day(5), ...data },
    metadata: { now },
  }),
  completeExplanatoryAnalysis: (
    data: Partial<CompleteExplanatoryAnalysis['data']> = {},
    now = NOW,
  ): CompleteExplanatoryAnalysis => ({
    type: 'CompleteExplanatoryAnalysis',
    data: {
      analysisId: ANALYSIS_ID,
      safetyLevel: 'concerns',
      patterns: ['school refusal follows conflicts at home'],
      riskFactors: ['debts'],
      protectiveFactors: ['involved grandparents'],
      careNeeds: [{ memberId: YOUTH_ID, need: 'trauma treatment' }],
      occurredAt: day(20),
      ...data,
    },
    metadata: { now },
  }),
  adoptTreatmentPlan: (
    data: Partial<AdoptTreatmentPlan['data']> = {},
    now = NOW,
  ): AdoptTreatmentPlan => ({
    type: 'AdoptTreatmentPlan',
    data: {
      planId: PLAN_ID,
      analysisId: ANALYSIS_ID,
      goals,
      agreedWithFamily: true,
      evaluateBy: day(120),
      occurredAt: day(25),
      ...data,
    },
    metadata: { now },
  }),
  reviseTreatmentPlan: (
    data: Partial<ReviseTreatmentPlan['data']> = {},
    now = NOW,
  ): ReviseTreatmentPlan => ({
    type: 'ReviseTreatmentPlan',
    data: {
      planId: PLAN_ID,
      reason: 'evaluation after the first MDO',
      goals: revisedGoals,
      occurredAt: day(40),
      ...data,
    },
    metadata: { now },
  }),
  requestCare: (data: Partial<RequestCare['data']> = {}, now = NOW): RequestCare => ({
    type: 'RequestCare',
    data: {
      trajectoryId: TRAJECTORY_ID,
      careForm: 'trauma-treatment',
      providerId: 'provider-1',
      memberIds: [YOUTH_ID],
      occurredAt: day(30),
      ...data,
    },
    metadata: { now },
  }),
  startCare: (data: Partial<StartCare['data']> = {}, now = NOW): StartCare => ({
    type: 'StartCare',
    data: { trajectoryId: TRAJECTORY_ID, occurredAt: day(45), ...data },
    metadata: { now },
  }),
  endCare: (data: Partial<EndCare['data']> = {}, now = NOW): EndCare => ({
    type: 'EndCare',
    data: { trajectoryId: TRAJECTORY_ID, reason: 'completed', occurredAt: day(90), ...data },
    metadata: { now },
  }),
  withdrawCareRequest: (
    data: Partial<WithdrawCareRequest['data']> = {},
    now = NOW,
  ): WithdrawCareRequest => ({
    type: 'WithdrawCareRequest',
    data: {
      trajectoryId: TRAJECTORY_ID,
      reason: 'the family found help nearby',
      occurredAt: day(35),
      ...data,
    },
    metadata: { now },
  }),
  holdMdo: (data: Partial<HoldMdo['data']> = {}, now = NOW): HoldMdo => ({
    type: 'HoldMdo',
    data: {
      mdoId: 'mdo-1',
      participants: ['case director', 'Accare', 'school'],
      familyPresent: true,
      decisions: ['continue the trauma treatment'],
      nextMdoDueBy: day(92),
      occurredAt: day(50),
      ...data,
    },
    metadata: { now },
  }),
  noteProgress: (data: Partial<NoteProgress['data']> = {}, now = NOW): NoteProgress => ({
    type: 'NoteProgress',
    data: {
      noteId: 'n-1',
      workstream: 'execution',
      note: 'home visit',
      occurredAt: day(10),
      ...data,
    },
    metadata: { now },
  }),
  assessSafety: (data: Partial<AssessSafety['data']> = {}, now = NOW): AssessSafety => ({
    type: 'AssessSafety',
    data: {
      assessmentId: 'sa-1',
      level: 'unsafe',
      phase: 'direct-safety',
      notes: 'violence between the parents',
      occurredAt: day(11),
      ...data,
    },
    metadata: { now },
  }),
  reviewSafety: (data: Partial<ReviewSafety['data']> = {}, now = NOW): ReviewSafety => ({
    type: 'ReviewSafety',
    data: {
      reviewId: 'r-1',
      outcome: 'safety plan agreed',
      advice: 'weekly contact',
      occurredAt: day(12),
      ...data,
    },
    metadata: { now },
  }),
  registerOutflow: (data: Partial<RegisterOutflow['data']> = {}, now = NOW): RegisterOutflow => ({
    type: 'RegisterOutflow',
    data: {
      destination: 'local-team',
      reason: 'goals reached',
      handoverTo: 'WIJ Groningen',
      occurredAt: day(100),
      ...data,
    },
    metadata: { now },
  }),
  recordFollowUp: (data: Partial<RecordFollowUp['data']> = {}, now = NOW): RecordFollowUp => ({
    type: 'RecordFollowUp',
    data: { monthsAfterOutflow: 3, outcome: 'doing well', occurredAt: day(190), ...data },
    metadata: { now },
  }),
  erasePersonalData: (
    data: Partial<ErasePersonalData['data']> = {},
    now = NOW,
  ): ErasePersonalData => ({
    type: 'ErasePersonalData',
    data: { legalBasis: 'Jeugdwet 7.3.9', occurredAt: day(200), ...data },
    metadata: { now },
  }),
};

/** The same command at another business time (and, when given, decided at another clock). */
export function dated<C extends FamilyCommand>(cmd: C, occurredAt: string, now?: string): C {
  return {
    ...cmd,
    data: { ...cmd.data, occurredAt },
    metadata: { now: now ?? cmd.metadata.now },
  };
}

/** One command of every type but RegisterFamily, with the builders' defaults (typed: none can be missing). */
export function everyCommandOnARegisteredFamily(): FamilyCommand[] {
  const every: {
    readonly [T in Exclude<FamilyCommandType, 'RegisterFamily'>]: Extract<
      FamilyCommand,
      { type: T }
    >;
  } = {
    AddFamilyMember: command.addFamilyMember(),
    ReceiveSignal: command.receiveSignal(),
    HoldConsultation: command.holdConsultation(),
    JoinNetwork: command.joinNetwork(),
    LeaveNetwork: command.leaveNetwork(),
    AssignCaseDirector: command.assignCaseDirector(),
    StartExplanatoryAnalysis: command.startExplanatoryAnalysis(),
    CompleteExplanatoryAnalysis: command.completeExplanatoryAnalysis(),
    AdoptTreatmentPlan: command.adoptTreatmentPlan(),
    ReviseTreatmentPlan: command.reviseTreatmentPlan(),
    RequestCare: command.requestCare(),
    StartCare: command.startCare(),
    EndCare: command.endCare(),
    WithdrawCareRequest: command.withdrawCareRequest(),
    HoldMdo: command.holdMdo(),
    NoteProgress: command.noteProgress(),
    AssessSafety: command.assessSafety(),
    ReviewSafety: command.reviewSafety(),
    RegisterOutflow: command.registerOutflow(),
    RecordFollowUp: command.recordFollowUp(),
    ErasePersonalData: command.erasePersonalData(),
  };
  return Object.values(every);
}

/** `[type, command]` pairs for `it.each`. */
export const byType = (commands: FamilyCommand[]): [string, FamilyCommand][] =>
  commands.map((c) => [c.type, c]);
