import type { FamilyCommand, FamilyCommandType } from '../commands';
import {
  ANALYSIS_ID,
  day,
  FAMILY_ID,
  GOAL_ID,
  MEASURE_ID,
  NEW_GOAL_ID,
  RUNNING_TRAJECTORY_ID,
  newGoals,
  NOW,
  parent,
  PARENT_ID,
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

type CommandOf<T extends FamilyCommandType> = Extract<FamilyCommand, { type: T }>;

/** A builder of full commands of one type: these defaults, any data field overridden, the clock at `now`. */
function commandOf<T extends FamilyCommandType>(
  type: T,
  defaults: CommandOf<T>['data'],
): (data?: Partial<CommandOf<T>['data']>, now?: string) => CommandOf<T>;
function commandOf(type: FamilyCommandType, defaults: FamilyCommand['data']) {
  return (data: Partial<FamilyCommand['data']> = {}, now = NOW) => ({
    type,
    data: { ...structuredClone(defaults), ...data },
    metadata: { now },
  });
}

/** The data that these commands share with the events they produce, every optional field given. */
export const routeData = {
  registration: {
    familyId: FAMILY_ID,
    municipality: 'Groningen',
    members: [youth, parent],
    occurredAt: day(0),
  },
  signal: {
    signalId: SIGNAL_ID,
    source: 'local-team',
    concerns: ['parenting-stress', 'school-dropout'],
    urgency: 'urgent',
    concernedMemberIds: [YOUTH_ID],
    occurredAt: day(2),
  },
  findings: {
    analysisId: ANALYSIS_ID,
    safetyLevel: 'concerns',
    patterns: ['school refusal follows conflicts at home'],
    riskFactors: ['debts'],
    protectiveFactors: ['involved grandparents'],
    careNeeds: [{ memberId: YOUTH_ID, need: 'trauma treatment' }],
    occurredAt: day(20),
  },
  care: {
    trajectoryId: TRAJECTORY_ID,
    careForm: 'trauma-treatment',
    providerId: 'provider-1',
    memberIds: [YOUTH_ID],
    occurredAt: day(30),
  },
  mdo: {
    mdoId: 'mdo-1',
    participants: ['case director', 'Accare', 'school'],
    familyPresent: true,
    decisions: ['continue the trauma treatment'],
    nextMdoDueBy: day(92),
    occurredAt: day(50),
  },
} as const;

/** Builders of full commands: defaults of the route above, any data field overridden, the clock at `now`. */
export const command = {
  registerFamily: commandOf('RegisterFamily', { ...routeData.registration, registrar }),
  addFamilyMember: commandOf('AddFamilyMember', { member: sibling, occurredAt: day(1) }),
  recordMemberBsn: commandOf('RecordMemberBsn', {
    memberId: YOUTH_ID,
    bsn: '999993653',
    occurredAt: day(3),
  }),
  receiveSignal: commandOf('ReceiveSignal', routeData.signal),
  holdConsultation: commandOf('HoldConsultation', {
    consultationId: 'c-1',
    advice: 'hsj-mcp-route',
    occurredAt: day(3),
  }),
  joinNetwork: commandOf('JoinNetwork', {
    professionalId: PROFESSIONAL_ID,
    organisation: 'Accare',
    discipline: 'child psychiatry',
    occurredAt: day(3),
  }),
  leaveNetwork: commandOf('LeaveNetwork', { professionalId: PROFESSIONAL_ID, occurredAt: day(60) }),
  assignCaseDirector: commandOf('AssignCaseDirector', {
    professionalId: PROFESSIONAL_ID,
    occurredAt: day(4),
  }),
  startExplanatoryAnalysis: commandOf('StartExplanatoryAnalysis', {
    analysisId: ANALYSIS_ID,
    occurredAt: day(5),
  }),
  completeExplanatoryAnalysis: commandOf('CompleteExplanatoryAnalysis', routeData.findings),
  adoptTreatmentPlan: commandOf('AdoptTreatmentPlan', {
    planId: PLAN_ID,
    analysisId: ANALYSIS_ID,
    goals: newGoals,
    goalIds: [GOAL_ID],
    agreedWithFamily: true,
    evaluateBy: day(120),
    occurredAt: day(25),
  }),
  reviseTreatmentPlan: commandOf('ReviseTreatmentPlan', {
    planId: PLAN_ID,
    reason: 'evaluation after the first MDO',
    goals: [revisedGoals[0], { description: revisedGoals[1].description, memberIds: [PARENT_ID] }],
    newGoalIds: [NEW_GOAL_ID],
    occurredAt: day(40),
  }),
  requestCare: commandOf('RequestCare', routeData.care),
  startCare: commandOf('StartCare', { trajectoryId: TRAJECTORY_ID, occurredAt: day(45) }),
  allocateCare: commandOf('AllocateCare', {
    trajectoryId: TRAJECTORY_ID,
    allocationNumber: '667899',
    productCategory: '45',
    productCode: '45A04',
    allocatedFrom: day(32).slice(0, 10),
    allocatedUntil: day(400).slice(0, 10),
    occurredAt: day(32),
  }),
  endCare: commandOf('EndCare', {
    trajectoryId: TRAJECTORY_ID,
    reason: 'completed',
    occurredAt: day(90),
  }),
  withdrawCareRequest: commandOf('WithdrawCareRequest', {
    trajectoryId: TRAJECTORY_ID,
    reason: 'the family found help nearby',
    occurredAt: day(35),
  }),
  holdMdo: commandOf('HoldMdo', routeData.mdo),
  noteProgress: commandOf('NoteProgress', {
    noteId: 'n-1',
    workstream: 'execution',
    note: 'home visit',
    occurredAt: day(10),
  }),
  assessSafety: commandOf('AssessSafety', {
    assessmentId: 'sa-1',
    level: 'unsafe',
    phase: 'direct-safety',
    notes: 'violence between the parents',
    occurredAt: day(11),
  }),
  reviewSafety: commandOf('ReviewSafety', {
    reviewId: 'r-1',
    outcome: 'safety plan agreed',
    advice: 'weekly contact',
    occurredAt: day(12),
  }),
  registerOutflow: commandOf('RegisterOutflow', {
    destination: 'local-team',
    reason: 'goals reached',
    handoverTo: 'WIJ Groningen',
    occurredAt: day(100),
  }),
  recordFollowUp: commandOf('RecordFollowUp', {
    monthsAfterOutflow: 3,
    outcome: 'doing well',
    occurredAt: day(190),
  }),
  erasePersonalData: commandOf('ErasePersonalData', {
    legalBasis: 'Jeugdwet 7.3.9',
    occurredAt: day(200),
  }),
  recordRunningCare: commandOf('RecordRunningCare', {
    trajectoryId: RUNNING_TRAJECTORY_ID,
    careForm: 'foster-care',
    providerId: 'provider-2',
    startedAt: day(-200),
    memberIds: [YOUTH_ID],
    allocationNumber: 'TOEW-2024-17',
    occurredAt: day(1),
  }),
  imposeProtectionMeasure: commandOf('ImposeProtectionMeasure', {
    measureId: MEASURE_ID,
    kind: 'supervision-order',
    memberIds: [YOUTH_ID],
    institution: 'Jeugdbescherming Noord',
    startedAt: day(-30),
    endsBy: day(335),
    occurredAt: day(6),
  }),
  endProtectionMeasure: commandOf('EndProtectionMeasure', {
    measureId: MEASURE_ID,
    reason: 'the judge did not extend the order',
    occurredAt: day(95),
  }),
  makeSafeAtHomeReport: commandOf('MakeSafeAtHomeReport', {
    reportId: 'vt-1',
    kind: 'advice',
    memberIds: [YOUTH_ID],
    outcome: 'Veilig Thuis advised a safety plan',
    occurredAt: day(7),
  }),
  evaluatePlan: commandOf('EvaluatePlan', {
    evaluationId: 'ev-1',
    planId: PLAN_ID,
    goals: [{ goalId: GOAL_ID, status: 'partly-achieved' }],
    familyInvolved: true,
    nextEvaluateBy: day(180),
    occurredAt: day(60),
  }),
  recordMemberView: commandOf('RecordMemberView', {
    viewId: 'v-1',
    memberId: YOUTH_ID,
    topic: 'safety',
    text: 'I feel safe at my grandmother’s',
    feelsSafe: 6,
    occurredAt: day(8),
  }),
  addInformalSupporter: commandOf('AddInformalSupporter', {
    supporterId: 'is-1',
    displayName: 'Oma Jannie',
    relation: 'grandmother',
    occurredAt: day(9),
  }),
  recordPlanAgreement: commandOf('RecordPlanAgreement', {
    agreementId: 'ag-1',
    memberId: PARENT_ID,
    agreed: true,
    comment: 'Goed plan, wel graag vaker contact',
    occurredAt: day(26),
  }),
  recordParentalAuthority: commandOf('RecordParentalAuthority', {
    childMemberId: YOUTH_ID,
    holderMemberIds: [PARENT_ID],
    occurredAt: day(1),
  }),
  /** The youth (16 at {@link NOW}) shares with the parent. */
  recordDataSharing: commandOf('RecordDataSharing', {
    memberId: YOUTH_ID,
    withMemberId: PARENT_ID,
    shared: true,
    occurredAt: day(1),
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
    RecordMemberBsn: command.recordMemberBsn(),
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
    AllocateCare: command.allocateCare(),
    WithdrawCareRequest: command.withdrawCareRequest(),
    HoldMdo: command.holdMdo(),
    NoteProgress: command.noteProgress(),
    AssessSafety: command.assessSafety(),
    ReviewSafety: command.reviewSafety(),
    RegisterOutflow: command.registerOutflow(),
    RecordFollowUp: command.recordFollowUp(),
    ErasePersonalData: command.erasePersonalData(),
    RecordRunningCare: command.recordRunningCare(),
    ImposeProtectionMeasure: command.imposeProtectionMeasure(),
    EndProtectionMeasure: command.endProtectionMeasure(),
    MakeSafeAtHomeReport: command.makeSafeAtHomeReport(),
    EvaluatePlan: command.evaluatePlan(),
    RecordMemberView: command.recordMemberView(),
    AddInformalSupporter: command.addInformalSupporter(),
    RecordPlanAgreement: command.recordPlanAgreement(),
    RecordParentalAuthority: command.recordParentalAuthority(),
    RecordDataSharing: command.recordDataSharing(),
  };
  return Object.values(every);
}

/** `[type, command]` pairs for `it.each`. */
export const byType = (commands: FamilyCommand[]): [string, FamilyCommand][] =>
  commands.map((c) => [c.type, c]);
