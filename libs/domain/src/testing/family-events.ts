import type {
  CareEnded,
  CareRequested,
  CareRequestWithdrawn,
  CareStarted,
  CaseDirectorAssigned,
  ConsultationHeld,
  ExplanatoryAnalysisCompleted,
  ExplanatoryAnalysisStarted,
  FamilyEvent,
  FamilyMemberAdded,
  FamilyRegistered,
  FollowUpRecorded,
  MdoHeld,
  OutflowRegistered,
  PersonalDataErased,
  ProfessionalJoinedNetwork,
  ProfessionalLeftNetwork,
  ProgressNoted,
  SafetyAssessed,
  SafetyTeamReviewed,
  SignalReceived,
  TreatmentPlanAdopted,
  TreatmentPlanRevised,
} from '../events';
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

/** Builders of events: what the command builder of the same step decides with its defaults. */
export const event = {
  familyRegistered: (data: Partial<FamilyRegistered['data']> = {}): FamilyRegistered => ({
    type: 'FamilyRegistered',
    data: {
      familyId: FAMILY_ID,
      municipality: 'Groningen',
      members: [youth, parent],
      occurredAt: day(0),
      ...data,
    },
  }),
  familyMemberAdded: (data: Partial<FamilyMemberAdded['data']> = {}): FamilyMemberAdded => ({
    type: 'FamilyMemberAdded',
    data: { member: sibling, occurredAt: day(1), ...data },
  }),
  signalReceived: (data: Partial<SignalReceived['data']> = {}): SignalReceived => ({
    type: 'SignalReceived',
    data: {
      signalId: SIGNAL_ID,
      source: 'local-team',
      concerns: ['parenting-stress', 'school-dropout'],
      urgency: 'urgent',
      concernedMemberIds: [YOUTH_ID],
      caseNumber: 1,
      reentry: false,
      occurredAt: day(2),
      ...data,
    },
  }),
  consultationHeld: (data: Partial<ConsultationHeld['data']> = {}): ConsultationHeld => ({
    type: 'ConsultationHeld',
    data: { consultationId: 'c-1', advice: 'hsj-mcp-route', occurredAt: day(3), ...data },
  }),
  professionalJoined: (
    data: Partial<ProfessionalJoinedNetwork['data']> = {},
  ): ProfessionalJoinedNetwork => ({
    type: 'ProfessionalJoinedNetwork',
    data: {
      professionalId: PROFESSIONAL_ID,
      organisation: 'Accare',
      discipline: 'child psychiatry',
      occurredAt: day(3),
      ...data,
    },
  }),
  professionalLeft: (
    data: Partial<ProfessionalLeftNetwork['data']> = {},
  ): ProfessionalLeftNetwork => ({
    type: 'ProfessionalLeftNetwork',
    data: { professionalId: PROFESSIONAL_ID, occurredAt: day(60), ...data },
  }),
  caseDirectorAssigned: (
    data: Partial<CaseDirectorAssigned['data']> = {},
  ): CaseDirectorAssigned => ({
    type: 'CaseDirectorAssigned',
    data: { professionalId: PROFESSIONAL_ID, occurredAt: day(4), ...data },
  }),
  analysisStarted: (
    data: Partial<ExplanatoryAnalysisStarted['data']> = {},
  ): ExplanatoryAnalysisStarted => ({
    type: 'ExplanatoryAnalysisStarted',
    data: { analysisId: ANALYSIS_ID, caseNumber: 1, occurredAt: day(5), ...data },
  }),
  analysisCompleted: (
    data: Partial<ExplanatoryAnalysisCompleted['data']> = {},
  ): ExplanatoryAnalysisCompleted => ({
    type: 'ExplanatoryAnalysisCompleted',
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
  }),
  planAdopted: (data: Partial<TreatmentPlanAdopted['data']> = {}): TreatmentPlanAdopted => ({
    type: 'TreatmentPlanAdopted',
    data: {
      planId: PLAN_ID,
      version: 1,
      basedOnAnalysisId: ANALYSIS_ID,
      goals,
      agreedWithFamily: true,
      evaluateBy: day(120),
      caseNumber: 1,
      occurredAt: day(25),
      ...data,
    },
  }),
  planRevised: (data: Partial<TreatmentPlanRevised['data']> = {}): TreatmentPlanRevised => ({
    type: 'TreatmentPlanRevised',
    data: {
      planId: PLAN_ID,
      version: 2,
      reason: 'evaluation after the first MDO',
      goals: revisedGoals,
      occurredAt: day(40),
      ...data,
    },
  }),
  careRequested: (data: Partial<CareRequested['data']> = {}): CareRequested => ({
    type: 'CareRequested',
    data: {
      trajectoryId: TRAJECTORY_ID,
      careForm: 'trauma-treatment',
      providerId: 'provider-1',
      memberIds: [YOUTH_ID],
      planId: PLAN_ID,
      caseNumber: 1,
      occurredAt: day(30),
      ...data,
    },
  }),
  /** Care requested under no plan: crisis care before a plan exists. */
  careRequestedWithoutPlan: (
    data: Partial<Omit<CareRequested['data'], 'planId'>> = {},
  ): CareRequested => ({
    type: 'CareRequested',
    data: {
      trajectoryId: TRAJECTORY_ID,
      careForm: 'crisis-care',
      providerId: 'provider-1',
      memberIds: [YOUTH_ID],
      caseNumber: 1,
      occurredAt: day(30),
      ...data,
    },
  }),
  careStarted: (data: Partial<CareStarted['data']> = {}): CareStarted => ({
    type: 'CareStarted',
    data: { trajectoryId: TRAJECTORY_ID, occurredAt: day(45), ...data },
  }),
  careEnded: (data: Partial<CareEnded['data']> = {}): CareEnded => ({
    type: 'CareEnded',
    data: { trajectoryId: TRAJECTORY_ID, reason: 'completed', occurredAt: day(90), ...data },
  }),
  careRequestWithdrawn: (
    data: Partial<CareRequestWithdrawn['data']> = {},
  ): CareRequestWithdrawn => ({
    type: 'CareRequestWithdrawn',
    data: {
      trajectoryId: TRAJECTORY_ID,
      reason: 'the family found help nearby',
      occurredAt: day(35),
      ...data,
    },
  }),
  mdoHeld: (data: Partial<MdoHeld['data']> = {}): MdoHeld => ({
    type: 'MdoHeld',
    data: {
      mdoId: 'mdo-1',
      participants: ['case director', 'Accare', 'school'],
      familyPresent: true,
      decisions: ['continue the trauma treatment'],
      nextMdoDueBy: day(92),
      occurredAt: day(50),
      ...data,
    },
  }),
  progressNoted: (data: Partial<ProgressNoted['data']> = {}): ProgressNoted => ({
    type: 'ProgressNoted',
    data: {
      noteId: 'n-1',
      workstream: 'execution',
      note: 'home visit',
      occurredAt: day(10),
      ...data,
    },
  }),
  safetyAssessed: (data: Partial<SafetyAssessed['data']> = {}): SafetyAssessed => ({
    type: 'SafetyAssessed',
    data: {
      assessmentId: 'sa-1',
      level: 'unsafe',
      phase: 'direct-safety',
      notes: 'violence between the parents',
      occurredAt: day(11),
      ...data,
    },
  }),
  safetyTeamReviewed: (data: Partial<SafetyTeamReviewed['data']> = {}): SafetyTeamReviewed => ({
    type: 'SafetyTeamReviewed',
    data: {
      reviewId: 'r-1',
      outcome: 'safety plan agreed',
      advice: 'weekly contact',
      occurredAt: day(12),
      ...data,
    },
  }),
  outflowRegistered: (data: Partial<OutflowRegistered['data']> = {}): OutflowRegistered => ({
    type: 'OutflowRegistered',
    data: {
      destination: 'local-team',
      reason: 'goals reached',
      handoverTo: 'WIJ Groningen',
      caseNumber: 1,
      occurredAt: day(100),
      ...data,
    },
  }),
  followUpRecorded: (data: Partial<FollowUpRecorded['data']> = {}): FollowUpRecorded => ({
    type: 'FollowUpRecorded',
    data: {
      monthsAfterOutflow: 3,
      outcome: 'doing well',
      caseNumber: 1,
      occurredAt: day(190),
      ...data,
    },
  }),
  personalDataErased: (data: Partial<PersonalDataErased['data']> = {}): PersonalDataErased => ({
    type: 'PersonalDataErased',
    data: { legalBasis: 'Jeugdwet 7.3.9', occurredAt: day(200), ...data },
  }),
};

/** Histories of the default family at each step of the route, to start a `given` from. */
export const history = {
  /** Registered on day 0, the registrar in the network; no signal yet. */
  registered: (): FamilyEvent[] => [
    event.familyRegistered(),
    event.professionalJoined({ ...registrar, occurredAt: day(0) }),
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
