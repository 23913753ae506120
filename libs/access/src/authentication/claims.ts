import { errors } from 'jose';

import { findUnstorableJson } from '@samenspoor/sql';

import { isRole, type Actor } from '../actor';
import { AuthenticationError } from './authentication';

/** Where a token keeps the actor's roles and organisation: claim names, dotted for nested claims. */
export interface ClaimNames {
  /** A list of roles, or a space-separated string (`realm_access.roles` for Keycloak). */
  readonly roles: string;
  readonly organisation: string;
}

/**
 * The actor named by verified claims. Roles this service does not know are ignored; a token with none of its
 * roles still names an actor, who is then allowed nothing (403, and the refusal is audited).
 */
export function actorFromClaims(payload: Record<string, unknown>, names: ClaimNames): Actor {
  assertStorableClaims(payload);
  const sub = payload.sub;
  if (typeof sub !== 'string' || sub.length === 0)
    throw new AuthenticationError('the token has no subject');
  const raw = claim(payload, names.roles);
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/\s+/) : [];
  const organisation = claim(payload, names.organisation);
  const roles = [...new Set(list.filter(isRole))];
  // A household member's token is never also a professional's: such a token is refused, not narrowed.
  if (roles.includes('family') && roles.length > 1)
    throw new AuthenticationError('a family token carries no other role');
  return {
    id: sub,
    roles,
    ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
    ...(typeof payload.email === 'string' ? { email: payload.email } : {}),
    ...(typeof organisation === 'string' ? { organisation } : {}),
  };
}

/**
 * A signed token is still input: a claim holding a NUL character or a lone surrogate would end up in the audit
 * log or an event (the actor), where the database refuses it. Every claim is checked, not only the ones read now,
 * so that a claim read later cannot bring one in; deep nesting is refused too.
 */
function assertStorableClaims(payload: Record<string, unknown>): void {
  const [problem] = findUnstorableJson(payload, { maxProblems: 1 });
  if (!problem) return;
  const name = /^[^.[]+/.exec(problem.path)?.[0].slice(0, 50);
  if (problem.kind === 'too-deep')
    throw new AuthenticationError('the token claims are nested too deeply');
  throw new AuthenticationError(
    name === undefined
      ? 'the token has a claim name with a NUL character or a lone surrogate'
      : `the token's ${name} claim holds a NUL character or a lone surrogate`,
  );
}

export function claim(payload: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[key]
          : undefined,
      payload,
    );
}

/** A short reason for a refused token, without echoing the token. */
export function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'the token signature is not valid';
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'the token is signed with an algorithm that is not accepted';
  if (error instanceof errors.JWKSNoMatchingKey)
    return 'the token is signed with a key the issuer does not publish';
  if (error instanceof errors.JOSEError) return 'the token is not a valid JWT';
  return 'the token cannot be verified';
}
