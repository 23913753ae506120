import type { Page } from 'playwright-core';

import { FamilyCommands } from '@samenspoor/commands';
import { DEMO_CASE_DIRECTOR, DEMO_HOUSEHOLD, seedDemoHousehold } from '@samenspoor/simulation';

import { ApiClient, startTestApp, type TestApp } from '../support/app';
import { familyToken } from '../support/http';
import { keepDirectoryEntry } from '../support/route';
import { describeWithChromium, expectAccessible, screenshot, useBrowser } from '../support/browser';
import { heading, saidDone } from '../support/web-ui';

/** A phone: the family's own view is made for one first. */
const PHONE = { width: 390, height: 844 };

/**
 * Issue 19 in Chromium on a phone: a parent of the demo household signs in on the development sign-in page,
 * reads the plan, records her view, agrees to the plan and sees that a professional looked at the record. Every
 * page is checked with axe-core; the screenshots are left in `test-artifacts/`.
 */
describeWithChromium("the family's own view in a real browser, on a phone", () => {
  let app: TestApp;
  const { open } = useBrowser({ recheckEveryPage: true });

  beforeAll(async () => {
    app = await startTestApp('pglite');
    await seedDemoHousehold(app.app.get(FamilyCommands));
    // The case director has a directory entry, and opens the family's record (an audited look).
    const sanne = new ApiClient(
      app,
      await app.token(DEMO_CASE_DIRECTOR.professionalId, ['professional'], 'WIJ Groningen'),
    );
    await keepDirectoryEntry(sanne, {
      name: DEMO_CASE_DIRECTOR.name,
      organisation: DEMO_CASE_DIRECTOR.organisation,
      email: DEMO_CASE_DIRECTOR.email,
      phone: DEMO_CASE_DIRECTOR.phone,
    });
    expect((await sanne.get(`/api/families/${DEMO_HOUSEHOLD.familyId}`)).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  /** Every link and button a member can tap is at least 44 px high (WCAG 2.5.5 target size). */
  async function expectLargeTargets(page: Page): Promise<void> {
    const targets = page.locator('.family-app a:not(.skip-link), .family-app button');
    const small: { text: string; height: number }[] = [];
    for (let i = 0; i < (await targets.count()); i++) {
      const target = targets.nth(i);
      if (!(await target.isVisible())) continue;
      const box = await target.boundingBox();
      if (box && box.height < 44)
        small.push({ text: (await target.textContent()) ?? '', height: box.height });
    }
    expect(small).toEqual([]);
  }

  async function check(page: Page, name: string): Promise<void> {
    await expectAccessible(page, name);
    await expectLargeTargets(page);
    await screenshot(page, name);
  }

  it('a parent signs in, reads the plan, records her view, agrees, and sees that a professional looked', async () => {
    const { page, urls } = await open(PHONE);
    await page.goto(`${app.base}/`);
    await page.getByRole('button', { name: /Marieke Jansen/ }).click();

    await heading(page, 'Mijn gezin');
    await page.getByText('Hallo Marieke Jansen.', { exact: false }).waitFor();
    await page.getByText('Sanne Visser', { exact: true }).first().waitFor();
    await page.getByRole('link', { name: /Bel 050 367 12 34/ }).waitFor();
    await page.getByText('behandeling voor psychische klachten').waitFor();
    await check(page, 'mijn-gezin-1-overzicht');

    await page.getByRole('link', { name: 'Plan', exact: true }).click();
    await heading(page, 'Het plan voor uw gezin');
    await page.getByText('Jesse gaat weer elke ochtend naar school').waitFor();
    await page
      .getByText('hulpverleners hebben samen met u uitgezocht wat er aan de hand is', {
        exact: false,
      })
      .waitFor();
    await page.getByRole('button', { name: 'Plan afdrukken' }).waitFor();
    await check(page, 'mijn-gezin-2-plan');

    await page.getByRole('link', { name: 'Mijn mening' }).click();
    await heading(page, 'Mijn mening');
    await page.getByLabel('Het plan').check();
    await page.getByLabel('Wat wilt u zeggen?').fill('Ik wil dat Jesse zelf ook meepraat.');
    await page.getByLabel(/Hoe veilig voelt u zich thuis/).selectOption('8');
    await page.getByRole('button', { name: 'Mening versturen' }).click();
    await saidDone(page, 'Uw mening is genoteerd');
    await page.getByText('Ik wil dat Jesse zelf ook meepraat.').waitFor();
    await check(page, 'mijn-gezin-3-mening');

    await page.getByRole('link', { name: 'Plan', exact: true }).click();
    await heading(page, 'Het plan voor uw gezin');
    await page.getByLabel(/Wilt u iets zeggen over het plan/).fill('Fijn dat we samen eten.');
    await page.getByRole('button', { name: 'Ik ga akkoord' }).click();
    await saidDone(page, 'U bent akkoord gegaan met dit plan');
    await check(page, 'mijn-gezin-4-akkoord');

    await page.getByRole('link', { name: 'Wie keek mee' }).click();
    await heading(page, 'Wie keek mee');
    const opened = page.locator('.access-opened').filter({ hasText: 'Sanne Visser' });
    await opened.getByText('Heeft het dossier van uw gezin geopend.').waitFor();
    await opened.getByText('Dossier geopend').waitFor();
    await check(page, 'mijn-gezin-5-wie-keek-mee');

    await page.getByRole('link', { name: 'Wat er gebeurde' }).click();
    await heading(page, 'Wat er gebeurde');
    await page.getByText('U bent akkoord gegaan met het plan.').waitFor();
    await page.getByText('Een hulpverlener heeft iets genoteerd over de hulp.').waitFor();
    expect(await page.getByText('Gesprek met school gehad.').count()).toBe(0);
    await check(page, 'mijn-gezin-6-tijdlijn');

    // No professional page: an address of one leads back to the family's own view.
    await page.goto(`${app.base}/gezinnen/${DEMO_HOUSEHOLD.familyId}`);
    await heading(page, 'Mijn gezin');
    // Names and ids never go into an address.
    expect(
      urls.filter((url) => /Marieke|Jesse|f00d0000-0000-4000-8000-00000000a001/.test(url)),
    ).toEqual([]);
  });

  it('the plan prints without the menu and the buttons', async () => {
    const { page } = await open(PHONE);
    await page.goto(`${app.base}/`);
    await page.getByRole('button', { name: /Jesse Jansen/ }).click();
    await heading(page, 'Mijn gezin');
    await page.getByRole('link', { name: 'Plan', exact: true }).click();
    await heading(page, 'Het plan voor uw gezin');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.family-nav').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Ik ga akkoord' }).isVisible()).toBe(false);
    await page.getByText('Jesse leert omgaan met zijn angst').waitFor();
    await screenshot(page, 'mijn-gezin-7-plan-afdruk');
  });
  /** Signs a household member in as the sign-in page would: the session in this tab, then the app loaded. */
  async function signInAs(page: Page, member: { familyId: string; memberId: string }, sub: string) {
    const token = await familyToken(app.base, sub, member);
    const me = await new ApiClient(app, token).get('/api/me');
    expect(me.status).toBe(200);
    await page.goto(`${app.base}/`);
    await page.evaluate(
      (session) => sessionStorage.setItem('samenspoor.session', session),
      JSON.stringify({ token, user: me.body, mode: 'dev' }),
    );
    await page.goto(`${app.base}/mijn-gezin`);
    await heading(page, 'Mijn gezin');
  }

  it('a youth of 17 lets her mother look along, and her mother sees it; a switch per member, off by default', async () => {
    const anna = new ApiClient(app, await app.token('p-anna', ['professional'], 'WIJ Groningen'));
    const year = new Date().getUTCFullYear();
    const registered = await anna.post('/api/families', {
      municipality: 'Groningen',
      members: [
        { role: 'parent', displayName: 'Ans Bakker', birthYear: 1984 },
        { role: 'parent', displayName: 'Bert Bakker', birthYear: 1982 },
        { role: 'youth', displayName: 'Dewi Bakker', birthYear: year - 17 },
      ],
    });
    expect(registered.status).toBe(201);
    const familyId = registered.body.familyId as string;
    const [mother, , dewi] = registered.body.memberIds as string[];
    const view = await anna.post(`/api/families/${familyId}/voices`, {
      memberId: dewi,
      topic: 'care',
      text: 'Ik wil zelf kiezen wie meekijkt.',
    });
    expect(view.status).toBe(201);

    const { page, urls } = await open(PHONE);
    await signInAs(page, { familyId, memberId: dewi! }, 'f-dewi-bakker');
    await page.getByRole('heading', { name: 'Wie mag meekijken?' }).waitFor();
    await page.getByText('U beslist zelf over uw gegevens', { exact: false }).waitFor();
    const ans = page.getByRole('switch', { name: 'Ans Bakker mag meekijken' });
    const bert = page.getByRole('switch', { name: 'Bert Bakker mag meekijken' });
    expect(await ans.getAttribute('aria-checked')).toBe('false');
    expect(await bert.getAttribute('aria-checked')).toBe('false');
    await ans.click();
    await page
      .locator('[role="switch"][aria-checked="true"]')
      .filter({ hasText: 'Ans Bakker' })
      .waitFor();
    expect(await bert.getAttribute('aria-checked')).toBe('false');
    await check(page, 'mijn-gezin-8-meekijken');

    await signInAs(page, { familyId, memberId: mother! }, 'f-ans-bakker');
    await page.getByRole('heading', { name: 'Wat gezinsleden met u delen' }).waitFor();
    await page.getByText('Ik wil zelf kiezen wie meekijkt.').waitFor();
    await check(page, 'mijn-gezin-9-gedeeld-met-mij');
    expect(urls.filter((url) => /Dewi|Bakker/.test(url))).toEqual([]);
  });
});
