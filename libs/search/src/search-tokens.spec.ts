import { isValidBsn } from '@samenspoor/domain';

import { nameWords, normalise, prefixes } from './normalise';
import { SEARCH_FIELDS, SearchKeys } from './search-keys';
import {
  InvalidSearchQueryError,
  memberRows,
  parseSearchQuery,
  queryTokens,
} from './search-tokens';

const keys = new SearchKeys(Buffer.alloc(32, 7));
const hex = (tokens: readonly Buffer[]) => tokens.map((t) => t.toString('hex'));

describe('normalising names', () => {
  it('ignores case and diacritics, and splits on anything but letters and digits', () => {
    expect(normalise('Ëlzinga-BAKKER  Çelik')).toBe('elzinga bakker celik');
    expect(nameWords("Anne-Fleur d'Hooghe van der Velde")).toEqual([
      'anne',
      'fleur',
      'd',
      'hooghe',
      'van',
      'der',
      'velde',
    ]);
    expect(prefixes('sanne')).toEqual(['san', 'sann', 'sanne']);
    expect(prefixes('jo')).toEqual([]);
  });
});

describe('the tokens of a member', () => {
  const member = {
    memberId: 'm-1',
    role: 'youth' as const,
    displayName: 'Sanne Ëlzinga',
    birthYear: 2012,
    bsn: '111222333',
  };
  const rows = hex(memberRows(keys, member, 'Groningen').map((row) => row.token));

  it('given a member, a search by a name prefix, by name and birth year, or by BSN finds them', () => {
    for (const q of ['san', 'sanne', 'elz', 'ELZINGA', 'sanne 2012', 'ëlzin 2012', '111222333'])
      for (const token of hex(queryTokens(keys, parseSearchQuery(q))))
        expect([q, rows.includes(token)]).toEqual([q, true]);
    for (const q of ['sanne 2013', 'sanna', 'bakker', '123456782'])
      expect([
        q,
        hex(queryTokens(keys, parseSearchQuery(q))).every((t) => rows.includes(t)),
      ]).toEqual([q, false]);
  });

  it('keeps no row for a birth year alone, nor for a prefix shorter than 3 letters, in any field', () => {
    for (const field of SEARCH_FIELDS)
      for (const value of ['2012', 'sa', 's', '2012\u00002012'])
        expect(rows).not.toContain(keys.token(field, value).toString('hex'));
  });

  it('hashes each field under its own key, and another search key gives other tokens', () => {
    expect(keys.token('name', 'san')).not.toEqual(keys.token('name-year', 'san'));
    const other = new SearchKeys(Buffer.alloc(32, 8));
    expect(other.token('bsn', '111222333')).not.toEqual(keys.token('bsn', '111222333'));
    expect(() => new SearchKeys(Buffer.alloc(16))).toThrow(/at least 32 bytes/);
  });

  it('indexes no BSN that fails the elfproef', () => {
    expect(isValidBsn('111222334')).toBe(false);
    const invalid = memberRows(keys, { ...member, bsn: '111222334' }, 'Groningen');
    expect(hex(invalid.map((r) => r.token))).not.toContain(
      keys.token('bsn', '111222334').toString('hex'),
    );
  });
});

describe('parsing a search', () => {
  it('reads name words with an optional birth year, or a whole BSN', () => {
    expect(parseSearchQuery(' Sanne  ELZ 2012 ')).toEqual({
      kind: 'name',
      words: ['sanne', 'elz'],
      birthYear: 2012,
    });
    expect(parseSearchQuery('111222333')).toEqual({ kind: 'bsn', bsn: '111222333' });
  });

  it('leaves out words shorter than a prefix when other words remain ("Sanne de Vries")', () => {
    expect(parseSearchQuery('Sanne de Vries')).toEqual({ kind: 'name', words: ['sanne', 'vries'] });
    expect(parseSearchQuery("Jan 't Hart 2012")).toEqual({
      kind: 'name',
      words: ['jan', 'hart'],
      birthYear: 2012,
    });
  });

  it.each([
    ['', /name word or a BSN/],
    ['sa', /at least 3 letters/],
    ['sa de', /at least 3 letters/],
    ['2012', /only narrows a name/],
    ['sanne 2012 2013', /one birth year/],
    ['111222334', /not a valid BSN/],
    ['111222333 sanne', /on its own/],
    ['a1 b2 c3 d4 e5 f6', /number must be|at most/],
  ])('refuses %j', (q, message) => {
    expect(() => parseSearchQuery(q)).toThrow(InvalidSearchQueryError);
    expect(() => parseSearchQuery(q)).toThrow(message);
  });
});
