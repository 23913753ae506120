import { given, refusedBy, rules } from '../testing/family-specification';
import { command, day, event, history } from '../testing/given-when-then';
import { byType } from '../testing/family-commands';

describe('rule 4: RequestCare', () => {
  rules({
    'requests care under the adopted plan': {
      given: history.planned(),
      when: command.requestCare(),
      then: event.careRequested(),
    },
    'refuses non-crisis care without an adopted plan': {
      given: history.analysed(),
      when: command.requestCare(),
      thenThrows: refusedBy('no-adopted-plan'),
    },
    'refuses non-crisis care under the plan of a closed case after re-entry': {
      given: history.reentered(),
      when: command.requestCare({ trajectoryId: 't-2', occurredAt: day(301) }),
      thenThrows: refusedBy('no-adopted-plan'),
    },
    'accepts crisis care without a plan, under no plan': {
      given: history.signalled(),
      when: command.requestCare({ careForm: 'crisis-care', occurredAt: day(3) }),
      then: event.careRequestedWithoutPlan({ occurredAt: day(3) }),
    },
    'accepts crisis care even before any signal, outside any case': {
      given: history.registered(),
      when: command.requestCare({ careForm: 'crisis-care', occurredAt: day(1) }),
      then: event.careRequestedWithoutPlan({ caseNumber: 0, occurredAt: day(1) }),
    },
    'requests crisis care under the plan when there is one': {
      given: history.planned(),
      when: command.requestCare({ careForm: 'crisis-care' }),
      then: event.careRequested({ careForm: 'crisis-care' }),
    },
  });
});

describe('rule 5: a trajectory moves requested → started → ended, or requested → withdrawn', () => {
  rules({
    'starts a requested trajectory': {
      given: history.waiting(),
      when: command.startCare(),
      then: event.careStarted(),
    },
    'ends a started trajectory': {
      given: history.inCare(),
      when: command.endCare({ reason: 'breakdown' }),
      then: event.careEnded({ reason: 'breakdown' }),
    },
    'withdraws a requested trajectory': {
      given: history.waiting(),
      when: command.withdrawCareRequest(),
      then: event.careRequestWithdrawn(),
    },
  });

  const withdrawn = () => [...history.waiting(), event.careRequestWithdrawn()];
  const late = day(95);

  it.each([
    ['start a started trajectory (twice)', history.inCare, command.startCare({ occurredAt: late })],
    ['start an ended trajectory', history.careEnded, command.startCare({ occurredAt: late })],
    ['start a withdrawn trajectory', withdrawn, command.startCare({ occurredAt: late })],
    ['end a requested trajectory', history.waiting, command.endCare({ occurredAt: late })],
    ['end an ended trajectory (twice)', history.careEnded, command.endCare({ occurredAt: late })],
    ['end a withdrawn trajectory', withdrawn, command.endCare({ occurredAt: late })],
    [
      'withdraw a started trajectory',
      history.inCare,
      command.withdrawCareRequest({ occurredAt: late }),
    ],
    [
      'withdraw an ended trajectory',
      history.careEnded,
      command.withdrawCareRequest({ occurredAt: late }),
    ],
    [
      'withdraw a withdrawn trajectory (twice)',
      withdrawn,
      command.withdrawCareRequest({ occurredAt: late }),
    ],
  ])('refuses to %s', (_name, past, cmd) => {
    given(...past())
      .when(cmd)
      .thenThrows(refusedBy('invalid-transition'));
  });

  it.each(
    byType([
      command.startCare({ trajectoryId: 't-unknown' }),
      command.endCare({ trajectoryId: 't-unknown' }),
      command.withdrawCareRequest({ trajectoryId: 't-unknown' }),
    ]),
  )('refuses %s of a trajectory that does not exist, addressing the trajectory', (_t, cmd) => {
    given(...history.inCare())
      .when(cmd)
      .thenThrows(refusedBy('unknown-reference', 'trajectory'));
  });
});
