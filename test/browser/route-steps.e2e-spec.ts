import { ApiClient, startTestApp, type TestApp } from '../support/app';
import { describeWithChromium, expectAccessible, screenshot, useBrowser } from '../support/browser';
import { chooseStep, heading, saidDone, signInTypedIn } from '../support/web-ui';
import { familyOnRoute, type FamilyOnRoute } from '../support/route';

const DAY_MS = 86_400_000;

/** The event types of the route as the region runs it: never shown to a user as they are. */
const ENGLISH_TYPES = [
  'RunningCareRecorded',
  'PlanEvaluated',
  'partly-achieved',
  'foster-care',
  'running-care',
];

/**
 * The steps of the route as the region runs it in the web UI, in Chromium, on an empty store: a professional
 * records care that already runs and an evaluation of the plan, and the family page and its timeline show them
 * in Dutch.
 */
describeWithChromium('the route as the region runs it, in a real browser', () => {
  let app: TestApp;
  let family: FamilyOnRoute;
  let providerId: string;
  const { open } = useBrowser({ recheckEveryPage: true });

  beforeAll(async () => {
    app = await startTestApp('pglite');
    const rina = new ApiClient(app, await app.token('p-rina', ['professional'], 'WIJ Veendam'));
    const manager = new ApiClient(app, await app.token('m-mia', ['manager']));
    const provider = await manager.post('/api/directory/providers', {
      agbCode: '98765432',
      name: 'Pleegzorg Noord',
      careForms: ['foster-care'],
    });
    expect(provider.status).toBe(201);
    providerId = provider.body.providerId;
    family = await familyOnRoute(rina, {
      municipality: 'Veendam',
      displayName: 'Lotte Routestra',
      until: 'planned',
      daysAgo: [60, 59, 50, 40, 30],
      goal: 'Lotte gaat weer naar school',
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('a professional records running care and an evaluation; the family page shows them in Dutch', async () => {
    const { page } = await open();
    await signInTypedIn(page, app.base, {
      id: 'p-rina',
      name: 'Rina de Vries',
      organisation: 'WIJ Veendam',
    });
    await heading(page, 'Mijn gezinnen');
    await page.getByRole('link', { name: /Lotte Routestra/ }).click();
    await heading(page, /Lotte Routestra/);
    await page.getByText('Nog niet geëvalueerd', { exact: false }).waitFor();
    await page.getByText('Geen zorg die al liep of buiten het plan is toegewezen.').waitFor();

    // Care that already ran before the family came in: a fact, with the municipality's allocation.
    await chooseStep(page, 'Lopende zorg');
    await page.getByLabel(/^Zorgvorm/).selectOption({ label: 'Pleegzorg' });
    await page.locator('select').filter({ hasText: 'Pleegzorg Noord' }).selectOption(providerId);
    const since = new Date(Date.now() - 400 * DAY_MS).toISOString().slice(0, 10);
    await page.getByLabel(/^Loopt sinds/).fill(since);
    await page.getByLabel('Lotte Routestra').check();
    await page.getByLabel(/^Toewijzingsnummer/).fill('TOEW-17');
    await expectAccessible(page, 'lopende zorg vastleggen');
    await page.getByRole('button', { name: 'Lopende zorg vastleggen' }).click();
    await saidDone(page, 'De lopende zorg is vastgelegd.');

    // The evaluation: a choice for every goal of the plan.
    await chooseStep(page, 'Plan evalueren');
    await page.getByLabel('Plan (verplicht)').selectOption({ label: 'Plan versie 1' });
    await page.getByRole('button', { name: 'Evaluatie vastleggen' }).click();
    await page.getByText('Kies bij minstens één doel hoe het ervoor staat.').first().waitFor();
    await page.getByLabel('Deels bereikt').check();
    await page.getByLabel('Samen met het gezin geëvalueerd').check();
    await expectAccessible(page, 'plan evalueren');
    await screenshot(page, 'route-plan-evaluation-form');
    await page.getByRole('button', { name: 'Evaluatie vastleggen' }).click();
    await saidDone(page, 'De evaluatie van het plan is vastgelegd.');

    const running = page.getByRole('region', { name: 'Lopende zorg' });
    await running.getByRole('cell', { name: 'TOEW-17' }).waitFor();
    expect(await running.locator('tbody tr').first().innerText()).toMatch(
      /Pleegzorg\s+Pleegzorg Noord\s+Loopt\s+\d{1,2} \S+ \d{4}\s+TOEW-17/,
    );
    await page.getByText(/\(deels bereikt, geëvalueerd /).waitFor();
    await expectAccessible(page, 'gezin met lopende zorg en evaluatie');
    await screenshot(page, 'route-family-page');
    const text = await page.locator('main').innerText();
    for (const english of ENGLISH_TYPES) expect(text).not.toContain(english);

    const stored = await new ApiClient(
      app,
      await app.token('p-rina', ['professional'], 'WIJ Veendam'),
    ).get(family.path);
    expect(stored.body).toMatchObject({
      runningCare: [
        { careForm: 'foster-care', providerId, status: 'started', allocationNumber: 'TOEW-17' },
      ],
      goals: [{ description: 'Lotte gaat weer naar school', status: 'partly-achieved' }],
      plan: { evaluations: [{ familyInvolved: true }] },
    });

    await page.getByRole('link', { name: 'Tijdlijn bekijken' }).click();
    await page.getByText('Lopende zorg vastgelegd').first().waitFor();
    await page.getByText('Plan geëvalueerd').first().waitFor();
    const timeline = await page.locator('main').innerText();
    expect(timeline).toContain('Deels bereikt');
    expect(timeline).toContain('Pleegzorg bij Pleegzorg Noord');
    for (const english of ENGLISH_TYPES) expect(timeline).not.toContain(english);
    await expectAccessible(page, 'tijdlijn met de nieuwe stappen');
    await screenshot(page, 'route-timeline');
  }, 120_000);
});
