import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  describeWithPostgres,
  nestBuild,
  REPO_ROOT,
  runTool,
  startNode,
  TOOLS_MAIN,
} from '@samenspoor/testing';

import { startTestApp, useSchemaApp, type ApiClient } from '../support/app';

beforeAll(() => nestBuild('tools'));

describeWithPostgres('npm run seed and npm run projections:rebuild, next to a running API', () => {
  const { app, env } = useSchemaApp('e2e_tools');
  const safetyTeam = app.as('s-carla', ['safety-team']);

  /** The figures; with `minPosition`, each read model's once it has applied that position. */
  async function figures(minPosition = '') {
    const min = minPosition && `&minPosition=${minPosition}`;
    const asOf = `asOf=2026-11-01T00:00:00Z${min}`;
    const answers = await Promise.all([
      safetyTeam.get(`/api/projections/waiting-list?${asOf}`),
      safetyTeam.get(`/api/projections/stacking?${asOf}`),
      safetyTeam.get(`/api/projections/safety-overview?${asOf}`),
      safetyTeam.get(`/api/projections/outflow?from=2024-11-01&to=2026-11-01${min}`),
      safetyTeam.get(`/api/families?limit=500${min}`),
    ]);
    for (const answer of answers) expect(answer.status).toBe(200);
    return answers.map((answer) => answer.body as unknown);
  }

  it('seeds a region the API shows, and rebuilds every read model while queries keep answering', async () => {
    const seeded = await runTool(env, ['seed', '--families', '60', '--seed', '3', '--years', '1']);
    expect(seeded.code).toBe(0);
    expect(seeded.output).toMatch(/seeded 60 families, \d+ events/);

    const deadline = Date.now() + 60_000;
    while (((await figures())[4] as { items: unknown[] }).items.length < 60) {
      if (Date.now() > deadline) throw new Error('the read models did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // The read models apply a batch each in its own transaction: wait for every one of them, not just the list.
    const before = await figures(await app.store.headPosition());

    const rebuild = startNode(TOOLS_MAIN, env, REPO_ROOT, ['projections:rebuild']);
    let answered = 0;
    while (rebuild.child.exitCode === null && rebuild.child.signalCode === null) {
      await figures();
      answered++;
    }
    expect(await rebuild.exited).toBe(0);
    expect(answered).toBeGreaterThan(0);
    for (const name of [
      'waiting-list',
      'stacking',
      'safety-overview',
      'outflow',
      'timeline',
      'family-list',
    ]) {
      expect(rebuild.output()).toMatch(new RegExp(`${name}: rebuilt from \\d+ events`));
    }
    expect(await figures()).toEqual(before);
  });

  it('names an unknown read model', async () => {
    const answer = await runTool(env, ['projections:rebuild', 'gossip']);
    expect(answer.code).toBe(1);
    expect(answer.output).toMatch(/unknown read model gossip; known: waiting-list/);
  });
});

describe('npm run projections:rebuild on the embedded store', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'samenspoor-tools-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses while the engine holds the folder, and rebuilds once it stopped', async () => {
    const app = await startTestApp('pglite', { env: { DATA_DIR: dataDir, SEED_DEMO: 'true' } });
    let refused;
    try {
      refused = await runTool({ DATA_DIR: dataDir }, ['projections:rebuild']);
    } finally {
      await app.close();
    }
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/in use by process \d+/);
    const rebuilt = await runTool({ DATA_DIR: dataDir }, ['projections:rebuild', 'waiting-list']);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.output).toMatch(/waiting-list: rebuilt from \d+ events/);
  });
});

describeWithPostgres('npm run retention:report', () => {
  const { app, env } = useSchemaApp('e2e_retention');
  const anna = app.as('p-anna', ['professional']);
  const safetyTeam = app.as('s-1', ['safety-team']);

  /** A family whose case ran in the past: registered, crisis care started and ended, outflowed. */
  async function pastFamily(client: ApiClient, year: number, outflow: boolean) {
    const at = (month: number) => `${year}-0${month}-01T09:00:00Z`;
    const registered = await client.post('/api/families', {
      municipality: 'Pekela',
      occurredAt: at(1),
      members: [{ role: 'youth', displayName: 'Oud' }],
    });
    expect(registered.status).toBe(201);
    const path = `/api/families/${registered.body.familyId}`;
    const requested = await client.post(`${path}/trajectories`, {
      careForm: 'crisis-care',
      providerId: 'x',
      occurredAt: at(2),
    });
    const trajectory = `${path}/trajectories/${requested.body.trajectoryId}`;
    expect((await client.post(`${trajectory}/start`, { occurredAt: at(3) })).status).toBe(201);
    let last = await client.post(`${trajectory}/end`, { reason: 'completed', occurredAt: at(4) });
    if (outflow) {
      await client.post(`${path}/signals`, {
        source: 'gp',
        concerns: ['other'],
        urgency: 'crisis',
        occurredAt: at(5),
      });
      last = await client.post(`${path}/outflow`, { destination: 'moved', occurredAt: at(6) });
    }
    expect(last.status).toBe(201);
    return { familyId: registered.body.familyId as string, position: last.body.position as string };
  }

  it('lists the families whose care ended more than 20 years ago, oldest first, and no others', async () => {
    const oldest = await pastFamily(anna, 2003, true);
    const older = await pastFamily(anna, 2005, false);
    const recent = await pastFamily(anna, 2020, true);
    expect(
      (await safetyTeam.get(`/api/families?minPosition=${recent.position}`)).body.items,
    ).toHaveLength(3);

    const report = await runTool(env, ['retention:report', '--as-of', '2026-11-25T00:00:00Z']);
    expect(report.code).toBe(0);
    expect(report.output).toContain('2 of 3 families ended care more than 20 years ago');
    const rows = report.output.split('\n').filter((line) => /^[0-9a-f-]{36} /.test(line));
    expect(rows.map((row) => row.split(/\s+/))).toEqual([
      [oldest.familyId, 'Pekela', '2003-06-01', '23'],
      [older.familyId, 'Pekela', '2005-04-01', '21'],
    ]);

    const json = await runTool(env, [
      'retention:report',
      '--years',
      '5',
      '--as-of',
      '2026-11-25',
      '--json',
    ]);
    expect(JSON.parse(json.output)).toMatchObject({
      years: 5,
      families: 3,
      candidates: [
        { familyId: oldest.familyId },
        { familyId: older.familyId },
        { familyId: recent.familyId, careEndedAt: '2020-06-01T09:00:00.000Z', yearsSince: 6 },
      ],
    });
    const bad = await runTool(env, ['retention:report', '--years', 'twenty']);
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('--years must be a whole number ≥ 0, got twenty');
  });
});
