import type { Actor } from '../actor';
import { decideAccess, type FamilyFacts } from './access-policy';

const professional: Actor = { id: 'p-anna', roles: ['professional'], organisation: 'WIJ' };
const safetyTeam: Actor = { id: 'st-1', roles: ['safety-team'] };
const manager: Actor = { id: 'm-1', roles: ['manager'] };
const auditor: Actor = { id: 'a-1', roles: ['auditor'] };
const roleless: Actor = { id: 'x-1', roles: [] };

const inNetwork: FamilyFacts = { registered: true, network: ['p-anna', 'p-bram'] };
const outsideNetwork: FamilyFacts = { registered: true, network: ['p-bram'] };
const unknownFamily: FamilyFacts = { registered: false };

describe('decideAccess (the access policy of api.md)', () => {
  describe('network routes about one family', () => {
    it('allows a professional in the network, acting as professional', () => {
      expect(decideAccess(professional, ['network'], inNetwork)).toEqual({
        allowed: true,
        role: 'professional',
        basis: 'network',
      });
    });

    it('refuses a professional outside the network, saying so', () => {
      expect(decideAccess(professional, ['network'], outsideNetwork)).toEqual({
        allowed: false,
        reason: 'not-in-network',
        detail: "you are not in this family's network of professionals",
      });
    });

    it('refuses a professional an unknown family as one outside the network: no existence oracle', () => {
      expect(decideAccess(professional, ['network'], unknownFamily)).toEqual(
        decideAccess(professional, ['network'], outsideNetwork),
      );
      expect(decideAccess(professional, ['network'], unknownFamily)).toMatchObject({
        allowed: false,
        reason: 'not-in-network',
      });
    });

    it('still lets the safety team reach an unknown family, whose route answers 404', () => {
      expect(decideAccess(safetyTeam, ['network', 'safety-team'], unknownFamily)).toMatchObject({
        allowed: true,
        role: 'safety-team',
      });
    });

    it('allows the safety team on any family where the route names it, and nobody else', () => {
      expect(decideAccess(safetyTeam, ['network', 'safety-team'], outsideNetwork)).toEqual({
        allowed: true,
        role: 'safety-team',
        basis: 'role',
      });
      for (const actor of [manager, auditor, roleless])
        expect(decideAccess(actor, ['network', 'safety-team'], inNetwork)).toMatchObject({
          allowed: false,
          reason: 'no-role',
        });
    });

    it('acts in the first role that fits: a professional who is also in the safety team', () => {
      const both: Actor = { id: 'p-anna', roles: ['safety-team', 'professional'] };
      expect(decideAccess(both, ['network', 'safety-team'], inNetwork)).toMatchObject({
        role: 'professional',
      });
      expect(decideAccess(both, ['network', 'safety-team'], outsideNetwork)).toMatchObject({
        role: 'safety-team',
      });
    });
  });

  describe('routes about no single family', () => {
    it('allows any professional on a network route (the answer is limited to their families)', () => {
      expect(decideAccess(professional, ['safety-team', 'network'])).toMatchObject({
        allowed: true,
        role: 'professional',
      });
    });

    it('allows exactly the roles a route names', () => {
      expect(decideAccess(manager, ['manager', 'safety-team'])).toMatchObject({
        allowed: true,
        role: 'manager',
      });
      expect(decideAccess(auditor, ['auditor'])).toMatchObject({ allowed: true, role: 'auditor' });
      expect(decideAccess(manager, ['auditor'])).toEqual({
        allowed: false,
        reason: 'no-role',
        detail: 'this needs auditor; the token has manager',
      });
      expect(decideAccess(professional, ['safety-team'])).toMatchObject({ allowed: false });
    });

    it('refuses a token with none of the roles of this service, and a route that names nobody', () => {
      expect(decideAccess(roleless, ['manager'])).toEqual({
        allowed: false,
        reason: 'no-role',
        detail: 'the token carries none of the roles of this service',
      });
      expect(decideAccess(safetyTeam, [])).toMatchObject({ allowed: false, reason: 'no-role' });
    });
  });
});
