import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

import { familyListProjection, listDeadLetters, ProjectionTables } from '@samenspoor/projections';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';
import {
  describeWithPostgres,
  dropSchemas,
  postgresUrl,
  startNode,
  uniqueSchema,
} from '@samenspoor/testing';

import { ApiClient, startTestApp, type TestApp } from '../support/app';

const root = resolve(__dirname, '../..');
const tools = join(root, 'dist/apps/tools/main.js');

beforeAll(() => {
  execFileSync(join(root, 'node_modules/.bin/nest'), ['build', 'tools'], {
    cwd: root,
    stdio: 'pipe',
  });
}, 180_000);

describeWithPostgres('npm run projections:dead-letters on real set-aside events', () => {
  const schema = uniqueSchema('e2e_dead_tool');
  const env = { DATABASE_URL: postgresUrl(), DATABASE_SCHEMA: schema };
  // A name no id, type or code could contain: if it shows up in the output, the tool printed event data.
  const name = 'Wilhelmina Zwanenburg';
  let app: TestApp;
  let professional: ApiClient;
  let safetyTeam: ApiClient;

  const deadLetters = async (...args: string[]) => {
    const running = startNode(tools, env, root, ['projections:dead-letters', ...args]);
    const code = await running.exited;
    return { code, output: running.output() };
  };

  beforeAll(async () => {
    app = await startTestApp('postgres', { env: { DATABASE_SCHEMA: schema } });
    professional = new ApiClient(app, await app.token('p-anna', ['professional']));
    safetyTeam = new ApiClient(app, await app.token('s-carla', ['safety-team']));
  });
  afterAll(async () => {
    await app.close();
    await dropSchemas(schema);
  });

  it('lists them without data, refuses to call a replay that fails again a success, and replays them after the fix', async () => {
    const database = app.app.get<SqlDatabase>(SQL_DATABASE);
    const tables = app.app.get(ProjectionTables);
    const registered = await professional.post('/api/families', {
      municipality: 'Groningen',
      members: [{ role: 'youth', displayName: name }],
    });
    expect(registered.status).toBe(201);
    const { familyId, position } = registered.body as { familyId: string; position: string };
    await safetyTeam.get(`/api/families?minPosition=${position}`);
    // A bug in the family list: the database refuses to store this family once signalled (SQLSTATE 23514).
    const families = tables.live(familyListProjection).fl_families;
    await database.query(
      `alter table ${families} add constraint poisoned check (route_status <> 'signalled' or family_id <> '${familyId}') not valid`,
    );
    const signalled = await professional.post(`/api/families/${familyId}/signals`, {
      source: 'gp',
      concerns: ['trauma'],
      urgency: 'regular',
    });
    expect(signalled.status).toBe(201);
    await safetyTeam.get(
      `/api/families?minPosition=${(signalled.body as { position: string }).position}`,
    );
    expect(await listDeadLetters(database, tables.schema)).toHaveLength(1);

    const listed = await deadLetters();
    expect(listed.code).toBe(0);
    expect(listed.output).toMatch(
      new RegExp(
        `^family-list\\tfamily-${familyId}\\t\\d+\\t[0-9a-f]+\\tSignalReceived\\tfailed\\t23514\\t`,
        'm',
      ),
    );
    expect(listed.output).toContain('1 events set aside');
    expect(listed.output).not.toContain(name);
    expect(listed.output).not.toContain('Wilhelmina');

    // Before the fix the replay fails again: exit code 1, and the event stays set aside.
    const early = await deadLetters('--replay');
    expect(early.code).toBe(1);
    expect(early.output).toContain(`family-list\tfamily-${familyId}\tfailed again: 23514`);
    expect(early.output).not.toContain('Wilhelmina');
    expect(await listDeadLetters(database, tables.schema)).toHaveLength(1);

    await database.query(`alter table ${families} drop constraint poisoned`);
    const replayed = await deadLetters('--replay');
    expect(replayed.code).toBe(0);
    expect(replayed.output).toContain(`family-list\tfamily-${familyId}\treplayed 1 events`);
    expect(replayed.output).toContain('1 streams replayed, 0 failed again');

    const after = await deadLetters();
    expect(after.code).toBe(0);
    expect(after.output).toContain('0 events set aside');
    expect(after.output).not.toContain('family-list\t');
    const list = await safetyTeam.get('/api/families');
    const item = (list.body.items as { familyId: string; status: string; stale?: boolean }[]).find(
      (i) => i.familyId === familyId,
    );
    expect(item).toMatchObject({ status: 'signalled' });
    expect(item?.stale).toBeUndefined();

    const wrong = await deadLetters('--projection', 'no-such-model');
    expect(wrong.code).toBe(1);
    expect(wrong.output).toContain('unknown read model no-such-model');
  }, 180_000);
});
