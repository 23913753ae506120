import type { FamilyEvent, FamilyEventType } from '../events';
import {
  ANALYSIS_ID,
  day,
  FAMILY_ID,
  goals,
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

/** Builders of events: what the command builder of the same step decides with its defaults. */
export const event = {
  familyRegistered: eventOf('FamilyRegistered', {
    familyId: FAMILY_ID,
    municipality: 'Groningen',
    members: [youth, parent],
    occurredAt: day(0),
  }),
  familyMemberAdded: eventOf('FamilyMemberAdded', { member: sibling, occurredAt: day(1) }),
  signalReceived: eventOf('SignalReceived', {
    signalId: SIGNAL_ID,
    source: 'local-team',
    concerns: ['parenting-stress', 'school-dropout'],
    urgency: 'urgent',
    concernedMemberIds: [YOUTH_ID],
    caseNumber: 1,
    reentry: false,
    occurredAt: day(2),
  }),
  consultationHeld: eventOf('ConsultationHeld', {
    consultationId: 'c-1',
    advice: 'hsj-mcp-route',
    occurredAt: day(3),
  }),
  professionalJoined: eventOf('ProfessionalJoinedNetwork', {
    professionalId: PROFESSIONAL_ID,
    organisation: 'Accare',
    discipline: 'child psychiatry',
    occurredAt: day(3),
  }),
  professionalLeft: eventOf('ProfessionalLeftNetwork', {
    professionalId: PROFESSIONAL_ID,
    occurredAt: day(60),
  }),
  caseDirectorAssigned: eventOf('CaseDirectorAssigned', {
    professionalId: PROFESSIONAL_ID,
    occurredAt: day(4),
  }),
  analysisStarted: eventOf('ExplanatoryAnalysisStarted', {
    analysisId: ANALYSIS_ID,
    caseNumber: 1,
    occurredAt: day(5),
  }),
  analysisCompleted: eventOf('ExplanatoryAnalysisCompleted', {
    analysisId: ANALYSIS_ID,
    safetyLevel: 'concerns',
    patterns: ['school refusal follows conflicts at home'],
    riskFactors: ['debts'],
    protectiveFactors: ['involved grandparents'],
    careNeeds: [{ memberId: YOUTH_ID, need: 'trauma treatment' }],
    occurredAt: day(20),
  }),
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
    reason: 'evaluation after the first MDO',
    goals: revisedGoals,
    occurredAt: day(40),
  }),
  careRequested: eventOf('CareRequested', {
    trajectoryId: TRAJECTORY_ID,
    careForm: 'trauma-treatment',
    providerId: 'provider-1',
    memberIds: [YOUTH_ID],
    planId: PLAN_ID,
    caseNumber: 1,
    occurredAt: day(30),
  }),
  /** Care requested under no plan: crisis care before a plan exists. */
  careRequestedWithoutPlan: eventOf('CareRequested', {
    trajectoryId: TRAJECTORY_ID,
    careForm: 'crisis-care',
    providerId: 'provider-1',
    memberIds: [YOUTH_ID],
    caseNumber: 1,
    occurredAt: day(30),
  }),
  careStarted: eventOf('CareStarted', { trajectoryId: TRAJECTORY_ID, occurredAt: day(45) }),
  careEnded: eventOf('CareEnded', {
    trajectoryId: TRAJECTORY_ID,
    reason: 'completed',
    occurredAt: day(90),
  }),
  careRequestWithdrawn: eventOf('CareRequestWithdrawn', {
    trajectoryId: TRAJECTORY_ID,
    reason: 'the family found help nearby',
    occurredAt: day(35),
  }),
  mdoHeld: eventOf('MdoHeld', {
    mdoId: 'mdo-1',
    participants: ['case director', 'Accare', 'school'],
    familyPresent: true,
    decisions: ['continue the trauma treatment'],
    nextMdoDueBy: day(92),
    occurredAt: day(50),
  }),
  progressNoted: eventOf('ProgressNoted', {
    noteId: 'n-1',
    workstream: 'execution',
    note: 'home visit',
    occurredAt: day(10),
  }),
  safetyAssessed: eventOf('SafetyAssessed', {
    assessmentId: 'sa-1',
    level: 'unsafe',
    phase: 'direct-safety',
    notes: 'violence between the parents',
    occurredAt: day(11),
  }),
  safetyTeamReviewed: eventOf('SafetyTeamReviewed', {
    reviewId: 'r-1',
    outcome: 'safety plan agreed',
    advice: 'weekly contact',
    occurredAt: day(12),
  }),
  outflowRegistered: eventOf('OutflowRegistered', {
    destination: 'local-team',
    reason: 'goals reached',
    handoverTo: 'WIJ Groningen',
    caseNumber: 1,
    occurredAt: day(100),
  }),
  followUpRecorded: eventOf('FollowUpRecorded', {
    monthsAfterOutflow: 3,
    outcome: 'doing well',
    caseNumber: 1,
    occurredAt: day(190),
  }),
  personalDataErased: eventOf('PersonalDataErased', {
    legalBasis: 'Jeugdwet 7.3.9',
    occurredAt: day(200),
  }),
};

/** Histories of the default family at each step of the route, to start a `given` from. */
export const history = {
  /** Registered on day 0, the registrar in the network; no signal yet. */
  registered: (): FamilyEvent[] => [
    event.familyRegistered(),
    event.professionalJoined({ ...registrar, occurredAt: day(0) }),
  ],
  /** prof-2 joined and directed the case from day 4; on day 30 the registrar took the direction over. */
  directorReplaced: (): FamilyEvent[] => [
    ...history.registered(),
    event.professionalJoined(),
    event.caseDirectorAssigned(),
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
  /** Trajectory t-1 ended on day 90 and the family flowed out on day 100. */
  outflowed: (): FamilyEvent[] => [
    ...history.inCare(),
    event.careEnded(),
    event.outflowRegistered(),
  ],
  /** A new signal s-2 on day 300 reopened the family's case as case 2. */
  reentered: (): FamilyEvent[] => [
    ...history.outflowed(),
    event.signalReceived({ signalId: 's-2', caseNumber: 2, reentry: true, occurredAt: day(300) }),
  ],
  /** In care, then the family's personal data was erased on day 200. */
  erased: (): FamilyEvent[] => [...history.inCare(), event.personalDataErased()],
};

/** One event of every type but FamilyRegistered, with the builders' defaults (typed: none can be missing). */
export function everyEventOnARegisteredFamily(): FamilyEvent[] {
  const every: {
    readonly [T in Exclude<FamilyEventType, 'FamilyRegistered'>]: Extract<FamilyEvent, { type: T }>;
  } = {
    FamilyMemberAdded: event.familyMemberAdded(),
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
  };
  return Object.values(every);
}
