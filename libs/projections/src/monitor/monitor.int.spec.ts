import { DEFAULT_REGION, SIGNAL_SOURCES } from '@samenspoor/domain';
import { START } from '@samenspoor/event-store';
import { describeWithPostgres } from '@samenspoor/testing';

import { rebuildInto } from '../rebuild';
import { expectMonthsAsPeriods } from '../testing/monitor-history';
import {
  caughtUp,
  countsOf,
  useProjectionHarness,
  type ProjectionHarness,
} from '../testing/projection-harness';
import type { TableNames } from '../projection';
import { monitorProjection, type MonitorTables } from './monitor.projection';
import { monitorFigures } from './monitor.queries';
import { MONITOR_STATUSES } from './monitor.family';

/**
 * A small region, hand-computed (all times UTC):
 *
 * Pekela
 *   A registered 02-20; signal 03-01T00:00 (gp; trauma, debts); analysis 03-11T12:00 (wait 10 days), completed
 *     03-20T00:00, plan 03-31T23:59 (wait 11); foster care (out-of-home) requested 04-01, started 04-04
 *     (wait 3), ended 04-30T10:00 by breakdown; case director p1 on 03-02, p2 on 04-15 (a change); MDOs 04-10
 *     with the family, 04-20 without.
 *   B registered 02-27; crisis signal 02-28T23:59 (local team; domestic violence); crisis care requested
 *     03-01T00:00 and started 03-01T12:00 (wait 0); analysis 03-02T00:00 (wait 1).
 *   C registered 03-31T23:00; urgent signal 03-31T23:59:59 (education; anxiety); analysis 04-01T00:00 (wait 0).
 *   D signal 02-01, analysis 02-05 (wait 4), completed 02-10, plan 02-17 (wait 7); day treatment requested
 *     02-18, started 03-15 (wait 25), ended 05-01; outflow 05-02 (follow-ups due 08-02 and 11-02); 3-month
 *     follow-up 08-10; re-entry 10-01 (within 12 months; the 6-month moment 11-02 is then no longer due).
 * Oldambt
 *   E registered 01-01, signal 01-10, analysis 01-20; then a signal of the same case logged with business time
 *   01-05: the analysis wait began then (15 days, not 10).
 */
async function seed(h: ProjectionHarness): Promise<string[]> {
  const a = await h.family('Pekela', (a) => [
    a.register('2026-02-20T10:00:00Z'),
    a.signal('2026-03-01T00:00:00Z', 'regular', { source: 'gp', concerns: ['trauma', 'debts'] }),
    a.join('2026-03-02T00:00:00Z', 'p1'),
    a.assignDirector('2026-03-02T00:00:00Z', 'p1'),
    a.startAnalysis('2026-03-11T12:00:00Z'),
    a.completeAnalysis('2026-03-20T00:00:00Z'),
    a.adoptPlan('2026-03-31T23:59:00Z'),
    a.requestCare('2026-04-01T00:00:00Z', 'foster-care', 'pleegzorg'),
    a.startCare('2026-04-04T00:00:00Z'),
    a.mdo('2026-04-10T00:00:00Z', '2026-05-10T00:00:00Z', true),
    a.join('2026-04-15T00:00:00Z', 'p2'),
    a.assignDirector('2026-04-15T00:00:00Z', 'p2'),
    a.mdo('2026-04-20T00:00:00Z', '2026-05-20T00:00:00Z', false),
    a.endCare('2026-04-30T10:00:00Z', undefined, 'breakdown'),
  ]);
  const b = await h.family('Pekela', (b) => [
    b.register('2026-02-27T00:00:00Z'),
    b.signal('2026-02-28T23:59:00Z', 'crisis', {
      source: 'local-team',
      concerns: ['domestic-violence'],
    }),
    b.requestCare('2026-03-01T00:00:00Z', 'crisis-care', 'accare'),
    b.startCare('2026-03-01T12:00:00Z'),
    b.startAnalysis('2026-03-02T00:00:00Z'),
  ]);
  const c = await h.family('Pekela', (c) => [
    c.register('2026-03-31T23:00:00Z'),
    c.signal('2026-03-31T23:59:59Z', 'urgent', { source: 'education', concerns: ['anxiety'] }),
    c.startAnalysis('2026-04-01T00:00:00Z'),
  ]);
  const d = await h.family('Pekela', (d) => [
    d.register('2026-01-31T00:00:00Z'),
    d.signal('2026-02-01T00:00:00Z'),
    d.startAnalysis('2026-02-05T00:00:00Z'),
    d.completeAnalysis('2026-02-10T00:00:00Z'),
    d.adoptPlan('2026-02-17T00:00:00Z'),
    d.requestCare('2026-02-18T00:00:00Z', 'day-treatment', 'lentis'),
    d.startCare('2026-03-15T00:00:00Z'),
    d.endCare('2026-05-01T00:00:00Z'),
    d.outflow('2026-05-02T00:00:00Z'),
    d.followUp('2026-08-10T00:00:00Z', 3),
    d.signal('2026-10-01T00:00:00Z'),
  ]);
  const e = await h.family('Oldambt', (e) => [
    e.register('2026-01-01T00:00:00Z'),
    e.signal('2026-01-10T00:00:00Z'),
    e.startAnalysis('2026-01-20T00:00:00Z'),
    e.signal('2026-01-05T00:00:00Z'),
  ]);
  const streams = [a, b, c, d, e].map((family) => `family-${family.familyId}`);
  await caughtUp(h, monitorProjection, streams);
  return streams;
}

