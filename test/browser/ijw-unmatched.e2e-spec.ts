import { FIXTURE_BSNS, jw305, jw315 } from '@samenspoor/ijw/testing';

import { ApiClient, startTestApp, type TestApp } from '../support/app';
import { describeWithChromium, expectAccessible, screenshot, useBrowser } from '../support/browser';
import { familyOnRoute } from '../support/route';
import { heading, signInTypedInAs } from '../support/web-ui';

/**
 * "Berichten uit de keten" in a real browser: an iJw start of care for a BSN no family holds waits for the safety
 * team, without BSN or name; once the family is registered, the team links the message to its youth and the
 * message is applied.
 */
describeWithChromium('the safety team links an iJw message, in a real browser', () => {
  let app: TestApp;
  const { open } = useBrowser();
  const bsn = FIXTURE_BSNS[2];

  beforeAll(async () => {
    app = await startTestApp('pglite');
    const integration = new ApiClient(app, await app.token('ggk', ['integration'], 'Gemeente'));
    const delivered = await fetch(`${app.base}/api/ijw/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${integration.token}`, 'content-type': 'application/xml' },
      body: jw305({ messageId: 'START-B', bsn, allocationNumber: '8080' }),
    });
    expect(((await delivered.json()) as { outcome: string }).outcome).toBe('unmatched');
    // A request for a child of no family in the network: the team sets it aside.
    const stray = await fetch(`${app.base}/api/ijw/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${integration.token}`, 'content-type': 'application/xml' },
      body: jw315({ messageId: 'VOT-B', bsn: FIXTURE_BSNS[3] }),
    });
    expect(((await stray.json()) as { outcome: string }).outcome).toBe('unmatched');
    const professional = new ApiClient(app, await app.token('p-ann', ['professional'], 'Accare'));
    await familyOnRoute(professional, {
      municipality: 'Groningen',
      displayName: 'Noor Ketenberg',
      bsn,
      until: 'signalled',
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('lists the waiting messages on Mijn werk, and sets one aside with a reason', async () => {
    const { page } = await open();
    await signInTypedInAs(page, app.base, 'eva');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /Mijn werk/ })
      .click();
    await heading(page, 'Mijn werk');
    const waiting = page.getByRole('row', {
      name: /Bericht uit de keten hoort nog bij geen gezin/,
    });
    await waiting.first().waitFor();
    expect(await waiting.count()).toBe(2);
    await screenshot(page, 'ijw-my-work');
    await waiting.first().getByRole('link', { name: 'Bericht koppelen' }).click();
    await heading(page, 'Berichten uit de keten');

    const row = page.getByRole('row', { name: /JW315 verzoek om toewijzing/ });
    await row.getByRole('button', { name: /opzijleggen/ }).click();
    await page.getByRole('heading', { name: 'Bericht opzijleggen' }).waitFor();
    await page.getByRole('button', { name: 'Opzijleggen', exact: true }).click();
    await page.getByText('Kies een reden.').waitFor();
    await page.getByLabel('Reden').selectOption('not-in-network');
    await expectAccessible(page, 'bericht opzijleggen');
    await screenshot(page, 'ijw-resolve');
    await page.getByRole('button', { name: 'Opzijleggen', exact: true }).click();
    await page.getByText('Het bericht is opzijgelegd. De inhoud is gewist.').waitFor();
    await row.waitFor({ state: 'detached' });
    expect(await page.getByRole('row', { name: /JW305 start zorg/ }).count()).toBe(1);
  }, 120_000);

  it('shows the message without BSN, and links it to the member found by BSN', async () => {
    const { page } = await open();
    await signInTypedInAs(page, app.base, 'eva');
    await page.getByRole('link', { name: 'Berichten uit de keten' }).click();
    await heading(page, 'Berichten uit de keten');
    const row = page.getByRole('row', { name: /JW305 start zorg/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(
      /Geen gezin gevonden bij het BSN\s+Groningen\s+agb-98000101\s+45 45A04/,
    );
    expect(await page.locator('main').innerText()).not.toContain(bsn);
    await expectAccessible(page, 'berichten uit de keten');
    await screenshot(page, 'ijw-unmatched');

    await row.getByRole('button', { name: /koppelen/ }).click();
    await page.getByLabel('Naam of BSN van het gezinslid').fill(bsn);
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await page.getByRole('button', { name: /Noor Ketenberg/ }).click();
    await page.getByLabel(/Noor Ketenberg/).check();
    await expectAccessible(page, 'bericht koppelen');
    await page.getByRole('button', { name: 'Koppelen en verwerken' }).click();
    await page.getByText('Het bericht is gekoppeld en verwerkt.').waitFor();
    await page.getByText('Er wachten geen berichten.').waitFor();
    await screenshot(page, 'ijw-linked');
  }, 120_000);
});
