/**
 * `npm run bench:web [-- --loads 40] [-- --json]`
 *
 * How fast the manager's dashboard is drawn for the seeded demo region, as `npm start` runs it:
 * 1. builds the web UI and the API, and starts the built API as its own process on a fresh embedded store,
 *    which seeds the demo region (150 families);
 * 2. waits until every read model has caught up (no lag in /metrics);
 * 3. loads /dashboard `--loads` times in Chromium, each time in a fresh browser context (no cache), signed in
 *    as a manager, and reads the moment the page marked its charts as drawn (`samenspoor:dashboard-drawn`,
 *    milliseconds since the start of the navigation); prints p50, p90, p99 and max. Two loads warm up first.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { buildWebUi, CHROMIUM, dutchContext, launchChromium } from '../support/browser';
import { freePort, startNode, waitForOk } from '../support/process';
import { asJson, numberOption, say } from './bench-args';
import { runBench } from './bench-run';

const loads = numberOption('--loads', 40);
const WARM_UP = 2;
const root = resolve(__dirname, '../..');
const MARK = 'samenspoor:dashboard-drawn';

/** Nearest rank: the ⌈q·n⌉-th smallest. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function caughtUp(base: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const lags = [...metrics.matchAll(/^samenspoor_projection_lag_events\{[^}]*\} (\d+)/gm)].map(
      (m) => Number(m[1]),
    );
    if (lags.length > 0 && lags.every((lag) => lag === 0)) return;
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
  throw new Error('the read models did not catch up in two minutes');
}

async function main(): Promise<void> {
  say('building the web UI and the API');
  buildWebUi();
  execFileSync(join(root, 'node_modules/.bin/nest'), ['build', 'api'], {
    cwd: root,
    stdio: 'pipe',
  });

  const dataDir = mkdtempSync(join(tmpdir(), 'samenspoor-bench-web-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  say('starting the API on a fresh embedded store with the demo region');
  const api = startNode(
    join(root, 'dist/apps/api/main.js'),
    { PORT: `${port}`, DATA_DIR: dataDir, SEED_DEMO: 'true', LOG_LEVEL: 'warn' },
    root,
  );
  const browser = await launchChromium();
  try {
    await waitForOk(`${base}/health`, 120_000, api);
    await caughtUp(base);
    const user = {
      id: 'mgr-fleur-bakker',
      name: 'Fleur Bakker',
      roles: ['manager'],
      organisation: 'Gemeente Groningen',
    };
    const issued = await fetch(`${base}/api/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        sub: user.id,
        name: user.name,
        roles: user.roles,
        organisation: user.organisation,
      }),
    });
    const { token } = (await issued.json()) as { token: string };
    const families = (await (
      await fetch(`${base}/api/projections/stacking`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { families: number | null };
    const session = JSON.stringify({ token, user, mode: 'dev' });

    say(`loading /dashboard ${loads} times (after ${WARM_UP} to warm up)`);
    const times: number[] = [];
    for (let i = 0; i < WARM_UP + loads; i++) {
      const context = await dutchContext(browser);
      // The manager is signed in in this tab, as after the sign-in page (the session lives in sessionStorage).
      await context.addInitScript(
        `sessionStorage.setItem('samenspoor.session', ${JSON.stringify(session)})`,
      );
      const page = await context.newPage();
      await page.goto(`${base}/dashboard`);
      await page
        .locator('[data-charts-drawn="true"]')
        .waitFor({ state: 'attached', timeout: 30_000 });
      const drawn = await page.evaluate(
        (mark) => performance.getEntriesByName(mark)[0]?.startTime,
        MARK,
      );
      await context.close();
      if (drawn === undefined) throw new Error(`the dashboard did not mark ${MARK}`);
      if (i >= WARM_UP) times.push(drawn);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const report = {
      node: process.version,
      chromium: browser.version(),
      chromiumPath: CHROMIUM,
      region: { demoFamilies: 150, familiesOnRoute: families.families },
      loads,
      freshContextEachLoad: true,
      navigationToChartsDrawnMs: {
        p50: Math.round(quantile(sorted, 0.5)),
        p90: Math.round(quantile(sorted, 0.9)),
        p99: Math.round(quantile(sorted, 0.99)),
        max: Math.round(sorted.at(-1) ?? Number.NaN),
      },
    };
    if (asJson) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    const t = report.navigationToChartsDrawnMs;
    console.log(
      `\nWeb dashboard benchmark — demo region (150 families), Chromium ${report.chromium} headless, node ${process.version}`,
    );
    console.log(
      `navigation to the dashboard's charts drawn, ${loads} loads, each in a fresh browser context (no cache):`,
    );
    console.log(`  p50 ${t.p50} ms  p90 ${t.p90} ms  p99 ${t.p99} ms  max ${t.max} ms`);
  } finally {
    await browser.close();
    api.child.kill('SIGTERM');
    await api.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

runBench(main);
