import { medianAndP90 } from './monitor.figures';

describe('realised waits: median and p90 as v1 defines them', () => {
  const of = (days: number[]) => {
    const distribution = new Map<number, number>();
    for (const d of days) distribution.set(d, (distribution.get(d) ?? 0) + 1);
    return medianAndP90(distribution);
  };

  it('gives the middle value of an odd count and the mean of the two middle ones of an even count', () => {
    expect(of([7, 1, 3])).toEqual({ count: 3, medianDays: 3, p90Days: 7 });
    expect(of([1, 4, 10, 15])).toEqual({ count: 4, medianDays: 7, p90Days: 15 });
    expect(of([2, 2, 3, 3])).toEqual({ count: 4, medianDays: 2.5, p90Days: 3 });
  });

  it('takes p90 by nearest rank: the ⌈0.9·n⌉-th smallest', () => {
    // n = 10: the 9th smallest; n = 11: the 10th.
    expect(of([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]).p90Days).toBe(9);
    expect(of([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100]).p90Days).toBe(10);
    expect(of([4]).p90Days).toBe(4);
  });

  it('answers count 0 and no day figures for no waits, and ignores values that net to zero', () => {
    expect(of([])).toEqual({ count: 0, medianDays: null, p90Days: null });
    expect(
      medianAndP90(
        new Map([
          [3, 0],
          [5, 1],
        ]),
      ),
    ).toEqual({ count: 1, medianDays: 5, p90Days: 5 });
  });
});
