import {
  availableSteps,
  CHAIN_COMMANDS,
  MEMBERS_OWN_COMMANDS,
  type StepAvailability,
  type StepType,
} from './available-steps';
import type { FamilyCommand } from './commands';
import type { FamilyEvent } from './events';
import { decide, replay } from './family.decider';
import { ROUTE_STATUSES, routeStatus, type FamilyState } from './family.state';
import { DomainRuleError } from './rules';
import {
  day,
  event,
  everyCommandOnARegisteredFamily,
  history,
  MEASURE_ID,
  NOW,
  PROFESSIONAL_ID,
} from './testing/given-when-then';
import { CRISIS_CARE, FOLLOW_UP_MONTHS } from './vocabulary';

/** A family on every status of the route, and the states beside it (erased, re-entered, with a measure). */
const SCENARIOS: Record<string, () => FamilyEvent[]> = {
  registered: history.registered,
  'director replaced': history.directorReplaced,
  signalled: history.signalled,
  'not admitted': () => [
    ...history.signalled(),
    event.consultationHeld({ advice: 'no-action', occurredAt: day(3) }),
  ],
  analysing: history.analysing,
  analysed: history.analysed,
  planned: history.planned,
  waiting: history.waiting,
  'in care': history.inCare,
  'in care, with a measure and running care': () => [
    ...history.inCare(),
    event.protectionMeasureImposed(),
    event.runningCareRecorded(),
  ],
  outflowed: history.outflowed,
  'outflowed, a measure running, one follow-up done': () => [
    ...history.inCare(),
    event.protectionMeasureImposed(),
    event.careEnded(),
    event.outflowRegistered(),
    event.followUpRecorded(),
  ],
  reentered: history.reentered,
  erased: history.erased,
};

/**
 * The fixture's realistic command of each step, taken now, with new ids no record of the family holds and an
 * outflow that hands the running care over.
 */
function realistic(type: StepType, state: FamilyState): FamilyCommand {
  const found = stepCommands().find((c) => c.type === type);
  if (!found) throw new Error(`no fixture command ${type}`);
  const later = day(400);
  const fresh: Partial<Record<StepType, object>> = {
    AddFamilyMember: { member: { memberId: 'm-new', role: 'sibling', displayName: 'Noor' } },
    ReceiveSignal: { signalId: 's-new' },
    HoldConsultation: { consultationId: 'c-new' },
    JoinNetwork: { professionalId: 'prof-new' },
    StartExplanatoryAnalysis: { analysisId: 'a-new' },
    AdoptTreatmentPlan: { planId: 'p-new', goalIds: ['g-new'] },
    ReviseTreatmentPlan: { newGoalIds: ['g-new'] },
    RequestCare: { trajectoryId: 't-new' },
    RecordRunningCare: { trajectoryId: 't-new-running' },
    HoldMdo: { mdoId: 'mdo-new', nextMdoDueBy: later },
    NoteProgress: { noteId: 'n-new' },
    AssessSafety: { assessmentId: 'sa-new' },
    ReviewSafety: { reviewId: 'r-new' },
    ImposeProtectionMeasure: { measureId: 'pm-new' },
    MakeSafeAtHomeReport: { reportId: 'vt-new' },
    EvaluatePlan: { evaluationId: 'ev-new', nextEvaluateBy: later },
    RecordMemberView: { viewId: 'v-new' },
    AddInformalSupporter: { supporterId: 'is-new' },
    // As the outflow form proposes: the care that runs goes on, handed over (the rest must have ended).
    RegisterOutflow: {
      continuingTrajectoryIds:
        state.status === 'unregistered'
          ? []
          : state.trajectories
              .filter((t) => t.status === 'started' && !t.handedOver)
              .map((t) => t.trajectoryId),
    },
  };
  return {
    ...found,
    data: { ...found.data, ...fresh[type], occurredAt: NOW },
    metadata: { now: NOW },
  } as FamilyCommand;
}

/**
 * What a step can be taken on in this state, as the fixture's command names it: every record of its kind in the
 * family and the fixture's own id (which may not be in it), or every value of its choice; `undefined` for a step
 * that names none. Each with the field it goes in and the `choices` entry it stands for.
 */
function targets(
  type: StepType,
  state: FamilyState,
): { field: string; value: string | number; choice: string }[] | undefined {
  if (state.status === 'unregistered') return undefined;
  const ids = (field: string, fixture: string, present: readonly string[]) =>
    [...new Set([fixture, ...present])].map((value) => ({ field, value, choice: value }));
  const professionals = state.network.map((p) => p.professionalId);
  const analyses = state.analyses.map((a) => a.analysisId);
  const trajectories = state.trajectories.map((t) => t.trajectoryId);
  const plan = state.plan ? [state.plan.planId] : [];
  switch (type) {
    case 'LeaveNetwork':
    case 'AssignCaseDirector':
      return ids('professionalId', PROFESSIONAL_ID, professionals);
    case 'CompleteExplanatoryAnalysis':
    case 'AdoptTreatmentPlan':
      return ids('analysisId', 'a-1', analyses);
    case 'ReviseTreatmentPlan':
    case 'EvaluatePlan':
      return ids('planId', 'p-1', plan);
    case 'StartCare':
    case 'EndCare':
    case 'WithdrawCareRequest':
      return ids('trajectoryId', 't-1', trajectories);
    case 'EndProtectionMeasure':
      return ids(
        'measureId',
        MEASURE_ID,
        state.protectionMeasures.map((m) => m.measureId),
      );
    case 'RecordMemberView':
      return ids(
        'memberId',
        'm-1',
        state.members.map((m) => m.memberId),
      );
    case 'HoldConsultation':
      return ['hsj-mcp-route', 'regular-route', 'no-action'].map((advice) => ({
        field: 'advice',
        value: advice,
        choice: advice,
      }));
    case 'RecordFollowUp':
      return FOLLOW_UP_MONTHS.map((months) => ({
        field: 'monthsAfterOutflow',
        value: months,
        choice: String(months),
      }));
    case 'RequestCare':
      // Without `choices` any care form may be requested; with them, crisis care alone.
      return [
        { field: 'careForm', value: 'trauma-treatment', choice: 'any care form' },
        { field: 'careForm', value: CRISIS_CARE, choice: CRISIS_CARE },
      ];
    default:
      return undefined;
  }
}

