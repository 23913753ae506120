import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; `.ci/run` installs it when it is missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ROOT = resolve(__dirname, '../..');

/** Where journeys leave their screenshots (git-ignored). */
export const ARTIFACTS = join(ROOT, 'test-artifacts');

/**
 * `describe` for suites that drive a real browser. Without Chromium the suite is reported as skipped with the
 * reason, except with `CI=true`, where a missing browser fails the run.
 */
export function describeWithChromium(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  const reason = `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a browser to run in', () => {
        throw new Error(`${reason}; CI=true, so the browser suite fails instead of being skipped`);
      });
    });
    return;
  }
  console.warn(`SKIPPED ${name}: ${reason}`);
  // The one sanctioned skip: the explicit guard for a missing browser, reported with its reason.
  // eslint-disable-next-line no-restricted-syntax
  describe.skip(`${name} (skipped: ${reason})`, body);
}

/** What the built UI is made of: when none of it changed, the build in dist/web is current. */
function webSources(): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(join(ROOT, 'apps/web'));
  // The UI shares the elfproef with the domain; the lock file pins Vite, React and the rest; this file says how
  // the UI is built.
  return [
    ...files.sort(),
    join(ROOT, 'libs/domain/src/bsn.ts'),
    join(ROOT, 'package-lock.json'),
    join(ROOT, 'test/support/browser.ts'),
  ];
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of webSources()) hash.update(file).update(readFileSync(file));
  return hash.digest('hex');
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds the web UI into dist/web, as `npm start` does, so the API under test serves the current source. Browser
 * suites run in parallel processes: one builds (under a lock) while the others wait, and a build of the same
 * sources is not repeated, so no suite's pages lose their files to another suite's build.
 */
export function buildWebUi(): void {
  // Inside the build, so that any other build (npm start's) removes it; a dotfile, which is never served.
  const stamp = join(ROOT, 'dist/web/.source-hash');
  const lock = join(ROOT, 'dist/.web-build-lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const hash = sourceHash();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another suite builds; a lock older than five minutes was left by a process that died.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > 300_000)
        rmSync(lock, { recursive: true, force: true });
      sleep(200);
    }
  }
  try {
    const built = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';
    if (built === hash) return;
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        'apps/web',
        '--outDir',
        '../../dist/web',
        '--emptyOutDir',
        '--logLevel',
        'error',
      ],
      // Jest sets NODE_ENV=test, which would make Vite bundle React's development build: test what npm start serves.
      { cwd: ROOT, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } },
    );
    writeFileSync(stamp, hash);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=nl-NL',
    ],
  });
}

/** A browser context as a Dutch user on a laptop: Dutch locale, the region's time zone. */
export function dutchContext(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page (WCAG 2.x A and AA rules and best practices) and answers the violations that are
 * serious or critical, as readable lines.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) {
    // Evaluated over the DevTools protocol, which the page's content security policy does not govern: a script
    // tag would be refused by it, as it should be.
    await page.evaluate(AXE_SOURCE);
  }
  const violations = await page.evaluate(async () => {
    const { axe } = globalThis as unknown as {
      axe: { run(options: object): Promise<{ violations: AxeViolation[] }> };
    };
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')})`,
    );
}

/** A page of the UI, with every URL it requested and every console error it logged. */
export interface OpenPage {
  readonly page: Page;
  readonly urls: string[];
  readonly consoleErrors: string[];
}

/** A new page in a fresh Dutch context, recording its requests and console errors. */
export async function openPage(
  browser: Browser,
  viewport?: { width: number; height: number },
): Promise<OpenPage> {
  const context = await dutchContext(browser, viewport);
  const page = await context.newPage();
  const opened: OpenPage = { page, urls: [], consoleErrors: [] };
  page.on('request', (request) => opened.urls.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') opened.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => opened.consoleErrors.push(error.message));
  return opened;
}

/**
 * The console errors a journey did not expect: a page may not break the content security policy or throw. The
 * browser logs every answer of 400, 403, 404, 409 or 422 the UI asked for and handled (a refused step, bad
 * input, an unknown family, a token without roles): those are expected.
 */
export function unexpectedConsoleErrors(opened: OpenPage): string[] {
  return opened.consoleErrors.filter(
    (text) => !/the server responded with a status of (400|403|404|409|422)/.test(text),
  );
}

/** No serious or critical axe-core violation on the page as it is now. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  expect({ where, violations: await seriousAccessibilityViolations(page) }).toEqual({
    where,
    violations: [],
  });
}

/** A headless Chromium on the built web UI for one describe block (see `useBrowser`). */
export interface SuiteBrowser {
  /** A new page in a fresh Dutch context, kept for the checks after each test. */
  open(viewport?: { width: number; height: number }): Promise<OpenPage>;
  /** Every page opened so far, for checks at the end. */
  readonly everyPage: readonly OpenPage[];
}

/**
 * Builds the web UI and launches Chromium before the describe block's tests, closes it after them. After each
 * test, no page it opened (with `recheckEveryPage`: no page opened so far) may have logged an unexpected console
 * error: a page may not break the content security policy or throw.
 */
export function useBrowser(options: { readonly recheckEveryPage?: boolean } = {}): SuiteBrowser {
  let browser: Browser | undefined;
  const everyPage: OpenPage[] = [];
  const unchecked: OpenPage[] = [];
  beforeAll(async () => {
    buildWebUi();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => {
    const pages = options.recheckEveryPage ? everyPage : unchecked;
    for (const opened of pages) expect(unexpectedConsoleErrors(opened)).toEqual([]);
    unchecked.length = 0;
  });
  return {
    everyPage,
    async open(viewport) {
      if (!browser) throw new Error('the browser runs from its beforeAll to its afterAll');
      const opened = await openPage(browser, viewport);
      everyPage.push(opened);
      unchecked.push(opened);
      return opened;
    },
  };
}
