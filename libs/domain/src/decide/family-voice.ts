import type {
  AddInformalSupporter,
  RecordMemberView,
  RecordDataSharing,
  RecordParentalAuthority,
  RecordPlanAgreement,
} from '../commands';
import { decidesOwnData } from '../family-view/member-access';
import type {
  DataSharingRecorded,
  InformalSupporterAdded,
  MemberViewRecorded,
  ParentalAuthorityRecorded,
  PlanAgreementRecorded,
} from '../route-events';
import type { RegisteredFamilyState } from '../family.state';
import { DomainRuleError } from '../rules';
import { assertMembers, assertNewId, currentPlan, definedOnly } from './guards';

/** A member's own view ("what feels safe to me"), in their words. */
export function recordMemberView(
  command: RecordMemberView,
  state: RegisteredFamilyState,
): [MemberViewRecorded] {
  const { viewId, memberId, topic, text, feelsSafe, occurredAt } = command.data;
  assertNewId(state.voices, 'viewId', viewId);
  assertMembers(state, [memberId]);
  return [
    {
      type: 'MemberViewRecorded',
      data: { viewId, memberId, topic, text, ...definedOnly({ feelsSafe }), occurredAt },
    },
  ];
}

/** Someone of the informal network joins the family's support (a grandparent, a neighbour, a coach). */
export function addInformalSupporter(
  command: AddInformalSupporter,
  state: RegisteredFamilyState,
): [InformalSupporterAdded] {
  const { supporterId, displayName, relation, occurredAt } = command.data;
  assertNewId(state.informalNetwork, 'supporterId', supporterId);
  return [
    {
      type: 'InformalSupporterAdded',
      data: { supporterId, displayName, relation, occurredAt },
    },
  ];
}

/**
 * A member agrees, or not, to the plan as it stands now: recorded on the current plan version. Without an adopted
 * plan of the current case there is nothing to agree to (`no-adopted-plan`).
 */
export function recordPlanAgreement(
  command: RecordPlanAgreement,
  state: RegisteredFamilyState,
): [PlanAgreementRecorded] {
  const { agreementId, memberId, agreed, comment, occurredAt } = command.data;
  assertNewId(state.planAgreements, 'agreementId', agreementId);
  assertMembers(state, [memberId]);
  const plan = currentPlan(state);
  if (!plan) {
    throw new DomainRuleError('no-adopted-plan', 'the family has no adopted plan to agree to');
  }
  return [
    {
      type: 'PlanAgreementRecorded',
      data: {
        agreementId,
        planId: plan.planId,
        planVersion: plan.version,
        memberId,
        agreed,
        ...definedOnly({ comment }),
        occurredAt,
      },
    },
  ];
}

/**
 * Records who holds parental authority over a child: the child and every holder are members of the family, and
 * nobody holds authority over themselves (`invalid-transition`).
 */
export function recordParentalAuthority(
  command: RecordParentalAuthority,
  state: RegisteredFamilyState,
): [ParentalAuthorityRecorded] {
  const { childMemberId, holderMemberIds, occurredAt } = command.data;
  assertMembers(state, [childMemberId, ...holderMemberIds]);
  if (holderMemberIds.includes(childMemberId)) {
    throw new DomainRuleError(
      'invalid-transition',
      'a child does not hold parental authority over themselves',
    );
  }
  if (new Set(holderMemberIds).size !== holderMemberIds.length) {
    throw new DomainRuleError('invalid-transition', 'a holder is named twice');
  }
  return [
    {
      type: 'ParentalAuthorityRecorded',
      data: { childMemberId, holderMemberIds, occurredAt },
    },
  ];
}

/**
 * A member who decides about their own data shares it with another member of the household, or withdraws that:
 * only such a member (a youth who may be 16, or an adult: `not-deciding-own-data`), judged at the decider's clock;
 * the other member is of the family (`unknown-reference`) and not the member themself (`invalid-transition`).
 */
export function recordDataSharing(
  command: RecordDataSharing,
  state: RegisteredFamilyState,
): [DataSharingRecorded] {
  const { memberId, withMemberId, shared, occurredAt } = command.data;
  assertMembers(state, [memberId, withMemberId]);
  if (memberId === withMemberId) {
    throw new DomainRuleError('invalid-transition', 'a member does not share with themself');
  }
  const member = state.members.find((m) => m.memberId === memberId);
  if (member && !decidesOwnData(member, command.metadata.now)) {
    throw new DomainRuleError(
      'not-deciding-own-data',
      'only a member of 16 or older, or an adult, decides with whom their data is shared',
    );
  }
  return [{ type: 'DataSharingRecorded', data: { memberId, withMemberId, shared, occurredAt } }];
}
