/**
 * The API as a process of its own for the benches that measure it over HTTP: built, started on a free port with
 * development tokens, no demo region and warnings logged (its errors on the bench's stderr), and answering once its
 * `/health` is ok.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { devToken } from '../support/http';
import { freePort, waitForOk } from '../support/process';
import { nestBuild, REPO_ROOT } from '../support/tools';

export interface BenchApi {
  readonly base: string;
  readonly process: ChildProcess;
  /** A development token for a user with these roles (see `devToken`). */
  token(sub: string, roles: readonly string[], organisation?: string): Promise<string>;
  /** Ends the API (SIGTERM) and waits until it has. */
  stop(): Promise<void>;
}

/**
 * The Node flags `npm start` runs the API with (its young generation's size, which bounds its memory under load):
 * the bench measures the API as it is started, so it takes them from there.
 */
function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const start = /^node((?:\s+--\S+)*)\s+dist\/apps\/api\/main\.js$/.exec(scripts.start ?? '');
  if (!start)
    throw new Error(`npm start is not "node [--flags] dist/apps/api/main.js": ${scripts.start}`);
  return start[1]!.trim().split(/\s+/).filter(Boolean);
}

/** Builds the API and starts it on `env` (added to this process's environment). */
export async function startBenchApi(env: Record<string, string>): Promise<BenchApi> {
  nestBuild('api');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = spawn(process.execPath, [...startFlags(), join(REPO_ROOT, 'dist/apps/api/main.js')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      AUTH_MODE: 'dev',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolveExit) => api.once('exit', resolveExit));
  const stop = async (): Promise<void> => {
    if (api.exitCode === null && api.signalCode === null) api.kill('SIGTERM');
    await exited;
  };
  try {
    // On a region of 100,000 families the API catches its search index and read models up before it answers:
    // minutes, not seconds, on a busy machine.
    await waitForOk(`${base}/health`, 15 * 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    base,
    process: api,
    token: (sub, roles, organisation) => devToken(base, sub, roles, organisation),
    stop,
  };
}
