import type { FamilyEvent, FamilyEventType } from '../events';
import {
  ANALYSIS_ID,
  day,
  goals,
  GOAL_ID,
  PARENT_ID,
  PLAN_ID,
  PROFESSIONAL_ID,
  registrar,
  revisedGoals,
  TRAJECTORY_ID,
  YOUTH_ID,
} from './family-fixtures';
import { command, routeData } from './family-commands';

/** What an event adds to its command's data when it belongs to the family's first case. */
const inTheFirstCase = <D extends object>(data: D) => ({ ...data, caseNumber: 1 });

type EventOf<T extends FamilyEventType> = Extract<FamilyEvent, { type: T }>;

/** A builder of events of one type: these defaults, any data field overridden. */
function eventOf<T extends FamilyEventType>(
  type: T,
  defaults: EventOf<T>['data'],
): (data?: Partial<EventOf<T>['data']>) => EventOf<T>;
function eventOf(type: FamilyEventType, defaults: FamilyEvent['data']) {
  return (data: Partial<FamilyEvent['data']> = {}) => ({
    type,
    data: { ...structuredClone(defaults), ...data },
  });
}

/**
 * Builders of events: what the command builder of the same step decides with its defaults (its data, plus what
 * the decider adds).
 */
export const event = {
  familyRegistered: eventOf('FamilyRegistered', routeData.registration),
  familyMemberAdded: eventOf('FamilyMemberAdded', command.addFamilyMember().data),
  memberBsnRecorded: eventOf('MemberBsnRecorded', command.recordMemberBsn().data),
  signalReceived: eventOf('SignalReceived', { ...routeData.signal, caseNumber: 1, reentry: false }),
  /** A new signal s-2 on day 300 that reopens the case of a family that flowed out, as case 2. */
  reentrySignal: eventOf('SignalReceived', {
    ...routeData.signal,
    signalId: 's-2',
    caseNumber: 2,
    reentry: true,
    occurredAt: day(300),
  }),
  consultationHeld: eventOf('ConsultationHeld', command.holdConsultation().data),
  professionalJoined: eventOf('ProfessionalJoinedNetwork', command.joinNetwork().data),
  professionalLeft: eventOf('ProfessionalLeftNetwork', command.leaveNetwork().data),
  caseDirectorAssigned: eventOf('CaseDirectorAssigned', command.assignCaseDirector().data),
  analysisStarted: eventOf(
    'ExplanatoryAnalysisStarted',
    inTheFirstCase(command.startExplanatoryAnalysis().data),
  ),
  analysisCompleted: eventOf('ExplanatoryAnalysisCompleted', routeData.findings),
  planAdopted: eventOf('TreatmentPlanAdopted', {
    planId: PLAN_ID,
    version: 1,
    basedOnAnalysisId: ANALYSIS_ID,
    goals,
    agreedWithFamily: true,
    evaluateBy: day(120),
    caseNumber: 1,
    occurredAt: day(25),
  }),
  planRevised: eventOf('TreatmentPlanRevised', {
    planId: PLAN_ID,
    version: 2,
    reason: command.reviseTreatmentPlan().data.reason,
    goals: revisedGoals,
    occurredAt: day(40),
  }),
  careRequested: eventOf('CareRequested', { ...inTheFirstCase(routeData.care), planId: PLAN_ID }),
  /** Care requested under no plan: crisis care before a plan exists. */
  careRequestedWithoutPlan: eventOf(
    'CareRequested',
    inTheFirstCase({ ...routeData.care, careForm: 'crisis-care' }),
  ),
  careStarted: eventOf('CareStarted', command.startCare().data),
  careEnded: eventOf('CareEnded', command.endCare().data),
  careRequestWithdrawn: eventOf('CareRequestWithdrawn', command.withdrawCareRequest().data),
  mdoHeld: eventOf('MdoHeld', routeData.mdo),
  progressNoted: eventOf('ProgressNoted', command.noteProgress().data),
  safetyAssessed: eventOf('SafetyAssessed', command.assessSafety().data),
  safetyTeamReviewed: eventOf('SafetyTeamReviewed', command.reviewSafety().data),
  outflowRegistered: eventOf('OutflowRegistered', inTheFirstCase(command.registerOutflow().data)),
  followUpRecorded: eventOf('FollowUpRecorded', inTheFirstCase(command.recordFollowUp().data)),
  personalDataErased: eventOf('PersonalDataErased', command.erasePersonalData().data),
  /** Foster care running since day -200, recorded on day 1, before any plan (outside the plan). */
  runningCareRecorded: eventOf('RunningCareRecorded', {
    ...command.recordRunningCare().data,
    memberIds: [YOUTH_ID],
    outsidePlan: true,
    caseNumber: 0,
  }),
  careAllocated: eventOf('CareAllocated', {
    ...command.allocateCare().data,
    origin: 'ijw',
  }),
  careHandedOver: eventOf('CareHandedOver', {
    trajectoryId: TRAJECTORY_ID,
    handoverTo: 'WIJ Groningen',
    caseNumber: 1,
    occurredAt: day(100),
  }),
  protectionMeasureImposed: eventOf('ProtectionMeasureImposed', {
    ...command.imposeProtectionMeasure().data,
    memberIds: [YOUTH_ID],
  }),
  protectionMeasureEnded: eventOf('ProtectionMeasureEnded', command.endProtectionMeasure().data),
  safeAtHomeReportMade: eventOf('SafeAtHomeReportMade', {
    ...command.makeSafeAtHomeReport().data,
    memberIds: [YOUTH_ID],
  }),
  planEvaluated: eventOf('PlanEvaluated', {
    ...command.evaluatePlan().data,
    goals: [{ goalId: GOAL_ID, status: 'partly-achieved' }],
    planVersion: 1,
  }),
  memberViewRecorded: eventOf('MemberViewRecorded', command.recordMemberView().data),
  informalSupporterAdded: eventOf('InformalSupporterAdded', command.addInformalSupporter().data),
  planAgreementRecorded: eventOf('PlanAgreementRecorded', {
    agreementId: 'ag-1',
    planId: PLAN_ID,
    planVersion: 1,
    memberId: PARENT_ID,
    agreed: true,
    comment: 'Goed plan, wel graag vaker contact',
    occurredAt: day(26),
  }),
  parentalAuthorityRecorded: eventOf(
    'ParentalAuthorityRecorded',
    command.recordParentalAuthority().data,
  ),
  dataSharingRecorded: eventOf('DataSharingRecorded', command.recordDataSharing().data),
};

