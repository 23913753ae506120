import { refusedBy, rules, stateAfter } from '../testing/family-specification';
import { command, day, event, history } from '../testing/given-when-then';
import { familySummary } from '../family.summary';

/** Child protection, the Meldcode step, the members' own views and the informal network. */
describe('ImposeProtectionMeasure and EndProtectionMeasure', () => {
  rules({
    'records a supervision order that started before the registration, without a signal': {
      given: history.registered(),
      when: command.imposeProtectionMeasure(),
      then: event.protectionMeasureImposed(),
    },
    'records a measure without an end date': {
      given: history.signalled(),
      when: command.imposeProtectionMeasure({ kind: 'guardianship', endsBy: undefined }),
      then: {
        type: 'ProtectionMeasureImposed',
        data: {
          measureId: 'pm-1',
          kind: 'guardianship',
          memberIds: ['m-1'],
          institution: 'Jeugdbescherming Noord',
          startedAt: day(-30),
          occurredAt: day(6),
        },
      },
    },
    'rule 9: refuses a measure that starts in the future': {
      given: history.registered(),
      when: command.imposeProtectionMeasure({ startedAt: day(400) }),
      thenThrows: refusedBy('invalid-time'),
    },
    'rule 9: refuses a measure that ends before it starts': {
      given: history.registered(),
      when: command.imposeProtectionMeasure({ endsBy: day(-31) }),
      thenThrows: refusedBy('invalid-time'),
    },
    'rule 7: refuses a measure for no member': {
      given: history.registered(),
      when: command.imposeProtectionMeasure({ memberIds: [] }),
      thenThrows: refusedBy('unknown-reference'),
    },
    'ends an active measure': {
      given: [history.registered(), event.protectionMeasureImposed()],
      when: command.endProtectionMeasure(),
      then: event.protectionMeasureEnded(),
    },
    'ends a measure after the outflow: a court decision does not follow the route': {
      given: [history.outflowed(), event.protectionMeasureImposed({ occurredAt: day(60) })],
      when: command.endProtectionMeasure({ occurredAt: day(150) }),
      then: event.protectionMeasureEnded({ occurredAt: day(150) }),
    },
    'rule 5: refuses to end a measure twice': {
      given: [
        history.registered(),
        event.protectionMeasureImposed(),
        event.protectionMeasureEnded(),
      ],
      when: command.endProtectionMeasure({ occurredAt: day(96) }),
      thenThrows: refusedBy('invalid-transition'),
    },
    'rule 7: refuses to end a measure the family does not have, addressing the measure': {
      given: history.registered(),
      when: command.endProtectionMeasure(),
      thenThrows: refusedBy('unknown-reference', 'measure'),
    },
  });

  it('shows the measure in the family summary, active and then ended', () => {
    const imposed = stateAfter(...history.registered(), event.protectionMeasureImposed());
    expect(familySummary(imposed, 3).protectionMeasures).toStrictEqual([
      {
        measureId: 'pm-1',
        kind: 'supervision-order',
        memberIds: ['m-1'],
        institution: 'Jeugdbescherming Noord',
        startedAt: day(-30),
        endsBy: day(335),
        status: 'active',
      },
    ]);
    const ended = stateAfter(
      ...history.registered(),
      event.protectionMeasureImposed(),
      event.protectionMeasureEnded(),
    );
    expect(familySummary(ended, 4).protectionMeasures[0]).toMatchObject({
      status: 'ended',
      endedAt: day(95),
      endReason: 'the judge did not extend the order',
    });
  });
});

describe('MakeSafeAtHomeReport: the Meldcode step', () => {
  rules({
    'records an advice asked of Veilig Thuis': {
      given: history.registered(),
      when: command.makeSafeAtHomeReport(),
      then: event.safeAtHomeReportMade(),
    },
    'records a report about the whole family': {
      given: history.signalled(),
      when: command.makeSafeAtHomeReport({
        kind: 'report',
        memberIds: undefined,
        outcome: undefined,
      }),
      then: {
        type: 'SafeAtHomeReportMade',
        data: { reportId: 'vt-1', kind: 'report', memberIds: [], occurredAt: day(7) },
      },
    },
  });
});

describe('RecordMemberView and AddInformalSupporter', () => {
  rules({
    "records the youth's own view of safety": {
      given: history.registered(),
      when: command.recordMemberView(),
      then: event.memberViewRecorded(),
    },
    'records a view without a score': {
      given: history.registered(),
      when: command.recordMemberView({ feelsSafe: undefined, topic: 'care' }),
      then: {
        type: 'MemberViewRecorded',
        data: {
          viewId: 'v-1',
          memberId: 'm-1',
          topic: 'care',
          text: 'I feel safe at my grandmother’s',
          occurredAt: day(8),
        },
      },
    },
    'adds a supporter of the informal network': {
      given: history.registered(),
      when: command.addInformalSupporter(),
      then: event.informalSupporterAdded(),
    },
  });

  it('shows the informal network in the family summary', () => {
    const state = stateAfter(...history.registered(), event.informalSupporterAdded());
    expect(familySummary(state, 3).informalNetwork).toStrictEqual([
      {
        supporterId: 'is-1',
        displayName: 'Oma Jannie',
        relation: 'grandmother',
        addedAt: day(9),
      },
    ]);
  });
});