function suite(kind: 'pglite' | 'postgres'): void {
  const h = useProjectionHarness(kind, [monitorProjection], seed);
  const t = (): TableNames<MonitorTables> => h.tables.live(monitorProjection);
  /** Pekela's figures, or another municipality's, or (null) the region's. */
  const figures = (from: string, to: string, municipality: string | null = 'Pekela') =>
    monitorFigures(
      h.database,
      t(),
      DEFAULT_REGION,
      { from, to },
      municipality === null ? {} : { municipality },
    );

  it('gives every block of a month, hand-computed (March 2026, Pekela)', async () => {
    expect(await figures('2026-03-01', '2026-03-31')).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      municipality: 'Pekela',
      // A on the first moment of March and C on the last; B signalled on 28 February.
      inflow: {
        cases: 2,
        reentries: 0,
        bySource: countsOf(SIGNAL_SOURCES, { gp: 1, education: 1 }),
        byUrgency: { regular: 1, urgent: 1, crisis: 0 },
        byConcern: expect.objectContaining({
          trauma: 1,
          debts: 1,
          anxiety: 1,
          'domestic-violence': 0,
        }),
      },
      // At the end of 31 March: A planned (23:59), B and D in care, C signalled (23:59:59).
      statusAtEnd: countsOf(MONITOR_STATUSES, { signalled: 1, planned: 1, 'in-care': 2 }),
      // Analysis: B 1 and A 10 → median 5.5, p90 the 2nd of 2 = 10. Plan: A 11. Care: B 0 and D 25.
      realisedWaits: {
        analysis: { count: 2, medianDays: 5.5, p90Days: 10 },
        plan: { count: 1, medianDays: 11, p90Days: 11 },
        care: { count: 2, medianDays: 12.5, p90Days: 25 },
      },
      crises: { signals: 0, crisisCareRequests: 1 },
      outOfHome: { started: 0, activeAtEnd: 0 },
      careEnded: { total: 0, breakdown: 0 },
      followUps: { months3: { due: 0, done: 0 }, months6: { due: 0, done: 0 } },
      goals: { evaluated: 0, achieved: 0, partlyAchieved: 0, notAchieved: 0 },
      mdos: { held: 0, familyPresent: 0 },
      protectionMeasures: { imposed: 0, activeAtEnd: 0 },
      caseDirectorChanges: 0,
    });
  });

  it('gives the next month: out-of-home care, care ended, MDOs and a change of case director', async () => {
    expect(await figures('2026-04-01', '2026-04-30')).toMatchObject({
      inflow: { cases: 0, reentries: 0 },
      // End of April: A planned again (its care ended), B and D in care, C in analysis.
      statusAtEnd: countsOf(MONITOR_STATUSES, { 'in-analysis': 1, planned: 1, 'in-care': 2 }),
      realisedWaits: {
        analysis: { count: 1, medianDays: 0, p90Days: 0 },
        plan: { count: 0, medianDays: null, p90Days: null },
        care: { count: 1, medianDays: 3, p90Days: 3 },
      },
      outOfHome: { started: 1, activeAtEnd: 0 },
      careEnded: { total: 1, breakdown: 1 },
      mdos: { held: 2, familyPresent: 1 },
      caseDirectorChanges: 1,
    });
  });

  it('includes the first and the last day of a period, whatever its length', async () => {
    const day = (d: string) => figures(d, d);
    expect((await day('2026-03-01')).inflow.cases).toBe(1);
    expect((await day('2026-03-01')).crises.crisisCareRequests).toBe(1);
    expect((await day('2026-02-28')).crises.signals).toBe(1);
    expect((await day('2026-03-31')).inflow).toMatchObject({ cases: 1, byUrgency: { urgent: 1 } });
    expect((await day('2026-03-31')).realisedWaits.plan.count).toBe(1);
    expect((await day('2026-04-04')).outOfHome).toEqual({ started: 1, activeAtEnd: 1 });
    expect((await day('2026-04-29')).outOfHome).toEqual({ started: 0, activeAtEnd: 1 });
    expect((await day('2026-04-30')).outOfHome).toEqual({ started: 0, activeAtEnd: 0 });
    expect((await day('2026-04-30')).careEnded).toEqual({ total: 1, breakdown: 1 });
    // Part of February, all of March, part of April: B (02-28), A and C; the waits of B, A, D, A's plan, C, A's
    // care up to 04-15.
    const across = await figures('2026-02-15', '2026-04-15');
    expect(across.inflow.cases).toBe(3);
    expect(across.crises).toEqual({ signals: 1, crisisCareRequests: 1 });
    expect(across.realisedWaits.analysis).toEqual({ count: 3, medianDays: 1, p90Days: 10 });
    expect(across.realisedWaits.plan).toEqual({ count: 2, medianDays: 9, p90Days: 11 });
    expect(across.realisedWaits.care).toEqual({ count: 3, medianDays: 3, p90Days: 25 });
    expect(across.statusAtEnd).toEqual(
      countsOf(MONITOR_STATUSES, { 'in-analysis': 1, 'in-care': 3 }),
    );
    // Before the region's first event, and the day before C was registered: C is not counted yet.
    expect((await figures('2025-01-01', '2025-12-31')).statusAtEnd).toEqual(
      countsOf(MONITOR_STATUSES),
    );
    expect((await day('2026-03-30')).statusAtEnd).toEqual(
      countsOf(MONITOR_STATUSES, { 'in-analysis': 1, 'in-care': 2 }),
    );
  });

  it('follows up at 3 and 6 months, and counts a re-entry within 12 months', async () => {
    expect((await figures('2026-05-01', '2026-05-31')).statusAtEnd.outflowed).toBe(1);
    // 02-08: D's 3-month moment, done on 08-10.
    expect((await figures('2026-08-01', '2026-08-31')).followUps).toEqual({
      months3: { due: 1, done: 1 },
      months6: { due: 0, done: 0 },
    });
    // 11-02: D's 6-month moment, no longer due: the family came back on 10-01.
    expect((await figures('2026-11-01', '2026-11-30')).followUps.months6).toEqual({
      due: 0,
      done: 0,
    });
    expect((await figures('2026-10-01', '2026-10-31')).inflow).toMatchObject({
      cases: 1,
      reentries: 1,
    });
  });

  it('starts the analysis wait at the earliest signal of the case, also one logged later', async () => {
    expect((await figures('2026-01-01', '2026-01-31', 'Oldambt')).realisedWaits.analysis).toEqual({
      count: 1,
      medianDays: 15,
      p90Days: 15,
    });
  });

  it('gives the region as the sum of its municipalities', async () => {
    const region = await figures('2026-01-01', '2026-03-31', null);
    expect(region.municipality).toBeNull();
    // Pekela: D, B, A, C; Oldambt: E.
    expect(region.inflow.cases).toBe(5);
    expect(region.realisedWaits.analysis).toEqual({ count: 4, medianDays: 7, p90Days: 15 });
  });

  it('answers a history whose every month equals the single-period answer for it', async () => {
    const months = await expectMonthsAsPeriods(h, 'Pekela', '2025-12-15', '2026-11-02', figures);
    expect(months.map((m) => m.month)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
  });

  it('changes nothing when events are applied again, and a rebuild in one batch agrees', async () => {
    const before = await figures('2026-01-01', '2026-12-31', null);
    const march = await figures('2026-03-01', '2026-03-31');
    const { events } = await h.store.readAll({ after: START, limit: 10_000 });
    await h.database.transaction((tx) => monitorProjection.apply(tx, events, t()));
    expect(await figures('2026-01-01', '2026-12-31', null)).toEqual(before);

    await rebuildInto(h.database, h.store, h.tables, monitorProjection, { batchSize: 10_000 });
    const rebuilt = h.tables.rebuilding(monitorProjection);
    const fromRebuilt = (from: string, to: string, municipality?: string) =>
      monitorFigures(h.database, rebuilt, DEFAULT_REGION, { from, to }, { municipality });
    expect(await fromRebuilt('2026-01-01', '2026-12-31')).toEqual(before);
    expect(await fromRebuilt('2026-03-01', '2026-03-31', 'Pekela')).toEqual(march);
  });

  it('refuses a period that is not made of valid days', async () => {
    await expect(figures('2026-02-30', '2026-03-01')).rejects.toThrow(RangeError);
    await expect(figures('2026-03-02', '2026-03-01')).rejects.toThrow(RangeError);
  });
}

describe('managers’ monitor (embedded store)', () => suite('pglite'));
describeWithPostgres('managers’ monitor (PostgreSQL)', () => suite('postgres'));
