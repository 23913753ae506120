import fc from 'fast-check';

import type { StackingCell, StackingFigures } from '@samenspoor/projections';

import { controlStacking, stackingKey, stackingTable } from './manager-figures';
import { expectNoneSolvable, loadAttacker, recorder } from './testing/disclosure-attack';

beforeAll(loadAttacker);

describe('disclosure control of stacking, with and without the municipality filter', () => {
  const municipalities = ['Pekela', 'Veendam', 'Groningen'];
  const measures = ['activeTrajectories', 'distinctProviders', 'distinctCareForms', 'networkSize'];

  /** Families as (municipality, four counts); their cells as `stackingCells` answers them. */
  const family = fc.record({
    municipality: fc.constantFrom(...municipalities),
    counts: fc.tuple(
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 1, max: 9 }),
    ),
    weight: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 5, max: 12 })),
  });
  function cellsOf(
    families: readonly (typeof family extends fc.Arbitrary<infer T> ? T : never)[],
  ): StackingCell[] {
    const counts = new Map<string, StackingCell>();
    const add = (
      municipality: string,
      measure: StackingCell['measure'],
      value: string | null,
      n: number,
    ) => {
      const id = JSON.stringify([municipality, measure, value]);
      const cell = counts.get(id) ?? { municipality, measure, value, count: 0 };
      cell.count += n;
      counts.set(id, cell);
    };
    for (const f of families) {
      add(f.municipality, 'families', null, f.weight);
      const [active, providers, , network] = f.counts;
      if (active >= 3 || providers >= 3 || network >= 8)
        add(f.municipality, 'flagged', null, f.weight);
      measures.forEach((measure, i) =>
        add(f.municipality, measure as StackingCell['measure'], String(f.counts[i]), f.weight),
      );
    }
    return [...counts.values()];
  }
  const shape: StackingFigures = {
    asOf: '2026-01-01T00:00:00.000Z',
    families: 0,
    flagged: 0,
    thresholds: { activeTrajectories: 3, distinctProviders: 3, networkSize: 8 },
    distribution: {
      activeTrajectories: {},
      distinctProviders: {},
      distinctCareForms: {},
      networkSize: {},
    },
  };

  it('answers the exact sums of the cells where nothing is small', () => {
    const cells = cellsOf([
      { municipality: 'Pekela', counts: [0, 0, 0, 1], weight: 6 },
      { municipality: 'Veendam', counts: [3, 3, 2, 9], weight: 7 },
    ]);
    const answer = controlStacking(shape, {}, cells, 5);
    expect(answer).toMatchObject({
      families: 13,
      flagged: 7,
      distribution: { activeTrajectories: { '0': 6, '3': 7 }, networkSize: { '1': 6, '9': 7 } },
      disclosure: { threshold: 5, suppressed: false },
    });
    expect(controlStacking(shape, { municipality: 'Pekela' }, cells, 5)).toMatchObject({
      families: 6,
      flagged: 0,
      distribution: { activeTrajectories: { '0': 6 } },
    });
  });

  it('hides a second bucket beside a small one, so that families minus the visible buckets leaves two unknowns', () => {
    const cells = cellsOf([
      { municipality: 'Pekela', counts: [0, 0, 0, 1], weight: 9 },
      { municipality: 'Pekela', counts: [1, 1, 1, 2], weight: 6 },
      { municipality: 'Pekela', counts: [2, 1, 1, 3], weight: 2 },
    ]);
    const answer = controlStacking(shape, { municipality: 'Pekela' }, cells, 5);
    expect(answer.families).toBe(17);
    expect(answer.distribution.activeTrajectories['2']).toBeNull();
    // Before this pass only the 2 was hidden, and 17 − 9 − 6 gave it back.
    expect(
      Object.values(answer.distribution.activeTrajectories).filter((v) => v === null),
    ).toHaveLength(2);
    expect(answer).toMatchObject({ suppressed: true, disclosure: { suppressed: true } });
  });

  /** Every answer a manager can ask for (the region and each municipality), attacked as above. */
  function expectStackingSafe(
    families: readonly (typeof family extends fc.Arbitrary<infer T> ? T : never)[],
  ) {
    const cells = cellsOf(families);
    const table = stackingTable(cells);
    const published = new Map<string, number | null>();
    const record = recorder(published);
    for (const m of [undefined, ...municipalities]) {
      const answer = controlStacking(shape, { municipality: m }, cells, 5);
      const at = m ?? '*';
      record(stackingKey('families', at), answer.families);
      record(stackingKey('flagged', at), answer.flagged);
      for (const [measure, values] of Object.entries(answer.distribution))
        for (const [value, count] of Object.entries(values))
          record(stackingKey(measure, at, value), count);
    }
    expectNoneSolvable(table, published, 5);
  }

  it('keeps a hidden count free when every family of the region is flagged (no one left unflagged)', () => {
    // Found by the attack below (SDC_RUNS=300): flagged = families in the region, so "not flagged" is 0 there
    // and, since no municipality has fewer than 0 unflagged families, 0 in each; families = flagged per
    // municipality then gave Veendam's hidden families (and its distributions) back from its visible flagged.
    expectStackingSafe([
      { municipality: 'Pekela', counts: [3, 0, 0, 1], weight: 1 },
      { municipality: 'Veendam', counts: [3, 0, 0, 1], weight: 5 },
      { municipality: 'Groningen', counts: [0, 0, 0, 8], weight: 5 },
    ]);
    expectStackingSafe([
      { municipality: 'Veendam', counts: [0, 0, 0, 8], weight: 1 },
      { municipality: 'Groningen', counts: [0, 3, 0, 1], weight: 2 },
      { municipality: 'Pekela', counts: [3, 0, 0, 1], weight: 2 },
      { municipality: 'Pekela', counts: [3, 0, 0, 1], weight: 3 },
    ]);
  });

  it('keeps a count free that only rows, columns and the lower bounds together would pin', () => {
    // Found by the attack below with random seeds: a hidden count pinned only by combining several rows and
    // columns with the bound "a hidden count is at least 1", which bound propagation one relation at a time
    // cannot see; the exact check per group of linked unknowns (`pinnedByPolytope`) does.
    expectStackingSafe([
      { municipality: 'Pekela', counts: [0, 0, 2, 1], weight: 5 },
      { municipality: 'Pekela', counts: [0, 0, 1, 2], weight: 1 },
      { municipality: 'Veendam', counts: [0, 0, 0, 1], weight: 5 },
      { municipality: 'Groningen', counts: [0, 1, 0, 1], weight: 5 },
      { municipality: 'Veendam', counts: [0, 1, 1, 1], weight: 1 },
    ]);
  });

  it('publishes, through both answers, no hidden count a manager can solve for', () => {
    // Random seeds (fast-check prints the seed of a failure); SDC_SEED=<number> replays one.
    const seed = process.env.SDC_SEED;
    fc.assert(fc.property(fc.array(family, { minLength: 1, maxLength: 8 }), expectStackingSafe), {
      numRuns: Number(process.env.SDC_RUNS ?? 60),
      ...(seed === undefined || seed === 'random' ? {} : { seed: Number(seed) }),
    });
  });
});
