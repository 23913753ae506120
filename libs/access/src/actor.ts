/** The roles of the professionals' side: every role of a person but `family`, whose member reaches only their own view. */
export const PROFESSIONAL_ROLES = ['professional', 'safety-team', 'manager', 'auditor'] as const;

/** The roles of people: every role but the machine client's. */
export const PEOPLE_ROLES = [...PROFESSIONAL_ROLES, 'family'] as const;

/**
 * The roles of `api.md`; what each may do is the access policy. `family` is a household member, who reaches only
 * the family's own view; `integration` is a machine client (OIDC client credentials) that delivers iJw messages and
 * reaches only `/api/ijw/**`.
 */
export const ROLES = [...PEOPLE_ROLES, 'integration'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The household member a `family` token speaks for: from the `familyId` and `memberId` claims of a development
 * token, or in production found from the token's BSN claim through the blind index (never from claims).
 */
export interface FamilyMemberIdentity {
  readonly familyId: string;
  readonly memberId: string;
}

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
  /** For the `family` role: whom the token speaks for; absent when the token names no member (403 then). */
  readonly familyMember?: FamilyMemberIdentity;
}
