import fc from 'fast-check';

import type { OutflowCell, OutflowFigures } from '@samenspoor/projections';

import { controlOutflow, outflowKey, outflowTable, wholeMonths } from './manager-figures';
import { expectNoneSolvable, loadAttacker, recorder } from './testing/disclosure-attack';

beforeAll(loadAttacker);

describe('disclosure control of outflow, with and without the municipality filter', () => {
  const municipalities = ['Pekela', 'Veendam', 'Groningen'];
  const destinations = ['home', 'foster-family', 'other'];
  const count = fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 4 }) },
    { weight: 3, arbitrary: fc.integer({ min: 5, max: 20 }) },
  );
  const cell = fc
    .record({
      municipality: fc.constantFrom(...municipalities),
      byDestination: fc.tuple(count, count, count),
      followUpsDone: count,
      followUpsDue: count,
      reentries: count,
      withinFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map((d): OutflowCell => ({
      municipality: d.municipality,
      outflows: d.byDestination.reduce((a, b) => a + b, 0),
      byDestination: Object.fromEntries(
        destinations
          .map((destination, i) => [destination, d.byDestination[i]!])
          .filter(([, n]) => n !== 0),
      ),
      followUpsDone: d.followUpsDone,
      followUpsDue: d.followUpsDue,
      reentries: d.reentries,
      reentriesWithin12Months: Math.floor(d.reentries * d.withinFraction),
    }));
  const shape = (municipality?: string): OutflowFigures => ({
    from: '2026-01-01',
    to: '2026-03-31',
    outflows: 0,
    byDestination: Object.fromEntries(destinations.map((d) => [d, 0])),
    followUpsDone: 0,
    followUpsDue: 0,
    reentries: 0,
    reentriesWithin12Months: 0,
    byMunicipality: (municipality ? [municipality] : municipalities).map((m) => ({
      municipality: m,
      outflows: 0,
      reentriesWithin12Months: 0,
    })),
  });

  it('hides a second destination beside a small one', () => {
    const cells: OutflowCell[] = [
      {
        municipality: 'Pekela',
        outflows: 20,
        byDestination: { home: 11, 'foster-family': 7, other: 2 },
        followUpsDone: 6,
        followUpsDue: 0,
        reentries: 0,
        reentriesWithin12Months: 0,
      },
    ];
    const answer = controlOutflow(shape(), {}, cells, 5);
    expect(answer.outflows).toBe(20);
    expect(answer.byDestination).toEqual({ home: 11, 'foster-family': null, other: null });
    expect(answer.followUpsDone).toBe(6);
    expect(answer.disclosure).toEqual({ threshold: 5, suppressed: true });
  });

  it('publishes, through both answers, no hidden count a manager can solve for', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 3 }), (drawn) => {
        const cells = [...new Map(drawn.map((c) => [c.municipality, c])).values()];
        const table = outflowTable(cells);
        const published = new Map<string, number | null>();
        const record = recorder(published);
        for (const m of [undefined, ...municipalities]) {
          const answer = controlOutflow(shape(m), { municipality: m }, cells, 5);
          const at = m ?? '*';
          record(outflowKey('outflows', at), answer.outflows);
          for (const [destination, n] of Object.entries(answer.byDestination))
            record(outflowKey('outflows', at, destination), n);
          for (const measure of [
            'followUpsDone',
            'followUpsDue',
            'reentries',
            'reentriesWithin12Months',
          ] as const)
            record(outflowKey(measure, at), answer[measure]);
          for (const b of answer.byMunicipality) {
            record(outflowKey('outflows', b.municipality), b.outflows);
            record(
              outflowKey('reentriesWithin12Months', b.municipality),
              b.reentriesWithin12Months,
            );
          }
        }
        expectNoneSolvable(table, published, 5);
      }),
      { numRuns: Number(process.env.SDC_RUNS ?? 60) },
    );
  });

  it('widens a period to whole calendar months and says so', () => {
    expect(wholeMonths({ from: '2026-01-15', to: '2026-02-03' })).toEqual({
      from: '2026-01-01',
      to: '2026-02-28',
      widened: true,
    });
    expect(wholeMonths({ from: '2024-02-01', to: '2024-02-29' })).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
      widened: false,
    });
    expect(wholeMonths({ from: '2025-12-31', to: '2025-12-31' }).to).toBe('2025-12-31');
  });
});
