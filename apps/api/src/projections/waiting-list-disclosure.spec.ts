import fc from 'fast-check';

import type { WaitingCell, WaitingListFigures } from '@samenspoor/projections';

import { regionSizedWaitingCells } from '@samenspoor/testing';

import { cellsToHide, fixedUnknowns, pinnedByBounds } from './disclosure-control';
import { controlWaitingList, waitingListTable } from './manager-figures';
import { expectNoneSolvable, loadAttacker, recorder } from './testing/disclosure-attack';

beforeAll(loadAttacker);

describe('disclosure control of the waiting list, through every filter', () => {
  const municipalities = ['Pekela', 'Veendam', 'Groningen'];
  const careForms = ['foster-care', 'crisis-care'];
  const providers = ['accare', 'elker'];

  const cell = fc.record({
    stage: fc.constantFrom('analysis' as const, 'plan' as const, 'care' as const),
    municipality: fc.constantFrom(...municipalities),
    careForm: fc.constantFrom(...careForms),
    providerId: fc.constantFrom(...providers),
    waiting: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 25 })),
    overFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  });

  /** The finest cells, one per group, as `waitingCells` answers them. */
  function finest(
    drawn: ReadonlyArray<typeof cell extends fc.Arbitrary<infer T> ? T : never>,
  ): WaitingCell[] {
    const byGroup = new Map<string, WaitingCell>();
    for (const d of drawn) {
      const care = d.stage === 'care';
      const group: WaitingCell = {
        stage: d.stage,
        municipality: d.municipality,
        careForm: care ? d.careForm : null,
        providerId: care ? d.providerId : null,
        waiting: d.waiting,
        overNorm: Math.floor(d.waiting * d.overFraction),
      };
      byGroup.set(
        JSON.stringify([group.stage, group.municipality, group.careForm, group.providerId]),
        group,
      );
    }
    return [...byGroup.values()];
  }

  /** What `waitingListFigures` answers for a filter, from the same cells (counts only: days are not at issue). */
  function figuresFor(
    cells: WaitingCell[],
    filter: { municipality?: string; careForm?: string; providerId?: string },
  ): WaitingListFigures {
    const inFilter = (c: WaitingCell, stage: string) =>
      c.stage === stage &&
      (!filter.municipality || c.municipality === filter.municipality) &&
      (stage !== 'care' ||
        ((!filter.careForm || c.careForm === filter.careForm) &&
          (!filter.providerId || c.providerId === filter.providerId)));
    const block = (selected: WaitingCell[]) => {
      const waiting = selected.reduce((sum, c) => sum + c.waiting, 0);
      return {
        waiting,
        medianDays: waiting ? 1 : null,
        p90Days: waiting ? 1 : null,
        maxDays: waiting ? 1 : null,
        overNorm: waiting ? selected.reduce((sum, c) => sum + c.overNorm, 0) : null,
      };
    };
    const stages = (more: (c: WaitingCell) => boolean) => ({
      analysis: block(cells.filter((c) => inFilter(c, 'analysis') && more(c))),
      plan: block(cells.filter((c) => inFilter(c, 'plan') && more(c))),
      care: block(cells.filter((c) => inFilter(c, 'care') && more(c))),
    });
    const care = cells.filter((c) => inFilter(c, 'care'));
    return {
      asOf: '2026-01-01T00:00:00.000Z',
      stages: stages(() => true),
      byCareForm: (filter.careForm ? [filter.careForm] : careForms).map((careForm) => ({
        careForm,
        ...block(care.filter((c) => c.careForm === careForm)),
      })),
      byProvider: [...new Set(care.map((c) => c.providerId!))].sort().map((providerId) => ({
        providerId,
        ...block(care.filter((c) => c.providerId === providerId)),
      })),
      byMunicipality: (filter.municipality ? [filter.municipality] : municipalities).map(
        (municipality) => ({
          municipality,
          ...block(care.filter((c) => c.municipality === municipality)),
          stages: stages((c) => c.municipality === municipality),
        }),
      ),
    };
  }

  it('publishes, through all filters together, no hidden count a manager can solve for', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 14 }), (drawn) => {
        const cells = finest(drawn);
        const table = waitingListTable(cells);
        // 1. Every answer a manager can ask for: each combination of the three filters.
        const published = new Map<string, number | null>();
        const record = recorder(published);
        const K = (measure: string, stage: string, m = '*', f = '*', p = '*') =>
          JSON.stringify([measure, stage, m, f, p]);
        for (const m of [undefined, ...municipalities])
          for (const f of [undefined, ...careForms])
            for (const p of [undefined, ...providers]) {
              const filter = { municipality: m, careForm: f, providerId: p };
              const answer = controlWaitingList(figuresFor(cells, filter), filter, cells, 5);
              const blockAt = (
                b: { waiting: number | null; overNorm: number | null },
                stage: string,
                km?: string,
                kf?: string,
                kp?: string,
              ) => {
                record(K('waiting', stage, km, kf, kp), b.waiting);
                if (b.waiting !== 0) record(K('overNorm', stage, km, kf, kp), b.overNorm);
              };
              for (const stage of ['analysis', 'plan'] as const)
                blockAt(answer.stages[stage], stage, m);
              blockAt(answer.stages.care, 'care', m, f, p);
              for (const b of answer.byCareForm) blockAt(b, 'care', m, b.careForm, p);
              for (const b of answer.byProvider) blockAt(b, 'care', m, f, b.providerId);
              for (const b of answer.byMunicipality) {
                blockAt(b, 'care', b.municipality, f, p);
                for (const stage of ['analysis', 'plan'] as const)
                  blockAt(b.stages[stage], stage, b.municipality);
              }
            }
        // 2–4. No shown count is small, and none of the hidden ones can be solved for.
        expectNoneSolvable(table, published, 5);
      }),
      { numRuns: Number(process.env.SDC_RUNS ?? 60) },
    );
  });

  it("decides on a region-sized table (the benchmark's) and leaves no hidden cell fixed over the whole table", () => {
    // Every municipality × care form × provider of the default region, many of them small: `cellsToHide` works
    // per component of unknowns; checked here by the elimination and the bounds over the whole table at once.
    const threshold = 5;
    const table = waitingListTable(regionSizedWaitingCells(1));
    const hidden = cellsToHide(table, threshold);
    for (const [key, value] of table.values)
      if (!table.unpublished.has(key) && value >= 1 && value < threshold)
        expect({ key, hidden: hidden.has(key) }).toEqual({ key, hidden: true });
    for (const key of hidden)
      expect({ key, zero: table.values.get(key) === 0 }).toEqual({ key, zero: false });
    const unknown = new Set([...hidden, ...table.unpublished]);
    const guarded = (key: string) =>
      hidden.has(key) ||
      ((table.values.get(key) ?? 0) >= 1 && (table.values.get(key) ?? 0) < threshold);
    const fixed = [
      ...fixedUnknowns(table.relations, unknown),
      ...pinnedByBounds(
        table.relations,
        unknown,
        table.unpublished,
        (key) => table.values.get(key) ?? 0,
      ),
    ].filter(guarded);
    expect(fixed).toEqual([]);
    expect(hidden.size).toBeGreaterThan(0);
  });

  it('shows an empty group as empty, never as hidden', () => {
    const cells: WaitingCell[] = [
      {
        stage: 'care',
        municipality: 'Pekela',
        careForm: 'foster-care',
        providerId: 'elker',
        waiting: 2,
        overNorm: 1,
      },
      {
        stage: 'care',
        municipality: 'Groningen',
        careForm: 'foster-care',
        providerId: 'elker',
        waiting: 30,
        overNorm: 9,
      },
      {
        stage: 'care',
        municipality: 'Veendam',
        careForm: 'foster-care',
        providerId: 'elker',
        waiting: 12,
        overNorm: 4,
      },
    ];
    // Nobody waits for crisis care: its block is 0 with a null overNorm, as before any suppression.
    const answer = controlWaitingList(figuresFor(cells, {}), {}, cells, 5);
    const crisis = answer.byCareForm.find((b) => b.careForm === 'crisis-care')!;
    expect(crisis).toEqual({
      careForm: 'crisis-care',
      waiting: 0,
      medianDays: null,
      p90Days: null,
      maxDays: null,
      overNorm: null,
    });
    expect(answer.stages.analysis).toMatchObject({ waiting: 0, overNorm: null });
    expect(answer.stages.analysis).not.toHaveProperty('suppressed');
    // The small group beside it is hidden all the same.
    const pekela = answer.byMunicipality.find((b) => b.municipality === 'Pekela')!;
    expect(pekela).toMatchObject({ waiting: null, suppressed: true });
  });
});
