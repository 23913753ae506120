import { suppressBlock, suppressDistribution } from './small-cells';

describe('small-cell suppression', () => {
  const block = { waiting: 4, medianDays: 10, p90Days: 20, maxDays: 30, overNorm: 0, norm: 42 };

  it('nulls a count from 1 to threshold − 1 and the block’s day figures, and says so', () => {
    expect(suppressBlock(block, ['waiting', 'overNorm'], 5)).toEqual({
      waiting: null,
      medianDays: null,
      p90Days: null,
      maxDays: null,
      overNorm: 0,
      norm: 42,
      suppressed: true,
    });
  });

  it('keeps 0, counts at the threshold and above, and everything when the threshold is 0', () => {
    expect(suppressBlock({ ...block, waiting: 5 }, ['waiting', 'overNorm'], 5)).toEqual({
      ...block,
      waiting: 5,
    });
    expect(suppressBlock({ ...block, waiting: 0 }, ['waiting'], 5)).toEqual({
      ...block,
      waiting: 0,
    });
    expect(suppressBlock(block, ['waiting', 'overNorm'], 0)).toEqual(block);
    expect(suppressBlock(block, ['waiting', 'overNorm'], 1)).toEqual(block);
  });

  it('suppresses a small overNorm in a large block, day figures included', () => {
    expect(
      suppressBlock({ ...block, waiting: 50, overNorm: 2 }, ['waiting', 'overNorm'], 5),
    ).toMatchObject({
      waiting: 50,
      overNorm: null,
      medianDays: null,
      suppressed: true,
    });
  });

  it('suppresses small buckets of a distribution', () => {
    expect(suppressDistribution({ '0': 120, '1': 3, '2': 0, '3': 7 }, 5)).toEqual({
      values: { '0': 120, '1': null, '2': 0, '3': 7 },
      suppressed: true,
    });
    expect(suppressDistribution({ '0': 120 }, 5)).toEqual({
      values: { '0': 120 },
      suppressed: false,
    });
  });
});
