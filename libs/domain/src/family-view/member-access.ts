import type { Member } from '../events';
import type { Family } from '../family.state';

/**
 * What a household member may see of the family's own record (api.md, "The family's own view"), after Dutch law:
 * the Jeugdwet (art. 7.3.8–7.3.11: a youth's own rights from 12 and from 16) and the WGBO (BW 7:447, 7:465) for
 * care. Pure: the caller supplies the family and the moment.
 *
 * 1. Members under 12 have no account (`under-12`).
 * 2. A youth of 16 or older decides about their own data: no other member sees their care, views or measures
 *    unless the youth shares them with that member (`DataSharingRecorded`), and only while it is shared.
 * 3. A parent sees what concerns a child under 16 only while holding parental authority over that child, as
 *    recorded (`ParentalAuthorityRecorded`), and not while a guardianship measure (voogdij) over the child is
 *    active: the guardian is then the certified institution.
 * 4. Nobody sees another adult member's care, views or measures, unless the adult shares them as a youth of 16
 *    can: an adult decides about their own data too (WGBO).
 *
 * Only the birth year is known, so an age is a range: `year − birthYear − 1` to `year − birthYear`. Each rule
 * reads it on the side that protects the member: an account needs a member *certainly* 12; a youth who *may* be
 * 16 already decides about their own data; a member who may be 18 is an adult. A youth or sibling without a birth
 * year has no account (their age cannot show 12); a parent, carer or other member without one is an adult.
 */

/** Why a member has no account of their own. */
export type AccountRefusal = 'not-a-member' | 'under-12';

export type MemberAccount =
  | { readonly allowed: true; readonly member: Member }
  | { readonly allowed: false; readonly reason: AccountRefusal };

/** The youngest and oldest a member can be at `asOf`, from the birth year; undefined without one. */
export function ageRange(
  member: Member,
  asOf: string,
): { readonly min: number; readonly max: number } | undefined {
  if (member.birthYear === undefined) return undefined;
  const max = new Date(asOf).getUTCFullYear() - member.birthYear;
  return { min: max - 1, max };
}

const ADULT_ROLES: readonly Member['role'][] = ['parent', 'carer', 'other'];

/** Rule 1: whether this member may have an account (12 or older, certainly). */
export function memberAccount(family: Family, memberId: string, asOf: string): MemberAccount {
  const member = family.members.find((m) => m.memberId === memberId);
  if (!member) return { allowed: false, reason: 'not-a-member' };
  const age = ageRange(member, asOf);
  const twelve = age === undefined ? ADULT_ROLES.includes(member.role) : age.min >= 12;
  return twelve ? { allowed: true, member } : { allowed: false, reason: 'under-12' };
}

/** Rule 4: an adult (18 possibly reached, or an adult's role without a birth year). */
export function isAdult(member: Member, asOf: string): boolean {
  const age = ageRange(member, asOf);
  return age === undefined ? ADULT_ROLES.includes(member.role) : age.max >= 18;
}

/** Rule 2: a youth who may be 16 decides about their own data. */
export function decidesOwnData(member: Member, asOf: string): boolean {
  const age = ageRange(member, asOf);
  return age === undefined ? ADULT_ROLES.includes(member.role) : age.max >= 16;
}

/** Whether a guardianship measure over the child is active. */
export function underGuardianship(family: Family, childId: string): boolean {
  return family.protectionMeasures.some(
    (m) => m.kind === 'guardianship' && m.status === 'active' && m.memberIds.includes(childId),
  );
}

/** Rule 3: whether `holderId` holds parental authority over the child now (recorded, and no guardianship). */
export function holdsParentalAuthority(family: Family, holderId: string, childId: string): boolean {
  const recorded = family.parentalAuthority.find((a) => a.childMemberId === childId);
  return (
    recorded !== undefined &&
    recorded.holderMemberIds.includes(holderId) &&
    !underGuardianship(family, childId)
  );
}

/** Rules 2 and 4: whether `memberId` shares their own data with `withMemberId` now. */
export function sharesWith(family: Family, memberId: string, withMemberId: string): boolean {
  return family.dataSharing.some((s) => s.memberId === memberId && s.withMemberId === withMemberId);
}

/** Whether `viewerId` may see what concerns the member `aboutId` (their care, views and measures). */
export function maySeeMember(
  family: Family,
  viewerId: string,
  aboutId: string,
  asOf: string,
): boolean {
  if (viewerId === aboutId) return true;
  const about = family.members.find((m) => m.memberId === aboutId);
  if (!about) return false;
  // An adult decides about their own data as a youth of 16 does (rules 2 and 4).
  if (isAdult(about, asOf) || decidesOwnData(about, asOf))
    return sharesWith(family, aboutId, viewerId);
  return holdsParentalAuthority(family, viewerId, aboutId);
}

/**
 * Whether `viewerId` may see something that concerns the members `aboutIds`: every one of them (what concerns a
 * parent and a child together is the parent's too). Something about no member in particular is the whole
 * family's, which every member with an account sees.
 */
export function maySeeAbout(
  family: Family,
  viewerId: string,
  aboutIds: readonly string[],
  asOf: string,
): boolean {
  return aboutIds.every((id) => maySeeMember(family, viewerId, id, asOf));
}
