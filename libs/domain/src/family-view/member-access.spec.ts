import type { FamilyEvent, Member } from '../events';
import { event, history } from '../testing/given-when-then';
import { stateAfter } from '../testing/family-specification';
import { decidesOwnData, isAdult, maySeeAbout, maySeeMember, memberAccount } from './member-access';

/** The law rules of the family's own view (Jeugdwet, WGBO), one case each. */
const NOW = '2026-06-01T12:00:00.000Z';
const mother: Member = { memberId: 'mother', role: 'parent', birthYear: 1985, displayName: 'Ans' };
const father: Member = { memberId: 'father', role: 'parent', birthYear: 1983, displayName: 'Bert' };
const child14: Member = { memberId: 'child14', role: 'youth', birthYear: 2012, displayName: 'Cas' };
const youth17: Member = {
  memberId: 'youth17',
  role: 'youth',
  birthYear: 2009,
  displayName: 'Dewi',
};
const child9: Member = { memberId: 'child9', role: 'sibling', birthYear: 2017, displayName: 'Eva' };
const noYear: Member = { memberId: 'noyear', role: 'sibling', displayName: 'Fleur' };
const eleven: Member = { memberId: 'eleven', role: 'youth', birthYear: 2014, displayName: 'Gijs' };

function family(...more: FamilyEvent[]) {
  const [, ...rest] = history.registered();
  return stateAfter(
    event.familyRegistered({ members: [mother, father, child14, youth17, child9, noYear, eleven] }),
    ...rest,
    ...more,
  );
}

const authority = (childMemberId: string, holderMemberIds: string[]) =>
  event.parentalAuthorityRecorded({ childMemberId, holderMemberIds });

describe('no account under 12', () => {
  it('gives a parent and a youth of 14 an account', () => {
    expect(memberAccount(family(), 'mother', NOW).allowed).toBe(true);
    expect(memberAccount(family(), 'child14', NOW).allowed).toBe(true);
  });
  it('refuses a child of 9', () => {
    expect(memberAccount(family(), 'child9', NOW)).toEqual({ allowed: false, reason: 'under-12' });
  });
  it('refuses a child who may still be 11 (born 2014, in 2026)', () => {
    expect(memberAccount(family(), 'eleven', NOW)).toEqual({ allowed: false, reason: 'under-12' });
  });
  it('refuses a sibling without a birth year: nothing shows they are 12', () => {
    expect(memberAccount(family(), 'noyear', NOW)).toEqual({ allowed: false, reason: 'under-12' });
  });
  it('refuses a member id the family does not have', () => {
    expect(memberAccount(family(), 'stranger', NOW)).toEqual({
      allowed: false,
      reason: 'not-a-member',
    });
  });
});

describe('a youth of 16 or older decides about their own data', () => {
  it('reads a youth who may be 16 as deciding', () => {
    expect(decidesOwnData(youth17, NOW)).toBe(true);
    expect(decidesOwnData(child14, NOW)).toBe(false);
  });
  it('keeps their care from a parent, even one holding authority', () => {
    const f = family(authority('youth17', ['mother']));
    expect(maySeeMember(f, 'mother', 'youth17', NOW)).toBe(false);
  });
  it('lets the youth see their own', () => {
    expect(maySeeMember(family(), 'youth17', 'youth17', NOW)).toBe(true);
  });
});

describe('a parent sees what concerns a child under 16 only while holding parental authority', () => {
  it('shows a child of 14 to the parent recorded as holding authority', () => {
    const f = family(authority('child14', ['mother']));
    expect(maySeeMember(f, 'mother', 'child14', NOW)).toBe(true);
  });
  it('hides it from the other parent, who holds none', () => {
    const f = family(authority('child14', ['mother']));
    expect(maySeeMember(f, 'father', 'child14', NOW)).toBe(false);
  });
  it('hides it when no authority is recorded at all (deny by default)', () => {
    expect(maySeeMember(family(), 'mother', 'child14', NOW)).toBe(false);
  });
  it('follows the latest recording: authority taken away ends the view', () => {
    const f = family(authority('child14', ['mother']), authority('child14', ['father']));
    expect(maySeeMember(f, 'mother', 'child14', NOW)).toBe(false);
    expect(maySeeMember(f, 'father', 'child14', NOW)).toBe(true);
  });
  it('hides it while a guardianship measure over the child is active, and shows it again when it ends', () => {
    const guardianship = event.protectionMeasureImposed({
      kind: 'guardianship',
      memberIds: ['child14'],
    });
    const under = family(authority('child14', ['mother']), guardianship);
    expect(maySeeMember(under, 'mother', 'child14', NOW)).toBe(false);
    const ended = family(
      authority('child14', ['mother']),
      guardianship,
      event.protectionMeasureEnded(),
    );
    expect(maySeeMember(ended, 'mother', 'child14', NOW)).toBe(true);
  });
  it('is not changed by a supervision order (ondertoezichtstelling): the parent keeps authority', () => {
    const f = family(
      authority('child14', ['mother']),
      event.protectionMeasureImposed({ kind: 'supervision-order', memberIds: ['child14'] }),
    );
    expect(maySeeMember(f, 'mother', 'child14', NOW)).toBe(true);
  });
});

describe("no member sees another adult's care, views or measures", () => {
  it('hides one parent from the other', () => {
    expect(isAdult(father, NOW)).toBe(true);
    expect(maySeeMember(family(), 'mother', 'father', NOW)).toBe(false);
  });
  it('hides a parent from a youth', () => {
    expect(maySeeMember(family(), 'child14', 'mother', NOW)).toBe(false);
  });
  it('hides something about a parent and a child together from the other parent', () => {
    const f = family(authority('child14', ['mother', 'father']));
    expect(maySeeAbout(f, 'father', ['child14', 'mother'], NOW)).toBe(false);
    expect(maySeeAbout(f, 'mother', ['child14', 'mother'], NOW)).toBe(true);
  });
  it("shows what concerns no member in particular (the whole family's) to every member", () => {
    expect(maySeeAbout(family(), 'child14', [], NOW)).toBe(true);
  });
});
