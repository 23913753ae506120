import { EVENT_STORE, type EventStore } from '@samenspoor/event-store';
import {
  ALL_PROJECTIONS,
  familyListProjection,
  listDeadLetters,
  ProjectionTables,
  rebuildInto,
  replaySetAside,
} from '@samenspoor/projections';
import { snapshot } from '@samenspoor/projections/testing';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { ApiClient, describeOnEachStore, startTestApp, type TestApp } from '../support/app';
import { http } from '../support/http';

describeOnEachStore('a read model that cannot apply one event', (kind) => {
  let app: TestApp;
  let professional: ApiClient;
  let safetyTeam: ApiClient;
  let database: SqlDatabase;
  let tables: ProjectionTables;
  const register = async (displayName: string) =>
    (
      await professional.post('/api/families', {
        municipality: 'Groningen',
        members: [{ role: 'youth', displayName }],
      })
    ).body as { familyId: string; position: string };
  const signal = async (familyId: string) =>
    (
      await professional.post(`/api/families/${familyId}/signals`, {
        source: 'gp',
        concerns: ['trauma'],
        urgency: 'regular',
      })
    ).body as { position: string };

  beforeAll(async () => {
    app = await startTestApp(kind);
    professional = new ApiClient(app, await app.token('p-anna', ['professional']));
    safetyTeam = new ApiClient(app, await app.token('s-carla', ['safety-team']));
    database = app.app.get<SqlDatabase>(SQL_DATABASE);
    tables = app.app.get(ProjectionTables);
  });
  afterAll(() => app.close());

  it('sets the family aside, answers for every other family, says so in the answers, /health and /metrics, and recovers after a fix and a replay', async () => {
    const healthy = await register('Sanne');
    const poisoned = await register('Daan');
    await safetyTeam.get(`/api/families?minPosition=${poisoned.position}`);
    // A bug in the family list: from now on the database refuses to store a signalled family (SQLSTATE 23514).
    await database.query(
      `alter table ${tables.live(familyListProjection).fl_families}
         add constraint poisoned check (route_status <> 'signalled' or family_id <> '${poisoned.familyId}') not valid`,
    );
    await signal(poisoned.familyId);
    const later = await signal(healthy.familyId);

    // The read model went on past it: minPosition after the poison answers, with the other family up to date.
    const list = await safetyTeam.get(`/api/families?minPosition=${later.position}`);
    expect(list.status).toBe(200);
    const items = list.body.items as { familyId: string; status: string; stale?: boolean }[];
    const healthyItem = items.find((i) => i.familyId === healthy.familyId);
    const poisonedItem = items.find((i) => i.familyId === poisoned.familyId);
    expect(healthyItem).toMatchObject({ status: 'signalled' });
    expect(healthyItem?.stale).toBeUndefined();
    expect(poisonedItem).toMatchObject({ status: 'registered', stale: true });

    const letters = await listDeadLetters(database, tables.schema);
    expect(letters.map((l) => [l.projection, l.eventType, l.reason, l.errorCode])).toEqual([
      ['family-list', 'SignalReceived', 'failed', '23514'],
    ]);

    const health = await http(app.base, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'degraded',
      readModels: {
        'family-list': { status: 'degraded', setAside: { events: 1, families: 1 } },
        timeline: { status: 'ok' },
      },
    });
    const metrics = await http<string>(app.base, 'GET', '/metrics');
    expect(metrics.text).toContain(
      'samenspoor_projection_dead_letters{projection="family-list"} 1',
    );
    expect(metrics.text).toContain('samenspoor_projection_dead_letters{projection="timeline"} 0');

    // The fix, then the replay: the family list equals a clean rebuild, and everything is back to ok.
    await database.query(
      `alter table ${tables.live(familyListProjection).fl_families} drop constraint poisoned`,
    );
    const outcomes = await replaySetAside(
      database,
      app.app.get<EventStore>(EVENT_STORE),
      tables,
      ALL_PROJECTIONS,
    );
    expect(outcomes).toEqual([
      { projection: 'family-list', streamId: `family-${poisoned.familyId}`, replayed: 1 },
    ]);
    expect(await listDeadLetters(database, tables.schema)).toEqual([]);
    const after = await safetyTeam.get(`/api/families?minPosition=${later.position}`);
    const replayed = (
      after.body.items as { familyId: string; status: string; stale?: boolean }[]
    ).find((i) => i.familyId === poisoned.familyId);
    expect(replayed).toMatchObject({ status: 'signalled' });
    expect(replayed?.stale).toBeUndefined();
    const live = await snapshot(database, familyListProjection, tables.live(familyListProjection));
    await rebuildInto(database, app.app.get<EventStore>(EVENT_STORE), tables, familyListProjection);
    expect(live).toEqual(
      await snapshot(database, familyListProjection, tables.rebuilding(familyListProjection)),
    );
    const healthAfter = await http(app.base, 'GET', '/health');
    expect(healthAfter.body).toMatchObject({ status: 'ok' });
  }, 120_000);
});
