import { ApiClient, describeOnEachStore, startTestApp, type TestApp } from '../support/app';

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString();
}

/** Care waits per municipality in the seeded region: Pekela's 2 is the small cell a manager must not find. */
const WAITING = { Groningen: 6, Veendam: 5, Pekela: 2 } as const;

describeOnEachStore('managers’ figures: hidden small cells cannot be solved for', (kind) => {
  let app: TestApp;
  let manager: ApiClient;
  let safetyTeam: ApiClient;
  let lastPosition: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    const professional = new ApiClient(app, await app.token('p-anna', ['professional']));
    manager = new ApiClient(app, await app.token('m-fleur', ['manager'], 'Gemeente Groningen'));
    safetyTeam = new ApiClient(app, await app.token('s-carla', ['safety-team']));
    for (const [municipality, count] of Object.entries(WAITING)) {
      for (let i = 0; i < count; i++) {
        const registered = await professional.post('/api/families', {
          municipality,
          members: [{ role: 'youth', displayName: `Kind ${municipality} ${i}` }],
          occurredAt: daysAgo(60),
        });
        const path = `/api/families/${registered.body.familyId}`;
        await professional.post(`${path}/signals`, {
          source: 'gp',
          concerns: ['trauma'],
          urgency: 'regular',
          occurredAt: daysAgo(59),
        });
        const { analysisId } = (
          await professional.post(`${path}/analyses`, { occurredAt: daysAgo(58) })
        ).body;
        await professional.post(`${path}/analyses/${analysisId}/complete`, {
          safetyLevel: 'safe',
          occurredAt: daysAgo(57),
        });
        await professional.post(`${path}/plans`, {
          analysisId,
          goals: [{ description: 'x' }],
          occurredAt: daysAgo(56),
        });
        const requested = await professional.post(`${path}/trajectories`, {
          careForm: 'trauma-treatment',
          providerId: 'accare',
          occurredAt: daysAgo(10),
        });
        expect(requested.status).toBe(201);
        lastPosition = requested.body.position;
      }
    }
  }, 120_000);
  afterAll(() => app.close());

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
});
