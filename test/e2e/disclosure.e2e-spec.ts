import { describeOnEachStore, figuresPeople, useTestApp } from '../support/app';
import { daysAgo, familyOnRoute } from '../support/route';

/** Care waits per municipality in the seeded region: Pekela's 2 is the small cell a manager must not find. */
const WAITING = { Groningen: 6, Veendam: 5, Pekela: 2 } as const;
const DESTINATION = {
  Groningen: 'local-team',
  Veendam: 'regular-care',
  Pekela: 'adult-care',
} as const;

describeOnEachStore('managers’ figures: hidden small cells cannot be solved for', (kind) => {
  const app = useTestApp(kind);
  const { professional, manager, safetyTeam } = figuresPeople(app);
  let lastPosition: string;

  beforeAll(async () => {
    // Per municipality, as many families waiting for care as WAITING says, and as many that left the route 40
    // days ago, each municipality to its own destination: Pekela's 2 outflows (to adult care) are the small cells
    // of the outflow figures.
    for (const [municipality, count] of Object.entries(WAITING)) {
      for (let i = 0; i < count; i++) {
        const waiting = await familyOnRoute(professional, {
          municipality,
          displayName: `Kind ${municipality} ${i}`,
          until: 'planned',
          daysAgo: [60, 59, 58, 57, 56],
        });
        const requested = await professional.post(`${waiting.path}/trajectories`, {
          careForm: 'trauma-treatment',
          providerId: 'accare',
          occurredAt: daysAgo(10),
        });
        expect(requested.status).toBe(201);
        const left = await familyOnRoute(professional, {
          municipality,
          displayName: `Oud ${municipality} ${i}`,
          until: 'signalled',
          daysAgo: [50, 49],
        });
        const outflowed = await professional.post(`${left.path}/outflow`, {
          destination: DESTINATION[municipality as keyof typeof WAITING],
          occurredAt: daysAgo(40),
        });
        expect(outflowed.status).toBe(201);
        lastPosition = outflowed.body.position;
      }
    }
    // Five more of Pekela's families left 100 days ago, in an earlier month (before the 45 days above too): a
    // period over both months shows Pekela's 7 and the earlier month alone its 5, which subtracted would give the
    // later month's 2 away.
    for (let i = 0; i < 5; i++) {
      const registered = await professional.post('/api/families', {
        municipality: 'Pekela',
        members: [{ role: 'youth', displayName: `Eerder Pekela ${i}` }],
        occurredAt: daysAgo(110),
      });
      const path = `/api/families/${registered.body.familyId}`;
      await professional.post(`${path}/signals`, {
        source: 'gp',
        concerns: ['trauma'],
        urgency: 'regular',
        occurredAt: daysAgo(109),
      });
      const outflowed = await professional.post(`${path}/outflow`, {
        destination: 'local-team',
        occurredAt: daysAgo(100),
      });
      expect(outflowed.status).toBe(201);
      lastPosition = outflowed.body.position;
    }
  }, 180_000);

  it('hides a second municipality beside the small one, so the region total minus the rest leaves two unknowns', async () => {
    const answer = await manager.get(`/api/projections/waiting-list?minPosition=${lastPosition}`);
    expect(answer.status).toBe(200);
    const total: number = answer.body.stages.care.waiting;
    expect(total).toBe(13);
    const rows: { municipality: string; waiting: number | null }[] = answer.body.byMunicipality;
    const hidden = rows.filter((row) => row.waiting === null).map((row) => row.municipality);
    const visibleSum = rows.reduce((sum, row) => sum + (row.waiting ?? 0), 0);
    // The subtraction attack: what the visible municipalities leave of the total.
    const left = total - visibleSum;
    expect(hidden).toContain('Pekela');
    // Two or more hidden cells share what is left, each at least 1: Pekela could be 1 … left − 1.
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(left - (hidden.length - 1)).toBeGreaterThan(1);
    expect(answer.body.disclosure).toEqual({ threshold: 5, suppressed: true });
    // v1's marker stays on each hidden block.
    expect(rows.find((row) => row.municipality === 'Pekela')).toMatchObject({
      waiting: null,
      medianDays: null,
      suppressed: true,
    });
  });

  it('hides the same cells behind each filter, whichever the manager asks for', async () => {
    const unfiltered = (await manager.get('/api/projections/waiting-list')).body;
    for (const row of unfiltered.byMunicipality as {
      municipality: string;
      waiting: number | null;
    }[]) {
      const filtered = (
        await manager.get(`/api/projections/waiting-list?municipality=${row.municipality}`)
      ).body;
      // A filter narrowed to one municipality answers the very cell the unfiltered answer shows or hides.
      expect({ municipality: row.municipality, waiting: filtered.stages.care.waiting }).toEqual({
        municipality: row.municipality,
        waiting: row.waiting,
      });
      const narrowed = (
        await manager.get(
          `/api/projections/waiting-list?municipality=${row.municipality}&careForm=trauma-treatment&providerId=accare`,
        )
      ).body;
      expect(narrowed.stages.care.waiting).toBe(row.waiting);
    }
    // Care form and provider: Pekela's waits are all trauma treatment at accare, so those cells are the total.
    const byForm = (await manager.get('/api/projections/waiting-list?careForm=trauma-treatment'))
      .body;
    expect(byForm.byMunicipality.find((b: any) => b.municipality === 'Pekela').waiting).toBeNull();
  });

  it('shows the safety team exact figures, without a disclosure note', async () => {
    const forTeam = (await safetyTeam.get('/api/projections/waiting-list')).body;
    expect(
      Object.fromEntries(
        (forTeam.byMunicipality as { municipality: string; waiting: number }[])
          .filter((b) => b.waiting > 0)
          .map((b) => [b.municipality, b.waiting]),
      ),
    ).toEqual(WAITING);
    expect(forTeam.disclosure).toBeUndefined();
  });

  it('rounds the manager’s history to multiples of 5 and says so', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const history = await manager.get(
      `/api/projections/waiting-list/history?from=${daysAgo(3).slice(0, 10)}&to=${today}`,
    );
    expect(history.status).toBe(200);
    expect(history.body.disclosure).toEqual({ threshold: 5, suppressed: false, rounded: 5 });
    expect(history.body.series.at(-1)).toMatchObject({ date: today, waiting: 15 });
    const pekela = await manager.get(
      `/api/projections/waiting-list/history?from=${today}&to=${today}&municipality=Pekela`,
    );
    expect(pekela.body.series[0]).toMatchObject({ waiting: null, suppressed: true });
    const team = await safetyTeam.get(
      `/api/projections/waiting-list/history?from=${today}&to=${today}`,
    );
    expect(team.body.series[0]).toMatchObject({ waiting: 13 });
  });

  it('hides stacking figures so that neither the region minus other municipalities nor families minus buckets gives Pekela', async () => {
    const region = await manager.get(`/api/projections/stacking?minPosition=${lastPosition}`);
    expect(region.status).toBe(200);
    expect(region.body.families).toBe(13);
    expect(region.body.flaggedFamilies).toBeUndefined();
    const families: Record<string, number | null> = {};
    for (const municipality of Object.keys(WAITING)) {
      const answer = (await manager.get(`/api/projections/stacking?municipality=${municipality}`))
        .body;
      families[municipality] = answer.families;
      // Within one answer every distribution sums to families: the buckets left hidden are two or none.
      for (const buckets of Object.values<Record<string, number | null>>(answer.distribution)) {
        const hidden = Object.values(buckets).filter((n) => n === null).length;
        expect(hidden === 0 || hidden >= 2 || answer.families === null).toBe(true);
      }
      expect(answer.disclosure).toMatchObject({ threshold: 5 });
    }
    expect(families.Pekela).toBeNull();
    // The subtraction attack on the filtered answers: what the visible municipalities leave of the region.
    const hidden = Object.entries(families).filter(([, n]) => n === null);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    const left = 13 - Object.values(families).reduce<number>((sum, n) => sum + (n ?? 0), 0);
    expect(left).toBe(7);
    const team = (await safetyTeam.get('/api/projections/stacking?municipality=Pekela')).body;
    expect(team).toMatchObject({ families: 2 });
    expect(team.disclosure).toBeUndefined();
  });

  it('hides outflow destinations and municipalities in pairs, over a period widened to whole months', async () => {
    const from = daysAgo(45).slice(0, 10);
    const to = new Date().toISOString().slice(0, 10);
    const answer = await manager.get(
      `/api/projections/outflow?from=${from}&to=${to}&minPosition=${lastPosition}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.period).toMatchObject({ from: `${from.slice(0, 7)}-01`, widened: true });
    expect(answer.body.from).toBe(answer.body.period.from);
    expect(answer.body.outflows).toBe(13);
    const byDestination = answer.body.byDestination as Record<string, number | null>;
    expect(byDestination['adult-care']).toBeNull();
    expect(byDestination['local-team']).toBe(6);
    // The subtraction attack: outflows minus the visible destinations is shared by two hidden ones.
    expect(Object.values(byDestination).filter((n) => n === null).length).toBeGreaterThanOrEqual(2);
    const rows = answer.body.byMunicipality as { municipality: string; outflows: number | null }[];
    expect(rows.filter((row) => row.outflows === null).map((row) => row.municipality)).toEqual(
      expect.arrayContaining(['Pekela', 'Veendam']),
    );
    const pekela = (
      await manager.get(`/api/projections/outflow?from=${from}&to=${to}&municipality=Pekela`)
    ).body;
    expect(pekela).toMatchObject({ outflows: null, suppressed: true });
    expect(pekela.disclosure).toEqual({ threshold: 5, suppressed: true });
    const team = (await safetyTeam.get(`/api/projections/outflow?from=${from}&to=${to}`)).body;
    expect(team).toMatchObject({ from, outflows: 13, byDestination: { 'adult-care': 2 } });
    expect(team.period).toBeUndefined();
  });

  it('gives no month away to a manager who subtracts two overlapping periods', async () => {
    const earlier = daysAgo(100).slice(0, 10);
    const later = daysAgo(40).slice(0, 10);
    const pekela = async (from: string, to: string) => {
      const answer = await manager.get(
        `/api/projections/outflow?from=${from}&to=${to}&minPosition=${lastPosition}`,
      );
      expect(answer.status).toBe(200);
      const rows = answer.body.byMunicipality as {
        municipality: string;
        outflows: number | null;
      }[];
      return rows.find((row) => row.municipality === 'Pekela')!.outflows;
    };
    // The earlier month alone shows Pekela's 5; the period over both months would show 7 (5 + the later 2).
    expect(await pekela(earlier, earlier)).toBe(5);
    expect(await pekela(later, later)).toBeNull();
    expect(await pekela(earlier, later)).toBeNull();
    const team = await safetyTeam.get(`/api/projections/outflow?from=${earlier}&to=${later}`);
    expect(team.body.byMunicipality).toEqual(
      expect.arrayContaining([expect.objectContaining({ municipality: 'Pekela', outflows: 7 })]),
    );
  });
});
