import type { FamilyCommand } from '../commands';
import type { FamilyEvent } from '../events';
import type { RuleCode } from '../rules';
import { given, refusedBy } from '../testing/family-specification';
import { command, day, event, history, revisedGoals, YOUTH_ID } from '../testing/given-when-then';

/**
 * Rules that many commands share, as tables with one row a command: given these past events, when this command,
 * then this event or this refusal. That every step but a follow-up, a new signal and erasure is refused after the
 * outflow (rule 8) is the table of outflow.spec.ts.
 */
type Past = readonly (FamilyEvent | readonly FamilyEvent[])[];

function refusesEach(rule: RuleCode, rows: readonly (readonly [Past, FamilyCommand])[]): void {
  it.each(rows.map(([past, cmd]) => [cmd.type, past, cmd] as const))(
    'refuses %s',
    (_type, past, cmd) => {
      given(...past)
        .when(cmd)
        .thenThrows(refusedBy(rule));
    },
  );
}

function acceptsEach(rows: readonly (readonly [Past, FamilyCommand, FamilyEvent])[]): void {
  it.each(rows.map(([past, cmd, then]) => [cmd.type, past, cmd, then] as const))(
    'accepts %s',
    (_type, past, cmd, then) => {
      given(...past)
        .when(cmd)
        .then(then);
    },
  );
}

/** A builder of a command or an event that takes the business time it is dated at. */
type Dated<T> = (data: { occurredAt: string }) => T;

describe('rule 9: a step at the very moment of the step it follows (or of the registration)', () => {
  const rows: readonly (readonly [Past, Dated<FamilyCommand>, Dated<FamilyEvent>, string])[] = [
    [history.registered(), command.receiveSignal, event.signalReceived, day(0)],
    [history.signalled(), command.startExplanatoryAnalysis, event.analysisStarted, day(2)],
    [history.analysed(), command.adoptTreatmentPlan, event.planAdopted, day(20)],
    [history.waiting(), command.startCare, event.careStarted, day(30)],
  ];
  acceptsEach(
    rows.map(([past, cmd, then, at]) => [past, cmd({ occurredAt: at }), then({ occurredAt: at })]),
  );
});

describe('an optional list or flag left out is recorded as empty (or false)', () => {
  acceptsEach([
    [
      history.registered(),
      command.receiveSignal({ concernedMemberIds: undefined }),
      event.signalReceived({ concernedMemberIds: [] }),
    ],
    [
      history.analysing(),
      command.completeExplanatoryAnalysis({
        patterns: undefined,
        riskFactors: undefined,
        protectiveFactors: undefined,
        careNeeds: undefined,
      }),
      event.analysisCompleted({
        patterns: [],
        riskFactors: [],
        protectiveFactors: [],
        careNeeds: [],
      }),
    ],
    [
      history.planned(),
      command.requestCare({ memberIds: undefined }),
      event.careRequested({ memberIds: [] }),
    ],
    [
      history.inCare(),
      command.holdMdo({ familyPresent: undefined, decisions: undefined }),
      event.mdoHeld({ familyPresent: false, decisions: [] }),
    ],
  ]);
});

const UNKNOWN_MEMBER = 'm-unknown';
const unknownGoal = { description: 'x', memberIds: [UNKNOWN_MEMBER] };

describe('rule 7: a command naming a member who is not in the family', () => {
  refusesEach('unknown-reference', [
    [
      history.registered(),
      command.receiveSignal({ concernedMemberIds: [YOUTH_ID, UNKNOWN_MEMBER] }),
    ],
    [
      history.analysing(),
      command.completeExplanatoryAnalysis({
        careNeeds: [{ memberId: UNKNOWN_MEMBER, need: 'support' }],
      }),
    ],
    [history.analysed(), command.adoptTreatmentPlan({ goals: [unknownGoal] })],
    [history.planned(), command.reviseTreatmentPlan({ goals: [unknownGoal] })],
    [history.planned(), command.requestCare({ memberIds: [UNKNOWN_MEMBER] })],
    [history.registered(), command.recordRunningCare({ memberIds: [UNKNOWN_MEMBER] })],
    [history.registered(), command.imposeProtectionMeasure({ memberIds: [UNKNOWN_MEMBER] })],
    [history.registered(), command.makeSafeAtHomeReport({ memberIds: [UNKNOWN_MEMBER] })],
    [history.registered(), command.recordMemberView({ memberId: UNKNOWN_MEMBER })],
  ]);
});

describe('an id the family already has (a signal, consultation, analysis, trajectory, ...)', () => {
  refusesEach('invalid-transition', [
    [history.signalled(), command.receiveSignal({ occurredAt: day(8) })],
    [
      [history.signalled(), event.consultationHeld()],
      command.holdConsultation({ advice: 'regular-route', occurredAt: day(4) }),
    ],
    [history.analysed(), command.startExplanatoryAnalysis({ occurredAt: day(21) })],
    [history.waiting(), command.requestCare({ occurredAt: day(31) })],
    [history.waiting(), command.recordRunningCare({ trajectoryId: 't-1', occurredAt: day(31) })],
    [[history.planned(), event.planEvaluated()], command.evaluatePlan({ occurredAt: day(70) })],
    [[history.registered(), event.protectionMeasureImposed()], command.imposeProtectionMeasure()],
    [[history.registered(), event.safeAtHomeReportMade()], command.makeSafeAtHomeReport()],
    [[history.registered(), event.memberViewRecorded()], command.recordMemberView()],
    [[history.registered(), event.informalSupporterAdded()], command.addInformalSupporter()],
  ]);
});

describe('rule 9: a step dated before the step it follows (or before the registration)', () => {
  refusesEach('invalid-time', [
    [history.signalled(), command.startExplanatoryAnalysis({ occurredAt: day(1) })],
    [history.analysing(), command.completeExplanatoryAnalysis({ occurredAt: day(4) })],
    [history.analysed(), command.adoptTreatmentPlan({ occurredAt: day(19) })],
    [
      [history.planned(), event.planRevised()],
      command.reviseTreatmentPlan({ goals: revisedGoals, newGoalIds: [], occurredAt: day(30) }),
    ],
    [[history.planned(), event.planRevised()], command.evaluatePlan({ occurredAt: day(39) })],
    [history.waiting(), command.startCare({ occurredAt: day(29) })],
    [history.waiting(), command.withdrawCareRequest({ occurredAt: day(29) })],
    [history.inCare(), command.endCare({ occurredAt: day(44) })],
    [history.outflowed(), command.recordFollowUp({ occurredAt: day(99) })],
    [
      [
        history.registered(),
        event.protectionMeasureImposed({ startedAt: day(50), occurredAt: day(50) }),
      ],
      command.endProtectionMeasure({ occurredAt: day(49) }),
    ],
    [history.registered(), command.addInformalSupporter({ occurredAt: day(-1) })],
    // Running care may have started before the registration, but is not recorded before it.
    [history.registered(), command.recordRunningCare({ occurredAt: day(-1) })],
  ]);
});
