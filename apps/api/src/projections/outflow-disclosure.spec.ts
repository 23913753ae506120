import fc from 'fast-check';

import { emptyOutflowCell, type OutflowCell, type OutflowFigures } from '@samenspoor/projections';

import { controlOutflow, monthsOf, outflowKey, outflowTable, wholeMonths } from './manager-outflow';
import {
  counts,
  expectNoneSolvable,
  loadAttacker,
  ranges,
  recorder,
} from './testing/disclosure-attack';

beforeAll(loadAttacker);

describe('disclosure control of outflow, with and without the municipality filter', () => {
  const municipalities = ['Pekela', 'Veendam', 'Groningen'];
  const destinations = ['home', 'foster-family', 'other'];
  const count = counts([3, 3, 3], 20);
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

  /** Every figure that the answers for a period (the region and each municipality) show: key → count or null. */
  function publish(
    cells: readonly OutflowCell[],
    months: readonly (readonly OutflowCell[])[] = [cells],
  ): Map<string, number | null> {
    const published = new Map<string, number | null>();
    const record = recorder(published);
    for (const m of [undefined, ...municipalities]) {
      const answer = controlOutflow(shape(m), { municipality: m }, cells, 5, months);
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
        record(outflowKey('reentriesWithin12Months', b.municipality), b.reentriesWithin12Months);
      }
    }
    return published;
  }

  it('publishes, through both answers, no hidden count a manager can solve for', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 3 }), (drawn) => {
        const cells = [...new Map(drawn.map((c) => [c.municipality, c])).values()];
        expectNoneSolvable(outflowTable(cells), publish(cells), 5);
      }),
      { numRuns: Number(process.env.SDC_RUNS ?? 60) },
    );
  });

  /** The cells of a range of months: each municipality's counts summed over them. */
  function sumOf(months: readonly (readonly OutflowCell[])[]): OutflowCell[] {
    const sums = new Map<string | null, OutflowCell>();
    for (const c of months.flat()) {
      const sum = sums.get(c.municipality) ?? emptyOutflowCell(c.municipality);
      sum.outflows += c.outflows;
      for (const [d, n] of Object.entries(c.byDestination))
        sum.byDestination[d] = (sum.byDestination[d] ?? 0) + n;
      sum.followUpsDone += c.followUpsDone;
      sum.followUpsDue += c.followUpsDue;
      sum.reentries += c.reentries;
      sum.reentriesWithin12Months += c.reentriesWithin12Months;
      sums.set(c.municipality, sum);
    }
    return [...sums.values()];
  }

  /** Every range of whole months among `months` (first to last index, both included) and what it shows. */
  function publishRanges(months: readonly (readonly OutflowCell[])[]) {
    const answers = [];
    for (let first = 0; first < months.length; first++)
      for (let last = first; last < months.length; last++) {
        const span = months.slice(first, last + 1);
        answers.push({ first, last, published: publish(sumOf(span), span) });
      }
    return answers;
  }

  it('gives no month away when two overlapping ranges are subtracted (January–March minus January–February)', () => {
    const pekela = (outflows: number): OutflowCell => ({
      municipality: 'Pekela',
      outflows,
      byDestination: { home: outflows },
      followUpsDone: 0,
      followUpsDue: 0,
      reentries: 0,
      reentriesWithin12Months: 0,
    });
    const veendam: OutflowCell = { ...pekela(9), municipality: 'Veendam' };
    const months = [
      [pekela(6), veendam],
      [pekela(7), veendam],
      [pekela(2), veendam],
    ];
    const ranges = publishRanges(months);
    const range = (first: number, last: number) =>
      ranges.find((r) => r.first === first && r.last === last)!.published;
    // March alone hides Pekela's 2; before months were controlled one by one, January–March showed 15 and
    // January–February 13, and their difference gave it back.
    expect(range(2, 2).get(outflowKey('outflows', 'Pekela'))).toBeNull();
    const difference = [range(0, 2), range(0, 1)].map((r) =>
      r.get(outflowKey('outflows', 'Pekela')),
    );
    expect(difference).toContain(null);
    // No two ranges that share a start or an end show, for any figure, a difference from 1 to 4.
    for (const a of ranges)
      for (const b of ranges) {
        if (a.first !== b.first && a.last !== b.last) continue;
        for (const [key, value] of a.published) {
          const other = b.published.get(key);
          if (value === null || other === null || other === undefined) continue;
          expect({
            key,
            small: Math.abs(value - other) >= 1 && Math.abs(value - other) < 5,
          }).toEqual({ key, small: false });
        }
      }
  });

  it('publishes, over every range of three months, no count of a month a manager can solve for', () => {
    // The attack over months: unknowns are each month's cells; every range's shown figure is the sum of its
    // months' cells, every month's relations hold; a month cell hidden in its own answer is at least 1.
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 3, maxLength: 3 }),
        (drawn) => {
          const months = drawn.map((d) => [...new Map(d.map((c) => [c.municipality, c])).values()]);
          const tables = months.map(outflowTable);
          const at = (t: number, key: string) => `${t}|${key}`;
          const keys = [...new Set(tables.flatMap((table) => [...table.values.keys()]))];
          const relations = tables.flatMap((table, t) =>
            table.relations.map(({ total, parts }) => ({
              total: at(t, total),
              parts: parts.map((part) => at(t, part)),
            })),
          );
          const known = new Map<string, number>();
          for (const { first, last, published } of publishRanges(months))
            for (const [key, value] of published) {
              if (value === null) continue;
              const total = `${first}-${last}|${key}`;
              known.set(total, value);
              const parts = [];
              for (let t = first; t <= last; t++) parts.push(at(t, key));
              relations.push({ total, parts });
            }
          const unknown = new Map<string, number>();
          const single = months.map((month) => publish(month));
          months.forEach((_, t) => {
            for (const key of keys) unknown.set(at(t, key), single[t]!.get(key) === null ? 1 : 0);
          });
          const solved = ranges(relations, known, unknown);
          tables.forEach((table, t) => {
            for (const [key, value] of table.values) {
              if (value < 1 || value >= 5) continue;
              const { min, max } = solved.get(at(t, key))!;
              expect({ key: at(t, key), unique: min === max }).toEqual({
                key: at(t, key),
                unique: false,
              });
            }
          });
        },
      ),
      { numRuns: Number(process.env.SDC_RUNS ?? 15) },
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

  it('lists the whole months of a widened period', () => {
    expect(monthsOf({ from: '2025-11-01', to: '2026-02-28' })).toEqual([
      { from: '2025-11-01', to: '2025-11-30' },
      { from: '2025-12-01', to: '2025-12-31' },
      { from: '2026-01-01', to: '2026-01-31' },
      { from: '2026-02-01', to: '2026-02-28' },
    ]);
  });
});