/** Histories of the default family at each step of the route, to start a `given` from. */
export const history = {
  /** Registered on day 0, the registrar in the network; no signal yet. */
  registered: (): FamilyEvent[] => [
    event.familyRegistered(),
    event.professionalJoined({ ...registrar, occurredAt: day(0) }),
  ],
  /** prof-2 joined the network on day 3. */
  joined: (): FamilyEvent[] => [...history.registered(), event.professionalJoined()],
  /** prof-2 joined on day 3 and left on day 60. */
  left: (): FamilyEvent[] => [...history.joined(), event.professionalLeft()],
  /** prof-2 joined and directs the case from day 4. */
  directed: (): FamilyEvent[] => [...history.joined(), event.caseDirectorAssigned()],
  /** prof-2 joined and directed the case from day 4; on day 30 the registrar took the direction over. */
  directorReplaced: (): FamilyEvent[] => [
    ...history.directed(),
    event.caseDirectorAssigned({
      professionalId: registrar.professionalId,
      previousProfessionalId: PROFESSIONAL_ID,
      occurredAt: day(30),
    }),
  ],
  /** The first signal (case 1) on day 2. */
  signalled: (): FamilyEvent[] => [...history.registered(), event.signalReceived()],
  /** Analysis a-1 started on day 5 and in progress. */
  analysing: (): FamilyEvent[] => [...history.signalled(), event.analysisStarted()],
  /** Analysis a-1 completed on day 20. */
  analysed: (): FamilyEvent[] => [...history.analysing(), event.analysisCompleted()],
  /** Plan p-1 adopted on day 25. */
  planned: (): FamilyEvent[] => [...history.analysed(), event.planAdopted()],
  /** Trajectory t-1 requested under p-1 on day 30: the family waits. */
  waiting: (): FamilyEvent[] => [...history.planned(), event.careRequested()],
  /** Trajectory t-1 started on day 45. */
  inCare: (): FamilyEvent[] => [...history.waiting(), event.careStarted()],
  /** Trajectory t-1 ended on day 90: no care runs, the family has not flowed out. */
  careEnded: (): FamilyEvent[] => [...history.inCare(), event.careEnded()],
  /** Trajectory t-1 ended on day 90 and the family flowed out on day 100. */
  outflowed: (): FamilyEvent[] => [...history.careEnded(), event.outflowRegistered()],
  /** A new signal s-2 on day 300 reopened the family's case as case 2. */
  reentered: (): FamilyEvent[] => [...history.outflowed(), event.reentrySignal()],
  /** In care, then the family's personal data was erased on day 200. */
  erased: (): FamilyEvent[] => [...history.inCare(), event.personalDataErased()],
};

