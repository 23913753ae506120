import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { freePort, startNode, waitForOk } from '@samenspoor/testing';

/**
 * What `npm start` runs, run as a newcomer would: the built API as its own process, configured only by
 * environment variables.
 */
describe('npm start (the built API as a process)', () => {
  const root = resolve(__dirname, '../..');
  const main = join(root, 'dist/apps/api/main.js');
  let dataDir: string;

  beforeAll(() => {
    execFileSync(join(root, 'node_modules/.bin/nest'), ['build', 'api'], {
      cwd: root,
      stdio: 'pipe',
    });
    dataDir = mkdtempSync(join(tmpdir(), 'samenspoor-start-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves /health on PORT with the embedded store in DATA_DIR and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const running = startNode(
      main,
      { PORT: `${port}`, DATA_DIR: dataDir, SEED_DEMO: 'false' },
      root,
    );
    try {
      await waitForOk(`http://127.0.0.1:${port}/health`, 60_000, running);
      expect(running.output()).toContain(`listening on http://localhost:${port}`);
      // The first line is for a person, above the JSON log lines: the address, the docs, how to sign in.
      const [first, ...rest] = running.output().split('\n');
      expect(first).toBe(
        `Samenspoor starts on http://localhost:${port}: open it in a browser and sign in there by picking a demo user (development sign-in, no password); the API docs are at http://localhost:${port}/docs. Logs follow as JSON lines.`,
      );
      expect(rest.some((line) => line.startsWith('{'))).toBe(true);

      // `GET /` leads to the UI whoever asks: a browser, curl (*/*), a JSON client.
      const ui = join(root, 'dist/web/index.html');
      for (const accept of ['text/html', '*/*', 'application/json']) {
        const answer = await fetch(`http://127.0.0.1:${port}/`, { headers: { accept } });
        expect([accept, answer.status]).toEqual([accept, 200]);
        const body = await answer.text();
        if (existsSync(ui)) expect(body).toBe(readFileSync(ui, 'utf8'));
        else expect(body).toMatch(/the web UI is not built here .* documentation are at \/docs/);
      }
      expect(existsSync(join(dataDir, 'samenspoor.lock'))).toBe(true);
    } finally {
      running.child.kill('SIGTERM');
    }
    // Nest re-raises the signal after its shutdown hooks: the process ends by SIGTERM, having released the store.
    await running.exited;
    expect(String(running.child.signalCode ?? running.child.exitCode)).toMatch(/SIGTERM|^0$/);
    expect(existsSync(join(dataDir, 'samenspoor.lock'))).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number from 1 to 65535 \(got "abc"\)/],
    [{ AUTH_MODE: 'magic' }, /AUTH_MODE must be one of: dev, oidc/],
    [{ DATABASE_URL: 'mysql://db/samenspoor' }, /DATABASE_URL must be a postgres:\/\//],
    [{ SMALL_CELL_THRESHOLD: 'five' }, /SMALL_CELL_THRESHOLD must be a whole number/],
    [{ SEED_DEMO: 'maybe' }, /SEED_DEMO must be true or false/],
  ])('refuses to start with %j and names the setting', async (env, message) => {
    const running = startNode(main, { DATA_DIR: dataDir, ...env }, root);
    expect(await running.exited).toBe(2);
    expect(running.output()).toMatch(/Samenspoor cannot start/);
    expect(running.output()).toMatch(message);
  });

  it('stops with a clear message when the PostgreSQL server cannot be reached', async () => {
    const running = startNode(
      main,
      {
        DATABASE_URL: 'postgres://user:hunter2@127.0.0.1:1/samenspoor',
        AUTH_MODE: 'dev',
        LOG_LEVEL: 'silent',
      },
      root,
    );
    expect(await running.exited).toBe(1);
    expect(running.output()).toMatch(
      /Samenspoor cannot start: cannot reach PostgreSQL at 127\.0\.0\.1:1\/samenspoor/,
    );
    expect(running.output()).not.toContain('hunter2');
  });
});
