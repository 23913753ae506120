import { TestOidcProvider } from '@samenspoor/testing';

import { ApiClient, startTestApp, type TestApp } from '../support/app';
import { http } from '../support/http';

/** The engine in production mode: tokens of an OpenID Connect issuer, checked against its published keys. */
describe('AUTH_MODE=oidc against a local OpenID Connect provider', () => {
  let provider: TestOidcProvider;
  let app: TestApp;

  beforeAll(async () => {
    provider = await TestOidcProvider.start('samenspoor-api');
    app = await startTestApp('pglite', {
      env: {
        AUTH_MODE: 'oidc',
        OIDC_ISSUER_URL: provider.issuer,
        OIDC_AUDIENCE: 'samenspoor-api',
        SEARCH_KEY: 'cd'.repeat(32),
        OIDC_CLIENT_ID: 'samenspoor-web',
        OIDC_ROLES_CLAIM: 'realm_access.roles',
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await provider.close();
  });

  const client = async (claims: Record<string, unknown>, options = {}) =>
    new ApiClient(app, await provider.sign(claims, options));

  it('tells clients how to sign in, and has no development token route', async () => {
    const settings = await http(app.base, 'GET', '/api/auth/config');
    expect(settings.body).toEqual({
      mode: 'oidc',
      issuer: provider.issuer,
      clientId: 'samenspoor-web',
      scopes: 'openid profile',
    });
    const devToken = await http(app.base, 'POST', '/api/auth/dev-token', {
      body: { sub: 'x', roles: ['auditor'] },
    });
    expect(devToken.status).toBe(404);
    expect((await http(app.base, 'GET', '/api/auth/dev-users')).status).toBe(404);
  });

  it('answers /api/me with the actor read through the configured claims', async () => {
    const carla = await client({
      sub: 'st-carla',
      name: 'Carla Mulder',
      organisation: 'Regionaal Veiligheidsteam Groningen',
      roles: ['manager'],
      realm_access: { roles: ['safety-team', 'offline_access'] },
    });
    const me = await carla.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: 'st-carla',
      name: 'Carla Mulder',
      roles: ['safety-team'],
      organisation: 'Regionaal Veiligheidsteam Groningen',
    });
    const roleless = await client({ sub: 'x-roleless', roles: ['professional'] });
    expect((await roleless.get('/api/me')).status).toBe(403);
  });

  it("accepts the issuer's tokens and takes roles and organisation from their claims", async () => {
    const anna = await client({
      sub: 'p-anna',
      organisation: 'WIJ Groningen',
      realm_access: { roles: ['professional', 'offline_access'] },
    });
    const registered = await anna.post('/api/families', {
      municipality: 'Groningen',
      members: [{ role: 'youth', displayName: 'Sanne' }],
    });
    expect(registered.status).toBe(201);
    const family = await anna.get(`/api/families/${registered.body.familyId}`);
    expect(family.body.network).toEqual([
      expect.objectContaining({ professionalId: 'p-anna', organisation: 'WIJ Groningen' }),
    ]);
  });

  it.each([
    ['an expired token', { expiresIn: -120 }, 'the token has expired'],
    [
      'a token signed with a key the issuer does not publish',
      { key: 'foreign' },
      'the token signature is not valid',
    ],
    [
      'a token for another audience',
      { audience: 'another-app' },
      "the token's aud claim is not accepted",
    ],
    [
      'a token of another issuer',
      { issuer: 'https://login.example.org' },
      "the token's iss claim is not accepted",
    ],
  ])('answers 401 to %s, naming why', async (_name, options, detail) => {
    const user = await client(
      { sub: 'p-anna', realm_access: { roles: ['professional'] } },
      options,
    );
    const answer = await user.get('/api/families');
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ type: '/problems/unauthenticated', detail });
  });

  it('answers 403 to a valid token without any role of this service, and audits the refusal', async () => {
    const nobody = await client({ sub: 'x-nobody', realm_access: { roles: ['offline_access'] } });
    const answer = await nobody.get('/api/families');
    expect(answer.status).toBe(403);
    expect(answer.body.detail).toBe('the token carries none of the roles of this service');
    const auditor = await client({ sub: 'a-1', realm_access: { roles: ['auditor'] } });
    const audit = await auditor.get('/api/audit?actor=x-nobody');
    expect(audit.body.items).toEqual([
      expect.objectContaining({ action: 'GET /api/families', outcome: 'denied', status: 403 }),
    ]);
  });
});
