import type { AddInformalSupporter, RecordMemberView } from '../commands';
import type { InformalSupporterAdded, MemberViewRecorded } from '../route-events';
import type { RegisteredFamilyState } from '../family.state';
import { assertMembers, assertNewId, definedOnly } from './guards';

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
