import type { Actor, Role } from '../actor';

/**
 * Who may use a route: a role, or `network` — a professional who is currently in the network of the family the
 * route is about (for routes about no single family: any professional, whose answers are then limited to their
 * own families).
 */
export type Audience = Role | 'network';

/** What the policy needs to know of the family a route is about. */
export type FamilyFacts =
  /**
   * The family does not exist. A professional is refused it as one outside its network (a 404 would tell them
   * which ids exist); callers who may see any family get the route's 404.
   */
  | { readonly registered: false }
  /** The professionals currently in the family's network. */
  | { readonly registered: true; readonly network: readonly string[] };

export type AccessDecision =
  | { readonly allowed: true; readonly role: Role; readonly basis: 'role' | 'network' }
  | {
      readonly allowed: false;
      /** `no-role`: none of the route's roles; `not-in-network`: a professional outside the family's network. */
      readonly reason: 'no-role' | 'not-in-network';
      readonly detail: string;
    };

/**
 * The access policy of `api.md`: may this actor use a route open to `audiences`, about this family (`family`
 * undefined for routes about no single family)? The first audience the actor fits decides the role acted in.
 * Pure: the caller supplies the family's current network.
 */
export function decideAccess(
  actor: Actor,
  audiences: readonly Audience[],
  family?: FamilyFacts,
): AccessDecision {
  let outsideNetwork = false;
  for (const audience of audiences) {
    if (audience === 'network') {
      if (!actor.roles.includes('professional')) continue;
      if (!family || (family.registered && family.network.includes(actor.id)))
        return { allowed: true, role: 'professional', basis: 'network' };
      outsideNetwork = true;
    } else if (actor.roles.includes(audience)) {
      return { allowed: true, role: audience, basis: 'role' };
    }
  }
  if (outsideNetwork) {
    return {
      allowed: false,
      reason: 'not-in-network',
      detail: "you are not in this family's network of professionals",
    };
  }
  const needed = audiences.map((a) => (a === 'network' ? 'professional in the network' : a));
  return {
    allowed: false,
    reason: 'no-role',
    detail:
      actor.roles.length === 0
        ? 'the token carries none of the roles of this service'
        : `this needs ${needed.join(' or ')}; the token has ${actor.roles.join(', ')}`,
  };
}
