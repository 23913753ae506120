import type { Page } from 'playwright-core';
import { ApiClient, useTestApp } from '../support/app';
import { describeWithChromium, expectAccessible, screenshot, useBrowser } from '../support/browser';
import { chooseStep, heading, openMyFamilies, saidDone, signInTypedInAs } from '../support/web-ui';
import { familyOnRoute, type FamilyOnRoute } from '../support/route';

const DAY_MS = 86_400_000;

/** The event types of the route as the region runs it: never shown to a user as they are. */
const ENGLISH_TYPES = [
  'RunningCareRecorded',
  'PlanEvaluated',
  'partly-achieved',
  'foster-care',
  'running-care',
  'SafeAtHomeReportMade',
  'MemberViewRecorded',
  'CareHandedOver',
  'adult-care',
];

/**
 * The steps of the route as the region runs it in the web UI, in Chromium, on an empty store: a professional
 * records care that already runs and an evaluation of the plan, and the family page and its timeline show them
 * in Dutch.
 */
describeWithChromium('the route as the region runs it, in a real browser', () => {
  // The browser's hooks first: its beforeAll builds the web UI that the app then serves.
  const { open } = useBrowser({ recheckEveryPage: true });
  const app = useTestApp('pglite');
  const rina = app.as('p-rina', ['professional'], 'WIJ Veendam');
  const manager = app.as('m-mia', ['manager']);
  let family: FamilyOnRoute;
  let providerId: string;

  beforeAll(async () => {
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

  /** Rina signs in and opens a family of hers from "Mijn gezinnen". */
  async function rinaOpens(family: RegExp): Promise<Page> {
    const { page } = await open();
    await signInTypedInAs(page, app.base, 'rina');
    await openMyFamilies(page);
    await page.getByRole('link', { name: family }).click();
    await heading(page, family);
    return page;
  }

  it('a professional records running care and an evaluation; the family page shows them in Dutch', async () => {
    const page = await rinaOpens(/Lotte Routestra/);
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
    // The plan is the only one: chosen already, named by when it was adopted, not by a version number.
    expect(await page.getByLabel('Plan (verplicht)').inputValue()).toBe(family.planId);
    await page
      .getByLabel('Plan (verplicht)')
      .getByText(/^Plan van \d{1,2} \S+ \d{4}$/)
      .waitFor({ state: 'attached' });
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
  it('a professional records Veilig Thuis and a voice on the family page, then an outflow with care going on', async () => {
    const sem = await familyOnRoute(rina, {
      municipality: 'Veendam',
      displayName: 'Sem Overdragt',
      until: 'signalled',
      daysAgo: [30, 29],
    });
    const running = await rina.post(`${sem.path}/running-care`, {
      careForm: 'foster-care',
      providerId,
      startedAt: new Date(Date.now() - 700 * DAY_MS).toISOString().slice(0, 10),
      memberIds: [sem.memberId],
    });
    expect(running.status).toBe(201);
    const page = await rinaOpens(/Sem Overdragt/);
    await page.getByText('Geen advies gevraagd of melding gedaan.').waitFor();
    await page.getByText('Nog geen eigen woorden van een gezinslid vastgelegd.').waitFor();

    // The Meldcode step, then Sem's own words: both on the family page, in Dutch.
    await chooseStep(page, 'Veilig Thuis');
    await page.getByLabel('Melding gedaan').check();
    await page.getByLabel(/^Sem Overdragt/).check();
    await page.getByLabel(/^Uitkomst/).fill('Veilig Thuis doet onderzoek');
    await page.getByRole('button', { name: 'Veilig Thuis vastleggen' }).click();
    await saidDone(page, 'De stap met Veilig Thuis is vastgelegd.');
    await chooseStep(page, 'Stem van het gezin');
    await page.getByLabel(/^Wie\?/).selectOption({ label: 'Sem Overdragt (jeugdige)' });
    await page.getByLabel('Veiligheid', { exact: true }).check();
    await page.getByLabel(/^In eigen woorden/).fill('Bij mijn pleegouders voel ik me veilig.');
    await page.getByLabel(/^Hoe veilig voelt het\?/).selectOption('8');
    await page.getByRole('button', { name: 'Stem van het gezin vastleggen' }).click();
    await saidDone(page, 'De stem van het gezinslid is vastgelegd.');

    const safeAtHome = page.getByRole('region', { name: 'Veilig Thuis (meldcode)' });
    await safeAtHome.getByText(/Melding gedaan op .+, over Sem Overdragt \(jeugdige\)/).waitFor();
    await safeAtHome.getByText('uitkomst: Veilig Thuis doet onderzoek').waitFor();
    const voices = page.getByRole('region', { name: 'Stem van het gezin' });
    await voices.getByText('Bij mijn pleegouders voel ik me veilig.').waitFor();
    expect(await voices.innerText()).toMatch(
      /Sem Overdragt \(jeugdige\) over veiligheid \(.+, voelt zich 8 van 10 veilig\)/,
    );
    await expectAccessible(page, 'gezin met Veilig Thuis en een stem');
    await screenshot(page, 'route-family-safe-at-home-and-voice');

    // Foster care rightly goes on at the outflow: handed over, not falsely ended.
    await chooseStep(page, 'Uitstroom');
    await page.getByLabel(/^Waarheen\?/).selectOption({ label: 'Volwassenenzorg (18+)' });
    await page.getByLabel(/^Warme overdracht aan/).fill('Pleegzorg Noord 18+');
    await page.getByLabel('Pleegzorg bij Pleegzorg Noord (lopende zorg)').check();
    await expectAccessible(page, 'uitstroom met zorg die doorloopt');
    await screenshot(page, 'route-outflow-continuing-form');
    await page.getByRole('button', { name: 'Uitstroom vastleggen' }).click();
    await saidDone(page, 'De uitstroom is vastgelegd.');
    await page
      .getByRole('region', { name: 'Lopende zorg' })
      .getByText(/\(overgedragen .+\)/)
      .waitFor();
    const text = await page.locator('main').innerText();
    for (const english of ENGLISH_TYPES) expect(text).not.toContain(english);
    await screenshot(page, 'route-family-after-outflow');

    const stored = await rina.get(sem.path);
    expect(stored.body).toMatchObject({
      status: 'outflowed',
      runningCare: [
        {
          careForm: 'foster-care',
          status: 'started',
          handedOver: { handoverTo: 'Pleegzorg Noord 18+' },
        },
      ],
      safeAtHomeReports: [{ kind: 'report', memberIds: [sem.memberId] }],
      voices: [{ memberId: sem.memberId, topic: 'safety', feelsSafe: 8 }],
    });
  }, 120_000);
});
