import { ApiClient, describeOnEachStore, figuresPeople, useTestApp } from '../support/app';
import { daysAgo, familyOnRoute } from '../support/route';

describeOnEachStore('the figures over HTTP: read-your-writes, roles and small cells', (kind) => {
  const app = useTestApp(kind);
  const { professional, manager, safetyTeam } = figuresPeople(app);
  let lastPosition: string;
  const families: string[] = [];

  beforeAll(async () => {
    // Six families waiting for trauma treatment at accare, for 10 to 60 days (hand-computed below).
    for (const [i, wait] of [10, 20, 30, 40, 50, 60].entries()) {
      const { familyId, path } = await familyOnRoute(professional, {
        municipality: i < 3 ? 'Groningen' : 'Pekela',
        displayName: `Kind ${i}`,
        until: 'planned',
        daysAgo: [100, 99, 98, 97, 96],
      });
      families.push(familyId);
      const requested = await professional.post(`${path}/trajectories`, {
        careForm: 'trauma-treatment',
        providerId: 'accare',
        occurredAt: daysAgo(wait, 1),
      });
      lastPosition = requested.body.position;
    }
  });

  it('answers after the projection reached minPosition, with X-Projection-Position', async () => {
    const answer = await safetyTeam.get(
      `/api/projections/waiting-list?minPosition=${lastPosition}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-projection-position')! >= lastPosition).toBe(true);
    // Waiting 10…60 days (+1 hour): median (30+40)/2 = 35, p90 = 6th of 6 = 60, over the norm of 42: 50 and 60.
    expect(answer.body.stages.care).toEqual({
      waiting: 6,
      medianDays: 35,
      p90Days: 60,
      maxDays: 60,
      overNorm: 2,
    });
    expect(
      answer.body.byCareForm.find((b: any) => b.careForm === 'trauma-treatment'),
    ).toMatchObject({ waiting: 6, norm: 42 });
    expect(answer.body.stages.analysis).toEqual({
      waiting: 0,
      medianDays: null,
      p90Days: null,
      maxDays: null,
      overNorm: null,
      norm: 28,
    });
  });

  it('answers 503 with Retry-After when minPosition is not reached in time', async () => {
    const answer = await safetyTeam.get(
      `/api/projections/waiting-list?minPosition=${'f'.repeat(32)}`,
    );
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(answer.body.type).toBe('/problems/projection-behind');
  }, 15_000);

  it('suppresses small cells for managers only', async () => {
    const forManager = (
      await manager.get(`/api/projections/waiting-list?minPosition=${lastPosition}`)
    ).body;
    expect(forManager.stages.care).toEqual({
      waiting: 6,
      medianDays: null,
      p90Days: null,
      maxDays: null,
      overNorm: null,
      suppressed: true,
    });
    expect(forManager.byMunicipality.find((b: any) => b.municipality === 'Pekela')).toMatchObject({
      waiting: null,
      suppressed: true,
    });
    const forTeam = (
      await safetyTeam.get(`/api/projections/waiting-list?minPosition=${lastPosition}`)
    ).body;
    expect(forTeam.byMunicipality.find((b: any) => b.municipality === 'Pekela')).toMatchObject({
      waiting: 3,
    });
  });

  it('filters, lists entries for the safety team only, and gives the history', async () => {
    const pekela = (await safetyTeam.get('/api/projections/waiting-list?municipality=Pekela')).body;
    expect(pekela.stages.care).toMatchObject({ waiting: 3, medianDays: 50 });
    const entries = await safetyTeam.get('/api/projections/waiting-list/entries?limit=4');
    expect(entries.body.items.map((e: any) => e.waitingDays)).toEqual([60, 50, 40, 30]);
    expect(entries.body.nextCursor).toEqual(expect.any(String));
    const rest = await safetyTeam.get(
      `/api/projections/waiting-list/entries?limit=4&cursor=${entries.body.nextCursor}`,
    );
    expect(rest.body.items.map((e: any) => e.waitingDays)).toEqual([20, 10]);
    expect((await manager.get('/api/projections/waiting-list/entries')).status).toBe(403);
    expect((await professional.get('/api/projections/waiting-list')).status).toBe(403);

    const today = new Date().toISOString().slice(0, 10);
    const history = await safetyTeam.get(
      `/api/projections/waiting-list/history?from=${daysAgo(70).slice(0, 10)}&to=${today}`,
    );
    expect(history.body.series).toHaveLength(71);
    expect(history.body.series[0]).toEqual({
      date: daysAgo(70).slice(0, 10),
      waiting: 0,
      medianDays: null,
      overNorm: null,
    });
    expect(history.body.series.at(-1)).toMatchObject({ date: today, waiting: 6 });
  });

  it('lists families: all for the safety team, a professional’s own network only', async () => {
    const all = await safetyTeam.get(`/api/families?minPosition=${lastPosition}&limit=4`);
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(4);
    expect(all.body.items[0]).toMatchObject({
      status: 'planned',
      waitingSince: expect.any(String),
      version: 7,
    });
    const rest = await safetyTeam.get(`/api/families?limit=4&cursor=${all.body.nextCursor}`);
    expect(rest.body.items).toHaveLength(2);
    expect((await professional.get('/api/families')).body.items).toHaveLength(6);
    const stranger = new ApiClient(app, await app.token('p-stranger', ['professional']));
    expect((await stranger.get('/api/families')).body.items).toEqual([]);
    expect((await safetyTeam.get('/api/families?municipality=Pekela')).body.items).toHaveLength(3);
    expect((await manager.get('/api/families')).status).toBe(403);
  });

  it('gives a family’s timeline, oldest first, and 404 for an unknown family', async () => {
    const timeline = await safetyTeam.get(
      `/api/families/${families[0]}/timeline?minPosition=${lastPosition}`,
    );
    expect(timeline.status).toBe(200);
    expect(timeline.body.entries.map((e: any) => e.type)).toEqual([
      'FamilyRegistered',
      'ProfessionalJoinedNetwork',
      'SignalReceived',
      'ExplanatoryAnalysisStarted',
      'ExplanatoryAnalysisCompleted',
      'TreatmentPlanAdopted',
      'CareRequested',
    ]);
    expect(timeline.body.entries[6]).toMatchObject({
      version: 7,
      actor: { id: 'p-anna', role: 'professional' },
      summary: expect.stringMatching(/trauma-treatment/),
    });
    const onlyCare = await safetyTeam.get(
      `/api/families/${families[0]}/timeline?types=CareRequested,SignalReceived`,
    );
    expect(onlyCare.body.entries.map((e: any) => e.type)).toEqual([
      'SignalReceived',
      'CareRequested',
    ]);
    expect(
      (await safetyTeam.get('/api/families/00000000-0000-4000-8000-000000000000/timeline')).status,
    ).toBe(404);
    expect((await safetyTeam.get(`/api/families/${families[0]}/timeline?types=Bogus`)).status).toBe(
      400,
    );
  });

  it('answers stacking of care, with flagged families for the safety team only', async () => {
    const team = await safetyTeam.get(`/api/projections/stacking?minPosition=${lastPosition}`);
    expect(team.status).toBe(200);
    // Six families on the route, none with care started: all at 0 trajectories and 0 providers, network of 1.
    expect(team.body).toMatchObject({
      families: 6,
      flagged: 0,
      distribution: {
        activeTrajectories: { '0': 6 },
        distinctProviders: { '0': 6 },
        networkSize: { '1': 6 },
      },
      flaggedFamilies: [],
    });
    const forManager = (await manager.get('/api/projections/stacking')).body;
    expect(forManager).toMatchObject({
      families: 6,
      flagged: 0,
      distribution: { activeTrajectories: { '0': 6 } },
    });
    expect(forManager.flaggedFamilies).toBeUndefined();
    const pekela = (await manager.get('/api/projections/stacking?municipality=Pekela')).body;
    expect(pekela).toMatchObject({
      families: null,
      suppressed: true,
      distribution: { activeTrajectories: { '0': null } },
    });
    expect((await professional.get('/api/projections/stacking')).status).toBe(403);
  });

  it('answers the safety overview and the outflow figures', async () => {
    const overview = await safetyTeam.get(
      `/api/projections/safety-overview?minPosition=${lastPosition}`,
    );
    expect(overview.status).toBe(200);
    // Signals 99 days ago and no case director: all six families, since 99 − 14 = 85 days ago.
    expect(overview.body.noCaseDirector).toHaveLength(6);
    expect(overview.body).toMatchObject({
      planOverdue: [],
      mdoOverdue: [],
      unsafeWithoutReview: [],
      followUpDue: [],
    });
    expect((await manager.get('/api/projections/safety-overview')).status).toBe(403);
    const outflow = await manager.get('/api/projections/outflow');
    expect(outflow.status).toBe(200);
    expect(outflow.body).toMatchObject({
      outflows: 0,
      followUpsDone: 0,
      followUpsDue: 0,
      reentriesWithin12Months: 0,
    });
  });

  it('refuses bad query parameters with 400', async () => {
    for (const query of [
      'asOf=yesterday',
      'municipality=Amsterdam',
      'minPosition=abc',
      'careForm=spa',
    ]) {
      const answer = await safetyTeam.get(`/api/projections/waiting-list?${query}`);
      expect(answer.status).toBe(400);
    }
    expect(
      (await safetyTeam.get('/api/projections/waiting-list/history?from=2020-01-01&to=2026-01-01'))
        .status,
    ).toBe(400);
    expect((await safetyTeam.get('/api/projections/waiting-list/entries?limit=0')).status).toBe(
      400,
    );
    expect(
      (await safetyTeam.get('/api/projections/waiting-list/entries?cursor=bogus')).status,
    ).toBe(400);
  });
});
