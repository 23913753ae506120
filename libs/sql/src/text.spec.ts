import fc from 'fast-check';

import { findUnstorableJson, isStorableText } from './text';

describe('storable text: no NUL character, no lone surrogate', () => {
  it('refuses a NUL and either half of a surrogate pair alone, and accepts whole pairs', () => {
    expect(isStorableText('Groningen')).toBe(true);
    expect(isStorableText('😀 𝄞 ë')).toBe(true);
    expect(isStorableText('Org\u0000')).toBe(false);
    expect(isStorableText('x\ud83d')).toBe(false);
    expect(isStorableText('\ude00x')).toBe(false);
    expect(isStorableText('\ude00\ud83d')).toBe(false);
  });

  it('agrees with a UTF-8 round trip for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const roundTrips = Buffer.from(text, 'utf8').toString('utf8') === text;
        expect(isStorableText(text)).toBe(roundTrips && !text.includes('\u0000'));
      }),
      { numRuns: 500 },
    );
  });

  it('names every unstorable value and field name by its path', () => {
    expect(
      findUnstorableJson({
        municipality: 'Pekela',
        members: [{ displayName: 'Bo' }, { displayName: 'A\u0000', ['k\ud800']: 1 }],
        ['\u0000']: 'x',
      }),
    ).toEqual([
      { kind: 'unstorable-key', path: '' },
      { kind: 'unstorable-key', path: 'members[1]' },
      { kind: 'unstorable-value', path: 'members[1].displayName' },
    ]);
    expect(findUnstorableJson('\u0000')).toEqual([{ kind: 'unstorable-value', path: '' }]);
    expect(findUnstorableJson({ a: [1, true, null, 'ok'] })).toEqual([]);
  });

  it('refuses nesting beyond the limit without recursing, however deep', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findUnstorableJson(deep)).toEqual([{ kind: 'too-deep', path: '[0]'.repeat(64) }]);
    let ok: unknown = 'x';
    for (let i = 0; i < 64; i++) ok = { a: ok };
    expect(findUnstorableJson(ok)).toEqual([]);
    expect(findUnstorableJson({ a: ok })).toEqual([
      { kind: 'too-deep', path: 'a'.concat('.a'.repeat(63)) },
    ]);
  });
});
