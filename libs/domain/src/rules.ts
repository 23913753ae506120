/**
 * The rules the engine enforces (domain.md "Rules"), each with the code a refusal carries.
 */
export const RULES = {
  /** 1. Nothing happens to a family that is not registered. */
  'not-registered': 'Nothing happens to a family that is not registered',
  /** 2. An explanatory analysis starts only after a signal. */
  'no-signal': 'An explanatory analysis starts only after a signal',
  /** 2. One analysis in progress at a time. */
  'analysis-in-progress': 'One explanatory analysis in progress at a time',
  /** 3. First understand, then act (eerst begrijpen, dan handelen). */
  'first-understand-then-act':
    'A treatment plan is adopted only on a completed explanatory analysis',
  /** 4. Care is requested only under an adopted plan, except crisis care. */
  'no-adopted-plan': 'Care is requested only under an adopted plan, except crisis care',
  /** 5. Steps move forward only, never twice. */
  'invalid-transition': 'This step does not follow from where the family is now',
  /** 6. The case director is a current member of the family's network. */
  'director-not-in-network': "The case director is a current member of the family's network",
  /** 7. Referenced members, analyses, plans and trajectories exist in this family. */
  'unknown-reference': 'Referenced members, analyses, plans and trajectories exist in this family',
  /** 8. Outflow needs every trajectory ended or withdrawn. */
  'open-trajectories': 'Outflow needs every trajectory ended or withdrawn',
  /**
   * 8. After outflow only follow-ups, a new signal, erasure and the end of handed-over care are accepted; a case
   * closed by a consultation takes no analysis or plan until a new signal.
   */
  'case-closed':
    'After outflow only follow-ups, a new signal (re-entry), erasure and the end of handed-over care are accepted',
  /** 9. Business time is not in the future, not before registration; a start is not before its request. */
  'invalid-time':
    'Business time is not in the future, not before registration, and a start not before its request',
  /** 10. A member shares their own data only while deciding about it (16 or older, or an adult). */
  'not-deciding-own-data':
    'Only a member who decides about their own data (16 or older, or an adult) shares it with another member',
} as const;

export type RuleCode = keyof typeof RULES;

/**
 * A command refused by a rule. Nothing is appended. `target` is set when the thing the command acts on (the
 * analysis, plan, trajectory or professional named in its address) does not exist: the API answers that 404.
 */
export class DomainRuleError extends Error {
  constructor(
    readonly rule: RuleCode,
    message: string,
    readonly target?: 'family' | 'analysis' | 'plan' | 'trajectory' | 'professional' | 'measure',
  ) {
    super(message);
    this.name = 'DomainRuleError';
  }
}

/** How far ahead of the decider's clock a business time may be, for clocks that differ a little. */
export const CLOCK_SKEW_MS = 60_000;
