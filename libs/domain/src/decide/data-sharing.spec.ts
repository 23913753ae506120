import { refusedBy, rules, stateAfter } from '../testing/family-specification';
import {
  command,
  day,
  event,
  history,
  PARENT_ID,
  SIBLING_ID,
  YOUTH_ID,
} from '../testing/given-when-then';

/** The family's own view: a member who decides about their own data shares it, and withdraws it. */
describe('RecordDataSharing', () => {
  rules({
    'records a youth of 16 sharing with a parent': {
      given: history.registered(),
      when: command.recordDataSharing(),
      then: event.dataSharingRecorded(),
    },
    'records the sharing withdrawn': {
      given: [history.registered(), event.dataSharingRecorded()],
      when: command.recordDataSharing({ shared: false, occurredAt: day(2) }),
      then: event.dataSharingRecorded({ shared: false, occurredAt: day(2) }),
    },
    'records an adult sharing with the youth': {
      given: history.registered(),
      when: command.recordDataSharing({ memberId: PARENT_ID, withMemberId: YOUTH_ID }),
      then: event.dataSharingRecorded({ memberId: PARENT_ID, withMemberId: YOUTH_ID }),
    },
    'still takes a withdrawal after the outflow: the choice is the member’s': {
      given: history.outflowed(),
      when: command.recordDataSharing({ shared: false, occurredAt: day(120) }),
      then: event.dataSharingRecorded({ shared: false, occurredAt: day(120) }),
    },
    'rule 10: refuses a member of 12, who does not decide about their own data yet': {
      given: [history.registered(), event.familyMemberAdded()],
      when: command.recordDataSharing({ memberId: SIBLING_ID }),
      thenThrows: refusedBy('not-deciding-own-data'),
    },
    'rule 10: judges the age at the decider’s clock (the same youth a year earlier may be 15)': {
      given: history.registered(),
      when: command.recordDataSharing({}, day(2)),
      thenThrows: refusedBy('not-deciding-own-data'),
    },
    'rule 7: refuses a member the family does not have': {
      given: history.registered(),
      when: command.recordDataSharing({ withMemberId: 'stranger' }),
      thenThrows: refusedBy('unknown-reference'),
    },
    'refuses sharing with oneself': {
      given: history.registered(),
      when: command.recordDataSharing({ withMemberId: YOUTH_ID }),
      thenThrows: refusedBy('invalid-transition'),
    },
  });

  it('keeps who shares with whom in the state: the latest recording of a pair counts', () => {
    const shared = stateAfter(...history.registered(), event.dataSharingRecorded());
    expect(shared.dataSharing).toEqual([
      { memberId: YOUTH_ID, withMemberId: PARENT_ID, since: day(1) },
    ]);
    const again = stateAfter(
      ...history.registered(),
      event.dataSharingRecorded(),
      event.dataSharingRecorded({ occurredAt: day(2) }),
    );
    expect(again.dataSharing).toEqual([
      { memberId: YOUTH_ID, withMemberId: PARENT_ID, since: day(2) },
    ]);
    const withdrawn = stateAfter(
      ...history.registered(),
      event.dataSharingRecorded(),
      event.dataSharingRecorded({ shared: false, occurredAt: day(2) }),
    );
    expect(withdrawn.dataSharing).toEqual([]);
  });
});
