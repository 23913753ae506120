import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

/** The person the provider's authorization endpoint signs in. */
export interface OidcUser {
  readonly sub: string;
  readonly name?: string;
  readonly roles?: readonly string[];
  readonly organisation?: string;
  /** More claims of the access token, such as Keycloak's `realm_access: { roles: […] }`. */
  readonly claims?: Readonly<Record<string, unknown>>;
}

/** What the authorization endpoint was asked, to check how a client signs in. */
export interface AuthorizationRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string | null;
  readonly codeChallengeMethod: string | null;
  readonly state: boolean;
  readonly nonce: boolean;
}

export interface SignOptions {
  /** Seconds from now; negative for a token that has expired. Default 300. */
  readonly expiresIn?: number;
  readonly audience?: string;
  readonly issuer?: string;
  /** `foreign`: signed with a key the provider does not publish, under the current key's id. */
  readonly key?: 'current' | 'foreign';
}

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

interface PendingCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly user: OidcUser;
  readonly nonce?: string;
}

/**
 * A small OpenID Connect provider for tests, on a local port: a discovery document, a key set (JWKS) with RS256
 * keys that can be rotated, an authorization endpoint that signs in {@link user} at once, a token endpoint for
 * the authorization code flow with PKCE (S256) and an end-session endpoint (RP-initiated logout), all open to
 * browsers (CORS), as a web app on another origin needs. Tests also sign tokens directly.
 */
export class TestOidcProvider {
  /** Who the authorization endpoint signs in: chosen at start, or set by a test before a browser sign-in. */
  user: OidcUser = { sub: 'oidc-user', roles: ['professional'], organisation: 'WIJ Groningen' };
  /** How often the key set was fetched. */
  jwksRequests = 0;
  /** Every request to the authorization endpoint, oldest first. */
  readonly authorizations: AuthorizationRequest[] = [];
  /** How often a client ended its session here (the end-session endpoint). */
  logouts = 0;

  private keys: SigningKey[] = [];
  private foreign?: SigningKey;
  private readonly codes = new Map<string, PendingCode>();

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    readonly audience: string,
  ) {}

  static async start(
    audience = 'samenspoor',
    options: { readonly user?: OidcUser } = {},
  ): Promise<TestOidcProvider> {
    let handler: (req: IncomingMessage, res: ServerResponse) => void = () => undefined;
    const server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const provider = new TestOidcProvider(server, `http://127.0.0.1:${port}/realms/test`, audience);
    if (options.user) provider.user = options.user;
    await provider.rotate();
    provider.foreign = await newKey(provider.keys[0]!.kid);
    handler = (req, res) => {
      provider.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    };
    return provider;
  }

  /**
   * The environment of an API that trusts this provider (`AUTH_MODE=oidc`), with the web UI's client id and the
   * roles in Keycloak's nested claim.
   */
  apiEnv(): Record<string, string> {
    return {
      AUTH_MODE: 'oidc',
      OIDC_ISSUER_URL: this.issuer,
      OIDC_AUDIENCE: this.audience,
      // Production mode needs a search key of its own (SEARCH_KEY); a fixed one for tests.
      SEARCH_KEY: 'cd'.repeat(32),
      OIDC_CLIENT_ID: 'samenspoor-web',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
    };
  }

  /** Publishes a new current key; the old one stays published (as issuers do while old tokens live). */
  async rotate(): Promise<void> {
    this.keys = [await newKey(randomUUID()), ...this.keys];
  }

  /** A token for these claims (`sub`, `roles`, `organisation`, …), signed as the options say. */
  async sign(claims: Record<string, unknown>, options: SignOptions = {}): Promise<string> {
    const key = options.key === 'foreign' ? this.foreign! : this.keys[0]!;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? this.audience)
      .setIssuedAt(now - 5)
      .setExpirationTime(now + (options.expiresIn ?? 300))
      .sign(key.privateKey);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.issuer);
    const path = url.pathname.replace(new URL(this.issuer).pathname, '');
    if (req.method === 'OPTIONS') return void res.writeHead(204, CORS).end();
    if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer: this.issuer,
        authorization_endpoint: `${this.issuer}/protocol/openid-connect/auth`,
        token_endpoint: `${this.issuer}/protocol/openid-connect/token`,
        jwks_uri: `${this.issuer}/protocol/openid-connect/certs`,
        end_session_endpoint: `${this.issuer}/protocol/openid-connect/logout`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        code_challenge_methods_supported: ['S256'],
        id_token_signing_alg_values_supported: ['RS256'],
        subject_types_supported: ['public'],
        scopes_supported: ['openid', 'profile'],
        token_endpoint_auth_methods_supported: ['none'],
      });
    }
    if (req.method === 'GET' && path === '/protocol/openid-connect/certs') {
      this.jwksRequests += 1;
      return json(res, 200, { keys: this.keys.map((key) => key.jwk) });
    }
    if (req.method === 'GET' && path === '/protocol/openid-connect/auth') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri');
      const challenge = q.get('code_challenge');
      if (!redirectUri || !challenge || q.get('code_challenge_method') !== 'S256') {
        return json(res, 400, { error: 'invalid_request' });
      }
      this.authorizations.push({
        clientId: q.get('client_id') ?? '',
        redirectUri,
        scope: q.get('scope'),
        codeChallengeMethod: q.get('code_challenge_method'),
        state: q.has('state'),
        nonce: q.has('nonce'),
      });
      const code = randomBytes(16).toString('base64url');
      const nonce = q.get('nonce');
      this.codes.set(code, {
        clientId: q.get('client_id') ?? '',
        redirectUri,
        challenge,
        user: this.user,
        ...(nonce ? { nonce } : {}),
      });
      const target = new URL(redirectUri);
      target.searchParams.set('code', code);
      const state = q.get('state');
      if (state) target.searchParams.set('state', state);
      return void res.writeHead(302, { location: target.toString() }).end();
    }
    if (req.method === 'POST' && path === '/protocol/openid-connect/token') {
      const form = new URLSearchParams(await bodyOf(req));
      const pending = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (
        form.get('grant_type') !== 'authorization_code' ||
        !pending ||
        pending.redirectUri !== form.get('redirect_uri') ||
        pending.clientId !== form.get('client_id') ||
        createHash('sha256').update(verifier).digest('base64url') !== pending.challenge
      ) {
        return json(res, 400, { error: 'invalid_grant' });
      }
      const { sub, claims: more, ...claims } = pending.user;
      const accessToken = await this.sign({ sub, ...claims, ...more });
      const idToken = await this.sign(
        { sub, name: claims.name, ...(pending.nonce ? { nonce: pending.nonce } : {}) },
        { audience: pending.clientId },
      );
      return json(res, 200, {
        access_token: accessToken,
        id_token: idToken,
        token_type: 'Bearer',
        expires_in: 300,
        scope: 'openid profile',
      });
    }
    if (req.method === 'GET' && path === '/protocol/openid-connect/logout') {
      const back = url.searchParams.get('post_logout_redirect_uri');
      if (!back) return json(res, 400, { error: 'invalid_request' });
      this.logouts += 1;
      return void res.writeHead(302, { location: back }).end();
    }
    json(res, 404, { error: 'not_found' });
  }
}

async function newKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return {
    kid,
    privateKey,
    jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

/** Every JSON answer is open to scripts of any origin: the web UI reads discovery, keys and tokens from its own. */
const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' };

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', ...CORS }).end(JSON.stringify(body));
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
