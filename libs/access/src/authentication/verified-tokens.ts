/** Most tokens remembered at once: a few MB, far more than the users active in any minute. */
const MAX_TOKENS = 10_000;

/** Longest a verification is trusted without checking the signature again, whatever the token's lifetime. */
const MAX_TRUST_MS = 5 * 60_000;

/**
 * Tokens whose signature and claims were verified, with what the verification gave, until they expire: a client
 * sends the same token with every request, and checking its signature again each time (an HMAC, or an RSA
 * verification for the identity provider's tokens) is most of what authentication costs. Only successes are
 * kept; an entry is used until the token's `exp` (and never longer than {@link MAX_TRUST_MS}), after which the
 * token is verified again (and then refused, if it expired). The tokens live only in this process's memory.
 */
export class VerifiedTokens<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxTokens = MAX_TOKENS,
  ) {}

  /** What the token's verification gave, when it was verified and has not expired since. */
  get(token: string): T | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.value;
  }

  /**
   * Remembers a verified token until its `exp` (seconds since the epoch); a token without a numeric `exp` is not
   * remembered.
   */
  remember(token: string, exp: unknown, value: T): void {
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return;
    const until = Math.min(exp * 1000, this.now() + MAX_TRUST_MS);
    if (until <= this.now()) return;
    if (this.entries.size >= this.maxTokens && !this.entries.has(token)) {
      // The oldest remembered token makes room (a Map iterates in insertion order).
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { value, until });
  }
}
