import fc from 'fast-check';

import { parseTime } from './events';

/** What parseTime answered before its fast path: `Date.parse`, and the ISO form of what it read. */
function byDateParse(value: string): { ms: number; iso: string } | undefined {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : { ms, iso: new Date(ms).toISOString() };
}

const twoDigits = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));

/** Texts shaped like `toISOString`'s, with every field over its whole range of digits (invalid days, hours…). */
const isoShaped = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
    twoDigits,
    twoDigits,
    twoDigits,
    twoDigits,
    twoDigits,
    fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0')),
  )
  .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);

describe('parseTime', () => {
  it('reads every real time written by toISOString as Date.parse does, with the text as its ISO form', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0100-01-01T00:00:00.000Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const text = date.toISOString();
          expect(parseTime(text)).toEqual({ ms: date.getTime(), iso: text });
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('answers as Date.parse for any text of that shape, valid or not (Feb 30th, hour 24, year 0000)', () => {
    fc.assert(
      fc.property(isoShaped, (text) => {
        expect(parseTime(text)).toEqual(byDateParse(text));
      }),
      { numRuns: 20_000 },
    );
    for (const text of [
      '2024-02-29T00:00:00.000Z',
      '2023-02-29T00:00:00.000Z',
      '1900-02-29T00:00:00.000Z',
      '2000-02-29T00:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '2026-12-31T24:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
      '0099-12-31T23:59:59.999Z',
      '2026-01-01T00:00:60.000Z',
    ])
      expect(parseTime(text)).toEqual(byDateParse(text));
  });

  it('answers as Date.parse for other texts: other forms, offsets, signs, stray characters', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          isoShaped.chain((text) =>
            fc
              .tuple(fc.nat({ max: 23 }), fc.constantFrom('+', '-', ' ', 'x', '٣', 'Z', '0'))
              .map(([at, c]) => text.slice(0, at) + c + text.slice(at + 1)),
          ),
          fc
            .date({ noInvalidDate: true })
            .map((date) => date.toISOString().slice(0, 19) + '+02:00'),
        ),
        (text) => {
          expect(parseTime(text)).toEqual(byDateParse(text));
        },
      ),
      { numRuns: 20_000 },
    );
    for (const text of ['2026-03-01', '2026-03-01T09:30:00Z', '+002026-03-01T09:30:00.000Z', ''])
      expect(parseTime(text)).toEqual(byDateParse(text));
    expect(parseTime(20260301)).toBeUndefined();
  });
});
