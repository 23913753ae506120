import type { Page } from 'playwright-core';

import { ApiClient, startTestApp, type TestApp } from '../support/app';
import { describeWithChromium, expectAccessible, screenshot, useBrowser } from '../support/browser';
import { readFileSync } from 'node:fs';

import { readPdf } from '../support/pdf';
import { familyOnRoute, type FamilyOnRoute } from '../support/route';
import { chooseStep, openMyFamilies, saidDone, signInTypedIn } from '../support/web-ui';

/** The picker's titles and the domain's command each sends, written out here apart from the UI's code. */
const COMMAND_OF: Record<string, string> = {
  Signaal: 'ReceiveSignal',
  Consultatie: 'HoldConsultation',
  'Gezinslid toevoegen': 'AddFamilyMember',
  'Professional aan het netwerk toevoegen': 'JoinNetwork',
  'Professional uit het netwerk': 'LeaveNetwork',
  'Casusregisseur toewijzen': 'AssignCaseDirector',
  'Verklarende analyse starten': 'StartExplanatoryAnalysis',
  'Verklarende analyse afronden': 'CompleteExplanatoryAnalysis',
  'Plan vaststellen': 'AdoptTreatmentPlan',
  'Plan herzien': 'ReviseTreatmentPlan',
  'Zorg aanvragen': 'RequestCare',
  'Zorg gestart': 'StartCare',
  'Zorg beëindigd': 'EndCare',
  'Zorgaanvraag intrekken': 'WithdrawCareRequest',
  MDO: 'HoldMdo',
  Voortgangsnotitie: 'NoteProgress',
  Veiligheidsinschatting: 'AssessSafety',
  Uitstroom: 'RegisterOutflow',
  Nazorgcontact: 'RecordFollowUp',
  'Lopende zorg': 'RecordRunningCare',
  Kinderbeschermingsmaatregel: 'ImposeProtectionMeasure',
  'Kinderbeschermingsmaatregel beëindigd': 'EndProtectionMeasure',
  'Veilig Thuis': 'MakeSafeAtHomeReport',
  'Plan evalueren': 'EvaluatePlan',
  'Stem van het gezin': 'RecordMemberView',
  'Iemand uit het eigen netwerk': 'AddInformalSupporter',
};

/**
 * The step picker in Chromium, on a family in every status of the route: it offers only what the domain accepts
 * now (the API's `steps`), says in Dutch why the others are not there, fills in what it can, and tells an erased
 * family from an outflowed one.
 */
