import type { FamilyCommand, FamilyCommandType } from './commands';
import { decide } from './family.decider';
import { assertAcceptsCommands, currentPlan } from './decide/guards';
import type { FamilyState, RegisteredFamilyState } from './family.state';
import { DomainRuleError, type RuleCode } from './rules';
import { CRISIS_CARE, FOLLOW_UP_MONTHS } from './vocabulary';

/**
 * A step taken on a registered family: every command but the registration and the iJw chain's own (an allocation
 * and a member's BSN come from the chain's messages, never from a step a person picks).
 */
export const CHAIN_COMMANDS = ['AllocateCare', 'RecordMemberBsn'] as const;
/** A member's own choices in "Mijn gezin", never a professional's step. */
export const MEMBERS_OWN_COMMANDS = ['RecordDataSharing'] as const;
export type StepType = Exclude<
  FamilyCommandType,
  'RegisterFamily' | (typeof CHAIN_COMMANDS)[number] | (typeof MEMBERS_OWN_COMMANDS)[number]
>;

/** Why a step is not available: the rule the decider refuses it by, or nothing in the family to take it on. */
export type StepRefusal = RuleCode | 'nothing-to-choose';

/**
 * Whether the decider would accept a step on the family now. A step that acts on a record of the family (a
 * trajectory, an analysis, a member of the network…) or takes one of a few fixed values (the months of a
 * follow-up) names in `choices` those the decider accepts it with.
 */
export interface StepAvailability {
  readonly type: StepType;
  readonly available: boolean;
  readonly choices?: readonly string[];
  readonly rule?: StepRefusal;
  /** The decider's own words (English), for logs and tests; the UI says it in Dutch from `rule`. */
  readonly message?: string;
}

/**
 * An id no record of a family holds: new records in the candidate commands take it. Ids come from the caller
 * (UUIDs it makes), so a real record with this one would need a caller to choose the nil-like UUID on purpose.
 */
const NEW_ID = '00000000-0000-4000-8000-00000000a5a5';

/** A care form other than crisis care, for asking whether care under the plan can be requested. */
const CARE_UNDER_PLAN = 'intensive-ambulatory-family';

type Candidate = { readonly choice?: string; readonly command: FamilyCommand };

/** A step's command data but its business time, which every candidate takes from `now`. */
type StepData<T extends StepType> = Omit<Extract<FamilyCommand, { type: T }>['data'], 'occurredAt'>;

/** A candidate command of type `T`, taken now: its data checked against the command's type. */
function taken<T extends StepType>(type: T, data: StepData<T>, now: string): FamilyCommand;
function taken(type: StepType, data: object, now: string): unknown {
  return { type, data: { ...data, occurredAt: now }, metadata: { now } };
}

/**
 * The steps and the candidate commands that stand for each: one command when any value of its fields would be
 * decided alike, one per record the step can act on otherwise. The fields of the candidates are representative
 * values that pass every rule that does not depend on where the family is (the API validates the real ones).
 */
