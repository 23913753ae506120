import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

import { startNode } from './process';

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