describeWithChromium(
  'the step picker offers the steps that fit the family, in a real browser',
  () => {
    let app: TestApp;
    let rina: ApiClient;
    const families: Record<string, FamilyOnRoute> = {};
    const { open } = useBrowser();

    beforeAll(async () => {
      app = await startTestApp('pglite');
      rina = new ApiClient(app, await app.token('p-rina', ['professional'], 'WIJ Veendam'));
      const auditor = new ApiClient(app, await app.token('a-dirk', ['auditor']));
      // Rina in the directory: the lists name her.
      await rina.put('/api/directory/professionals/me', {
        name: 'Rina de Vries',
        organisation: 'WIJ Veendam',
      });
      const on = (displayName: string, until?: 'signalled' | 'analysing' | 'planned') =>
        familyOnRoute(rina, {
          municipality: 'Veendam',
          displayName,
          ...(until ? { until } : {}),
          daysAgo: [40, 39, 38, 30, 25],
        });
      const ok = async (answer: Promise<{ status: number; text: string }>) => {
        const { status, text } = await answer;
        if (status !== 201 && status !== 200) throw new Error(`${status}: ${text}`);
      };
      families.registered = await on('Anna Aangemeld');
      families.signalled = await on('Bas Gesignaleerd', 'signalled');
      families['in-analysis'] = await on('Cor Analyse', 'analysing');
      families.planned = await on('Dirk Plan', 'planned');
      families['in-care'] = await on('Eva Zorg', 'planned');
      const trajectory = await rina.post(`${families['in-care'].path}/trajectories`, {
        careForm: 'trauma-treatment',
        providerId: 'accare',
      });
      await ok(
        rina.post(`${families['in-care'].path}/trajectories/${trajectory.body.trajectoryId}/start`),
      );
      families.waiting = await on('Fien Wacht', 'planned');
      await ok(
        rina.post(`${families.waiting.path}/trajectories`, {
          careForm: 'trauma-treatment',
          providerId: 'accare',
        }),
      );
      families.outflowed = await on('Gijs Uitstroom', 'signalled');
      await ok(rina.post(`${families.outflowed.path}/outflow`, { destination: 'local-team' }));
      families['not-admitted'] = await on('Hans Niet', 'signalled');
      await ok(
        rina.post(`${families['not-admitted'].path}/consultations`, { advice: 'no-action' }),
      );
      await ok(rina.put(`${families.planned.path}/case-director`, { professionalId: 'p-rina' }));
      await ok(rina.post(`${families['in-care'].path}/safety-assessments`, { level: 'unsafe' }));
      families.erased = await on('Ilse Gewist', 'signalled');
      await ok(auditor.delete(`${families.erased.path}/personal-data`, { legalBasis: 'Jeugdwet' }));
    }, 180_000);

    afterAll(async () => {
      await app?.close();
    });

    async function signedIn(): Promise<Page> {
      const { page } = await open();
      await signInTypedIn(page, app.base, { id: 'p-rina', name: 'Rina de Vries' });
      await openMyFamilies(page);
      return page;
    }

    async function offeredOn(page: Page, family: FamilyOnRoute): Promise<string[]> {
      await page.goto(`${app.base}/gezinnen/${family.familyId}`);
      await page.getByRole('heading', { name: 'Stap vastleggen' }).waitFor();
      // The picker shows once the steps that fit are loaded; until then it says so.
      await page
        .getByText('De stappen die nu passen worden geladen')
        .waitFor({ state: 'detached' });
      const picker = page.getByLabel('Welke stap legt u vast?');
      if ((await picker.count()) === 0) return [];
      const options = await picker.locator('option').allInnerTexts();
      return options.filter((o) => o !== 'Kies een stap…');
    }

    it('never offers a step the domain refuses, on a family in every status', async () => {
      const page = await signedIn();
      for (const [status, family] of Object.entries(families)) {
        const offered = await offeredOn(page, family);
        const steps = (await rina.get(`${family.path}/steps`)).body.steps as {
          type: string;
          available: boolean;
        }[];
        const accepted = new Set(steps.filter((s) => s.available).map((s) => s.type));
        const refused = offered.filter((title) => !accepted.has(COMMAND_OF[title] ?? title));
        expect([status, refused]).toEqual([status, []]);
        if (status !== 'erased') expect([status, offered.length > 0]).toEqual([status, true]);
      }
    });

    it('offers on a waiting family what fits, says why the rest is not there, and fills in the one request', async () => {
      const page = await signedIn();
      const offered = await offeredOn(page, families.waiting!);
      expect(offered).toEqual(
        expect.arrayContaining(['Zorg gestart', 'Zorgaanvraag intrekken', 'Plan herzien']),
      );
      for (const refused of ['Plan vaststellen', 'Zorg beëindigd', 'Uitstroom', 'Nazorgcontact'])
        expect(offered).not.toContain(refused);
      await page.getByText('Waarom staan andere stappen er niet bij?').click();
      const why = page.locator('.not-offered');
      await why
        .getByText(
          'Plan vaststellen: Er is al een plan vastgesteld. Herzie dat plan als het moet veranderen.',
        )
        .waitFor();
      await why.getByText('Zorg beëindigd: Er loopt geen zorg die kan eindigen.').waitFor();
      await why.getByText(/^Uitstroom: Uitstroom kan pas als elk traject/).waitFor();
      await screenshot(page, 'step-picker-waiting-family');

      // The one request that waits is chosen already: starting it takes one click.
      await chooseStep(page, 'Zorg gestart');
      expect(await page.getByLabel(/^Traject/).inputValue()).not.toBe('');
      await expectAccessible(page, 'zorg gestart, voorgevuld');
      await page.getByRole('button', { name: 'Zorg gestart vastleggen' }).click();
      await saidDone(page, 'De start van de zorg is vastgelegd.');
      // Now in care: the care can end, it can no longer start.
      await page
        .getByLabel('Welke stap legt u vast?')
        .locator('option', { hasText: 'Zorg beëindigd' })
        .waitFor({ state: 'attached' });
      const after = await page
        .getByLabel('Welke stap legt u vast?')
        .locator('option')
        .allInnerTexts();
      expect(after).not.toContain('Zorg gestart');
    });

    it('tells an erased family from an outflowed one', async () => {
      const page = await signedIn();
      expect(await offeredOn(page, families.erased!)).toEqual([]);
      const erased = await page.locator('main').innerText();
      expect(erased).toContain('De persoonsgegevens van dit gezin zijn gewist op');
      expect(erased).not.toContain('uitgestroomd');
      await screenshot(page, 'step-picker-erased-family');

      const offered = await offeredOn(page, families.outflowed!);
      expect(offered.sort()).toEqual(['Nazorgcontact', 'Signaal']);
      await page.getByText('Dit gezin is uitgestroomd.', { exact: false }).first().waitFor();
      await chooseStep(page, 'Nazorgcontact');
      // The first follow-up that is still to do is chosen already.
      expect(await page.getByLabel('3 maanden', { exact: false }).isChecked()).toBe(true);
      await expectAccessible(page, 'uitgestroomd gezin, nazorg');
      await screenshot(page, 'step-picker-outflowed-family');
    });

    it("downloads the family's file, and prints the family page without its forms", async () => {
      const page = await signedIn();
      await offeredOn(page, families['in-care']!);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Dossier downloaden (pdf)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('gezinsdossier.pdf');
      const bytes = readFileSync(await download.path());
      const { text } = await readPdf(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      );
      expect(text).toContain('Gezinsdossier');
      expect(text).toContain('Gezin Eva Zorg');
      expect(text).toContain('Traumabehandeling');

      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('heading', { name: 'Stap vastleggen' }).isVisible()).toBe(false);
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      expect(await page.getByRole('heading', { name: 'Zorgtrajecten' }).isVisible()).toBe(true);
      await screenshot(page, 'family-page-printed');
      await page.goto(`${app.base}/gezinnen/${families['in-care']!.familyId}/tijdlijn`);
      await page.getByText('Zorg gestart').first().waitFor();
      expect(await page.locator('.filters').isVisible()).toBe(false);
      await screenshot(page, 'timeline-printed');
    });

    it('sorts and filters "Mijn gezinnen" by case director, safety and phase', async () => {
      const page = await signedIn();
      const table = page.getByRole('region', { name: 'Gezinnen' });
      const names = async () =>
        (await table.locator('tbody th').allInnerTexts()).map((name) => name.trim());
      await table.getByText('Dirk Plan').waitFor();

      await page.getByLabel('Veiligheid', { exact: true }).selectOption({ label: 'Onveilig' });
      expect(await names()).toEqual(['Eva Zorg']);
      await page.getByLabel('Veiligheid', { exact: true }).selectOption({ label: 'Alle' });

      await page.getByLabel('Casusregisseur', { exact: true }).selectOption({ label: 'Ikzelf' });
      expect(await names()).toEqual(['Dirk Plan']);
      expect(await table.locator('tbody td').nth(2).innerText()).toBe('Rina de Vries');
      await page
        .getByLabel('Casusregisseur', { exact: true })
        .selectOption({ label: 'Nog geen casusregisseur' });
      expect(await names()).not.toContain('Dirk Plan');
      await page.getByLabel('Casusregisseur', { exact: true }).selectOption({ label: 'Iedereen' });

      // By phase, in the route's order; clicked again, the other way round.
      await table.getByRole('button', { name: /^Fase/ }).click();
      const byPhase = await names();
      expect(byPhase.indexOf('Anna Aangemeld')).toBeLessThan(byPhase.indexOf('Bas Gesignaleerd'));
      expect(byPhase.indexOf('Cor Analyse')).toBeLessThan(byPhase.indexOf('Dirk Plan'));
      expect(byPhase.indexOf('Dirk Plan')).toBeLessThan(byPhase.indexOf('Eva Zorg'));
      expect(byPhase.indexOf('Eva Zorg')).toBeLessThan(byPhase.indexOf('Gijs Uitstroom'));
      expect(await table.locator('th[aria-sort="ascending"]').innerText()).toMatch(/^Fase/);
      await table.getByRole('button', { name: /^Fase/ }).click();
      expect(await names()).toEqual([...byPhase].reverse());
      await expectAccessible(page, 'mijn gezinnen, gesorteerd op fase');
      await screenshot(page, 'family-list-sorted-by-phase');
    });
  },
);
