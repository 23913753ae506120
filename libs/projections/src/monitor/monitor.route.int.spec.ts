import { DEFAULT_REGION } from '@samenspoor/domain';
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
import { MONITOR_STATUSES } from './monitor.family';
import { monitorBlocks } from './monitor.figures';
import { monitorProjection, type MonitorTables } from './monitor.projection';
import { monitorFigures, monitorMonthRows } from './monitor.queries';

const statuses = (counts: Record<string, number>) => countsOf(MONITOR_STATUSES, counts);

/**
 * The events of the route as the region runs it, in the monitor, hand-computed (Veendam, all times UTC):
 *
 *   F registered 01-05; signal 01-10, analysis 01-12 (wait 2), completed 01-15, plan 01-20 (planned); foster
 *     care (out-of-home) already running since 2025-12-20, recorded 02-03 (planned still: running care is not
 *     the route's care); goal evaluated 02-10 not achieved, 02-25 partly, 03-05 achieved; outflow 03-20 with
 *     the foster care handed over (not active from 03-20, not an end); the handed-over care ends 04-15.
 *   G registered 01-02; signal 01-03; consultation 01-08 "no-action" closes the case (not-admitted, its
 *     analysis wait ends unrealised); supervision order recorded 02-01, started 01-25, ended 04-10; a signal
 *     05-04 opens case 2 (signalled), not a re-entry.
 *
 * Pekela
 *   H planned 06-01..06-04; goal evaluated 06-20 achieved, then one logged later with business time 06-10 not
 *     achieved, then 07-05 partly: in business time not achieved (06-10), achieved (06-20), partly (07-05).
 */
async function seed(h: ProjectionHarness): Promise<void> {
  const f = await h.family('Veendam', (f) => [
    f.register('2026-01-05T09:00:00Z'),
    f.signal('2026-01-10T00:00:00Z'),
    f.startAnalysis('2026-01-12T00:00:00Z'),
    f.completeAnalysis('2026-01-15T00:00:00Z'),
    f.adoptPlan('2026-01-20T00:00:00Z'),
    f.runningCare('2026-02-03T00:00:00Z', '2025-12-20T00:00:00Z', 'foster-care', 'pleegzorg'),
    f.evaluatePlan('2026-02-10T00:00:00Z', undefined, 'not-achieved'),
    f.evaluatePlan('2026-02-25T00:00:00Z', undefined, 'partly-achieved'),
    f.evaluatePlan('2026-03-05T00:00:00Z', undefined, 'achieved'),
    f.outflow('2026-03-20T00:00:00Z', 'local-team', [f.trajectories[0]!]),
    f.endCare('2026-04-15T00:00:00Z', f.trajectories[0]),
  ]);
  const g = await h.family('Veendam', (g) => [
    g.register('2026-01-02T09:00:00Z'),
    g.signal('2026-01-03T00:00:00Z'),
    g.consult('2026-01-08T00:00:00Z', 'no-action'),
    g.imposeMeasure('2026-02-01T00:00:00Z', '2026-01-25T00:00:00Z'),
    g.endMeasure('2026-04-10T00:00:00Z'),
    g.signal('2026-05-04T00:00:00Z'),
  ]);
  const hf = await h.family('Pekela', (hf) => [
    ...hf.planned('2026-06-01T00:00:00Z'),
    hf.evaluatePlan('2026-06-20T00:00:00Z', undefined, 'achieved'),
    hf.evaluatePlan('2026-06-10T00:00:00Z', undefined, 'not-achieved'),
    hf.evaluatePlan('2026-07-05T00:00:00Z', undefined, 'partly-achieved'),
  ]);
  await caughtUp(h, monitorProjection, [
    `family-${f.familyId}`,
    `family-${g.familyId}`,
    `family-${hf.familyId}`,
  ]);
}

