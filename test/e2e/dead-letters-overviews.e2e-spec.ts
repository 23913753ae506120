import {
  familyListProjection,
  listDeadLetters,
  ProjectionTables,
  safetyOverviewProjection,
  stackingProjection,
  waitingListProjection,
} from '@samenspoor/projections';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { ApiClient, describeOnEachStore, startTestApp, type TestApp } from '../support/app';

// One array for both stores: nestjs-pino keeps the first app's logger for Nest's static `Logger` in this process,
// so a second app's lines reach the first app's destination (as in privacy.e2e-spec.ts).
const logs: string[] = [];

describeOnEachStore('a family set aside by the overviews', (kind) => {
  // A name no id, type, position or code could contain: it may only ever reach a table sealed.
  const name = 'Wilhelmina Zwanenburg';
  let app: TestApp;
  let professional: ApiClient;
  let safetyTeam: ApiClient;

  beforeAll(async () => {
    logs.length = 0;
    app = await startTestApp(kind, {
      logDestination: { write: (line: string) => void logs.push(line) },
      env: { LOG_LEVEL: 'debug' },
    });
    professional = new ApiClient(app, await app.token('p-anna', ['professional']));
    safetyTeam = new ApiClient(app, await app.token('s-carla', ['safety-team']));
  });
  afterAll(() => app.close());

  const register = async (municipality: string) => {
    const answer = await professional.post('/api/families', {
      municipality,
      members: [{ role: 'youth', displayName: name }],
    });
    expect(answer.status).toBe(201);
    return answer.body as { familyId: string; position: string };
  };

  it('says stale: { families: 1 } in the safety overview, stacking and waiting list, and logs the set-aside event without the personal data the database error echoes', async () => {
    const database = app.app.get<SqlDatabase>(SQL_DATABASE);
    const tables = app.app.get(ProjectionTables);
    // The read models' tables exist once they applied something.
    const healthy = await register('Groningen');
    const before = await safetyTeam.get(
      `/api/projections/safety-overview?minPosition=${healthy.position}`,
    );
    expect(before.status).toBe(200);
    expect(before.body).not.toHaveProperty('stale');
    // A bug in three read models: the database refuses every family of Westerkwartier, and its error echoes the
    // name (as a check or a function error may quote a row's values).
    await database.query(`create function ${tables.schema}.refuse_family() returns trigger language plpgsql as $$
      begin
        if new.municipality = 'Westerkwartier' then
          raise exception 'refused family of ${name}' using errcode = '23514', detail = '${name}';
        end if;
        return new;
      end $$`);
    const refused = [safetyOverviewProjection, stackingProjection, waitingListProjection];
    for (const projection of refused) {
      const table = Object.values(tables.live(projection))[0] as string;
      expect(table).toMatch(/_families"?$/);
      await database.query(
        `create trigger refuse_family before insert or update on ${table}
           for each row execute function ${tables.schema}.refuse_family()`,
      );
    }

    const poisoned = await register('Westerkwartier');
    const last = await register('Groningen');
    const asOf = `asOf=${new Date(Date.now() + 60_000).toISOString()}&minPosition=${last.position}`;
    const answers = {
      'safety-overview': await safetyTeam.get(`/api/projections/safety-overview?${asOf}`),
      stacking: await safetyTeam.get(`/api/projections/stacking?${asOf}`),
      'waiting-list': await safetyTeam.get(`/api/projections/waiting-list?${asOf}`),
    };
    for (const [projection, answer] of Object.entries(answers)) {
      expect([projection, answer.status]).toEqual([projection, 200]);
      expect([projection, answer.body.stale]).toEqual([projection, { families: 1 }]);
    }
    // The family list was not broken: it answers for the set-aside family, and does not call anything stale.
    const list = await safetyTeam.get(`/api/families?minPosition=${last.position}`);
    const items = list.body.items as { familyId: string; stale?: boolean }[];
    expect(items.map((i) => i.familyId).sort()).toEqual(
      [healthy.familyId, poisoned.familyId, last.familyId].sort(),
    );
    expect(items.some((i) => i.stale)).toBe(false);

    const letters = await listDeadLetters(database, tables.schema);
    // The family's later events follow the failed one aside; only the failed one is logged as an error.
    const failed = letters.filter((l) => l.reason === 'failed');
    expect(letters.every((l) => l.streamId === `family-${poisoned.familyId}`)).toBe(true);
    expect(failed.map((l) => [l.projection, l.streamId, l.reason, l.errorCode]).sort()).toEqual(
      refused.map((p) => [p.name, `family-${poisoned.familyId}`, 'failed', '23514']).sort(),
    );
    expect(letters.map((l) => l.projection)).not.toContain(familyListProjection.name);

    // One log line per set-aside event, as JSON: projection, stream, type, position and code — and the name
    // nowhere in the log.
    // The runner logs after its transaction commits, so the line may come just after the answers.
    const setAsideLines = () =>
      logs
        .flatMap((chunk) => chunk.split('\n'))
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((l) => l.msg === 'an event failed to apply; set aside with its stream');
    const deadline = Date.now() + 10_000;
    while (setAsideLines().length < refused.length && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const setAside = setAsideLines();
    expect(
      setAside
        .map((l) => [l.projection, l.streamId, l.eventType, l.errorCode, typeof l.position])
        .sort(),
    ).toEqual(
      refused
        .map((p) => [p.name, `family-${poisoned.familyId}`, 'FamilyRegistered', '23514', 'string'])
        .sort(),
    );
    for (const line of setAside) expect(letters.map((l) => l.position)).toContain(line.position);
    expect(logs.join('')).not.toContain('Wilhelmina');
    expect(logs.join('')).not.toContain('Zwanenburg');
  }, 120_000);
});