function accepted(cmd: FamilyCommand, state: FamilyState): boolean {
  try {
    decide(cmd, state);
    return true;
  } catch (error) {
    if (error instanceof DomainRuleError) return false;
    throw error;
  }
}

/** Every command on a registered family that a person takes as a step (not the iJw chain's own). */
function stepCommands() {
  return everyCommandOnARegisteredFamily().filter(
    (c) => ![...CHAIN_COMMANDS, ...MEMBERS_OWN_COMMANDS].some((type) => type === c.type),
  );
}

function offered(steps: readonly StepAvailability[], type: StepType): StepAvailability {
  const found = steps.find((s) => s.type === type);
  if (!found) throw new Error(`no availability of ${type}`);
  return found;
}

describe('the steps that fit the family (availableSteps asks the decider)', () => {
  it('has a scenario on every status of the route', () => {
    const statuses = Object.values(SCENARIOS).map((events) => {
      const state = replay(events());
      if (state.status === 'unregistered') throw new Error('unregistered');
      return routeStatus(state);
    });
    expect([...new Set(statuses)].sort()).toEqual([...ROUTE_STATUSES].sort());
  });

  it('lists every step but the registration, once', () => {
    const types = availableSteps(replay(history.registered()), NOW).map((s) => s.type);
    expect(types.sort()).toEqual(
      stepCommands()
        .map((c) => c.type)
        .sort(),
    );
  });

  describe.each(Object.entries(SCENARIOS))('given a family %s', (_name, events) => {
    const state = replay(events());
    const steps = availableSteps(state, NOW);

    it.each(stepCommands().map((c) => c.type as StepType))(
      'offers %s exactly when the decider accepts it, on exactly the records it accepts',
      (type) => {
        const availability = offered(steps, type);
        const base = realistic(type, state);
        const on = targets(type, state);
        const outcomes = (on ?? [undefined]).map((target) => {
          const cmd = target
            ? ({ ...base, data: { ...base.data, [target.field]: target.value } } as FamilyCommand)
            : base;
          const isOffered =
            availability.available &&
            (target === undefined ||
              availability.choices === undefined ||
              availability.choices.includes(target.choice));
          return { target: target?.value, offered: isOffered, accepted: accepted(cmd, state) };
        });
        expect(outcomes).toEqual(outcomes.map((o) => ({ ...o, accepted: o.offered })));
        if (!availability.available) expect(availability.rule).toBeDefined();
      },
    );
  });

  it('says why: an erased family is closed by its erasure, an outflowed one by its outflow', () => {
    const erased = availableSteps(replay(history.erased()), NOW);
    expect(erased.filter((s) => s.available)).toEqual([]);
    expect(offered(erased, 'NoteProgress')).toMatchObject({
      rule: 'case-closed',
      message: expect.stringContaining('erased') as string,
    });
    const outflowed = availableSteps(replay(history.outflowed()), NOW);
    expect(
      outflowed
        .filter((s) => s.available)
        .map((s) => s.type)
        .sort(),
    ).toEqual(['ErasePersonalData', 'ReceiveSignal', 'RecordFollowUp']);
    expect(offered(outflowed, 'RecordFollowUp').choices).toEqual(['3', '6', '12']);
    expect(offered(outflowed, 'StartCare')).toMatchObject({
      rule: 'case-closed',
      message: expect.stringContaining('flowed out') as string,
    });
  });

  it('offers crisis care alone before a plan, and names the records a step can act on', () => {
    const signalled = availableSteps(replay(history.signalled()), NOW);
    expect(offered(signalled, 'RequestCare').choices).toEqual([CRISIS_CARE]);
    expect(offered(signalled, 'StartCare')).toMatchObject({
      available: false,
      rule: 'nothing-to-choose',
    });
    const waiting = availableSteps(replay(history.waiting()), NOW);
    expect(offered(waiting, 'StartCare')).toEqual({
      type: 'StartCare',
      available: true,
      choices: ['t-1'],
    });
    expect(offered(waiting, 'RegisterOutflow')).toMatchObject({ rule: 'open-trajectories' });
    expect(offered(waiting, 'AdoptTreatmentPlan')).toMatchObject({ rule: 'invalid-transition' });
  });

  it('answers no steps for a family that is not registered: rule 1 refuses the question', () => {
    expect(() => availableSteps(replay([]), NOW)).toThrow(DomainRuleError);
  });
});
