import { refusedBy, rules, stateAfter } from '../testing/family-specification';
import { command, day, event, history } from '../testing/given-when-then';

/** The family's own view: agreement to the plan and parental authority. */
describe('RecordPlanAgreement', () => {
  rules({
    "records a member's agreement on the current plan version": {
      given: history.planned(),
      when: command.recordPlanAgreement(),
      then: event.planAgreementRecorded(),
    },
    'records it on the revised version after a revision': {
      given: [history.planned(), event.planRevised()],
      when: command.recordPlanAgreement({ occurredAt: day(60) }),
      then: event.planAgreementRecorded({ planVersion: 2, occurredAt: day(60) }),
    },
    'records a disagreement without a comment': {
      given: history.planned(),
      when: command.recordPlanAgreement({ agreed: false, comment: undefined }),
      then: {
        type: 'PlanAgreementRecorded',
        data: {
          agreementId: 'ag-1',
          planId: 'p-1',
          planVersion: 1,
          memberId: 'm-2',
          agreed: false,
          occurredAt: day(26),
        },
      },
    },
    'refuses without an adopted plan': {
      given: history.analysed(),
      when: command.recordPlanAgreement({ occurredAt: day(21) }),
      thenThrows: refusedBy('no-adopted-plan'),
    },
    'rule 7: refuses a member the family does not have': {
      given: history.planned(),
      when: command.recordPlanAgreement({ memberId: 'stranger' }),
      thenThrows: refusedBy('unknown-reference'),
    },
    'rule 8: refuses after the outflow': {
      given: history.outflowed(),
      when: command.recordPlanAgreement({ occurredAt: day(120) }),
      thenThrows: refusedBy('case-closed'),
    },
  });

  it('keeps the agreement in the state', () => {
    const state = stateAfter(...history.planned(), event.planAgreementRecorded());
    expect(state.planAgreements).toEqual([
      expect.objectContaining({ memberId: 'm-2', agreed: true, planVersion: 1, at: day(26) }),
    ]);
  });
});

describe('RecordParentalAuthority', () => {
  rules({
    'records who holds authority over a child': {
      given: history.registered(),
      when: command.recordParentalAuthority(),
      then: event.parentalAuthorityRecorded(),
    },
    'records that nobody in the family holds it': {
      given: history.registered(),
      when: command.recordParentalAuthority({ holderMemberIds: [] }),
      then: event.parentalAuthorityRecorded({ holderMemberIds: [] }),
    },
    'refuses a child holding authority over themselves': {
      given: history.registered(),
      when: command.recordParentalAuthority({ holderMemberIds: ['m-1'] }),
      thenThrows: refusedBy('invalid-transition'),
    },
    'rule 7: refuses a holder the family does not have': {
      given: history.registered(),
      when: command.recordParentalAuthority({ holderMemberIds: ['stranger'] }),
      thenThrows: refusedBy('unknown-reference'),
    },
  });

  it('keeps only the latest recording per child', () => {
    const state = stateAfter(
      ...history.registered(),
      event.parentalAuthorityRecorded(),
      event.parentalAuthorityRecorded({ holderMemberIds: [], occurredAt: day(3) }),
    );
    expect(state.parentalAuthority).toEqual([
      { childMemberId: 'm-1', holderMemberIds: [], since: day(3) },
    ]);
  });
});
