import { DEFAULT_REGION, type RegionConfig } from '@samenspoor/domain';
import { describeWithPostgres } from '@samenspoor/testing';

import type { TestFamily } from '../testing/family-commands';
import {
  allEvents,
  openProjectionHarness,
  tablesBeside,
  type ProjectionHarness,
} from '../testing/projection-harness';
import { safetyOverviewProjection } from './safety-overview.projection';
import { safetyOverview } from './safety-overview.queries';
import { ROUTE_LISTS } from './safety-overview.route-lists';

type ListName = (typeof ROUTE_LISTS)[number];
type View = Record<ListName, string[]>;

const EMPTY = Object.fromEntries(ROUTE_LISTS.map((list) => [list, [] as string[]])) as View;

/**
 * The lists of the route as the region runs it, hand-computed with the default norms (42, 28, 1, 42 days).
 * Every family is registered 2026-01-01T00:00 and, but for M1, signalled 2026-01-01T10:00 (regular).
 * C1  analysis, plan 01-04T10; care requested 01-05T10, started 01-10T10; no MDO
 *     → inCareWithoutMdo since 01-10T10 + 42 d = 02-21T10
 * C2  as C1, with an MDO on 02-01T10 after the plan → never listed
 * C3  no plan; running care recorded 01-05T10, running since 2025-11-01; ended 03-01T10
 *     → inCareWithoutMdo from its recording until 03-01T10, since the later of 2025-11-01 + 42 d and the case's
 *       first signal = 01-01T10
 * P1  plan 01-04T10, care requested only 02-10T10 → planWithoutCare since 02-01T10 until 02-10T10
 * E1  plan 01-04T10 evaluateBy 03-01T00, never care; evaluated 03-05T10 with nextEvaluateBy 04-01T00
 *     → planWithoutCare since 02-01T10; evaluationOverdue since 03-01T00 (after it) until 03-05T10, then since
 *       04-01T00 (after it)
 * K1  crisis signal, crisis care requested 01-03T10 → openCrisis since 01-02T10 until 01-03T10
 * K2  crisis signal, consultation advises the regular route 01-01T12 (the case closes) → never listed, nor on
 *     noCaseDirector; a new signal 03-01T10 opens a new case (noCaseDirector since 03-15T10)
 * M1  no signal; a supervision order recorded 01-10T10, running since 2025-12-01, ended 03-01T10
 *     → protectionMeasureActive since 2025-12-01T00 from 01-10T10 until 03-01T10
 * A1  safety assessed `concerns` 01-05T10, `safe` 03-01T10 → reassessmentDue since 02-16T10 until 03-01T10
 * Analyses are completed `safe`, so that only A1 has a level to reassess.
 */
