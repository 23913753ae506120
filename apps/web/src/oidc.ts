import * as oauth from 'oauth4webapi';

import { CALLBACK_PATH } from './auth-paths';
import type { Role, Session } from './session';

/** `GET /api/auth/config`: how this server signs people in. */
export type AuthConfig =
  | { readonly mode: 'dev' }
  | {
      readonly mode: 'oidc';
      readonly issuer: string;
      /** null when the server has no OIDC_CLIENT_ID: the web UI cannot sign anyone in. */
      readonly clientId: string | null;
      readonly scopes?: string;
      /** Where the tokens carry the roles and the organisation (dotted for nested claims), when not the defaults. */
      readonly rolesClaim?: string;
      readonly organisationClaim?: string;
    };

export type OidcConfig = Extract<AuthConfig, { mode: 'oidc' }> & { readonly clientId: string };

/** What the browser keeps between leaving for the issuer and coming back: this tab only. */
const PENDING = 'samenspoor.oidc';

interface Pending {
  readonly codeVerifier: string;
  readonly state: string;
  readonly nonce: string;
  readonly returnTo: string;
}

const ROLES: readonly Role[] = ['professional', 'safety-team', 'manager', 'auditor'];

/** Plain http is allowed only for an issuer on this machine (a development or test provider). */
function requestOptions(issuer: URL) {
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
  return issuer.protocol === 'http:' && loopback ? { [oauth.allowInsecureRequests]: true } : {};
}

async function authorizationServer(issuer: URL): Promise<oauth.AuthorizationServer> {
  const response = await oauth.discoveryRequest(issuer, {
    algorithm: 'oidc',
    ...requestOptions(issuer),
  });
  return oauth.processDiscoveryResponse(issuer, response);
}

function redirectUri(): string {
  return `${window.location.origin}${CALLBACK_PATH}`;
}

/**
 * Starts the authorization-code flow with PKCE: remembers the verifier, state and nonce in sessionStorage and
 * sends the browser to the issuer's authorization endpoint.
 */
export async function startSignIn(config: OidcConfig, returnTo: string): Promise<void> {
  const issuer = new URL(config.issuer);
  const as = await authorizationServer(issuer);
  if (!as.authorization_endpoint) throw new Error('the issuer has no authorization endpoint');
  const pending: Pending = {
    codeVerifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    returnTo,
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', config.scopes ?? 'openid profile');
  url.searchParams.set(
    'code_challenge',
    await oauth.calculatePKCECodeChallenge(pending.codeVerifier),
  );
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  window.location.assign(url.href);
}

/**
 * Finishes the flow on the callback page: checks the state, trades the code and the verifier for tokens, checks
 * the ID token (issuer, audience, nonce, signature) and builds the session from its claims. Removes the code
 * from the address bar first.
 */
export async function finishSignIn(
  config: OidcConfig,
  callback: URL,
): Promise<{ session: Session; returnTo: string }> {
  window.history.replaceState(null, '', CALLBACK_PATH);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as Pending | null;
  sessionStorage.removeItem(PENDING);
  if (!pending) throw new Error('no sign-in was started in this tab');
  const issuer = new URL(config.issuer);
  const as = await authorizationServer(issuer);
  const client: oauth.Client = { client_id: config.clientId };
  const parameters = oauth.validateAuthResponse(as, client, callback, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    parameters,
    redirectUri(),
    pending.codeVerifier,
    requestOptions(issuer),
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: true,
  });
  const claims = oauth.getValidatedIdTokenClaims(result);
  if (!claims) throw new Error('the issuer sent no ID token');
  // The API reads roles and organisation from the access token; the ID token may carry them too.
  const access = jwtClaims(result.access_token) ?? {};
  const both = [access, claims as Record<string, unknown>];
  const roles = both.flatMap((c) =>
    texts(claimAt(c, config.rolesClaim ?? 'roles') ?? claimAt(c, 'realm_access.roles')),
  );
  const organisation = both
    .map((c) => claimAt(c, config.organisationClaim ?? 'organisation'))
    .find((value): value is string => typeof value === 'string');
  const name = both.map((c) => c.name).find((value): value is string => typeof value === 'string');
  return {
    session: {
      token: result.access_token,
      mode: 'oidc',
      user: {
        id: claims.sub,
        roles: ROLES.filter((role) => roles.includes(role)),
        ...(name ? { name } : {}),
        ...(organisation ? { organisation } : {}),
      },
      ...(result.expires_in === undefined
        ? {}
        : { expiresAt: Date.now() + result.expires_in * 1000 }),
    },
    returnTo: pending.returnTo.startsWith('/') ? pending.returnTo : '/',
  };
}

/** A claim by its dotted path: `realm_access.roles`. */
function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return value;
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The claims of a JWT access token, unverified (the API verifies it); undefined for an opaque token. */
function jwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
