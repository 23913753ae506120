import { randomUUID } from 'node:crypto';

import {
  describeWithPostgres,
  dropSchemas,
  uniqueSchema,
  type HttpAnswer,
} from '@samenspoor/testing';

import {
  ApiClient,
  describeOnEachStore,
  expectProblem,
  startTestApp,
  useTestApp,
  type TestApp,
} from '../support/app';
import { daysAgo, familyOnRoute, type RouteStep } from '../support/route';

describeOnEachStore('every rule refuses over HTTP, naming itself and appending nothing', (kind) => {
  const app = useTestApp(kind);
  let professional = app.as('p-anna', ['professional']);
  const colleague = app.as('p-eva', ['professional'], 'GGD');

  /** Registers a family; `until` brings it further along the route. Returns its address and ids. */
  const familyAt = (until: RouteStep) =>
    familyOnRoute(professional, {
      municipality: 'Oldambt',
      displayName: 'Jens',
      until,
      daysAgo: [100, 90, 80, 70, 60],
      concerns: ['anxiety'],
      goal: 'rust',
    });

  /** Sends a request and checks it is refused with `status` and `rule`, and that the store did not change. */
  const expectRefused = (send: () => Promise<HttpAnswer<any>>, status: number, rule: string) =>
    expectProblem(app, send, { status, rule });
  /** Care requested by the professional, `days` ago; answers the new trajectory's id. */
  const requestCare = async (path: string, careForm: string, providerId: string, days: number) =>
    (
      await professional.post(`${path}/trajectories`, {
        careForm,
        providerId,
        occurredAt: daysAgo(days),
      })
    ).body.trajectoryId as string;
  /** The professional's POST to `path`, refused with 422 (or `status`) and `rule`. */
  const postRefused = (path: string, body: object | undefined, rule: string, status = 422) =>
    expectRefused(() => professional.post(path, body), status, rule);

  it('not-registered: a step on an unknown family is 404 for the safety team, 403 for a professional', async () => {
    const safetyTeam = new ApiClient(app, await app.token('st-ruth', ['safety-team']));
    await expectRefused(
      () =>
        safetyTeam.post(`/api/families/${randomUUID()}/signals`, {
          source: 'gp',
          concerns: ['trauma'],
          urgency: 'regular',
        }),
      404,
      'not-registered',
    );
    expect((await safetyTeam.get(`/api/families/${randomUUID()}`)).status).toBe(404);
    // v2: a professional cannot tell an unknown family from one outside their network.
    expect((await professional.get(`/api/families/${randomUUID()}`)).status).toBe(403);
  });

  it('no-signal: no analysis (nor consultation) before a signal', async () => {
    const { path } = await familyAt('registered');
    await postRefused(`${path}/analyses`, undefined, 'no-signal');
    await postRefused(`${path}/consultations`, { advice: 'hsj-mcp-route' }, 'no-signal');
  });

  it('analysis-in-progress: one analysis at a time', async () => {
    const { path } = await familyAt('analysing');
    await postRefused(`${path}/analyses`, undefined, 'analysis-in-progress');
  });

  it('first-understand-then-act: no plan on an analysis still in progress', async () => {
    const { path, analysisId } = await familyAt('analysing');
    const answer = await postRefused(
      `${path}/plans`,
      { analysisId, goals: [{ description: 'x' }] },
      'first-understand-then-act',
    );
    expect(answer.body.detail).toMatch(/first understand, then act/);
  });

  it('no-adopted-plan: no care without a plan, except crisis care', async () => {
    const { path } = await familyAt('analysed');
    await postRefused(
      `${path}/trajectories`,
      { careForm: 'foster-care', providerId: 'elker' },
      'no-adopted-plan',
    );
    expect(
      (
        await professional.post(`${path}/trajectories`, {
          careForm: 'crisis-care',
          providerId: 'elker',
        })
      ).status,
    ).toBe(201);
  });

  it('invalid-transition: a trajectory moves forward only, never twice', async () => {
    const { path } = await familyAt('planned');
    const trajectoryId = await requestCare(path, 'day-treatment', 'elker', 50);
    await postRefused(
      `${path}/trajectories/${trajectoryId}/end`,
      { reason: 'completed' },
      'invalid-transition',
    );
    expect(
      (
        await professional.post(`${path}/trajectories/${trajectoryId}/start`, {
          occurredAt: daysAgo(40),
        })
      ).status,
    ).toBe(201);
    await postRefused(
      `${path}/trajectories/${trajectoryId}/start`,
      undefined,
      'invalid-transition',
    );
    await postRefused(
      `${path}/trajectories/${trajectoryId}/withdraw`,
      { reason: 'x' },
      'invalid-transition',
    );
  });

  it('director-not-in-network: the case director is in the network', async () => {
    const { path } = await familyAt('signalled');
    await expectRefused(
      () => professional.put(`${path}/case-director`, { professionalId: 'p-nobody' }),
      422,
      'director-not-in-network',
    );
    expect(
      (await professional.put(`${path}/case-director`, { professionalId: 'p-anna' })).status,
    ).toBe(200);
  });

  it('unknown-reference: 422 for a reference in the body, 404 for the thing addressed', async () => {
    const { path } = await familyAt('planned');
    await postRefused(
      `${path}/plans`,
      {
        analysisId: randomUUID(),
        goals: [{ description: 'x' }],
      },
      'unknown-reference',
    );
    await postRefused(
      `${path}/signals`,
      {
        source: 'gp',
        concerns: ['trauma'],
        urgency: 'regular',
        concernedMemberIds: [randomUUID()],
      },
      'unknown-reference',
    );
    await postRefused(
      `${path}/trajectories/${randomUUID()}/start`,
      undefined,
      'unknown-reference',
      404,
    );
    await postRefused(
      `${path}/analyses/${randomUUID()}/complete`,
      { safetyLevel: 'safe' },
      'unknown-reference',
      404,
    );
    await postRefused(
      `${path}/plans/${randomUUID()}/revisions`,
      {
        reason: 'x',
        goals: [{ description: 'y' }],
      },
      'unknown-reference',
      404,
    );
    await expectRefused(
      () => professional.delete(`${path}/network/p-nobody`),
      404,
      'unknown-reference',
    );
  });

  it('open-trajectories: outflow needs every trajectory ended or withdrawn', async () => {
    const { path } = await familyAt('planned');
    await professional.post(`${path}/trajectories`, {
      careForm: 'foster-care',
      providerId: 'elker',
    });
    await postRefused(`${path}/outflow`, { destination: 'regular-care' }, 'open-trajectories');
  });

  it('case-closed: after outflow only follow-ups, a new signal and erasure', async () => {
    const { path } = await familyAt('signalled');
    expect(
      (
        await professional.post(`${path}/outflow`, {
          destination: 'no-further-care',
          occurredAt: daysAgo(10),
        })
      ).status,
    ).toBe(201);
    await postRefused(
      `${path}/progress-notes`,
      { workstream: 'execution', note: 'x' },
      'case-closed',
    );
    await postRefused(`${path}/analyses`, undefined, 'case-closed');
    expect(
      (await professional.post(`${path}/follow-ups`, { monthsAfterOutflow: 3, outcome: 'ok' }))
        .status,
    ).toBe(201);
  });

  it('invalid-time: not in the future, not before registration, a start not before its request', async () => {
    const { path } = await familyAt('planned');
    await postRefused(
      `${path}/progress-notes`,
      {
        workstream: 'safety',
        note: 'x',
        occurredAt: daysAgo(-1),
      },
      'invalid-time',
    );
    await postRefused(
      `${path}/progress-notes`,
      {
        workstream: 'safety',
        note: 'x',
        occurredAt: daysAgo(200),
      },
      'invalid-time',
    );
    const trajectoryId = await requestCare(path, 'foster-care', 'x', 20);
    await postRefused(
      `${path}/trajectories/${trajectoryId}/start`,
      {
        occurredAt: daysAgo(21),
      },
      'invalid-time',
    );
  });

  it('concurrency: two writers never lose an update; a stale If-Match is 409', async () => {
    const { path } = await familyAt('signalled');
    const version: number = (await professional.get(path)).body.version;

    const notes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        professional.post(`${path}/progress-notes`, { workstream: 'execution', note: `n${i}` }),
      ),
    );
    expect(notes.map((n) => n.status)).toEqual(Array(10).fill(201));
    expect(new Set(notes.map((n) => n.body.version)).size).toBe(10);
    expect((await professional.get(path)).body.version).toBe(version + 10);

    const before = await app.eventCount();
    const stale = await professional.post(
      `${path}/progress-notes`,
      { workstream: 'execution', note: 'late' },
      { 'If-Match': `"${version}"` },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toMatch(new RegExp(`version ${version + 10}`));
    expect(await app.eventCount()).toBe(before);

    const current = await professional.post(
      `${path}/progress-notes`,
      { workstream: 'execution', note: 'on time' },
      { 'If-Match': `"${version + 10}"` },
    );
    expect(current.status).toBe(201);
    expect(current.body.version).toBe(version + 11);
    const malformed = await professional.post(
      `${path}/progress-notes`,
      { workstream: 'execution', note: 'x' },
      { 'If-Match': 'W/"abc"' },
    );
    expect(malformed.status).toBe(400);
  });

  it('idempotency: a repeat returns the first answer and appends nothing, also after a restart', async () => {
    const { path } = await familyAt('signalled');
    const key = randomUUID();
    const note = { workstream: 'direction', note: 'overleg met school' };
    const first = await professional.post(`${path}/progress-notes`, note, {
      'Idempotency-Key': key,
    });
    expect(first.status).toBe(201);
    const head = await app.eventCount();

    const again = await professional.post(`${path}/progress-notes`, note, {
      'Idempotency-Key': key,
    });
    expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: first.body });
    expect(await app.eventCount()).toBe(head);

    const reused = await professional.post(
      `${path}/progress-notes`,
      { ...note, note: 'iets anders' },
      { 'Idempotency-Key': key },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.type).toBe('/problems/idempotency-key-reused');

    // Another professional of the network using the same key sends their own command.
    expect(
      (
        await professional.post(`${path}/network`, {
          professionalId: 'p-eva',
          organisation: 'Accare',
        })
      ).status,
    ).toBe(201);
    const someoneElse = await colleague.post(`${path}/progress-notes`, note, {
      'Idempotency-Key': key,
    });
    expect(someoneElse.status).toBe(201);
    expect(someoneElse.body.noteId).not.toBe(first.body.noteId);

    // A registration repeated after a restart finds the same family.
    const registrationKey = randomUUID();
    const registration = {
      municipality: 'Veendam',
      members: [{ role: 'parent', displayName: 'Els' }],
    };
    const registered = await professional.post('/api/families', registration, {
      'Idempotency-Key': registrationKey,
    });
    await app.restart();
    const token = await app.token('p-anna', ['professional']);
    professional = new ApiClient(app, token);
    const headAfterRestart = await app.eventCount();
    const repeated = await professional.post('/api/families', registration, {
      'Idempotency-Key': registrationKey,
    });
    expect({ status: repeated.status, body: repeated.body }).toEqual({
      status: 201,
      body: registered.body,
    });
    const noteAgain = await professional.post(`${path}/progress-notes`, note, {
      'Idempotency-Key': key,
    });
    expect(noteAgain.body).toEqual(first.body);
    expect(await app.eventCount()).toBe(headAfterRestart);
    expect(
      (await professional.post(`${path}/progress-notes`, note, { 'Idempotency-Key': 'not-a-uuid' }))
        .status,
    ).toBe(400);
  });

  it('authentication and roles: 401 without a valid token, 403 for a role the route does not allow', async () => {
    const { path } = await familyAt('registered');
    const anonymous = new ApiClient(app, 'not-a-jwt');
    const before = await app.eventCount();
    expect((await anonymous.post(`${path}/signals`, {})).status).toBe(401);
    const unauthenticated = await fetch(`${app.base}${path}`);
    expect(unauthenticated.status).toBe(401);
    const manager = new ApiClient(app, await app.token('m-fleur', ['manager']));
    const forbidden = await manager.post(`${path}/progress-notes`, {
      workstream: 'execution',
      note: 'x',
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.type).toBe('/problems/forbidden');
    expect((await professional.post(`${path}/safety-reviews`, { outcome: 'x' })).status).toBe(403);
    expect(await app.eventCount()).toBe(before);
  });
});