function candidates(state: RegisteredFamilyState, now: string): Record<StepType, Candidate[]> {
  const command = <T extends StepType>(type: T, data: StepData<T>) => taken(type, data, now);
  const one = <T extends StepType>(type: T, data: StepData<T>): Candidate[] => [
    { command: command(type, data) },
  ];
  const each = <K extends string, R extends Readonly<Record<K, string>>, T extends StepType>(
    records: readonly R[],
    key: K,
    type: T,
    data: (r: R) => StepData<T>,
  ): Candidate[] => records.map((r) => ({ choice: r[key], command: command(type, data(r)) }));
  const plan = currentPlan(state);
  const plans = plan ? [plan] : [];
  const request = { trajectoryId: NEW_ID, providerId: '-' };
  const dayLater = new Date(Date.parse(now) + 86_400_000).toISOString();
  return {
    AddFamilyMember: one('AddFamilyMember', {
      member: { memberId: NEW_ID, role: 'other', displayName: '-' },
    }),
    ReceiveSignal: one('ReceiveSignal', {
      signalId: NEW_ID,
      source: 'other',
      concerns: ['other'],
      urgency: 'regular',
    }),
    HoldConsultation: (['hsj-mcp-route', 'regular-route', 'no-action'] as const).map((advice) => ({
      choice: advice,
      command: command('HoldConsultation', { consultationId: NEW_ID, advice }),
    })),
    JoinNetwork: one('JoinNetwork', { professionalId: NEW_ID, organisation: '-' }),
    LeaveNetwork: each(state.network, 'professionalId', 'LeaveNetwork', (p) => ({
      professionalId: p.professionalId,
    })),
    AssignCaseDirector: each(state.network, 'professionalId', 'AssignCaseDirector', (p) => ({
      professionalId: p.professionalId,
    })),
    StartExplanatoryAnalysis: one('StartExplanatoryAnalysis', { analysisId: NEW_ID }),
    CompleteExplanatoryAnalysis: each(
      state.analyses,
      'analysisId',
      'CompleteExplanatoryAnalysis',
      (a) => ({ analysisId: a.analysisId, safetyLevel: 'safe' as const }),
    ),
    AdoptTreatmentPlan: each(state.analyses, 'analysisId', 'AdoptTreatmentPlan', (a) => ({
      planId: NEW_ID,
      analysisId: a.analysisId,
      goals: [{ description: '-', memberIds: [] }],
      goalIds: [NEW_ID],
    })),
    ReviseTreatmentPlan: each(plans, 'planId', 'ReviseTreatmentPlan', (p) => ({
      planId: p.planId,
      reason: '-',
      goals: p.goals.map((g) => ({ goalId: g.goalId, description: '-', memberIds: [] })),
      newGoalIds: [],
    })),
    EvaluatePlan: each(plans, 'planId', 'EvaluatePlan', (p) => ({
      evaluationId: NEW_ID,
      planId: p.planId,
      goals: [],
      familyInvolved: false,
    })),
    // Any care form when care under the plan can be asked; else perhaps crisis care alone.
    RequestCare: [
      { command: command('RequestCare', { ...request, careForm: CARE_UNDER_PLAN }) },
      {
        choice: CRISIS_CARE,
        command: command('RequestCare', { ...request, careForm: CRISIS_CARE }),
      },
    ],
    StartCare: each(state.trajectories, 'trajectoryId', 'StartCare', (t) => ({
      trajectoryId: t.trajectoryId,
    })),
    EndCare: each(state.trajectories, 'trajectoryId', 'EndCare', (t) => ({
      trajectoryId: t.trajectoryId,
      reason: 'completed' as const,
    })),
    WithdrawCareRequest: each(state.trajectories, 'trajectoryId', 'WithdrawCareRequest', (t) => ({
      trajectoryId: t.trajectoryId,
      reason: '-',
    })),
    HoldMdo: one('HoldMdo', { mdoId: NEW_ID, participants: ['-'], nextMdoDueBy: dayLater }),
    NoteProgress: one('NoteProgress', { noteId: NEW_ID, workstream: 'other', note: '-' }),
    AssessSafety: one('AssessSafety', { assessmentId: NEW_ID, level: 'safe' }),
    ReviewSafety: one('ReviewSafety', { reviewId: NEW_ID, outcome: '-' }),
    // The running care that may go on after the outflow is handed over; the rest must have ended.
    RegisterOutflow: one('RegisterOutflow', {
      destination: 'other',
      continuingTrajectoryIds: state.trajectories
        .filter((t) => t.status === 'started' && !t.handedOver)
        .map((t) => t.trajectoryId),
    }),
    RecordFollowUp: FOLLOW_UP_MONTHS.map((months) => ({
      choice: String(months),
      command: command('RecordFollowUp', { monthsAfterOutflow: months, outcome: '-' }),
    })),
    ErasePersonalData: one('ErasePersonalData', { legalBasis: '-' }),
    RecordRunningCare: one('RecordRunningCare', {
      trajectoryId: NEW_ID,
      careForm: CARE_UNDER_PLAN,
      providerId: '-',
      startedAt: now,
    }),
    ImposeProtectionMeasure: one('ImposeProtectionMeasure', {
      measureId: NEW_ID,
      kind: 'supervision-order',
      memberIds: state.members.slice(0, 1).map((m) => m.memberId),
      institution: '-',
      startedAt: now,
    }),
    EndProtectionMeasure: each(
      state.protectionMeasures,
      'measureId',
      'EndProtectionMeasure',
      (m) => ({ measureId: m.measureId, reason: '-' }),
    ),
    MakeSafeAtHomeReport: one('MakeSafeAtHomeReport', { reportId: NEW_ID, kind: 'advice' }),
    RecordMemberView: each(state.members, 'memberId', 'RecordMemberView', (m) => ({
      viewId: NEW_ID,
      memberId: m.memberId,
      topic: 'other' as const,
      text: '-',
    })),
    AddInformalSupporter: one('AddInformalSupporter', {
      supporterId: NEW_ID,
      displayName: '-',
      relation: '-',
    }),
    // A member's agreement to the plan is the member's own step ("Mijn gezin"); asked per member all the same.
    RecordPlanAgreement: each(state.members, 'memberId', 'RecordPlanAgreement', (m) => ({
      agreementId: NEW_ID,
      memberId: m.memberId,
      agreed: true,
    })),
    RecordParentalAuthority: each(state.members, 'memberId', 'RecordParentalAuthority', (m) => ({
      childMemberId: m.memberId,
      holderMemberIds: [],
    })),
  };
}

