/**
 * The command path's own refusals. They never name HTTP: the API's one exception filter maps them (and the
 * domain's `DomainRuleError`, the store's `VersionConflictError`) to problem+json.
 */

/** No family has this id (it was never registered). */
export class FamilyNotFoundError extends Error {
  constructor(readonly familyId: string) {
    super(`no family ${familyId}`);
    this.name = 'FamilyNotFoundError';
  }
}

/** An idempotency key names an earlier command that differs from this one: another body, route or family. */
export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super(
      'this Idempotency-Key was used before for a different request (another body, route or family)',
    );
    this.name = 'IdempotencyKeyReusedError';
  }
}