describeWithPostgres('two API processes writing to the same family', () => {
  const schema = uniqueSchema('e2e_two');
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp('postgres', { env: { DATABASE_SCHEMA: schema } });
    second = await startTestApp('postgres', { env: { DATABASE_SCHEMA: schema } });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await dropSchemas(schema);
  });

  it('lose no update: conflicts between them are decided again, not refused', async () => {
    const viaFirst = new ApiClient(first, await first.token('p-anna', ['professional']));
    const viaSecond = new ApiClient(second, await second.token('p-bram', ['professional']));
    const { familyId, path } = await familyOnRoute(viaFirst, {
      municipality: 'Groningen',
      displayName: 'K',
    });
    const joined = await viaFirst.post(`${path}/network`, {
      professionalId: 'p-bram',
      organisation: 'Accare',
    });
    expect(joined.status).toBe(201);
    const notes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? viaFirst : viaSecond).post(`${path}/progress-notes`, {
          workstream: 'execution',
          note: `note ${i}`,
        }),
      ),
    );
    expect(notes.map((n) => n.status)).toEqual(Array(20).fill(201));
    expect(new Set(notes.map((n) => n.body.version))).toEqual(
      new Set(Array.from({ length: 20 }, (_, i) => i + 4)),
    );
    const events = await first.store.readStream(`family-${familyId}`);
    expect(events.filter((e) => e.type === 'ProgressNoted')).toHaveLength(20);
  });
});
