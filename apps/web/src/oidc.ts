import * as oauth from 'oauth4webapi';

import { CALLBACK_PATH } from './auth-paths';
import { ApiError } from './api';
import type { AuthSettings } from './types';

/**
 * `GET /api/auth/config`: how this server signs people in. `clientId` is null when the server has no
 * OIDC_CLIENT_ID: the web UI cannot sign anyone in.
 */
export type AuthConfig = AuthSettings;

/** `GET /api/auth/config`; a server without that route (404) only knows development tokens. */
export async function authConfig(): Promise<AuthConfig> {
  const response = await fetch('/api/auth/config', { headers: { accept: 'application/json' } });
  if (response.status === 404) return { mode: 'dev' };
  if (!response.ok) throw new ApiError(response.status, undefined);
  return (await response.json()) as AuthConfig;
}

export type OidcConfig = Extract<AuthConfig, { mode: 'oidc' }> & { readonly clientId: string };

/** What the browser keeps between leaving for the issuer and coming back: this tab only. */
const PENDING = 'samenspoor.oidc';

interface Pending {
  readonly codeVerifier: string;
  readonly state: string;
  readonly nonce: string;
  readonly returnTo: string;
}

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

/** What the issuer handed over: the access token for the API, and who the ID token says signed in. */
export interface SignedIn {
  readonly token: string;
  /** When the access token expires (epoch ms), when the issuer says. */
  readonly expiresAt?: number;
  /** The ID token's subject and name: who signed in, whatever roles the API finds in the access token. */
  readonly subject: string;
  readonly name?: string;
  readonly returnTo: string;
}

/**
 * Finishes the flow on the callback page: checks the state, trades the code and the verifier for tokens and
 * checks the ID token (issuer, audience, nonce). Removes the code from the address bar first. Roles and
 * organisation are not read here: the API tells them (`GET /api/me`), with the claims it is configured for.
 */
export async function finishSignIn(config: OidcConfig, callback: URL): Promise<SignedIn> {
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
  return {
    token: result.access_token,
    ...(result.expires_in === undefined
      ? {}
      : { expiresAt: Date.now() + result.expires_in * 1000 }),
    subject: claims.sub,
    ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
    returnTo: pending.returnTo.startsWith('/') ? pending.returnTo : '/',
  };
}

/**
 * Ends the session at the issuer too (RP-initiated logout), when it has an end_session_endpoint: the browser
 * goes there with this client's id and comes back to the start page. No token travels in that address.
 */
export async function signOutAtIssuer(): Promise<void> {
  const config = await authConfig();
  if (config.mode !== 'oidc' || !config.clientId) return;
  const issuer = new URL(config.issuer);
  const as = await authorizationServer(issuer);
  if (!as.end_session_endpoint) return;
  const url = new URL(as.end_session_endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('post_logout_redirect_uri', `${window.location.origin}/`);
  window.location.assign(url.href);
}
