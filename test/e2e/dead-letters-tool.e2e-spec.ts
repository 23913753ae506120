import { familyListProjection, listDeadLetters, ProjectionTables } from '@samenspoor/projections';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';
import { describeWithPostgres, nestBuild, runTool } from '@samenspoor/testing';

import { useSchemaApp } from '../support/app';

beforeAll(() => nestBuild('tools'), 180_000);

describeWithPostgres('npm run projections:dead-letters on real set-aside events', () => {
  const { app, env } = useSchemaApp('e2e_dead_tool');
  // A name no id, type or code could contain: if it shows up in the output, the tool printed event data.
  const name = 'Wilhelmina Zwanenburg';
  const professional = app.as('p-anna', ['professional']);
  const safetyTeam = app.as('s-carla', ['safety-team']);

  const deadLetters = (...args: string[]) => runTool(env, ['projections:dead-letters', ...args]);

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
