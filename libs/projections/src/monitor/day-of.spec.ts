import fc from 'fast-check';

import { dayOf } from './monitor.family';

describe('dayOf (the UTC day of a moment, kept per day)', () => {
  it('is the date of toISOString for any moment, asked once or again, on either side of midnight', () => {
    const earliest = Date.parse('0001-01-01T00:00:00.000Z');
    const latest = Date.parse('9999-12-31T23:59:59.999Z');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: earliest, max: latest }),
          // Around midnights, where a day kept for the wrong moment would show.
          fc
            .tuple(fc.integer({ min: -800_000, max: 2_900_000 }), fc.integer({ min: -2, max: 1 }))
            .map(([day, offset]) => day * 86_400_000 + offset),
        ),
        (ms) => {
          const expected = new Date(ms).toISOString().slice(0, 10);
          expect(dayOf(ms)).toBe(expected);
          expect(dayOf(ms)).toBe(expected);
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