/** Steps whose `choices` the UI offers: the records or values a step acts on. */
const WITH_CHOICES: ReadonlySet<StepType> = new Set<StepType>([
  'HoldConsultation',
  'LeaveNetwork',
  'AssignCaseDirector',
  'CompleteExplanatoryAnalysis',
  'AdoptTreatmentPlan',
  'ReviseTreatmentPlan',
  'EvaluatePlan',
  'RequestCare',
  'StartCare',
  'EndCare',
  'WithdrawCareRequest',
  'RecordFollowUp',
  'EndProtectionMeasure',
  'RecordMemberView',
  'RecordPlanAgreement',
  'RecordParentalAuthority',
]);

/**
 * The steps of a registered family and whether the decider accepts each now, found by asking the decider itself
 * (no second copy of its rules): a step is available when at least one of its candidate commands is decided
 * without a refusal. A refused step carries the rule of its first candidate's refusal. Pure: `now` is the
 * decider's clock and the business time of every candidate.
 */
export function availableSteps(state: FamilyState, now: string): StepAvailability[] {
  if (state.status === 'unregistered') {
    throw new DomainRuleError('not-registered', 'the family is not registered', 'family');
  }
  return Object.entries(candidates(state, now)).map(([key, tries]) => {
    const type = key as StepType;
    if (tries.length === 0) return nothingToChoose(type, state, now);
    const accepted: string[] = [];
    let refusal: DomainRuleError | undefined;
    for (const { choice, command } of tries) {
      try {
        decide(command, state);
        if (choice !== undefined) accepted.push(choice);
        else return { type, available: true };
      } catch (error) {
        if (!(error instanceof DomainRuleError)) throw error;
        refusal ??= error;
      }
    }
    if (accepted.length > 0) {
      return {
        type,
        available: true,
        ...(WITH_CHOICES.has(type) ? { choices: accepted } : {}),
      };
    }
    return {
      type,
      available: false,
      rule: refusal?.rule ?? 'nothing-to-choose',
      message: refusal?.message ?? `nothing to ${type}`,
    };
  });
}

/**
 * A step with no record to act on: refused by the rules every step passes (an erased or outflowed family) when
 * they refuse it, else because there is nothing to choose.
 */
function nothingToChoose(
  type: StepType,
  state: RegisteredFamilyState,
  now: string,
): StepAvailability {
  const probe = { type, data: { occurredAt: now }, metadata: { now } } as Exclude<
    FamilyCommand,
    { type: 'RegisterFamily' }
  >;
  try {
    assertAcceptsCommands(probe, state);
  } catch (error) {
    if (!(error instanceof DomainRuleError)) throw error;
    return { type, available: false, rule: error.rule, message: error.message };
  }
  return { type, available: false, rule: 'nothing-to-choose', message: `nothing to ${type}` };
}
