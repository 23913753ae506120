import { TestOidcProvider, type OidcUser } from '@samenspoor/testing';

import { ApiClient, startTestApp, type TestApp } from '../support/app';
import {
  describeWithChromium,
  expectAccessible,
  screenshot,
  useBrowser,
  type OpenPage,
} from '../support/browser';
import { heading } from '../support/web-ui';

/** A professional as a Keycloak realm would describe her: roles and organisation in nested claims. */
const ANNA: OidcUser = {
  sub: 'p-oidc-anna',
  name: 'Anna Bakker',
  claims: {
    realm_access: { roles: ['professional', 'offline_access'] },
    org: { name: 'WIJ Groningen' },
  },
};

/**
 * Signing in to the web UI in production mode (`AUTH_MODE=oidc`): the authorization-code flow with PKCE against
 * a local OpenID Connect provider, in Chromium. The API reads roles and organisation from the claims it is
 * configured for (`OIDC_ROLES_CLAIM`, `OIDC_ORGANISATION_CLAIM`) and tells the UI through `GET /api/me`.
 */
describeWithChromium('signing in with OpenID Connect in a real browser', () => {
  let provider: TestOidcProvider;
  let app: TestApp;
  const { open } = useBrowser();

  const sessionInTab = (opened: OpenPage) =>
    opened.page.evaluate<string | null>(`sessionStorage.getItem('samenspoor.session')`);

  beforeAll(async () => {
    provider = await TestOidcProvider.start('samenspoor-api', { user: ANNA });
    app = await startTestApp('pglite', {
      env: { ...provider.apiEnv(), OIDC_ORGANISATION_CLAIM: 'org.name' },
    });
    // A family in Anna's network, so that "Mijn gezinnen" has something to show.
    const anna = new ApiClient(app, await provider.sign({ sub: ANNA.sub, ...ANNA.claims }));
    const registered = await anna.post('/api/families', {
      municipality: 'Groningen',
      members: [{ role: 'youth', displayName: 'Sanne Oidcstra', birthYear: 2012 }],
    });
    expect(registered.status).toBe(201);
    expect(
      (await anna.get(`/api/families?minPosition=${registered.body.position}`)).body.items,
    ).toHaveLength(1);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await provider?.close();
  });

  it('a professional clicks "Inloggen", signs in with the code flow and PKCE, lands on "Mijn werk" and signs out', async () => {
    const opened = await open();
    const { page, urls } = opened;
    const addresses: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) addresses.push(frame.url());
    });
    await page.goto(`${app.base}/`);
    await heading(page, 'Inloggen bij Samenspoor');
    await expectAccessible(page, 'aanmelden (OpenID Connect)');
    await screenshot(page, 'oidc-sign-in');

    await page.getByRole('button', { name: 'Inloggen' }).click();
    await heading(page, 'Mijn werk');
    expect(page.url()).toBe(`${app.base}/werk`);
    await page.getByRole('navigation').getByRole('link', { name: 'Mijn gezinnen' }).click();
    await heading(page, 'Mijn gezinnen');
    await page.getByRole('link', { name: /Sanne Oidcstra/ }).waitFor();

    // The code flow with PKCE went through the provider, and came back to the callback path.
    expect(provider.authorizations).toEqual([
      {
        clientId: 'samenspoor-web',
        redirectUri: `${app.base}/aanmelden/terug`,
        scope: 'openid profile',
        codeChallengeMethod: 'S256',
        state: true,
        nonce: true,
      },
    ]);
    expect(addresses.some((a) => a.startsWith(`${app.base}/aanmelden/terug?code=`))).toBe(true);
    // No code or token left in the address bar, nor in the tab's history entry; none in any request's URL.
    expect(await page.evaluate('window.location.search + window.location.hash')).toBe('');
    for (const url of urls) expect(url).not.toMatch(/[?&#](access_|id_)?token=|eyJ[\w-]+\./);
    // The roles and organisation come from the API (GET /api/me), read through the configured claims.
    expect(urls.filter((url) => url === `${app.base}/api/me`)).toHaveLength(1);
    const user = await page.locator('.user').textContent();
    expect(user).toContain('Anna Bakker');
    expect(user).toContain('Professional · WIJ Groningen');
    expect(JSON.parse((await sessionInTab(opened)) ?? 'null')).toMatchObject({
      mode: 'oidc',
      user: { id: ANNA.sub, roles: ['professional'], organisation: 'WIJ Groningen' },
    });
    await expectAccessible(page, 'mijn gezinnen (OpenID Connect)');
    await screenshot(page, 'oidc-signed-in-mijn-gezinnen');

    // Signing out ends the session in the tab and at the provider, and comes back to the sign-in page.
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(`${app.base}/`);
    await heading(page, 'Inloggen bij Samenspoor');
    await page.getByRole('button', { name: 'Inloggen' }).waitFor();
    expect(provider.logouts).toBe(1);
    expect(await sessionInTab(opened)).toBeNull();
    await page.goto(`${app.base}/gezinnen`);
    await heading(page, 'Inloggen bij Samenspoor');
  });

  it('a signed-in user without any role of Samenspoor reads why, in Dutch, and can sign out', async () => {
    provider.user = {
      sub: 'x-oidc-bram',
      name: 'Bram Zonderrol',
      claims: { realm_access: { roles: ['offline_access'] }, org: { name: 'Gemeente Pekela' } },
    };
    const { page } = await open();
    await page.goto(`${app.base}/`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await heading(page, 'Geen toegang tot Samenspoor');
    expect(await page.locator('main').textContent()).toContain(
      'U bent ingelogd als Bram Zonderrol, maar uw account heeft geen rol in Samenspoor.',
    );
    await expectAccessible(page, 'geen rol in Samenspoor');
    await screenshot(page, 'oidc-signed-in-without-role');

    // The API refused it, and wrote the refusal to the audit log.
    const auditor = new ApiClient(
      app,
      await provider.sign({ sub: 'a-oidc', realm_access: { roles: ['auditor'] } }),
    );
    const audit = await auditor.get('/api/audit?actor=x-oidc-bram');
    expect(audit.body.items).toEqual([
      expect.objectContaining({ action: 'GET /api/me', outcome: 'denied', status: 403 }),
    ]);

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await heading(page, 'Inloggen bij Samenspoor');
    expect(provider.logouts).toBe(2);
  });
});
