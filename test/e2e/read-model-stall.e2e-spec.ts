import { Client } from 'pg';

import { familyListProjection, ProjectionTables } from '@samenspoor/projections';

import { useTestApp, type TestApp } from '../support/app';
import { http } from '../support/http';
import { describeWithPostgres, postgresUrl } from '../support/postgres';

interface Health {
  status: string;
  readModels?: Record<
    string,
    { status: string; stalled?: { behind: number; sinceSeconds: number } }
  >;
}

/** Polls `/health` until `done` holds, or fails with the last answer after the timeout. */
async function healthUntil(
  app: TestApp,
  done: (body: Health) => boolean,
  timeoutMs: number,
): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await http<Health>(app.base, 'GET', '/health');
    expect(answer.status).toBe(200);
    if (done(answer.body)) return answer.body;
    if (Date.now() > deadline)
      throw new Error(`/health did not turn as expected: ${JSON.stringify(answer.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// A stall is made by holding the read model's table locked from another connection, which only a server allows: the embedded store has one connection, so the lock would stop the test as well.
describeWithPostgres('/health with READ_MODEL_STALL_SECONDS=1 (PostgreSQL)', () => {
  let locker: Client;
  beforeAll(async () => {
    locker = new Client({ connectionString: postgresUrl() });
    await locker.connect();
  });
  afterAll(async () => {
    await locker.end().catch(() => undefined);
  });
  // Declared after the locker's hooks: the app closes once the locker has let go.
  const app = useTestApp('postgres', { env: { READ_MODEL_STALL_SECONDS: '1' } });
  const professional = app.as('p-anna', ['professional']);
  const safetyTeam = app.as('s-carla', ['safety-team']);

  const register = async () => {
    const answer = await professional.post('/api/families', {
      municipality: 'Groningen',
      members: [{ role: 'youth', displayName: 'Sanne' }],
    });
    expect(answer.status).toBe(201);
    return answer.body as { familyId: string; position: string };
  };

  it('says "degraded" naming the read model that stands still behind the store, and "ok" once it moves again', async () => {
    const first = await register();
    expect((await safetyTeam.get(`/api/families?minPosition=${first.position}`)).status).toBe(200);
    // Caught up and idle for longer than the threshold: nothing is behind, so nothing is stalled.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await healthUntil(app, (body) => body.status === 'ok', 10_000)).toMatchObject({
      readModels: { 'family-list': { status: 'ok' } },
    });

    // A table lock, not a row lock: a row lock takes a transaction id, and the store hides events appended after
    // the oldest open transaction, so the store itself would seem to stand still. Reads of the table go on.
    const families = app.app.get(ProjectionTables).live(familyListProjection).fl_families;
    await locker.query('begin');
    await locker.query(`lock table ${families} in exclusive mode`);
    try {
      await register();
      const stalled = await healthUntil(
        app,
        (body) => body.readModels?.['family-list']?.stalled !== undefined,
        15_000,
      );
      expect(stalled.status).toBe('degraded');
      expect(stalled.readModels?.['family-list']).toMatchObject({
        status: 'degraded',
        stalled: { behind: expect.any(Number) as number, sinceSeconds: expect.any(Number) },
      });
      expect(stalled.readModels?.['family-list']?.stalled?.behind).toBeGreaterThanOrEqual(1);
      expect(stalled.readModels?.['family-list']?.stalled?.sinceSeconds).toBeGreaterThanOrEqual(1);
    } finally {
      await locker.query('rollback');
    }

    const recovered = await healthUntil(app, (body) => body.status === 'ok', 15_000);
    expect(recovered.readModels?.['family-list']).toEqual({ status: 'ok' });
  }, 60_000);
});
