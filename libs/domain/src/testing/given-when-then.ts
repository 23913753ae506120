import type {
  AddFamilyMember,
  AdoptTreatmentPlan,
  AssessSafety,
  AssignCaseDirector,
  CompleteExplanatoryAnalysis,
  EndCare,
  ErasePersonalData,
  FamilyCommand,
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
  Member,
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
import { decide, replay } from '../family.decider';
import { DomainRuleError, type RuleCode } from '../rules';

/**
 * Given/when/then over the family's events, and builders with fixed ids and times so that a test names only what
 * it is about. The builders' defaults follow one family along the route: registration on day 0, the signal on
 * day 2, the analysis from day 5 to day 20, the plan on day 25, care requested on day 30, started on day 45 and
 * ended on day 90, outflow on day 100, follow-up on day 190. Every command is decided at {@link NOW} (day 365).
 */

/** What a refusal addresses when the thing named in the command's address does not exist (the API's 404). */
export type RuleTarget = DomainRuleError['target'];

const DAY_MS = 86_400_000;
const DAY_ZERO = Date.UTC(2025, 0, 6, 9, 0, 0);

/** The ISO time `days` after the family's registration (day 0 is Monday 6 January 2025, 09:00 UTC). */
export function day(days: number): string {
  return new Date(DAY_ZERO + days * DAY_MS).toISOString();
}

/** The decider's clock in every builder unless a test passes another one. */
export const NOW = day(365);

export const FAMILY_ID = 'fam-1';
export const YOUTH_ID = 'm-1';
export const PARENT_ID = 'm-2';
export const SIBLING_ID = 'm-3';
export const REGISTRAR_ID = 'prof-1';
export const PROFESSIONAL_ID = 'prof-2';
export const SIGNAL_ID = 's-1';
export const ANALYSIS_ID = 'a-1';
export const PLAN_ID = 'p-1';
export const TRAJECTORY_ID = 't-1';

export const youth: Member = {
  memberId: YOUTH_ID,
  role: 'youth',
  birthYear: 2010,
  displayName: 'Sam',
};
export const parent: Member = {
  memberId: PARENT_ID,
  role: 'parent',
  birthYear: 1982,
  displayName: 'Alex',
};
export const sibling: Member = {
  memberId: SIBLING_ID,
  role: 'sibling',
  birthYear: 2014,
  displayName: 'Robin',
};

const registrar = {
  professionalId: REGISTRAR_ID,
  organisation: 'WIJ Groningen',
  discipline: 'social work',
} as const;

const goals = [{ description: 'Sam goes to school again', memberIds: [YOUTH_ID] }] as const;
const revisedGoals = [
  { description: 'Sam goes to school four days a week', memberIds: [YOUTH_ID] },
  { description: 'Alex finds support for the debts', memberIds: [PARENT_ID] },
] as const;

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

/**
 * Given these past events, when this command, then these events or this refusal. Both assertions also check that
 * deciding left the state it was given untouched.
 */
export function given(...events: readonly FamilyEvent[]) {
  return {
    when: (cmd: FamilyCommand) => ({
      /** The command is accepted and produces exactly these events, in this order. */
      then: (...expected: readonly FamilyEvent[]): void => {
        const state = replay(events);
        const before = structuredClone(state);
        expect(decide(cmd, state)).toStrictEqual(expected);
        expect(state).toStrictEqual(before);
      },
      /**
       * The command is refused by `rule`. The refusal's target must be `target`: leaving it out asserts that the
       * refusal has no target (the API answers 422, not 404).
       */
      thenRefuses: (rule: RuleCode, target?: RuleTarget): void => {
        const state = replay(events);
        const before = structuredClone(state);
        let outcome: unknown;
        try {
          outcome = decide(cmd, state);
        } catch (error) {
          outcome = error;
        }
        if (!(outcome instanceof DomainRuleError)) {
          throw new Error(
            `expected ${cmd.type} to be refused by rule ${rule}, but it ${
              outcome instanceof Error
                ? `threw ${outcome.name}: ${outcome.message}`
                : `was accepted with ${JSON.stringify(outcome)}`
            }`,
          );
        }
        expect({ rule: outcome.rule, target: outcome.target }).toStrictEqual({ rule, target });
        expect(outcome.message).not.toBe('');
        expect(state).toStrictEqual(before);
      },
    }),
  };
}