/** One event of every type but FamilyRegistered, with the builders' defaults (typed: none can be missing). */
export function everyEventOnARegisteredFamily(): FamilyEvent[] {
  const every: {
    readonly [T in Exclude<FamilyEventType, 'FamilyRegistered'>]: Extract<FamilyEvent, { type: T }>;
  } = {
    FamilyMemberAdded: event.familyMemberAdded(),
    MemberBsnRecorded: event.memberBsnRecorded(),
    SignalReceived: event.signalReceived(),
    ConsultationHeld: event.consultationHeld(),
    ProfessionalJoinedNetwork: event.professionalJoined(),
    ProfessionalLeftNetwork: event.professionalLeft(),
    CaseDirectorAssigned: event.caseDirectorAssigned(),
    ExplanatoryAnalysisStarted: event.analysisStarted(),
    ExplanatoryAnalysisCompleted: event.analysisCompleted(),
    TreatmentPlanAdopted: event.planAdopted(),
    TreatmentPlanRevised: event.planRevised(),
    CareRequested: event.careRequested(),
    CareRequestWithdrawn: event.careRequestWithdrawn(),
    CareStarted: event.careStarted(),
    CareEnded: event.careEnded(),
    MdoHeld: event.mdoHeld(),
    ProgressNoted: event.progressNoted(),
    SafetyAssessed: event.safetyAssessed(),
    SafetyTeamReviewed: event.safetyTeamReviewed(),
    OutflowRegistered: event.outflowRegistered(),
    FollowUpRecorded: event.followUpRecorded(),
    PersonalDataErased: event.personalDataErased(),
    RunningCareRecorded: event.runningCareRecorded(),
    CareHandedOver: event.careHandedOver(),
    CareAllocated: event.careAllocated(),
    ProtectionMeasureImposed: event.protectionMeasureImposed(),
    ProtectionMeasureEnded: event.protectionMeasureEnded(),
    SafeAtHomeReportMade: event.safeAtHomeReportMade(),
    PlanEvaluated: event.planEvaluated(),
    MemberViewRecorded: event.memberViewRecorded(),
    InformalSupporterAdded: event.informalSupporterAdded(),
    PlanAgreementRecorded: event.planAgreementRecorded(),
    ParentalAuthorityRecorded: event.parentalAuthorityRecorded(),
    DataSharingRecorded: event.dataSharingRecorded(),
  };
  return Object.values(every);
}
