import { MEMBER_ROLE_LABELS, label } from '@samenspoor/domain/labels-nl';

import { personal } from './format';
import type { FamilySummary, Member } from './types';

/** A member as people say it: "Sanne (jeugdige, 2011)"; an erased name reads "[gewist]". */
export function memberText(member: Member): string {
  const details = [label(MEMBER_ROLE_LABELS, member.role).toLowerCase()];
  if (member.birthYear) details.push(String(member.birthYear));
  return `${personal(member.displayName)} (${details.join(', ')})`;
}

/** The family's name in lists: its youths first, then the others. */
export function familyName(family: FamilySummary): string {
  const order = ['youth', 'sibling', 'parent', 'carer', 'other'];
  const members = [...family.members].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  if (members.length === 0) return 'Gezin zonder leden';
  return members.map((m) => personal(m.displayName)).join(', ');
}

/** A professional of the network: "Jeugd- en gezinswerker, WIJ Groningen". */
export function professionalText(family: FamilySummary, professionalId: string): string {
  const member = family.network.find((p) => p.professionalId === professionalId);
  if (!member) return `professional ${professionalId.slice(0, 8)}`;
  const role = [member.discipline, member.organisation].filter(Boolean).join(', ');
  if (member.name) return role ? `${member.name} (${role})` : member.name;
  return role || professionalId;
}