function suite(kind: 'pglite' | 'postgres'): void {
  let h: ProjectionHarness;
  let f: Record<'C1' | 'C2' | 'C3' | 'P1' | 'E1' | 'K1' | 'K2' | 'M1' | 'A1', TestFamily>;
  let labels: Map<string, string>;

  async function view(
    asOf: string,
    t = h.tables.live(safetyOverviewProjection),
    region: RegionConfig = DEFAULT_REGION,
  ): Promise<View> {
    const overview = await safetyOverview(h.database, t, region, new Date(asOf));
    const narrow = (list: ListName) =>
      overview[list]
        .filter((item) => labels.has(item.familyId))
        .map((item) => `${labels.get(item.familyId)} ${item.since}`);
    return Object.fromEntries(ROUTE_LISTS.map((list) => [list, narrow(list)])) as View;
  }

  /** Register, signal, director, analysis (completed safe) and plan on 01-04T10. */
  const planned = (family: TestFamily, evaluateBy?: string) =>
    family.onTrack('2026-01-01', 'safe', evaluateBy);

  beforeAll(async () => {
    h = await openProjectionHarness(kind, [safetyOverviewProjection], { batchSize: 1 });
    f = {
      C1: await h.family('Groningen', (x) => [
        ...planned(x),
        x.requestCare('2026-01-05T10:00:00Z', 'trauma-treatment', 'accare'),
        x.startCare('2026-01-10T10:00:00Z'),
      ]),
      C2: await h.family('Groningen', (x) => [
        ...planned(x),
        x.requestCare('2026-01-05T10:00:00Z', 'trauma-treatment', 'accare'),
        x.startCare('2026-01-10T10:00:00Z'),
        x.mdo('2026-02-01T10:00:00Z', '2026-12-01T00:00:00Z'),
      ]),
      C3: await h.family('Groningen', (x) => [
        ...x.signalled('2026-01-01'),
        x.runningCare('2026-01-05T10:00:00Z', '2025-11-01T00:00:00Z', 'foster-care', 'elker'),
        x.endCare('2026-03-01T10:00:00Z'),
      ]),
      P1: await h.family('Groningen', (x) => [
        ...planned(x),
        x.requestCare('2026-02-10T10:00:00Z', 'trauma-treatment', 'accare'),
      ]),
      E1: await h.family('Groningen', (x) => [
        ...planned(x, '2026-03-01T00:00:00Z'),
        x.evaluatePlan('2026-03-05T10:00:00Z', '2026-04-01T00:00:00Z'),
      ]),
      K1: await h.family('Pekela', (x) => [
        ...x.signalled('2026-01-01', 'crisis'),
        x.requestCare('2026-01-03T10:00:00Z', 'crisis-care', 'crisisdienst'),
      ]),
      K2: await h.family('Pekela', (x) => [
        ...x.signalled('2026-01-01', 'crisis'),
        x.consult('2026-01-01T12:00:00Z', 'regular-route'),
        x.signal('2026-03-01T10:00:00Z'),
      ]),
      M1: await h.family('Pekela', (x) => [
        x.register('2026-01-01T00:00:00Z'),
        x.imposeMeasure('2026-01-10T10:00:00Z', '2025-12-01T00:00:00Z'),
        x.endMeasure('2026-03-01T10:00:00Z'),
      ]),
      A1: await h.family('Pekela', (x) => [
        ...x.signalled('2026-01-01'),
        x.assessSafety('2026-01-05T10:00:00Z', 'concerns'),
        x.assessSafety('2026-03-01T10:00:00Z', 'safe'),
      ]),
    };
    labels = new Map(Object.entries(f).map(([label, family]) => [family.familyId, label]));
    await h.settled();
  }, 120_000);

  afterAll(() => h.close());

  /** Each moment with the lists then; P1 and E1 tie on `since` and come in family id order. */
  const planWithoutCareFeb = () =>
    [f.P1, f.E1]
      .sort((a, b) => (a.familyId < b.familyId ? -1 : 1))
      .map((family) => `${labels.get(family.familyId)} 2026-02-01T10:00:00.000Z`);
  const expectations = (): [string, View][] => [
    ['2026-01-02T09:59:59.999Z', EMPTY],
    ['2026-01-02T10:00:00.000Z', { ...EMPTY, openCrisis: ['K1 2026-01-02T10:00:00.000Z'] }],
    ['2026-01-03T10:00:00.000Z', EMPTY],
    ['2026-01-05T09:59:59.999Z', EMPTY],
    ['2026-01-05T10:00:00.000Z', { ...EMPTY, inCareWithoutMdo: ['C3 2026-01-01T10:00:00.000Z'] }],
    [
      '2026-01-10T10:00:00.000Z',
      {
        ...EMPTY,
        inCareWithoutMdo: ['C3 2026-01-01T10:00:00.000Z'],
        protectionMeasureActive: ['M1 2025-12-01T00:00:00.000Z'],
      },
    ],
    [
      '2026-02-01T10:00:00.000Z',
      {
        ...EMPTY,
        inCareWithoutMdo: ['C3 2026-01-01T10:00:00.000Z'],
        planWithoutCare: planWithoutCareFeb(),
        protectionMeasureActive: ['M1 2025-12-01T00:00:00.000Z'],
      },
    ],
    [
      '2026-02-21T09:59:59.999Z',
      {
        ...EMPTY,
        inCareWithoutMdo: ['C3 2026-01-01T10:00:00.000Z'],
        planWithoutCare: ['E1 2026-02-01T10:00:00.000Z'],
        protectionMeasureActive: ['M1 2025-12-01T00:00:00.000Z'],
        reassessmentDue: ['A1 2026-02-16T10:00:00.000Z'],
      },
    ],
    [
      '2026-02-21T10:00:00.000Z',
      {
        ...EMPTY,
        inCareWithoutMdo: ['C3 2026-01-01T10:00:00.000Z', 'C1 2026-02-21T10:00:00.000Z'],
        planWithoutCare: ['E1 2026-02-01T10:00:00.000Z'],
        protectionMeasureActive: ['M1 2025-12-01T00:00:00.000Z'],
        reassessmentDue: ['A1 2026-02-16T10:00:00.000Z'],
      },
    ],
    [
      '2026-03-01T00:00:00.000Z',
      {
        ...EMPTY,
        inCareWithoutMdo: ['C3 2026-01-01T10:00:00.000Z', 'C1 2026-02-21T10:00:00.000Z'],
        planWithoutCare: ['E1 2026-02-01T10:00:00.000Z'],
        protectionMeasureActive: ['M1 2025-12-01T00:00:00.000Z'],
        reassessmentDue: ['A1 2026-02-16T10:00:00.000Z'],
      },
    ],
    [
      '2026-03-01T10:00:00.000Z',
      {
        ...EMPTY,
        inCareWithoutMdo: ['C1 2026-02-21T10:00:00.000Z'],
        planWithoutCare: ['E1 2026-02-01T10:00:00.000Z'],
        evaluationOverdue: ['E1 2026-03-01T00:00:00.000Z'],
      },
    ],
    [
      '2026-03-05T10:00:00.000Z',
      {
        ...EMPTY,
        inCareWithoutMdo: ['C1 2026-02-21T10:00:00.000Z'],
        planWithoutCare: ['E1 2026-02-01T10:00:00.000Z'],
      },
    ],
    [
      '2026-04-01T00:00:00.000Z',
      {
        ...EMPTY,
        inCareWithoutMdo: ['C1 2026-02-21T10:00:00.000Z'],
        planWithoutCare: ['E1 2026-02-01T10:00:00.000Z'],
      },
    ],
    [
      '2026-04-01T00:00:00.001Z',
      {
        ...EMPTY,
        inCareWithoutMdo: ['C1 2026-02-21T10:00:00.000Z'],
        planWithoutCare: ['E1 2026-02-01T10:00:00.000Z'],
        evaluationOverdue: ['E1 2026-04-01T00:00:00.000Z'],
      },
    ],
  ];

  it('lists each family from the moment its condition begins until it ends (hand-computed)', async () => {
    for (const [asOf, expected] of expectations()) {
      expect({ asOf, ...(await view(asOf)) }).toEqual({ asOf, ...expected });
    }
  });

  it('takes the day norms from the region configuration', async () => {
    const region = {
      ...DEFAULT_REGION,
      safety: { ...DEFAULT_REGION.safety, reassessmentDays: 10 },
    };
    const t = h.tables.live(safetyOverviewProjection);
    expect((await view('2026-01-15T10:00:00.000Z', t, region)).reassessmentDue).toEqual([
      'A1 2026-01-15T10:00:00.000Z',
    ]);
    expect((await view('2026-01-15T09:59:59.999Z', t, region)).reassessmentDue).toEqual([]);
  });

  it('no longer flags the norms of a case a consultation closed; a later signal opens a new case', async () => {
    const t = h.tables.live(safetyOverviewProjection);
    const noDirector = async (asOf: string) =>
      (await safetyOverview(h.database, t, DEFAULT_REGION, new Date(asOf))).noCaseDirector
        .filter((item) => item.familyId === f.K1.familyId || item.familyId === f.K2.familyId)
        .map((item) => `${labels.get(item.familyId)} ${item.since}`);
    // K1 (open, no director) since 01-15T10; K2 closed on 01-01T12, its new case of 03-01T10 since 03-15T10.
    expect(await noDirector('2026-02-01T00:00:00.000Z')).toEqual(['K1 2026-01-15T10:00:00.000Z']);
    expect(await noDirector('2026-03-15T10:00:00.000Z')).toEqual([
      'K1 2026-01-15T10:00:00.000Z',
      'K2 2026-03-15T10:00:00.000Z',
    ]);
  });

  it('gives identical lists when rebuilt from all events in one batch, and when applied again', async () => {
    const live = h.tables.live(safetyOverviewProjection);
    const once = await tablesBeside(h, safetyOverviewProjection, 'once');
    const events = await allEvents(h);
    await safetyOverviewProjection.apply(h.database, events, once);
    await safetyOverviewProjection.apply(h.database, events, live);
    for (const [asOf, expected] of expectations()) {
      expect({ asOf, ...(await view(asOf, once)) }).toEqual({ asOf, ...expected });
      expect({ asOf, ...(await view(asOf, live)) }).toEqual({ asOf, ...expected });
    }
  });
}

describe('safety overview, the route as the region runs it (embedded store)', () =>
  suite('pglite'));
describeWithPostgres('safety overview, the route as the region runs it (PostgreSQL)', () =>
  suite('postgres'),
);
