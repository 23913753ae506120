import { given, refusedBy, rules, stateAfter } from '../testing/family-specification';
import { command, day, event, history } from '../testing/given-when-then';
import { routeStatus } from '../family.state';

const closed = (advice: 'regular-route' | 'no-action' = 'regular-route') => [
  ...history.signalled(),
  event.consultationHeld({ advice }),
];

/** A consultation advising the regular route or no action closes the case: not admitted, until a new signal. */
describe('consultation advice that closes the case', () => {
  it.each(['regular-route', 'no-action'] as const)(
    'makes the family not-admitted on advice %s',
    (advice) => {
      expect(routeStatus(stateAfter(...closed(advice)))).toBe('not-admitted');
    },
  );

  it('keeps the family on the route on advice hsj-mcp-route', () => {
    expect(routeStatus(stateAfter(...history.signalled(), event.consultationHeld()))).toBe(
      'signalled',
    );
  });

  rules({
    'accepts a closing advice before the analysis starts': {
      given: history.signalled(),
      when: command.holdConsultation({ advice: 'no-action' }),
      then: event.consultationHeld({ advice: 'no-action' }),
    },
    'refuses a closing advice once the analysis started: the case is on the route': {
      given: history.analysing(),
      when: command.holdConsultation({ advice: 'regular-route', occurredAt: day(6) }),
      thenThrows: refusedBy('invalid-transition'),
    },
    'refuses an analysis of the closed case': {
      given: closed(),
      when: command.startExplanatoryAnalysis(),
      thenThrows: refusedBy('case-closed'),
    },
    'refuses another consultation on the closed case': {
      given: closed(),
      when: command.holdConsultation({ consultationId: 'c-2', occurredAt: day(4) }),
      thenThrows: refusedBy('case-closed'),
    },
    'refuses an outflow of the closed case: it never entered the route': {
      given: closed(),
      when: command.registerOutflow(),
      thenThrows: refusedBy('case-closed'),
    },
    'opens a new case on a later signal, not a re-entry': {
      given: closed(),
      when: command.receiveSignal({ signalId: 's-2', occurredAt: day(40) }),
      then: event.signalReceived({ signalId: 's-2', caseNumber: 2, occurredAt: day(40) }),
    },
    'rule 9: refuses a new signal dated before the consultation that closed the case': {
      given: closed(),
      when: command.receiveSignal({ signalId: 's-2', occurredAt: day(2) }),
      thenThrows: refusedBy('invalid-time'),
    },
    'accepts crisis care, running care and protection in a closed case': {
      given: closed(),
      when: command.requestCare({ careForm: 'crisis-care' }),
      then: event.careRequestedWithoutPlan(),
    },
  });

  it('the new case is signalled and takes an analysis again', () => {
    const reopened = [
      ...closed(),
      event.signalReceived({ signalId: 's-2', caseNumber: 2, occurredAt: day(40) }),
    ];
    expect(routeStatus(stateAfter(...reopened))).toBe('signalled');
    given(...reopened)
      .when(command.startExplanatoryAnalysis({ occurredAt: day(41) }))
      .then(event.analysisStarted({ caseNumber: 2, occurredAt: day(41) }));
  });
});
