import type { FamilyEvent, Member } from '../events';
import { event, history } from '../testing/given-when-then';
import { stateAfter } from '../testing/family-specification';
import {
  decidesOwnData,
  isAdult,
  maySeeAbout,
  maySeeMember,
  memberAccount,
  sharesWith,
} from './member-access';

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
  const guardianship = event.protectionMeasureImposed({
    kind: 'guardianship',
    memberIds: ['child14'],
  });
  const motherHolds = authority('child14', ['mother']);
  it.each<[string, FamilyEvent[], string, boolean]>([
    [
      'shows a child of 14 to the parent recorded as holding authority',
      [motherHolds],
      'mother',
      true,
    ],
    ['hides it from the other parent, who holds none', [motherHolds], 'father', false],
    ['hides it when no authority is recorded at all (deny by default)', [], 'mother', false],
    [
      'follows the latest recording: authority taken away ends the view',
      [motherHolds, authority('child14', ['father'])],
      'mother',
      false,
    ],
    [
      'follows the latest recording: the new holder sees it',
      [motherHolds, authority('child14', ['father'])],
      'father',
      true,
    ],
    [
      'hides it while a guardianship measure over the child is active',
      [motherHolds, guardianship],
      'mother',
      false,
    ],
    [
      'shows it again when the guardianship measure ends',
      [motherHolds, guardianship, event.protectionMeasureEnded()],
      'mother',
      true,
    ],
    [
      'is not changed by a supervision order (ondertoezichtstelling): the parent keeps authority',
      [
        motherHolds,
        event.protectionMeasureImposed({ kind: 'supervision-order', memberIds: ['child14'] }),
      ],
      'mother',
      true,
    ],
  ])('%s', (_rule, given, viewer, sees) => {
    expect(maySeeMember(family(...given), viewer, 'child14', NOW)).toBe(sees);
  });
});

describe('a member who decides about their own data shares it with the members they choose', () => {
  const shares = (memberId: string, withMemberId: string, shared = true) =>
    event.dataSharingRecorded({ memberId, withMemberId, shared });
  it.each<[string, FamilyEvent[], string, string, boolean]>([
    [
      'shows a youth of 17 to the mother she shares with',
      [shares('youth17', 'mother')],
      'mother',
      'youth17',
      true,
    ],
    [
      'never to the father she did not choose',
      [shares('youth17', 'mother')],
      'father',
      'youth17',
      false,
    ],
    [
      'not even to the father holding authority',
      [authority('youth17', ['father']), shares('youth17', 'mother')],
      'father',
      'youth17',
      false,
    ],
    [
      'ends when she withdraws it',
      [shares('youth17', 'mother'), shares('youth17', 'mother', false)],
      'mother',
      'youth17',
      false,
    ],
    [
      "shows an adult's care to the member the adult shares with",
      [shares('father', 'mother')],
      'mother',
      'father',
      true,
    ],
    ['but not the other way round', [shares('father', 'mother')], 'father', 'mother', false],
    [
      'counts for nothing from a child of 14, who does not decide about their own data',
      [shares('child14', 'father')],
      'father',
      'child14',
      false,
    ],
  ])('%s', (_rule, given, viewer, about, sees) => {
    expect(maySeeMember(family(...given), viewer, about, NOW)).toBe(sees);
  });
  it('tells who shares with whom', () => {
    const f = family(shares('youth17', 'mother'));
    expect(sharesWith(f, 'youth17', 'mother')).toBe(true);
    expect(sharesWith(f, 'mother', 'youth17')).toBe(false);
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
