import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

import type { Actor, FamilyMemberIdentity } from '../actor';
import { AuthenticationError, type TokenVerifier } from './authentication';
import { actorFromClaims, claim, describeJoseError, type ClaimNames } from './claims';
import { VerifiedTokens } from './verified-tokens';

/**
 * Finds the household member whose BSN this is (through the blind index: keyed hashes, never the BSN itself), or
 * nothing when no member, or more than one, holds it.
 */
export type MemberByBsn = (bsn: string) => Promise<FamilyMemberIdentity | undefined>;

export interface OidcOptions {
  /** The issuer's URL, exactly as its tokens name it in `iss`. */
  readonly issuerUrl: string;
  /** The audience tokens must be issued for (`aud`). */
  readonly audience: string;
  readonly claims: ClaimNames;
  /** Where the issuer publishes its keys; discovered from `/.well-known/openid-configuration` when absent. */
  readonly jwksUrl?: string;
  /** Seconds of clock skew tolerated on `exp`, `nbf` and `iat`. */
  readonly clockToleranceSeconds?: number;
  /** Least time between two fetches of the key set (default 30 s), so unknown key ids cannot flood the issuer. */
  readonly refetchCooldownMs?: number;
  /**
   * The claim holding a household member's BSN (DigiD through the municipality's broker), dotted when nested, and
   * how to find its member. A `family` token is matched on it only: `familyId`/`memberId` claims are ignored,
   * since any token of the issuer could carry them.
   */
  readonly bsnClaim?: string;
  readonly memberByBsn?: MemberByBsn;
}

/** Asymmetric algorithms only: a shared-secret (HS*) token could be forged by anyone who holds the secret. */
const ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'EdDSA',
];

/** The issuer (or its key set) could not be reached: no token can be checked now, which is not the caller's fault. */
export class IssuerUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IssuerUnavailableError';
  }
}

/**
 * Tokens of an OpenID Connect issuer, verified with `jose` against the issuer's published keys (JWKS): signature,
 * issuer, audience, expiry and not-before. The key set is fetched when first needed and again when a token names
 * a key it does not hold (key rotation), at most every 30 seconds (configurable).
 */
export class OidcTokens implements TokenVerifier {
  private keys?: Promise<JWTVerifyGetKey>;
  private readonly verified = new VerifiedTokens<{
    actor: Actor;
    payload: Record<string, unknown>;
  }>();

  constructor(private readonly options: OidcOptions) {}

  async verify(token: string): Promise<Actor> {
    const { actor, payload } = await this.verifySignature(token);
    if (!actor.roles.includes('family')) return actor;
    // Outside the signature's try: a database that does not answer is a 503, not a bad token.
    const bsn = claim(payload, this.options.bsnClaim ?? 'bsn');
    const familyMember =
      typeof bsn === 'string' && this.options.memberByBsn
        ? await this.options.memberByBsn(bsn)
        : undefined;
    return familyMember ? { ...actor, familyMember } : actor;
  }

  private async verifySignature(
    token: string,
  ): Promise<{ actor: Actor; payload: Record<string, unknown> }> {
    const known = this.verified.get(token);
    if (known) return known;
    const keys = await this.keySet();
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: this.options.issuerUrl,
        audience: this.options.audience,
        algorithms: ALGORITHMS,
        clockTolerance: this.options.clockToleranceSeconds ?? 30,
        requiredClaims: ['exp', 'sub'],
      });
      const verified = { actor: actorFromClaims(payload, this.options.claims), payload };
      this.verified.remember(token, payload.exp, verified);
      return verified;
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      if (error instanceof errors.JWKSTimeout || isFetchFailure(error)) {
        throw new IssuerUnavailableError("the identity provider's keys cannot be fetched", {
          cause: error,
        });
      }
      throw new AuthenticationError(describeJoseError(error), { cause: error });
    }
  }

  private keySet(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.discover().catch((error: unknown) => {
      this.keys = undefined;
      throw error;
    });
    return this.keys;
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    let jwksUrl = this.options.jwksUrl;
    if (!jwksUrl) {
      const url = `${this.options.issuerUrl.replace(/\/$/, '')}/.well-known/openid-configuration`;
      let document: { issuer?: unknown; jwks_uri?: unknown };
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        document = (await response.json()) as typeof document;
      } catch (error) {
        throw new IssuerUnavailableError(
          `the identity provider's discovery document cannot be read (${(error as Error).message})`,
          { cause: error },
        );
      }
      if (document.issuer !== this.options.issuerUrl || typeof document.jwks_uri !== 'string') {
        throw new IssuerUnavailableError(
          'the discovery document names another issuer or no jwks_uri: check OIDC_ISSUER_URL',
        );
      }
      jwksUrl = document.jwks_uri;
    }
    return createRemoteJWKSet(new URL(jwksUrl), {
      timeoutDuration: 5_000,
      cooldownDuration: this.options.refetchCooldownMs ?? 30_000,
      cacheMaxAge: 10 * 60_000,
    });
  }
}

function isFetchFailure(error: unknown): boolean {
  // fetch rejects with a TypeError when it cannot connect; jose's generic error is a non-200 key set answer.
  return (
    error instanceof TypeError ||
    (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC')
  );
}
