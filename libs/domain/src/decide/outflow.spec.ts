import { given, refusedBy, rules } from '../testing/family-specification';
import { command, day, event, history } from '../testing/given-when-then';
import { byType, dated, everyCommandOnARegisteredFamily } from '../testing/family-commands';

const AFTER_OUTFLOW = day(150);

describe('rule 8: RegisterOutflow', () => {
  rules({
    'registers the outflow of the current case once every trajectory has ended': {
      given: history.careEnded(),
      when: command.registerOutflow(),
      then: event.outflowRegistered(),
    },
    'registers an outflow with only a destination': {
      given: history.signalled(),
      when: command.registerOutflow({
        destination: 'no-further-care',
        reason: undefined,
        handoverTo: undefined,
      }),
      then: {
        type: 'OutflowRegistered',
        data: { destination: 'no-further-care', caseNumber: 1, occurredAt: day(100) },
      },
    },
    'registers the outflow when the only trajectory was withdrawn': {
      given: [history.waiting(), event.careRequestWithdrawn()],
      when: command.registerOutflow(),
      then: event.outflowRegistered(),
    },
  });

  it.each([
    ['requested', history.waiting],
    ['started', history.inCare],
  ])('refuses the outflow while a trajectory is %s', (_status, past) => {
    given(...past())
      .when(command.registerOutflow())
      .thenThrows(refusedBy('open-trajectories'));
  });

  rules({
    'refuses the outflow while crisis care requested before the signal is open': {
      given: [
        history.registered(),
        event.careRequestedWithoutPlan({ caseNumber: 0, occurredAt: day(1) }),
        event.signalReceived(),
      ],
      when: command.registerOutflow(),
      thenThrows: refusedBy('open-trajectories'),
    },
    'refuses an outflow before any signal: there is no case to leave': {
      given: history.registered(),
      when: command.registerOutflow(),
      thenThrows: refusedBy('invalid-transition'),
    },
  });
});

describe('rule 8: after outflow only follow-ups, a new signal and erasure', () => {
  // Ending care handed over at the outflow, or a protection measure, is accepted after it (see route.spec.ts), and
  // so is a member's choice with whom they share their own data (see data-sharing.spec.ts).
  const closedCommands = everyCommandOnARegisteredFamily()
    .filter(
      (c) =>
        c.type !== 'ReceiveSignal' &&
        c.type !== 'RecordFollowUp' &&
        c.type !== 'ErasePersonalData' &&
        c.type !== 'EndProtectionMeasure' &&
        c.type !== 'RecordDataSharing',
    )
    .map((c) => dated(c, AFTER_OUTFLOW));

  it.each(byType(closedCommands))('refuses %s after outflow', (_type, cmd) => {
    given(...history.outflowed())
      .when(cmd)
      .thenThrows(refusedBy('case-closed'));
  });

  rules({
    'reopens the case on a new signal, as a re-entry into case 2': {
      given: history.outflowed(),
      when: command.receiveSignal({ signalId: 's-2', occurredAt: day(300) }),
      then: event.reentrySignal(),
    },
  });

  it('refuses a signal dated before the outflow as a re-entry (invalid-time)', () => {
    const outflowAt = event.outflowRegistered().data.occurredAt;
    const before = new Date(Date.parse(outflowAt) - 86_400_000).toISOString();
    given(...history.outflowed())
      .when(command.receiveSignal({ signalId: 's-2', occurredAt: before }))
      .thenThrows(refusedBy('invalid-time'));
  });

  rules({
    'accepts again what the reopened case needs, such as crisis care': {
      given: history.reentered(),
      when: command.requestCare({
        trajectoryId: 't-2',
        careForm: 'crisis-care',
        occurredAt: day(301),
      }),
      then: event.careRequestedWithoutPlan({
        trajectoryId: 't-2',
        caseNumber: 2,
        occurredAt: day(301),
      }),
    },
    'records a follow-up after outflow for the case that flowed out': {
      given: history.outflowed(),
      when: command.recordFollowUp(),
      then: event.followUpRecorded(),
    },
    'records follow-ups of different months': {
      given: [history.outflowed(), event.followUpRecorded()],
      when: command.recordFollowUp({ monthsAfterOutflow: 6, occurredAt: day(280) }),
      then: event.followUpRecorded({ monthsAfterOutflow: 6, occurredAt: day(280) }),
    },
    'refuses a follow-up of a month that was already recorded': {
      given: [history.outflowed(), event.followUpRecorded()],
      when: command.recordFollowUp({ occurredAt: day(200) }),
      thenThrows: refusedBy('invalid-transition'),
    },
    'refuses a follow-up before any outflow': {
      given: history.inCare(),
      when: command.recordFollowUp(),
      thenThrows: refusedBy('invalid-transition'),
    },
    'refuses a follow-up once a new signal has reopened the case': {
      given: history.reentered(),
      when: command.recordFollowUp({ occurredAt: day(301) }),
      thenThrows: refusedBy('invalid-transition'),
    },
    'erases the personal data after outflow': {
      given: history.outflowed(),
      when: command.erasePersonalData(),
      then: event.personalDataErased(),
    },
  });
});
