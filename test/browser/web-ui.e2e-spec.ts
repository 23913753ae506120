import { randomUUID } from 'node:crypto';

import type { Page } from 'playwright-core';

import { ApiClient, startTestApp, type TestApp } from '../support/app';
import {
  describeWithChromium,
  expectAccessible,
  screenshot,
  seriousAccessibilityViolations,
  useBrowser,
} from '../support/browser';
import { heading, openMyFamilies, signInTypedIn } from '../support/web-ui';

const DAY_MS = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The users' journeys through the web UI, in Chromium, against the real API on the embedded store with the
 * seeded demo region (150 families), as `npm start` runs it.
 */
describeWithChromium('the web UI in a real browser', () => {
  let app: TestApp;
  let safetyTeam: ApiClient;
  let auditor: ApiClient;
  const { open } = useBrowser();

  /** Waits until every read model has applied the store's head: the demo region is fully visible. */
  async function readModelsCaughtUp(position: string): Promise<void> {
    const routes = [
      '/api/families?limit=1',
      '/api/projections/waiting-list',
      '/api/projections/stacking',
      '/api/projections/safety-overview',
      '/api/projections/outflow',
    ];
    for (const route of routes) {
      const separator = route.includes('?') ? '&' : '?';
      for (let attempt = 0; ; attempt++) {
        const answer = await safetyTeam.get(`${route}${separator}minPosition=${position}`);
        if (answer.status === 200) break;
        if (answer.status !== 503 || attempt > 30) throw new Error(`${route}: ${answer.status}`);
      }
    }
  }

  /** The number of entries in the audit log (the count itself adds one). */
  async function auditEntries(): Promise<number> {
    const answer = await auditor.get('/api/audit?limit=1000');
    expect(answer.body.nextCursor).toBeNull();
    return answer.body.items.length;
  }

  /** The API paths a page requested, without their queries, in order. */
  function apiPaths(urls: readonly string[]): string[] {
    return urls
      .map((url) => new URL(url))
      .filter((url) => url.pathname.startsWith('/api/'))
      .map((url) => url.pathname);
  }

  beforeAll(async () => {
    app = await startTestApp('pglite', { env: { SEED_DEMO: 'true' } });
    safetyTeam = new ApiClient(app, await app.token('t-rvt-check', ['safety-team']));
    auditor = new ApiClient(app, await app.token('t-audit-check', ['auditor']));
    await readModelsCaughtUp(await app.store.headPosition());
  }, 240_000);

  afterAll(async () => {
    await app?.close();
  });

  it('serves the UI at / and for its own paths, but never instead of /api, /health, /metrics or /docs', async () => {
    const html = { accept: 'text/html' };
    const page = await fetch(`${app.base}/gezinnen/${randomUUID()}`, { headers: html });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(
      "script-src 'self'".replace('script-src', 'default-src'),
    );
    expect(await page.text()).toContain('<div id="root">');
    // Only a browser asking for a page gets the page; a client taking anything gets the API's problem.
    expect((await fetch(`${app.base}/gezinnen`, { headers: { accept: '*/*' } })).status).toBe(404);
    const staleAsset = await fetch(`${app.base}/assets/index-0ld.js`, {
      headers: { accept: '*/*' },
    });
    expect(staleAsset.status).toBe(404);
    const api = await fetch(`${app.base}/api/does-not-exist`, { headers: html });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(
      (await fetch(`${app.base}/health`, { headers: html })).headers.get('content-type'),
    ).toContain('json');
    expect(
      (await fetch(`${app.base}/metrics`, { headers: html })).headers.get('content-type'),
    ).toContain('text/plain');
    expect(await (await fetch(`${app.base}/docs`, { headers: html })).text()).toContain('swagger');
  });

  it('a professional picks a demo user, finds a family in "Mijn gezinnen" and logs an MDO', async () => {
    const { page, urls } = await open();
    const auditBefore = await auditEntries();
    await page.goto(`${app.base}/`);
    await heading(page, 'Inloggen bij Samenspoor');
    await page.locator('.pick').first().waitFor();
    await expectAccessible(page, 'aanmelden (ontwikkelomgeving)');
    // The sign-in page asks only how to sign in and whom to offer: no token, no family, no audit entry.
    expect(apiPaths(urls)).toEqual(['/api/auth/config', '/api/auth/dev-users']);
    expect(await auditEntries()).toBe(auditBefore + 1);
    await page.getByRole('list').first().getByRole('button').first().click();

    // A professional starts on "Mijn werk", and finds their families one link further.
    await openMyFamilies(page);
    await page.locator('tbody tr').first().waitFor();
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'mijn gezinnen');

    await page.getByLabel('Fase').selectOption('in-care');
    await page.getByText(/^\d+ gezin(nen)?/).waitFor();
    const family = page.locator('tbody th a').first();
    const name = (await family.textContent()) ?? '';
    await family.click();
    await heading(page, `Gezin ${name}`);
    const familyId = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(page.url()).toBe(`${app.base}/gezinnen/${familyId}`);
    const before = (await safetyTeam.get(`/api/families/${familyId}`)).body;

    const nextMdo = isoDay(Date.now() + 42 * DAY_MS);
    await page.getByLabel('Welke stap legt u vast?').selectOption('mdo');
    await page.getByLabel(/^Deelnemers/).fill('Casusregisseur WIJ\nGZ-psycholoog Accare\nMentor');
    await page.getByLabel('Het gezin was erbij').check();
    await page.getByLabel(/^Besluiten/).fill('Traumabehandeling loopt door\nSchool schuift aan');
    await page.getByLabel(/^Volgend MDO uiterlijk op/).fill(nextMdo);
    await expectAccessible(page, 'gezin met het MDO-formulier');
    await page.getByRole('button', { name: 'MDO vastleggen' }).click();

    await page.getByRole('status').filter({ hasText: 'Het MDO is vastgelegd.' }).waitFor();
    const after = (await safetyTeam.get(`/api/families/${familyId}`)).body;
    expect(after.version).toBe(before.version + 1);
    expect(after.nextMdoDueBy.slice(0, 10)).toBe(nextMdo);
    expect(Date.now() - Date.parse(after.lastMdoAt)).toBeLessThan(120_000);
    const today = new Intl.DateTimeFormat('nl-NL', {
      dateStyle: 'medium',
      timeZone: 'Europe/Amsterdam',
    }).format(new Date());
    const lastMdo = page
      .locator('dt', { hasText: 'Laatste MDO' })
      .locator('xpath=following-sibling::dd[1]');
    await lastMdo.filter({ hasText: today }).waitFor();
    await screenshot(page, 'professional-logs-mdo');

    // Names of family members never travel in a URL; the token neither.
    const names = (after.members as { displayName: string }[]).map((m) => m.displayName);
    for (const url of urls) {
      for (const member of names) expect(decodeURIComponent(url)).not.toContain(member);
      expect(url).not.toMatch(/[?&](access_|id_)?token=|eyJ[\w-]+\./);
    }
  });

  describe('a step the engine refuses, bad input and a concurrent change', () => {
    const professional = 'p-test-pieter';
    let family: string;
    let pieter: ApiClient;
    let page: Page;

    beforeAll(async () => {
      pieter = new ApiClient(app, await app.token(professional, ['professional'], 'WIJ Groningen'));
      const registered = await pieter.post('/api/families', {
        municipality: 'Groningen',
        members: [
          { role: 'youth', displayName: 'Sanne Testhuizen', birthYear: 2012 },
          { role: 'parent', displayName: 'Petra Testhuizen', birthYear: 1984 },
        ],
      });
      family = registered.body.familyId;
      await pieter.post(`/api/families/${family}/signals`, {
        source: 'education',
        concerns: ['school-dropout'],
        urgency: 'regular',
      });
      const started = await pieter.post(`/api/families/${family}/analyses`, {});
      await readModelsCaughtUp(started.body.position);
    });

    it('signs in as another demo user; the picker does not offer a plan yet and says why in plain Dutch', async () => {
      ({ page } = await open());
      await signInTypedIn(page, app.base, {
        id: professional,
        name: 'Pieter Jansen',
        organisation: 'WIJ Groningen',
      });
      await openMyFamilies(page);
      await page.getByLabel('Zoek op naam').fill('Testhuizen');
      await page.getByRole('link', { name: /Sanne Testhuizen/ }).click();
      await heading(page, /Sanne Testhuizen/);

      // The analysis runs: first understand, then act. The plan is not among the steps, and the page says why.
      const choice = page.getByLabel('Welke stap legt u vast?');
      await choice.locator('option', { hasText: 'Verklarende analyse afronden' }).waitFor({
        state: 'attached',
      });
      expect(await choice.locator('option').allInnerTexts()).not.toContain('Plan vaststellen');
      await page.getByText('Waarom staan andere stappen er niet bij?').click();
      expect(await page.locator('.not-offered li[data-step="plan"]').textContent()).toContain(
        'Eerst begrijpen, dan handelen: rond eerst de verklarende analyse af',
      );
      await expectAccessible(page, 'stappen die nog niet passen');
      await screenshot(page, 'not-offered-first-understand-then-act');
    });

    it('shows each failing field next to its input (400)', async () => {
      await page.getByLabel('Welke stap legt u vast?').selectOption('mdo');
      await page.getByRole('button', { name: 'MDO vastleggen' }).click();
      await page.locator('[data-outcome="invalid"]').waitFor();
      const participants = page.getByLabel(/^Deelnemers/);
      expect(await participants.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#step-mdo-participants-error').textContent()).toBe(
        'Vul ten minste één waarde in.',
      );
      expect(await page.locator('#step-mdo-nextMdoDueBy-error').textContent()).toBe(
        'Vul een geldige datum in.',
      );
      await expectAccessible(page, 'formulier met fouten');
      await screenshot(page, 'bad-input-next-to-fields');
    });

    it('explains that someone else changed the family (409) and sends the step after a reload', async () => {
      await page.getByLabel('Welke stap legt u vast?').selectOption('progress');
      await page.getByLabel(/^Werkspoor/).selectOption('direction');
      await page.getByLabel(/^Notitie/).fill('Gesprek met school en moeder over de terugkeer.');
      await pieter.post(`/api/families/${family}/progress-notes`, {
        workstream: 'execution',
        note: 'Huisbezoek door een collega',
      });
      await page.getByRole('button', { name: 'Voortgangsnotitie vastleggen' }).click();
      const conflict = page.locator('[data-outcome="conflict"]');
      await conflict.waitFor();
      expect(await conflict.textContent()).toContain(
        'Iemand anders heeft dit gezin intussen gewijzigd',
      );
      await screenshot(page, 'conflict-someone-else-changed-the-family');

      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/api/families/${family}`) && r.ok()),
        page.getByRole('button', { name: 'Nieuwe stand van het gezin laden' }).click(),
      ]);
      expect(await page.getByLabel(/^Notitie/).inputValue()).toContain('terugkeer');
      await page.getByRole('button', { name: 'Voortgangsnotitie vastleggen' }).click();
      await page.locator('[data-outcome="done"]').waitFor();
      const notes = await pieter.get(`/api/families/${family}`);
      expect(notes.status).toBe(200);
    });
    it('works with the keyboard: the focus goes to the page heading, a step is sent without a mouse', async () => {
      await page.goto(`${app.base}/gezinnen/${family}`);
      await heading(page, /Sanne Testhuizen/);
      expect(await page.evaluate('document.activeElement.tagName')).toBe('H1');

      const choice = page.getByLabel('Welke stap legt u vast?');
      await choice.focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await choice.inputValue()).toBe('consultation');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      expect(await page.getByLabel('HSJ-MCP-route').isChecked()).toBe(true);
      for (let i = 0; i < 15; i++) {
        if (
          (await page.evaluate('document.activeElement.textContent')) === 'Consultatie vastleggen'
        )
          break;
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Enter');
      await page.locator('[data-outcome="done"]').waitFor();
      // The focus moves in the same commit as the message appears (a layout effect), so it is there at once.
      expect(await page.evaluate('document.activeElement.dataset.outcome')).toBe('done');
    });
  });

  it('the safety team filters the region, reads a family timeline and the safety overview', async () => {
    const { page } = await open();
    await page.goto(`${app.base}/`);
    await page.getByRole('button', { name: /Carla Mulder/ }).click();
    await heading(page, 'Gezinnen in de regio');
    await page.getByLabel('Gemeente').selectOption('Groningen');
    await page.getByText(/^\d+ gezin/).waitFor();
    const municipalities = await page.locator('tbody td:nth-child(2)').allTextContents();
    expect(municipalities.length).toBeGreaterThan(0);
    expect(new Set(municipalities)).toEqual(new Set(['Groningen']));
    await expectAccessible(page, 'gezinnen in de regio');

    await page.getByLabel('Fase').selectOption('in-care');
    await page.getByText(/^\d+ gezin/).waitFor();
    await page.locator('tbody th a').first().click();
    await page.getByRole('link', { name: 'Tijdlijn bekijken' }).click();
    await heading(page, /^Tijdlijn van gezin/);
    await page.locator('.timeline-item').first().waitFor();
    const familyId = new URL(page.url()).pathname.split('/')[2] ?? '';
    const timeline = (await safetyTeam.get(`/api/families/${familyId}/timeline`)).body;
    expect(await page.locator('.timeline-item').count()).toBe(timeline.entries.length);
    expect(await page.locator('.timeline-title').first().textContent()).toBe('Gezin aangemeld');
    expect(await page.locator('.timeline-item time').count()).toBe(timeline.entries.length);
    expect(await page.locator('.timeline-recorded').first().textContent()).toMatch(/^Vastgelegd/);
    await expectAccessible(page, 'tijdlijn');
    await screenshot(page, 'safety-team-reads-timeline');

    await page.getByLabel('Soort gebeurtenis').selectOption('care');
    await page.getByText(/gebeurtenis(sen)?, oudste eerst/).waitFor();
    const titles = await page.locator('.timeline-title').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) expect(title).toMatch(/^Zorg|^Zorgaanvraag/);

    await page.getByRole('link', { name: 'Zicht op veiligheid' }).click();
    await heading(page, 'Zicht op veiligheid');
    await page.locator('section h2').first().waitFor();
    const lists = await page.locator('section.card h2').allTextContents();
    // The five lists of v1, the six of the route as the region runs it and the iJw chain's care outside the plan.
    expect(lists).toHaveLength(12);
    const labels = [
      'In zorg zonder MDO',
      'Crisis zonder zorg',
      'Kinderbeschermingsmaatregel loopt',
      'Zorg buiten het plan (iJw)',
    ];
    // A label no list starts with is named in the failure.
    expect(labels.filter((label) => !lists.some((text) => text.startsWith(label)))).toEqual([]);
    await expectAccessible(page, 'zicht op veiligheid');
    await screenshot(page, 'safety-team-overview');

    // An unknown family: a sentence in Dutch, never the API's JSON.
    await page.goto(`${app.base}/gezinnen/${randomUUID()}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Niet gevonden');
    expect(await page.locator('body').textContent()).not.toContain('"type"');
    await expectAccessible(page, 'onbekend gezin');
  });

  it('a manager reads the dashboard: figures against the norms, charts with tables, hidden cells as "afgeschermd"', async () => {
    const { page, urls } = await open();
    await page.goto(`${app.base}/`);
    await page.getByRole('button', { name: /Fleur Bakker/ }).click();
    await heading(page, 'Wachtlijsten en cijfers');
    await page.locator('[data-charts-drawn="true"]').waitFor({ state: 'attached' });
    const charts = page.getByRole('img');
    expect(await charts.count()).toBe(3);
    for (const label of await charts.evaluateAll((canvases) =>
      canvases.map((c) => c.getAttribute('aria-label')),
    ))
      expect(label).toMatch(/grafiek/);
    const region = (await safetyTeam.get('/api/region')).body;
    expect(await page.locator('#h-zorgvorm + .table-wrap tbody tr').count()).toBe(
      region.careForms.length,
    );
    // The demo region has hidden cells: shown as "afgeschermd", never as "<5" (a cell hidden beside a small one
    // can be 5 or more), with the note that says why.
    expect(await page.locator('.suppressed').first().textContent()).toBe('afgeschermd');
    expect(await page.locator('main').textContent()).not.toContain(`<${region.smallCellThreshold}`);
    expect(await page.locator('main').textContent()).toContain(
      'Kleine aantallen zijn verborgen of afgerond om herleiding tot gezinnen te voorkomen.',
    );
    for (const toggle of await page.locator('details.table-toggle summary').all())
      await toggle.click();
    await expectAccessible(page, 'dashboard');
    await screenshot(page, 'manager-reads-dashboard');

    const day = isoDay(Date.now() - 60 * DAY_MS);
    await page.getByLabel('Peildatum').fill(day);
    await page
      .getByText(/De cijfers gelden aan het eind van/)
      .filter({ hasNotText: '(nu)' })
      .waitFor();
    await page.locator('#h-fasen').waitFor();
    expect(urls.some((url) => url.includes(`asOf=${day}`))).toBe(true);
    expect(urls.some((url) => url.includes(`to=${day}`))).toBe(true);

    // Family-level pages are not for managers.
    await page.goto(`${app.base}/gezinnen`);
    await heading(page, 'Pagina niet gevonden');
    await expectAccessible(page, 'pagina niet gevonden');
  });

  it('the accessibility check finds a serious violation when a page has one', async () => {
    const { page } = await open();
    await page.goto(`${app.base}/`);
    await heading(page, 'Inloggen bij Samenspoor');
    await page.evaluate(
      `document.querySelector('main').insertAdjacentHTML('beforeend', '<img src="/favicon.svg">')`,
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([
      expect.stringMatching(/^critical image-alt:/),
    ]);
  });

  it('works on a tablet: nothing wider than the screen', async () => {
    const { page } = await open({ width: 768, height: 1024 });
    await page.goto(`${app.base}/`);
    await page.getByRole('button', { name: /Fleur Bakker/ }).click();
    await page.locator('[data-charts-drawn="true"]').waitFor({ state: 'attached' });
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(
      true,
    );
    await screenshot(page, 'manager-dashboard-tablet');
  });
});
