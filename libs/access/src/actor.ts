/**
 * The roles of `api.md`; what each may do is the access policy. `integration` is a machine client (OIDC client
 * credentials) that delivers iJw messages and reaches only `/api/ijw/**`.
 */
export const ROLES = ['professional', 'safety-team', 'manager', 'auditor', 'integration'] as const;
export type Role = (typeof ROLES)[number];

/** The roles of people: every role but the machine client's. */
export const PEOPLE_ROLES = [
  'professional',
  'safety-team',
  'manager',
  'auditor',
] as const satisfies readonly Role[];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is acting: taken from a verified token. */
export interface Actor {
  /** The token's subject: a stable id of the person, never a name. */
  readonly id: string;
  readonly name?: string;
  /** The token's `email` claim: a work address, for the directory entry made on first sign-in. */
  readonly email?: string;
  readonly roles: readonly Role[];
  readonly organisation?: string;
}
