import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

import { devToken, http } from './http';
import { freePort, startNode, waitForOk, type RunningProcess } from './process';

/** The repository's root folder. */
export const REPO_ROOT = resolve(__dirname, '../..');

/** The built tools app. */
export const TOOLS_MAIN = join(REPO_ROOT, 'dist/apps/tools/main.js');

/** Builds one of the apps (`api`, `projector`, `tools`) into `dist/apps/<app>/main.js`. */
export function nestBuild(app: string): void {
  execFileSync(join(REPO_ROOT, 'node_modules/.bin/nest'), ['build', app], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
  });
}

/** Runs a command of the built tools app (`npm run seed` and the like) to its end. */
export async function runTool(
  env: Record<string, string>,
  args: readonly string[],
): Promise<{ code: number | null; output: string }> {
  const running = startNode(TOOLS_MAIN, env, REPO_ROOT, args);
  const code = await running.exited;
  return { code, output: running.output() };
}

/**
 * The built API (`dist/apps/api/main.js`, see `nestBuild`) started as a process on a free port, with development
 * tokens, no demo region and warnings logged; answers once its `/health` is ok.
 */
export async function startBuiltApi(
  env: Record<string, string>,
): Promise<{ readonly api: RunningProcess; readonly base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = startNode(
    join(REPO_ROOT, 'dist/apps/api/main.js'),
    { PORT: `${port}`, AUTH_MODE: 'dev', SEED_DEMO: 'false', LOG_LEVEL: 'warn', ...env },
    REPO_ROOT,
  );
  await waitForOk(`${base}/health`, 60_000, api);
  return { api, base };
}

/** Ends a process (SIGTERM) that still runs, and waits until it has. */
export async function stopProcess(running: RunningProcess | undefined): Promise<void> {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGTERM');
    await running.exited;
  }
}

/**
 * The built API started on `env` (see `startBuiltApi`) for suites that write under trouble: a professional
 * (`writer`) and a safety team member signed in, and `families` families of one youth in Veendam registered by the
 * professional, each expected stored.
 */
export async function startWritingApi(
  env: Record<string, string>,
  writer: string,
  families: number,
): Promise<{
  readonly api: RunningProcess;
  readonly base: string;
  readonly professional: string;
  readonly safetyTeam: string;
  readonly families: string[];
}> {
  const { api, base } = await startBuiltApi(env);
  const professional = await devToken(base, writer, ['professional']);
  const safetyTeam = await devToken(base, 's-carla', ['safety-team']);
  const registered: string[] = [];
  for (let i = 0; i < families; i++) {
    const answer = await http<{ familyId: string }>(base, 'POST', '/api/families', {
      body: { municipality: 'Veendam', members: [{ role: 'youth', displayName: `Kind ${i}` }] },
      headers: { authorization: `Bearer ${professional}` },
    });
    expect(answer.status).toBe(201);
    registered.push(answer.body.familyId);
  }
  return { api, base, professional, safetyTeam, families: registered };
}