function suite(kind: 'pglite' | 'postgres'): void {
  const h = useProjectionHarness(kind, [monitorProjection], seed);
  const t = (): TableNames<MonitorTables> => h.tables.live(monitorProjection);
  const figures = (from: string, to: string, tables = t()) =>
    monitorFigures(h.database, tables, DEFAULT_REGION, { from, to }, { municipality: 'Veendam' });

  it('counts goals by their latest evaluation in the period', async () => {
    const goals = (evaluated: number, counts: Record<string, number> = {}) => ({
      evaluated,
      achieved: counts.achieved ?? 0,
      partlyAchieved: counts.partlyAchieved ?? 0,
      notAchieved: counts.notAchieved ?? 0,
    });
    expect((await figures('2026-01-01', '2026-01-31')).goals).toEqual(goals(0));
    expect((await figures('2026-02-01', '2026-02-28')).goals).toEqual(
      goals(1, { partlyAchieved: 1 }),
    );
    expect((await figures('2026-02-10', '2026-02-24')).goals).toEqual(goals(1, { notAchieved: 1 }));
    expect((await figures('2026-03-01', '2026-03-31')).goals).toEqual(goals(1, { achieved: 1 }));
    expect((await figures('2026-01-01', '2026-12-31')).goals).toEqual(goals(1, { achieved: 1 }));
  });

  it('counts goals by their latest evaluation in business time, also one logged later', async () => {
    const goals = async (from: string, to: string) =>
      (
        await monitorFigures(
          h.database,
          t(),
          DEFAULT_REGION,
          { from, to },
          { municipality: 'Pekela' },
        )
      ).goals;
    expect(await goals('2026-06-01', '2026-06-30')).toEqual({
      evaluated: 1,
      achieved: 1,
      partlyAchieved: 0,
      notAchieved: 0,
    });
    expect(await goals('2026-06-01', '2026-06-15')).toMatchObject({ evaluated: 1, notAchieved: 1 });
    expect(await goals('2026-06-10', '2026-06-19')).toMatchObject({ evaluated: 1, notAchieved: 1 });
    expect(await goals('2026-06-15', '2026-07-31')).toMatchObject({
      evaluated: 1,
      partlyAchieved: 1,
    });
    // Each evaluation knows the day of the goal's next one, in business time.
    const rows = await h.database.query<{ day: string; next_day: string | null }>(
      `select to_char(day, 'YYYY-MM-DD') as day, to_char(next_day, 'YYYY-MM-DD') as next_day
       from ${t().mo_goal_evaluations} where municipality = 'Pekela' order by day`,
    );
    expect(rows).toEqual([
      { day: '2026-06-10', next_day: '2026-06-20' },
      { day: '2026-06-20', next_day: '2026-07-05' },
      { day: '2026-07-05', next_day: null },
    ]);
    // Per month: June's latest (achieved), July's (partly).
    const months = await monitorMonthRows(
      h.database,
      t(),
      { from: '2026-05-01', to: '2026-07-31' },
      { municipality: 'Pekela' },
    );
    expect(
      months.map(({ month, rows }) => [month, rows.filter((r) => r.measure.startsWith('goals:'))]),
    ).toEqual([
      ['2026-05', []],
      [
        '2026-06',
        [{ kind: 'count', municipality: 'Pekela', measure: 'goals:achieved', value: 0, n: 1 }],
      ],
      [
        '2026-07',
        [
          {
            kind: 'count',
            municipality: 'Pekela',
            measure: 'goals:partly-achieved',
            value: 0,
            n: 1,
          },
        ],
      ],
    ]);
  });

  it('imposes a protection measure on the day it started and keeps it active until it ends', async () => {
    const measures = async (from: string, to: string) =>
      (await figures(from, to)).protectionMeasures;
    expect(await measures('2026-01-01', '2026-01-31')).toEqual({ imposed: 1, activeAtEnd: 1 });
    expect(await measures('2026-01-24', '2026-01-24')).toEqual({ imposed: 0, activeAtEnd: 0 });
    expect(await measures('2026-02-01', '2026-04-09')).toEqual({ imposed: 0, activeAtEnd: 1 });
    expect(await measures('2026-04-01', '2026-04-30')).toEqual({ imposed: 0, activeAtEnd: 0 });
  });

  it('starts running care on its startedAt, and a hand-over ends its activity but is no end of care', async () => {
    expect(await figures('2025-12-01', '2025-12-31')).toMatchObject({
      outOfHome: { started: 1, activeAtEnd: 1 },
    });
    expect(await figures('2026-01-01', '2026-02-28')).toMatchObject({
      outOfHome: { started: 0, activeAtEnd: 1 },
      careEnded: { total: 0, breakdown: 0 },
      realisedWaits: { care: { count: 0, medianDays: null, p90Days: null } },
    });
    expect(await figures('2026-03-19', '2026-03-19')).toMatchObject({
      outOfHome: { started: 0, activeAtEnd: 1 },
    });
    expect(await figures('2026-03-01', '2026-03-31')).toMatchObject({
      outOfHome: { started: 0, activeAtEnd: 0 },
      careEnded: { total: 0, breakdown: 0 },
    });
    // The handed-over care ends later: that end is its one end.
    expect(await figures('2026-04-01', '2026-04-30')).toMatchObject({
      outOfHome: { started: 0, activeAtEnd: 0 },
      careEnded: { total: 1, breakdown: 0 },
    });
  });

  it('gives not-admitted after a closing consultation, and a later signal a new case, not a re-entry', async () => {
    expect(await figures('2026-01-01', '2026-01-31')).toMatchObject({
      inflow: { cases: 2, reentries: 0 },
      // F planned; G not admitted, its analysis wait not realised.
      statusAtEnd: statuses({ planned: 1, 'not-admitted': 1 }),
      realisedWaits: { analysis: { count: 1, medianDays: 2, p90Days: 2 } },
    });
    expect((await figures('2026-01-07', '2026-01-07')).statusAtEnd).toEqual(
      statuses({ signalled: 1, registered: 1 }),
    );
    expect(await figures('2026-03-01', '2026-03-31')).toMatchObject({
      statusAtEnd: statuses({ outflowed: 1, 'not-admitted': 1 }),
    });
    expect(await figures('2026-05-01', '2026-05-31')).toMatchObject({
      inflow: { cases: 1, reentries: 0, bySource: { gp: 1 } },
      statusAtEnd: statuses({ outflowed: 1, signalled: 1 }),
      realisedWaits: { analysis: { count: 0 } },
    });
  });

  it('answers a history whose every month equals the single-period answer for it', async () => {
    const months = await expectMonthsAsPeriods(h, 'Veendam', '2025-12-01', '2026-05-31', figures);
    expect(
      monitorBlocks(months.find((m) => m.month === '2026-02')!.rows, DEFAULT_REGION, 'Veendam')
        .goals,
    ).toEqual({ evaluated: 1, achieved: 0, partlyAchieved: 1, notAchieved: 0 });
  });

  it('gives the same figures after a rebuild', async () => {
    await rebuildInto(h.database, h.store, h.tables, monitorProjection, { batchSize: 3 });
    const rebuilt = h.tables.rebuilding(monitorProjection);
    for (const [from, to] of [
      ['2025-12-01', '2025-12-31'],
      ['2026-01-01', '2026-01-31'],
      ['2026-02-10', '2026-02-24'],
      ['2026-03-01', '2026-03-31'],
      ['2026-04-01', '2026-04-30'],
      ['2026-01-01', '2026-12-31'],
    ] as const)
      expect(await figures(from, to, rebuilt)).toEqual(await figures(from, to));
    const nextDays = (tables: TableNames<MonitorTables>) =>
      h.database.query(
        `select family_id, goal_id, version, next_day from ${tables.mo_goal_evaluations}
         order by family_id, goal_id, version`,
      );
    expect(await nextDays(rebuilt)).toEqual(await nextDays(t()));
    const goalMonths = (tables: TableNames<MonitorTables>) =>
      h.database.query(
        `select month, municipality, status, n from ${tables.mo_goal_months}
         order by month, municipality, status`,
      );
    expect(await goalMonths(rebuilt)).toEqual(await goalMonths(t()));
    expect((await goalMonths(t())).length).toBeGreaterThan(2);
  });
}

describe('managers’ monitor, the route as the region runs it (embedded store)', () =>
  suite('pglite'));
describeWithPostgres('managers’ monitor, the route as the region runs it (PostgreSQL)', () =>
  suite('postgres'),
);
