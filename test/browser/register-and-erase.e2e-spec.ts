import type { Page } from 'playwright-core';

import { ApiClient, startTestApp, type TestApp } from '../support/app';
import {
  describeWithChromium,
  expectAccessible,
  screenshot,
  useBrowser,
  type OpenPage,
} from '../support/browser';
import { keepDirectoryEntry } from '../support/route';
import {
  chooseStep,
  heading,
  openMyFamilies,
  saidDone,
  signInTypedInAs,
  signInTypedIn,
} from '../support/web-ui';

/** Test BSNs: the first passes the elfproef, the other two do not. */
const VALID_BSN = '111222333';
const INVALID_BSN = '111222334';
const OTHER_INVALID_BSN = '123456780';
const NAMES = ['Lotte Aanmeldstra', 'Mirjam Aanmeldstra', 'Daan Aanmeldstra'];

/**
 * A family's life in the web UI from registration to erasure, in Chromium, on an empty store: a professional
 * registers it (the BSN checked with the elfproef before anything is sent), adds a member, builds the network,
 * hands the case direction on and leaves; the privacy officer reads who looked at the record and erases its
 * personal data, after which the safety team sees "[gewist]".
 */
describeWithChromium('registering a family, and the privacy officer in a real browser', () => {
  let app: TestApp;
  let safetyTeam: ApiClient;
  let familyId: string;
  const browser = useBrowser({ recheckEveryPage: true });
  const posts: string[] = [];

  async function open(viewport?: { width: number; height: number }): Promise<OpenPage> {
    const opened = await browser.open(viewport);
    opened.page.on('request', (request) => {
      if (request.method() !== 'GET') posts.push(`${request.method()} ${request.url()}`);
    });
    return opened;
  }

  /** Signs in on the development sign-in page as a user of the fixed list. */
  async function signInAs(page: Page, name: RegExp): Promise<void> {
    await page.goto(`${app.base}/`);
    await page.getByRole('button', { name }).click();
  }

  beforeAll(async () => {
    app = await startTestApp('pglite');
    safetyTeam = new ApiClient(app, await app.token('st-check', ['safety-team']));
    // Karim has signed in once and keeps his own entry in the directory.
    const karim = new ApiClient(app, await app.token('p-karim', ['professional'], 'Accare'));
    await keepDirectoryEntry(karim, {
      name: 'Karim El Amrani',
      organisation: 'Accare',
      discipline: 'GZ-psycholoog',
      phone: '050 123 45 67',
    });
  }, 120_000);

  afterAll(async () => {
    // No name or BSN ever went into an address: not of a page, not of a request.
    const addresses = browser.everyPage
      .flatMap((p) => p.urls)
      .map((url) => decodeURIComponent(url));
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) {
      for (const secret of [...NAMES, VALID_BSN, INVALID_BSN, OTHER_INVALID_BSN])
        expect(address).not.toContain(secret);
    }
    await app?.close();
  });

  describe('a professional', () => {
    let page: Page;

    it('registers a family: an invalid BSN is refused before anything is sent', async () => {
      ({ page } = await open());
      await signInTypedInAs(page, app.base, 'ilse');
      await openMyFamilies(page);
      await page.getByText('U zit (nog) niet in het netwerk van een gezin.').waitFor();

      await page.getByRole('link', { name: 'Gezin aanmelden' }).click();
      await heading(page, 'Gezin aanmelden');
      expect(page.url()).toBe(`${app.base}/gezinnen/nieuw`);
      await expectAccessible(page, 'gezin aanmelden');

      await page.getByLabel(/^Gemeente/).selectOption('Veendam');
      await page.getByLabel(/^Rol in het gezin/).selectOption('youth');
      await page.getByLabel(/^Naam/).fill(NAMES[0]!);
      await page.getByLabel('Geboortejaar').fill('2011');
      await page.getByLabel('BSN').fill(INVALID_BSN);
      await page.getByRole('button', { name: 'Nog een gezinslid toevoegen' }).click();
      const second = page.getByRole('group', { name: 'Gezinslid 2' });
      expect(await page.evaluate('document.activeElement.id')).toBe('member-1-displayName');
      await second.getByLabel(/^Rol in het gezin/).selectOption('parent');
      await second.getByLabel(/^Naam/).fill(NAMES[1]!);
      await second.getByLabel('Geboortejaar').fill('1983');

      const sent = posts.length;
      await page.getByRole('button', { name: 'Gezin aanmelden' }).click();
      const summary = page.getByRole('alert');
      await summary.waitFor();
      expect(await summary.textContent()).toContain(
        'BSN van gezinslid 1: Dit is geen geldig BSN: het voldoet niet aan de elfproef.',
      );
      expect(await page.locator('#member-0-bsn-error').textContent()).toBe(
        'Dit is geen geldig BSN: het voldoet niet aan de elfproef.',
      );
      expect(await page.locator('#member-0-bsn').getAttribute('aria-invalid')).toBe('true');
      expect(posts.length).toBe(sent);
      await expectAccessible(page, 'gezin aanmelden met een ongeldig BSN');
      await screenshot(page, 'register-family-invalid-bsn');

      await page.locator('#member-0-bsn').fill(`${VALID_BSN.slice(0, 4)} ${VALID_BSN.slice(4)}`);
      await page.getByRole('button', { name: 'Gezin aanmelden' }).click();
      await heading(page, `Gezin ${NAMES[0]}, ${NAMES[1]}`);
      await page.getByRole('status').filter({ hasText: 'Het gezin is aangemeld.' }).waitFor();
      familyId = new URL(page.url()).pathname.split('/').pop() ?? '';
      expect(posts.slice(sent)).toEqual([`POST ${app.base}/api/families`]);

      const family = (await safetyTeam.get(`/api/families/${familyId}`)).body;
      expect(family).toMatchObject({
        municipality: 'Veendam',
        status: 'registered',
        network: [
          expect.objectContaining({ professionalId: 'p-ilse', organisation: 'WIJ Veendam' }),
        ],
      });
      expect(family.members).toEqual([
        expect.objectContaining({
          role: 'youth',
          displayName: NAMES[0],
          birthYear: 2011,
          hasBsn: true,
        }),
        expect.objectContaining({
          role: 'parent',
          displayName: NAMES[1],
          birthYear: 1983,
          hasBsn: false,
        }),
      ]);
      expect(JSON.stringify(family)).not.toContain(VALID_BSN);
      await expectAccessible(page, 'nieuw aangemeld gezin');
      await screenshot(page, 'register-family-done');
    });

    it('adds a member (the elfproef again before sending), and builds the network', async () => {
      await chooseStep(page, 'Gezinslid toevoegen');
      await page.getByLabel(/^Rol in het gezin/).selectOption('sibling');
      await page.getByLabel(/^Naam/).fill(NAMES[2]!);
      await page.getByLabel('Geboortejaar').fill('2015');
      await page.getByLabel(/^BSN/).fill(OTHER_INVALID_BSN);
      const sent = posts.length;
      await page.getByRole('button', { name: 'Gezinslid toevoegen' }).click();
      await page.locator('[data-outcome="invalid"]').waitFor();
      expect(await page.locator('#step-member-bsn-error').textContent()).toBe(
        'Dit is geen geldig BSN: het voldoet niet aan de elfproef.',
      );
      expect(posts.length).toBe(sent);
      await page.getByLabel(/^BSN/).fill('');
      await page.getByRole('button', { name: 'Gezinslid toevoegen' }).click();
      await saidDone(page, 'Het gezinslid is toegevoegd.');
      await page.getByText(`${NAMES[2]} (broer of zus, 2015)`).waitFor();

      // A colleague is found by name in the directory, not by typing a user id.
      await chooseStep(page, 'Professional aan het netwerk toevoegen');
      await page.getByLabel('Zoek op naam').fill('karim EL');
      await page.getByLabel('Karim El Amrani · GZ-psycholoog, Accare').check();
      expect(await page.getByLabel(/^Organisatie/).inputValue()).toBe('Accare');
      expect(await page.getByLabel(/^Discipline/).inputValue()).toBe('GZ-psycholoog');
      await expectAccessible(page, 'collega zoeken op naam');
      await screenshot(page, 'add-colleague-by-name');
      await page.getByRole('button', { name: 'Professional aan het netwerk toevoegen' }).click();
      await saidDone(page, 'De professional zit nu in het netwerk.');
      await page
        .locator('section[aria-labelledby="h-netwerk"] li')
        .filter({ hasText: 'Karim El Amrani (GZ-psycholoog, Accare) · 050 123 45 67' })
        .waitFor();

      await chooseStep(page, 'Casusregisseur toewijzen');
      await page
        .getByRole('combobox', { name: /^Casusregisseur/ })
        .selectOption({ label: 'Karim El Amrani (GZ-psycholoog, Accare)' });
      await page.getByRole('button', { name: 'Casusregisseur toewijzen' }).click();
      await saidDone(page, 'De casusregisseur is toegewezen.');
      await page.getByText(/^Casusregisseur: Karim El Amrani \(GZ-psycholoog, Accare\)/).waitFor();
      await screenshot(page, 'family-network-with-names');
      await expectAccessible(page, 'gezin met netwerk en regisseur');

      const family = (await safetyTeam.get(`/api/families/${familyId}`)).body;
      expect(family.members.map((m: { displayName: string }) => m.displayName)).toEqual(NAMES);
      expect(family.caseDirector.professionalId).toBe('p-karim');
    });

    it('leaves the network (the case director cannot), and no longer sees the family', async () => {
      await chooseStep(page, 'Professional uit het netwerk');
      const who = page.getByLabel(/^Wie gaat uit het netwerk\?/);
      // The case director is not offered: another has to be assigned first.
      expect(await who.locator('option').allTextContents()).toEqual([
        'Kies…',
        'Ilse Meijer (WIJ Veendam)',
      ]);
      await who.selectOption('p-ilse');
      await screenshot(page, 'professional-leaves-network');
      await page.getByRole('button', { name: 'Uit het netwerk halen' }).click();
      await heading(page, 'Mijn gezinnen');
      await page
        .getByRole('status')
        .filter({ hasText: 'U zit niet meer in het netwerk' })
        .waitFor();
      expect(page.url()).toBe(`${app.base}/gezinnen`);
      const network = (await safetyTeam.get(`/api/families/${familyId}`)).body.network;
      expect(network.map((p: { professionalId: string }) => p.professionalId)).toEqual(['p-karim']);
    });
  });

  it('a professional registers a child that is already known, and reads whom to contact instead', async () => {
    const { page } = await open();
    await signInTypedInAs(page, app.base, 'joris');
    await openMyFamilies(page);
    await page.getByRole('link', { name: 'Gezin aanmelden' }).click();
    await heading(page, 'Gezin aanmelden');
    // Given Lotte is known by her BSN (Karim is her case director), when Joris registers her again elsewhere,
    await page.getByLabel(/^Gemeente/).selectOption('Groningen');
    await page.getByLabel(/^Rol in het gezin/).selectOption('youth');
    await page.getByLabel(/^Naam/).fill('L. Aanmeldstra');
    await page.getByLabel('BSN').fill(VALID_BSN);
    const sent = posts.length;
    await page.getByRole('button', { name: 'Gezin aanmelden' }).click();
    // then nothing is registered and he reads whom to contact: Karim, with his phone number, never the family.
    const match = page.getByRole('alert').filter({ hasText: 'Dit kind is al bekend in de regio' });
    await match.waitFor();
    expect(await page.evaluate('document.activeElement.getAttribute("aria-labelledby")')).toBe(
      'h-match',
    );
    expect(await match.locator('li').allTextContents()).toEqual([
      'Karim El Amrani (casusregisseur, Accare) · 050 123 45 67',
    ]);
    expect(await match.getByRole('link', { name: '050 123 45 67' }).getAttribute('href')).toBe(
      'tel:0501234567',
    );
    expect(await match.textContent()).not.toContain(familyId);
    expect(await match.getByRole('button').count()).toBe(0);
    expect(page.url()).toBe(`${app.base}/gezinnen/nieuw`);
    expect(posts.slice(sent)).toEqual([`POST ${app.base}/api/families`]);
    await expectAccessible(page, 'kind al bekend');
    await screenshot(page, 'register-family-already-known');
    const families = (await safetyTeam.get('/api/families?limit=100')).body.items;
    expect(families).toHaveLength(1);

    // A possible duplicate (same name, birth year and municipality) is registered only when he says it is another.
    await page.getByLabel('BSN').fill('');
    await page.getByLabel(/^Gemeente/).selectOption('Veendam');
    await page.getByLabel(/^Naam/).fill(NAMES[0]!);
    await page.getByLabel('Geboortejaar').fill('2011');
    await page.getByRole('button', { name: 'Gezin aanmelden' }).click();
    const duplicate = page
      .getByRole('alert')
      .filter({ hasText: 'Mogelijk is dit gezin al aangemeld' });
    await duplicate.waitFor();
    expect(await duplicate.locator('li').allTextContents()).toEqual([
      'Karim El Amrani (casusregisseur, Accare) · 050 123 45 67',
    ]);
    await screenshot(page, 'register-family-possible-duplicate');
    await duplicate.getByRole('button', { name: 'Het is een ander gezin: toch aanmelden' }).click();
    await page.getByRole('status').filter({ hasText: 'Het gezin is aangemeld.' }).waitFor();
    expect((await safetyTeam.get('/api/families?limit=100')).body.items).toHaveLength(2);
  });

  it('a professional keeps their own entry on "Mijn gegevens"; a wrong phone number is said next to its field', async () => {
    const { page } = await open();
    await signInTypedIn(page, app.base, { id: 'p-karim', name: 'Karim', organisation: 'Accare' });
    await page.getByRole('link', { name: 'Mijn gegevens' }).click();
    await heading(page, 'Mijn gegevens');
    // The entry Karim keeps, not the name of this sign-in.
    expect(await page.getByLabel(/^Naam/).inputValue()).toBe('Karim El Amrani');
    await page.getByLabel(/^Telefoonnummer/).fill('bel me');
    await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
    await page.locator('#mijn-gegevens-phone-error').waitFor();
    await expectAccessible(page, 'mijn gegevens met een fout');
    await page.getByLabel(/^Telefoonnummer/).fill('06 12 34 56 78');
    await page.getByLabel(/^E-mailadres/).fill('karim@accare.example');
    await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
    await saidDone(page, 'opgeslagen');
    await screenshot(page, 'my-directory-entry');
    const mine = (await safetyTeam.get('/api/directory/professionals?q=karim')).body.items;
    expect(mine).toEqual([
      expect.objectContaining({ phone: '06 12 34 56 78', email: 'karim@accare.example' }),
    ]);
  });

  it('a manager registers a provider on "Aanbieders": an AGB code that is not 8 digits is said next to its field', async () => {
    const { page } = await open();
    await signInTypedIn(page, app.base, { id: 'm-marit', role: 'manager' });
    await page.getByRole('link', { name: 'Aanbieders' }).click();
    await heading(page, 'Aanbieders');
    await page.getByLabel(/^Naam/).fill('Lentis Jeugd');
    await page.getByLabel(/^AGB-code/).fill('1234');
    await page.getByRole('button', { name: 'Aanbieder toevoegen' }).click();
    await page.locator('#aanbieder-agbCode-error').waitFor();
    await page.getByLabel(/^AGB-code/).fill('98000103');
    await page.getByRole('button', { name: 'Aanbieder toevoegen' }).click();
    await saidDone(page, 'De aanbieder staat in de lijst.');
    await page.getByRole('cell', { name: '98000103' }).waitFor();
    await expectAccessible(page, 'aanbieders');
    await screenshot(page, 'manager-providers');
  });

  describe('the privacy officer', () => {
    let page: Page;

    it("reads the audit log and the family's access log, which shows the professional's look", async () => {
      ({ page } = await open());
      await signInAs(page, /Willem Hoekstra/);
      await heading(page, 'Auditlog');
      await page.locator('tbody tr').first().waitFor();
      await expectAccessible(page, 'auditlog');

      // The person is found by name in the directory; picking her fills her user id.
      await page.getByLabel('Zoek een professional op naam').fill('ilse mei');
      await page.getByLabel('Ilse Meijer · WIJ Veendam').check();
      expect(await page.getByLabel('Gebruikers-id').inputValue()).toBe('p-ilse');
      await expectAccessible(page, 'auditlog: persoon zoeken op naam');
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await page.getByText(/^\d+ regels?, nieuwste eerst/).waitFor();
      const actors = await page.locator('tbody th').allTextContents();
      expect(actors.length).toBeGreaterThan(5);
      // Named from the directory, with the id beside the name.
      for (const actor of actors) expect(actor).toMatch(/^Ilse Meijerp-ilse · /);
      const actions = await page.locator('tbody td:nth-child(3)').allTextContents();
      expect(actions.some((a) => a.startsWith('Gezin aangemeld'))).toBe(true);
      expect(actions.some((a) => a.startsWith('Professional uit het netwerk gehaald'))).toBe(true);
      await screenshot(page, 'auditor-audit-log');

      // Her refusals only: Joris's and Ilse's are not mixed; the outcome filter goes with the person.
      await page.getByLabel('Uitkomst').selectOption('refusals');
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await page.getByText(/^\d+ regels?, nieuwste eerst|^Geen logregels/).waitFor();
      const outcomes = await page.locator('tbody td:last-child').allTextContents();
      expect(outcomes.every((o) => !o.startsWith('Gelukt'))).toBe(true);
      await page.getByRole('button', { name: 'Filters wissen' }).click();
      await page.getByLabel('Uitkomst').selectOption('refusals');
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await page.getByText(/^\d+ regels?, nieuwste eerst/).waitFor();
      const refusals = await page.locator('tbody tr').allTextContents();
      // Joris's registrations of a known child are there, as refusals (409).
      expect(refusals.some((r) => r.includes('p-joris') && r.includes('(409)'))).toBe(true);
      expect(refusals.some((r) => r.includes('Gelukt'))).toBe(false);
      await screenshot(page, 'auditor-audit-log-refusals');
      await page.getByRole('button', { name: 'Filters wissen' }).click();

      // Sorted by user, A–Z: the header says so, and the rows follow.
      await page.getByRole('button', { name: /^Gebruiker/ }).click();
      await page.getByText(/^\d+ regels?, op gebruikers-id \(A–Z\)/).waitFor();
      expect(await page.locator('th[aria-sort="ascending"]').textContent()).toMatch(/^Gebruiker/);
      const ids = await page
        .locator('tbody th[data-actor]')
        .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-actor') ?? ''));
      expect(ids.length).toBeGreaterThan(5);
      expect(ids).toEqual([...ids].sort());
      await expectAccessible(page, 'auditlog gesorteerd op gebruiker');
      await screenshot(page, 'auditor-audit-log-sorted');
      await page.getByRole('button', { name: /^Tijdstip/ }).click();
      await page.getByText(/^\d+ regels?, nieuwste eerst/).waitFor();
      await page.getByLabel('Gebruikers-id').fill('p-ilse');
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await page.getByText(/^\d+ regels?, nieuwste eerst/).waitFor();

      await page
        .getByRole('link', { name: `Toegangslog van gezin ${familyId}` })
        .first()
        .click();
      await heading(page, 'Wie heeft dit dossier ingezien?');
      expect(page.url()).toBe(`${app.base}/auditor/gezinnen/${familyId}`);
      await page.locator('tbody tr').first().waitFor();
      const rows = await page.locator('tbody tr').allTextContents();
      // Ilse opened the family page (GET /api/families/:familyId), and the safety team's checks are there too.
      expect(rows.some((r) => r.includes('p-ilse') && r.includes('Gezin ingezien'))).toBe(true);
      expect(rows.some((r) => r.includes('st-check') && r.includes('Gezin ingezien'))).toBe(true);
      const log = (
        await new ApiClient(app, await app.token('a-check', ['auditor'])).get(
          `/api/families/${familyId}/access-log?limit=1000`,
        )
      ).body.items;
      expect(rows.length).toBe(Math.min(50, log.length - 1));
      await expectAccessible(page, 'toegangslog van een gezin');
      await screenshot(page, 'auditor-access-log');
    });

    it('finds the family by name, and erases its personal data after an explicit confirmation that shows whom', async () => {
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Gezin zoeken' })
        .click();
      await heading(page, 'Gezin zoeken');
      await expectAccessible(page, 'gezin zoeken (auditor)');
      const searches = posts.length;
      await page.getByLabel('Naam, geboortejaar of BSN').fill('lo');
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await page.locator('#search-q-error').waitFor();
      await page.getByLabel('Naam, geboortejaar of BSN').fill('lotte aanmeld 2011');
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '2 gezinnen gevonden.' }).waitFor();
      // Two Lottes of 2011 in Veendam (Joris registered the other as another family): the minimal identity —
      // members, municipality, registration date — tells them apart.
      expect(await page.locator('tbody tr').count()).toBe(2);
      const row = page.locator('tbody tr').filter({ hasText: NAMES[2]! });
      expect(await row.locator('th li').allTextContents()).toEqual([
        `${NAMES[0]} (jeugdige, 2011)`,
        `${NAMES[1]} (ouder, 1983)`,
        `${NAMES[2]} (broer of zus, 2015)`,
      ]);
      expect(await row.locator('td').first().textContent()).toBe('Veendam');
      expect(posts.slice(searches)).toEqual([
        `POST ${app.base}/api/families/search`,
        `POST ${app.base}/api/families/search`,
      ]);
      await expectAccessible(page, 'gezin gevonden (auditor)');
      await screenshot(page, 'auditor-finds-family-by-name');
      await row.getByRole('link', { name: /^Toegangslog en vernietiging/ }).click();
      await heading(page, 'Wie heeft dit dossier ingezien?');
      expect(page.url()).toBe(`${app.base}/auditor/gezinnen/${familyId}`);
      await page.locator('#h-identiteit').waitFor();

      const erase = page.getByRole('button', { name: 'Vernietiging voorbereiden' });
      await erase.click();
      expect(await page.locator('#legal-basis-error').textContent()).toBe(
        'Vul de wettelijke grondslag in.',
      );
      const sent = posts.length;
      await page.getByRole('button', { name: /^Invullen: verzoek van het gezin/ }).click();
      expect(await page.getByLabel(/^Wettelijke grondslag/).inputValue()).toBe(
        'Jeugdwet art. 7.3.9, verzoek van het gezin tot vernietiging',
      );
      await erase.click();
      await page.getByRole('heading', { name: 'Bevestig de vernietiging' }).waitFor();
      expect(await page.evaluate('document.activeElement.textContent')).toBe(
        'Bevestig de vernietiging',
      );
      // The confirmation names the ground and shows whom it erases.
      const confirm = page.getByRole('group', { name: 'Bevestig de vernietiging' });
      expect(await confirm.textContent()).toContain('Jeugdwet art. 7.3.9');
      expect(await confirm.locator('dd').first().textContent()).toBe('Veendam');
      expect(await confirm.locator('li').allTextContents()).toEqual([
        `${NAMES[0]} (jeugdige, 2011)`,
        `${NAMES[1]} (ouder, 1983)`,
        `${NAMES[2]} (broer of zus, 2015)`,
      ]);
      await expectAccessible(page, 'vernietiging bevestigen');
      await screenshot(page, 'auditor-confirms-erasure');
      // Cancelling sends nothing; preparing again asks again.
      await page.getByRole('button', { name: 'Annuleren' }).click();
      await erase.click();
      expect(posts.length).toBe(sent);

      await page.getByRole('button', { name: 'Definitief vernietigen' }).click();
      await page.getByRole('status').filter({ hasText: 'zijn vernietigd' }).waitFor();
      expect(posts.slice(sent)).toEqual([
        `DELETE ${app.base}/api/families/${familyId}/personal-data`,
      ]);
      await page.locator('tbody td', { hasText: 'Persoonsgegevens vernietigd' }).first().waitFor();
      await expectAccessible(page, 'vernietiging gedaan');
      await screenshot(page, 'auditor-erased');

      const family = (await safetyTeam.get(`/api/families/${familyId}`)).body;
      expect(family.members.map((m: { displayName: string | null }) => m.displayName)).toEqual([
        null,
        null,
        null,
      ]);
      expect(family.erasedAt).not.toBeNull();

      // Neither a name nor the BSN finds it any more.
      await page.getByRole('link', { name: 'Een ander gezin zoeken' }).click();
      await heading(page, 'Gezin zoeken');
      const search = async (q: string) => {
        await page.getByLabel('Naam, geboortejaar of BSN').fill(q);
        await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
        await page
          .getByRole('status')
          .filter({ hasText: /gevonden/ })
          .waitFor();
        return page.locator('tbody th li').allTextContents();
      };
      expect(await search('lotte aanmeld 2011')).toEqual([`${NAMES[0]} (jeugdige, 2011)`]);
      expect(await search(VALID_BSN)).toEqual([]);
      await page.getByRole('status').filter({ hasText: 'Geen gezin gevonden.' }).waitFor();
      await screenshot(page, 'auditor-search-after-erasure');
    });

    it('the safety team then opens the family and reads "[gewist]" where the names were', async () => {
      const { page: team } = await open();
      await signInAs(team, /Carla Mulder/);
      await heading(team, 'Gezinnen in de regio');
      // Searching the region by name finds only the other Lotte (Joris's family): the erased one is gone.
      await team.getByRole('link', { name: 'Gezin zoeken' }).click();
      await heading(team, 'Gezin zoeken');
      await team.getByLabel('Naam, geboortejaar of BSN').fill('Lotte Aanmeldstra');
      await team.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await team.getByRole('status').filter({ hasText: '1 gezin gevonden.' }).waitFor();
      expect(await team.locator('tbody th li').allTextContents()).toEqual([
        `${NAMES[0]} (jeugdige, 2011)`,
      ]);
      await expectAccessible(team, 'gezin zoeken (veiligheidsteam)');
      await screenshot(team, 'safety-team-finds-family');
      await team.getByRole('link', { name: 'Gezin openen' }).click();
      await heading(team, `Gezin ${NAMES[0]}`);
      await team.goto(`${app.base}/gezinnen/${familyId}`);
      await heading(team, 'Gezin [gewist], [gewist], [gewist]');
      expect(await team.locator('#h-gezin + ul li').allTextContents()).toEqual([
        '[gewist] (jeugdige, 2011)',
        '[gewist] (ouder, 1983)',
        '[gewist] (broer of zus, 2015)',
      ]);
      expect(await team.locator('.family-meta').textContent()).toContain(
        'persoonsgegevens gewist op',
      );
      for (const name of NAMES)
        expect(await team.locator('body').textContent()).not.toContain(name);
      await expectAccessible(team, 'gewist gezin');
      await screenshot(team, 'family-erased');
    });
  });

  it('fits a tablet: the registration form and the audit log are no wider than the screen', async () => {
    const { page } = await open({ width: 768, height: 1024 });
    const fits = () => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
    await signInTypedIn(page, app.base, { id: 'p-tablet' });
    await page.getByRole('link', { name: 'Gezin aanmelden' }).click();
    await heading(page, 'Gezin aanmelden');
    await page.getByRole('button', { name: 'Nog een gezinslid toevoegen' }).click();
    expect(await fits()).toBe(true);
    await screenshot(page, 'register-family-tablet');

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await signInAs(page, /Willem Hoekstra/);
    await heading(page, 'Auditlog');
    await page.locator('tbody tr').first().waitFor();
    expect(await fits()).toBe(true);
    await screenshot(page, 'auditor-audit-log-tablet');
  });
});
