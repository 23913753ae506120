import { useTestApp } from '../support/app';
import { describeWithChromium, expectAccessible, screenshot, useBrowser } from '../support/browser';
import { familyOnRoute } from '../support/route';
import { heading, saidDone } from '../support/web-ui';

const DAY_MS = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

/**
 * A professional's day in the web UI, in Chromium, on an empty store: she signs in, starts on "Mijn werk", opens
 * the overdue MDO from it, logs the MDO and sees the count drop; "Mijn gezinnen" shows what she wrote at once and
 * counts her families as the sign-in page does.
 */
describeWithChromium('Mijn werk, a professional’s start page, in a real browser', () => {
  // The browser's hooks first: its beforeAll builds the web UI that the app then serves.
  const { open } = useBrowser({ recheckEveryPage: true });
  const app = useTestApp('pglite');
  // Her own organisation, so that she is the one demo user of it on the sign-in page.
  const wendy = app.as('p-wendy', ['professional'], 'Werkplaats Oost');

  beforeAll(async () => {
    // A planned family with an MDO 5 days overdue.
    const planned = await familyOnRoute(wendy, {
      municipality: 'Oldambt',
      displayName: 'Mila Werkman',
      until: 'planned',
      daysAgo: [60, 59, 58, 50, 45],
    });
    expect(
      (await wendy.put(`${planned.path}/case-director`, { professionalId: 'p-wendy' })).status,
    ).toBe(200);
    const mdo = await wendy.post(`${planned.path}/mdos`, {
      participants: ['Wendy'],
      nextMdoDueBy: ago(5),
      occurredAt: ago(40),
    });
    expect(mdo.status).toBe(201);
    // Signalled 20 days ago: no analysis started, no case director, both overdue.
    await familyOnRoute(wendy, {
      municipality: 'Oldambt',
      displayName: 'Daan Werkman',
      until: 'signalled',
      daysAgo: [21, 20],
    });
    // Flowed out a week ago: nothing due yet, but one of her families.
    const outflowed = await familyOnRoute(wendy, {
      municipality: 'Oldambt',
      displayName: 'Noor Werkman',
      until: 'signalled',
      daysAgo: [30, 29],
    });
    const out = await wendy.post(`${outflowed.path}/outflow`, {
      destination: 'local-team',
      occurredAt: ago(7),
    });
    expect(out.status).toBe(201);
  }, 120_000);

  it('starts on Mijn werk, resolves the overdue MDO from it and sees the count drop', async () => {
    const { page } = await open();
    await page.goto(`${app.base}/`);
    await heading(page, 'Inloggen bij Samenspoor');
    // The sign-in page counts her three families, the one that flowed out too.
    const pick = page.locator('.pick').filter({ hasText: 'Werkplaats Oost' });
    await pick.filter({ hasText: '3 gezinnen' }).waitFor();
    await pick.click();

    await heading(page, 'Mijn werk');
    expect(new URL(page.url()).pathname).toBe('/werk');
    const badge = page.getByTestId('work-count');
    await badge.filter({ hasText: /^3/ }).waitFor();
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    // Most overdue first: the analysis (13 days), the case director (6), the MDO (5).
    expect(await rows.locator('td:nth-child(2)').allTextContents()).toEqual([
      'Verklarende analyse starten',
      'Casusregisseur kiezen',
      'MDO houden',
    ]);
    await page.getByText('3 punten, waarvan 3 te laat').waitFor();
    await expectAccessible(page, 'mijn werk');
    await screenshot(page, 'my-work-start');

    const mdoRow = rows.filter({ hasText: 'MDO houden' });
    await mdoRow.getByText('5 dagen te laat').waitFor();
    await mdoRow.getByRole('link', { name: 'MDO vastleggen' }).click();
    await heading(page, /Mila Werkman/);
    // The step that resolves the item is chosen already.
    expect(await page.getByLabel('Welke stap legt u vast?').inputValue()).toBe('mdo');
    await page.getByLabel(/^Deelnemers/).fill('Casusregisseur\nGezinsvoogd');
    await page
      .getByLabel(/^Volgend MDO uiterlijk op/)
      .fill(new Date(Date.now() + 42 * DAY_MS).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'MDO vastleggen' }).click();
    await saidDone(page, 'Het MDO is vastgelegd.');
    // The count in the navigation follows the step at once.
    await badge.filter({ hasText: /^2/ }).waitFor();

    await page
      .getByRole('navigation')
      .getByRole('link', { name: /Mijn werk/ })
      .click();
    await heading(page, 'Mijn werk');
    await page.getByText('2 punten, waarvan 2 te laat').waitFor();
    expect(await rows.locator('td:nth-child(2)').allTextContents()).toEqual([
      'Verklarende analyse starten',
      'Casusregisseur kiezen',
    ]);
    await screenshot(page, 'my-work-after-mdo');

    // Mijn gezinnen lists the same three families the sign-in page counted.
    await page.getByRole('navigation').getByRole('link', { name: 'Mijn gezinnen' }).click();
    await heading(page, 'Mijn gezinnen');
    await page.getByText('3 gezinnen').waitFor();
  });

  it('Mijn gezinnen shows a family registered a moment ago (read-your-writes)', async () => {
    const { page, urls } = await open();
    await page.goto(`${app.base}/`);
    await page.locator('.pick').filter({ hasText: 'Werkplaats Oost' }).click();
    await heading(page, 'Mijn werk');
    await page.getByRole('navigation').getByRole('link', { name: 'Mijn gezinnen' }).click();
    await heading(page, 'Mijn gezinnen');
    await page.getByText('3 gezinnen').waitFor();
    await page.getByRole('link', { name: 'Gezin aanmelden' }).click();
    await heading(page, 'Gezin aanmelden');
    await page.getByLabel(/^Gemeente/).selectOption('Oldambt');
    await page.getByLabel(/^Rol in het gezin/).selectOption('youth');
    await page.getByLabel(/^Naam/).fill('Sem Nieuwkomer');
    await page.getByRole('button', { name: 'Gezin aanmelden' }).click();
    await heading(page, /Sem Nieuwkomer/);
    await page.getByRole('navigation').getByRole('link', { name: 'Mijn gezinnen' }).click();
    await heading(page, 'Mijn gezinnen');
    // Asked with the registration's position: the list has the new family on its first answer.
    await page.getByText('4 gezinnen').waitFor();
    await page.getByRole('link', { name: /Sem Nieuwkomer/ }).waitFor();
    const listed = urls.filter((url) => new URL(url).pathname === '/api/families');
    expect(listed.at(-1)).toMatch(/minPosition=[0-9a-f]{32}/);
    await screenshot(page, 'my-families-after-registration');
  });

  it('fits a tablet: Mijn werk is no wider than the screen', async () => {
    const { page } = await open({ width: 768, height: 1024 });
    await page.goto(`${app.base}/`);
    await page.locator('.pick').filter({ hasText: 'Werkplaats Oost' }).click();
    await heading(page, 'Mijn werk');
    await page.locator('tbody tr').first().waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(
      true,
    );
    await screenshot(page, 'my-work-tablet');
  });
});
