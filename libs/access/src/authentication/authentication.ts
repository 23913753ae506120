import type { Actor } from '../actor';

/** A token that cannot be accepted: missing, malformed, expired, wrongly signed, for another audience, … */
export class AuthenticationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AuthenticationError';
  }
}

/** Turns a bearer token into the actor it speaks for, or throws {@link AuthenticationError}. */
export interface TokenVerifier {
  verify(token: string): Promise<Actor>;
}

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
