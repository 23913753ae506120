import {
  ApiClient,
  describeOnEachStore,
  expectProblem,
  figuresPeople,
  useTestApp,
} from '../support/app';
import { openCases } from '../support/route';

/**
 * Cases opened (first signals) per municipality: January 2025 in Groningen (6) and Veendam (5), and in Pekela
 * one on the last moment of January and one on the first of February: Pekela's January is the small cell.
 */
const OPENED: [municipality: string, at: string][] = [
  ...[2, 5, 9, 12, 20, 28].map((day): [string, string] => [
    'Groningen',
    `2025-01-${String(day).padStart(2, '0')}T10:00:00.000Z`,
  ]),
  ...[3, 10, 15, 21, 30].map((day): [string, string] => [
    'Veendam',
    `2025-01-${String(day).padStart(2, '0')}T10:00:00.000Z`,
  ]),
  ['Pekela', '2025-01-31T23:59:00.000Z'],
  ['Pekela', '2025-02-01T00:00:00.000Z'],
];

describeOnEachStore('the managers’ monitor over HTTP', (kind) => {
  const app = useTestApp(kind);
  const { professional, manager, safetyTeam } = figuresPeople(app);
  let position: string;

  beforeAll(async () => {
    ({ position } = await openCases(
      professional,
      OPENED.map(([municipality, at]) => ({ municipality, at })),
    ));
  }, 120_000);

  const monitor = (client: typeof manager, query: string) =>
    client.get(`/api/projections/monitor?${query}&minPosition=${position}`);

  it('gives the safety team exact figures for any period, its first and last day included', async () => {
    const pekela = async (from: string, to: string) =>
      (await monitor(safetyTeam, `from=${from}&to=${to}&municipality=Pekela`)).body;
    const january = await pekela('2025-01-01', '2025-01-31');
    expect(january).toMatchObject({
      from: '2025-01-01',
      to: '2025-01-31',
      municipality: 'Pekela',
      inflow: { cases: 1, bySource: { gp: 1 }, byConcern: { trauma: 1 } },
      statusAtEnd: { signalled: 1, registered: 1 },
    });
    expect(january).not.toHaveProperty('disclosure');
    expect((await pekela('2025-01-31', '2025-01-31')).inflow.cases).toBe(1);
    expect((await pekela('2025-02-01', '2025-02-01')).inflow.cases).toBe(1);
    expect((await pekela('2025-01-30', '2025-01-30')).inflow.cases).toBe(0);
    const days = await monitor(safetyTeam, 'from=2025-01-10&to=2025-01-20');
    // Groningen 01-12 and 01-20, Veendam 01-10 and 01-15.
    expect(days.body).toMatchObject({ from: '2025-01-10', to: '2025-01-20', inflow: { cases: 4 } });
  });

  it('widens a manager’s period to whole months and hides the small cell, and one beside it', async () => {
    const region = await monitor(manager, 'from=2025-01-10&to=2025-01-20');
    expect(region.status).toBe(200);
    expect(region.body).toMatchObject({
      from: '2025-01-01',
      to: '2025-01-31',
      period: { from: '2025-01-01', to: '2025-01-31', widened: true },
      disclosure: { threshold: 5, suppressed: true },
      // 6 + 5 + Pekela's 1: the region's total is shown.
      inflow: { cases: 12 },
    });
    const of = async (municipality: string) =>
      (await monitor(manager, `from=2025-01-01&to=2025-01-31&municipality=${municipality}`)).body;
    const pekela = await of('Pekela');
    expect(pekela.inflow).toMatchObject({ cases: null, suppressed: true });
    expect(pekela.inflow.bySource.gp).toBeNull();
    expect(pekela.statusAtEnd).toMatchObject({ signalled: null, suppressed: true });
    expect(pekela).toMatchObject({ suppressed: true, period: { widened: false } });
    // Region 12 − Groningen 6 would give Pekela's 1 away were Veendam's 5 shown.
    expect((await of('Veendam')).inflow.cases).toBeNull();
    expect((await of('Groningen')).inflow.cases).toBe(6);
    // The safety team sees what the manager may not.
    expect(
      (await monitor(safetyTeam, 'from=2025-01-01&to=2025-01-31&municipality=Pekela')).body,
    ).toMatchObject({ inflow: { cases: 1 } });
  });

  it('answers a history whose every month equals the monitor of that month', async () => {
    for (const client of [manager, safetyTeam]) {
      const history = await client.get(
        `/api/projections/monitor/history?from=2025-01-15&to=2025-02-10&interval=month&municipality=Veendam&minPosition=${position}`,
      );
      expect(history.status).toBe(200);
      expect(history.body).toMatchObject({
        from: '2025-01-01',
        to: '2025-02-28',
        interval: 'month',
        municipality: 'Veendam',
      });
      expect(history.body.series.map((point: { period: string }) => point.period)).toEqual([
        '2025-01',
        '2025-02',
      ]);
      for (const [point, [from, to]] of [
        [history.body.series[0], ['2025-01-01', '2025-01-31']],
        [history.body.series[1], ['2025-02-01', '2025-02-28']],
      ] as const) {
        const single = (await monitor(client, `from=${from}&to=${to}&municipality=Veendam`)).body;
        const {
          from: _f,
          to: _t,
          municipality: _m,
          period: _p,
          disclosure: _d,
          ...blocks
        } = single;
        const { period: _period, ...pointBlocks } = point;
        expect(pointBlocks).toEqual(blocks);
      }
    }
  });

  it('refuses bad dates and ranges with a 400 naming the field', async () => {
    const refusals: [ApiClient, string, string][] = [
      [manager, 'from=2025-02-30&to=2025-03-01', 'from'],
      [manager, 'from=2025-03-02&to=2025-03-01', 'from'],
      [safetyTeam, 'from=2025-01-01&to=1 maart', 'to'],
      [manager, 'municipality=Atlantis', 'municipality'],
    ];
    for (const [reader, query, field] of refusals)
      await expectProblem(app, () => monitor(reader, query), { status: 400, fields: [field] });
    await expectProblem(
      app,
      () =>
        manager.get('/api/projections/monitor/history?from=2025-01-01&to=2025-03-01&interval=week'),
      { status: 400, fields: ['interval'] },
    );
  });
});
