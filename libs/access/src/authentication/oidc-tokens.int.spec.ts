import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { TestOidcProvider } from '@samenspoor/testing';

import { AuthenticationError } from './authentication';
import { IssuerUnavailableError, OidcTokens } from './oidc-tokens';

const CLAIMS = { roles: 'roles', organisation: 'organisation' };

describe('OidcTokens: tokens of an OpenID Connect issuer, checked against its JWKS', () => {
  let provider: TestOidcProvider;
  let tokens: OidcTokens;

  beforeAll(async () => {
    provider = await TestOidcProvider.start('samenspoor');
    tokens = new OidcTokens({
      issuerUrl: provider.issuer,
      audience: 'samenspoor',
      claims: CLAIMS,
      refetchCooldownMs: 0,
    });
  });
  afterAll(() => provider.close());

  const refusal = async (token: string): Promise<string> => {
    try {
      await tokens.verify(token);
    } catch (error) {
      expect(error).toBeInstanceOf(AuthenticationError);
      return (error as Error).message;
    }
    throw new Error('the token was accepted');
  };

  it('accepts a token of the issuer and reads the actor from its claims', async () => {
    const token = await provider.sign({
      sub: 'p-123',
      name: 'Anna',
      roles: ['professional', 'unknown-role'],
      organisation: 'WIJ Groningen',
    });
    await expect(tokens.verify(token)).resolves.toEqual({
      id: 'p-123',
      name: 'Anna',
      roles: ['professional'],
      organisation: 'WIJ Groningen',
    });
  });

  it('refuses an expired token', async () => {
    const token = await provider.sign({ sub: 'p-1', roles: ['manager'] }, { expiresIn: -120 });
    expect(await refusal(token)).toBe('the token has expired');
  });

  it('refuses a token it accepted before, once the token has expired (a verification is not trusted longer)', async () => {
    const strict = new OidcTokens({
      issuerUrl: provider.issuer,
      audience: 'samenspoor',
      claims: CLAIMS,
      clockToleranceSeconds: 0,
    });
    const token = await provider.sign({ sub: 'p-1', roles: ['manager'] }, { expiresIn: 2 });
    await expect(strict.verify(token)).resolves.toMatchObject({ id: 'p-1' });
    await expect(strict.verify(token)).resolves.toMatchObject({ id: 'p-1' });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await expect(strict.verify(token)).rejects.toThrow('the token has expired');
  });

  it('refuses a token signed with a key the issuer does not publish', async () => {
    const token = await provider.sign({ sub: 'p-1', roles: ['manager'] }, { key: 'foreign' });
    expect(await refusal(token)).toBe('the token signature is not valid');
  });

  it('refuses a token for another audience, or of another issuer', async () => {
    const other = await provider.sign(
      { sub: 'p-1', roles: ['manager'] },
      { audience: 'other-app' },
    );
    expect(await refusal(other)).toBe("the token's aud claim is not accepted");
    const foreignIssuer = await provider.sign(
      { sub: 'p-1', roles: ['manager'] },
      { issuer: 'https://evil.example' },
    );
    expect(await refusal(foreignIssuer)).toBe("the token's iss claim is not accepted");
  });

  it('refuses an unsigned or HS256 token, and garbage', async () => {
    const [header, payload] = (await provider.sign({ sub: 'p-1', roles: ['manager'] })).split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    expect(await refusal(none)).toMatch(/not accepted|not a valid JWT/);
    const hs = `${Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')}.${payload}.c2ln`;
    expect(await refusal(hs)).toBe('the token is signed with an algorithm that is not accepted');
    expect(await refusal('not-a-jwt')).toBe('the token is not a valid JWT');
    expect(header).toBeDefined();
  });

  it('names the actor of a token without any role of this service, who then may do nothing', async () => {
    const token = await provider.sign({ sub: 'p-9', roles: ['offline_access'] });
    await expect(tokens.verify(token)).resolves.toEqual({ id: 'p-9', roles: [] });
  });

  it('refuses a token without a subject', async () => {
    const token = await provider.sign({ roles: ['manager'] });
    expect(await refusal(token)).toMatch(/sub/);
  });

  it('refuses a token whose claims hold a NUL character or a lone surrogate, wherever they are', async () => {
    const refused = async (claims: Record<string, unknown>) =>
      refusal(await provider.sign({ sub: 'p-1', roles: ['professional'], ...claims }));
    expect(await refused({ sub: 'p-1\u0000' })).toBe(
      "the token's sub claim holds a NUL character or a lone surrogate",
    );
    expect(await refused({ organisation: 'WIJ\u0000' })).toBe(
      "the token's organisation claim holds a NUL character or a lone surrogate",
    );
    expect(await refused({ name: 'Anna\ud800' })).toBe(
      "the token's name claim holds a NUL character or a lone surrogate",
    );
    expect(await refused({ roles: ['professional', 'x\udc00'] })).toBe(
      "the token's roles claim holds a NUL character or a lone surrogate",
    );
    expect(await refused({ realm_access: { ['r\u0000']: [] } })).toBe(
      "the token's realm_access claim holds a NUL character or a lone surrogate",
    );
    expect(await refused({ ['x\u0000']: 1 })).toBe(
      'the token has a claim name with a NUL character or a lone surrogate',
    );
    let deep: unknown = 1;
    for (let i = 0; i < 1_000; i++) deep = [deep];
    expect(await refused({ extra: deep })).toBe('the token claims are nested too deeply');
  });

  it('reads roles from a nested claim or a space-separated string (configurable)', async () => {
    const keycloak = new OidcTokens({
      issuerUrl: provider.issuer,
      audience: 'samenspoor',
      claims: { roles: 'realm_access.roles', organisation: 'org.name' },
    });
    const token = await provider.sign({
      sub: 'st-1',
      realm_access: { roles: ['safety-team', 'default-roles'] },
      org: { name: 'Veilig Thuis' },
    });
    await expect(keycloak.verify(token)).resolves.toEqual({
      id: 'st-1',
      roles: ['safety-team'],
      organisation: 'Veilig Thuis',
    });
    const spaced = await provider.sign({ sub: 'a-1', roles: 'auditor manager' });
    await expect(tokens.verify(spaced)).resolves.toMatchObject({ roles: ['auditor', 'manager'] });
  });

  it('follows a key rotation: a token under a new key is accepted once the key set is fetched again', async () => {
    await tokens.verify(await provider.sign({ sub: 'p-1', roles: ['manager'] }));
    const fetched = provider.jwksRequests;
    await provider.rotate();
    await expect(
      tokens.verify(await provider.sign({ sub: 'p-1', roles: ['manager'] })),
    ).resolves.toMatchObject({ id: 'p-1' });
    expect(provider.jwksRequests).toBe(fetched + 1);
  });

  it('says the issuer is unavailable, not that the token is bad, when it cannot be reached', async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const { port } = dead.address() as AddressInfo;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    const unreachable = new OidcTokens({
      issuerUrl: `http://127.0.0.1:${port}/realms/gone`,
      audience: 'samenspoor',
      claims: CLAIMS,
    });
    await expect(
      unreachable.verify(await provider.sign({ sub: 'p-1', roles: ['manager'] })),
    ).rejects.toBeInstanceOf(IssuerUnavailableError);
  });
});
