import { readFile } from 'node:fs/promises';

import type { Page } from 'playwright-core';

import { ApiClient, startTestApp, type TestApp } from '../support/app';
import { describeWithChromium, expectAccessible, screenshot, useBrowser } from '../support/browser';
import { heading } from '../support/web-ui';

/** `YYYY-MM` of the last whole month: the month the monitor opens on. */
function lastWholeMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
    .toISOString()
    .slice(0, 7);
}

function monthPeriod(month: string): string {
  const [year = 0, index = 1] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, index, 0)).toISOString().slice(0, 10);
  return `from=${month}-01&to=${last}`;
}

/** The bytes of the file a click on `button` downloads. */
async function downloaded(page: Page, button: string): Promise<Buffer> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const path = await file.path();
  return readFile(path);
}

/**
 * The managers' monitor on the dashboard (issue 16), in Chromium, on the seeded demo region with small cells
 * suppressed for managers: headline figures with their trend, a municipality beside the region without figures that
 * contradict each other, charts with text alternatives, and the CSV and PDF downloads.
 */
describeWithChromium("the managers' monitor in a real browser", () => {
  let app: TestApp;
  let manager: ApiClient;
  const { open } = useBrowser();

  beforeAll(async () => {
    app = await startTestApp('pglite', { env: { SEED_DEMO: 'true' } });
    manager = new ApiClient(app, await app.token('m-monitor-check', ['manager']));
    const position = await app.store.headPosition();
    for (let attempt = 0; ; attempt++) {
      const answer = await manager.get(`/api/projections/monitor?minPosition=${position}`);
      if (answer.status === 200) break;
      if (answer.status !== 503 || attempt > 30) throw new Error(`monitor: ${answer.status}`);
    }
  }, 240_000);

  afterAll(async () => {
    await app?.close();
  });

  it('shows the month, a small municipality beside the region, charts with text alternatives and the downloads', async () => {
    const month = lastWholeMonth();
    const region = (await manager.get('/api/region')).body;
    const whole = (await manager.get(`/api/projections/monitor?${monthPeriod(month)}`)).body;
    expect(whole.disclosure).toEqual(expect.objectContaining({ suppressed: true }));

    const { page, urls } = await open();
    await page.goto(`${app.base}/`);
    await page.getByRole('button', { name: /Fleur Bakker/ }).click();
    await heading(page, 'Wachtlijsten en cijfers');
    const inflow = page.locator('.monitor [data-figure="inflow"] .stat');
    await inflow.waitFor();
    // The headline figures of the region's month, as the API gives them, the Dutch way.
    expect(await page.locator('.monitor .stat-card').count()).toBeGreaterThanOrEqual(12);
    const cases = whole.inflow.cases as number | null;
    expect((await inflow.textContent())?.trim()).toBe(
      cases === null ? 'afgeschermd' : new Intl.NumberFormat('nl-NL').format(cases),
    );
    await page.locator('.monitor .trend').first().waitFor();
    expect(await page.locator('.monitor').textContent()).toMatch(/norm \d+ dag/);
    expect(await page.locator('.monitor').textContent()).not.toMatch(/\b1 dagen/);

    // A municipality whose month is too small to show every figure: the page says so, shows the region's figure
    // beside each, and no municipality figure exceeds the region's.
    let small: string | undefined;
    for (const municipality of region.municipalities as string[]) {
      const answer = await manager.get(
        `/api/projections/monitor?${monthPeriod(month)}&municipality=${encodeURIComponent(municipality)}`,
      );
      if (answer.body.suppressed === true) {
        small = municipality;
        break;
      }
    }
    expect(small).toBeDefined();
    await page.getByLabel('Gemeente', { exact: true }).selectOption(small ?? '');
    await page.getByRole('note').filter({ hasText: 'te weinig gezinnen' }).waitFor();
    await page.locator('.monitor .region').first().waitFor();
    await page.locator('.monitor .suppressed').first().waitFor();
    const cells = await page.locator('.monitor .stat-card').evaluateAll((cards) =>
      cards.map((card) => ({
        figure: card.getAttribute('data-figure'),
        value: card.querySelector('.stat')?.getAttribute('data-value') ?? '',
        region: card.querySelector('.region')?.getAttribute('data-region-value') ?? '',
      })),
    );
    for (const cell of cells.filter((c) => !c.figure?.startsWith('wait'))) {
      if (cell.value !== '' && cell.region !== '')
        expect({ ...cell, contradicts: Number(cell.value) > Number(cell.region) }).toEqual({
          ...cell,
          contradicts: false,
        });
    }
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain(`<${region.smallCellThreshold}`);
    await expectAccessible(page, 'monitor van een kleine gemeente');
    await screenshot(page, 'manager-monitor-small-municipality');

    // Three months instead of one, as the note offers.
    await page.getByRole('button', { name: /bekijk drie maanden/ }).click();
    await page.getByText(/^Cijfers van .* tot en met /).waitFor();
    await page.getByLabel('Gemeente', { exact: true }).selectOption('');
    await page.getByLabel('Periode', { exact: true }).selectOption('1');

    // Every chart has a text alternative with its figures; the trend has its table too.
    await page.locator('[data-charts-drawn="true"]').waitFor({ state: 'attached' });
    const labels = await page
      .getByRole('img')
      .evaluateAll((canvases) => canvases.map((c) => c.getAttribute('aria-label') ?? ''));
    expect(labels.length).toBeGreaterThanOrEqual(3);
    for (const label of labels) expect(label).toMatch(/grafiek: .+\d/);
    expect(await page.locator('.monitor-trend table tbody tr').count()).toBe(12);
    for (const toggle of await page.locator('details.table-toggle summary').all())
      await toggle.click();
    await expectAccessible(page, 'monitor met tabellen');
    await screenshot(page, 'manager-monitor-region');

    // The downloads: CSV of the month and of the history, the monthly report as a PDF.
    const csv = (await downloaded(page, 'Download CSV: cijfers van de periode')).toString('utf8');
    expect(csv.split(/\r?\n/)[0]).toBe('figure,value');
    expect(csv).toContain('inflow.cases,');
    const history = (await downloaded(page, 'Download CSV: verloop per maand')).toString('utf8');
    expect(history.split(/\r?\n/)[0]).toMatch(/^period,.*inflow\.cases/);
    expect(history.split(/\r?\n/).filter((line) => line.startsWith('20'))).toHaveLength(12);
    const pdf = await downloaded(page, 'Maandrapport (PDF)');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await page.getByRole('alert').count()).toBe(0);

    // The token goes in a header, never in a URL.
    expect(urls.some((url) => url.includes('/api/reports/monthly'))).toBe(true);
    for (const url of urls) expect(url).not.toMatch(/[?&](access_|id_)?token=|eyJ[\w-]+\./);
  });
});
