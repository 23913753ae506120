import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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

async function runTool(
  env: Record<string, string>,
  args: string[],
): Promise<{ code: number | null; output: string }> {
  const running = startNode(tools, env, root, args);
  const code = await running.exited;
  return { code, output: running.output() };
}

beforeAll(() => {
  execFileSync(join(root, 'node_modules/.bin/nest'), ['build', 'tools'], {
    cwd: root,
    stdio: 'pipe',
  });
});

describeWithPostgres('npm run seed and npm run projections:rebuild, next to a running API', () => {
  const schema = uniqueSchema('e2e_tools');
  const env = { DATABASE_URL: postgresUrl(), DATABASE_SCHEMA: schema };
  let app: TestApp;
  let safetyTeam: ApiClient;

  beforeAll(async () => {
    app = await startTestApp('postgres', { env: { DATABASE_SCHEMA: schema } });
    safetyTeam = new ApiClient(app, await app.token('s-carla', ['safety-team']));
  });
  afterAll(async () => {
    await app.close();
    await dropSchemas(schema);
  });

  async function figures() {
    const asOf = 'asOf=2026-11-01T00:00:00Z';
    const answers = await Promise.all([
      safetyTeam.get(`/api/projections/waiting-list?${asOf}`),
      safetyTeam.get(`/api/projections/stacking?${asOf}`),
      safetyTeam.get(`/api/projections/safety-overview?${asOf}`),
      safetyTeam.get('/api/projections/outflow?from=2024-11-01&to=2026-11-01'),
      safetyTeam.get('/api/families?limit=500'),
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
    const before = await figures();

    const rebuild = startNode(tools, env, root, ['projections:rebuild']);
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
