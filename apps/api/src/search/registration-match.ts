import { Inject, Injectable, Logger } from '@nestjs/common';

import { PersonalDataVault } from '@samenspoor/access';
import { derivedId, FamilyCommands, type CommandContext } from '@samenspoor/commands';
import { isValidBsn, type Member } from '@samenspoor/domain';
import {
  BlindIndex,
  identityValue,
  RegistrationMatches,
  SAFETY_TEAM_CONTACT,
  type MatchKind,
} from '@samenspoor/search';

import type { AuthenticatedActor } from '../auth/auth.decorators';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Problem } from '../http/problem';
import { CONTACT_DIRECTORY, contactOf, type Contact, type ContactDirectory } from './contacts';

/** A registration as the match looks at it. */
export interface RegistrationToMatch {
  readonly municipality: string;
  readonly members: readonly Pick<Member, 'displayName' | 'birthYear' | 'bsn'>[];
  /** The registrar saw the possible duplicate and registers a new family all the same. */
  readonly confirmedNewFamily?: boolean;
}

const HOUR_MS = 3_600_000;

/** Families whose contacts one answer names, at most. */
const MAX_CONTACTS = 5;

/**
 * The Verwijsindex "match" on registration, asked before the family is registered: a member's BSN already known
 * → 409 `already-known`; the same name, birth year and municipality → 409 `possible-duplicate` unless confirmed.
 * The answer names whom to contact (the case director, or the safety team), never the family's id or content.
 * Each match is recorded for the contact's work list. A professional who ran into more matches in the last hour
 * than `MATCH_RATE_LIMIT` is refused every registration with 429 until the hour has passed, and the safety team
 * is told (a `match-rate-exceeded` record; the refusal's audit entry carries the same rule): the match must not
 * become a way to test BSNs.
 */
@Injectable()
export class RegistrationMatch {
  private readonly logger = new Logger('RegistrationMatch');

  constructor(
    private readonly index: BlindIndex,
    private readonly matches: RegistrationMatches,
    private readonly commands: FamilyCommands,
    private readonly vault: PersonalDataVault,
    @Inject(CONTACT_DIRECTORY) private readonly directory: ContactDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * @throws Problem 429 `match-rate-exceeded`, 409 `already-known` or 409 `possible-duplicate`.
   */
  async check(
    registration: RegistrationToMatch,
    actor: AuthenticatedActor,
    context: Pick<CommandContext, 'commandId'>,
  ): Promise<void> {
    const { keys, matchRateLimit } = this.config.search;
    const since = new Date(Date.now() - HOUR_MS);
    if ((await this.matches.matchesSince(actor.id, since)) >= matchRateLimit) {
      await this.matches.record([
        {
          kind: 'match-rate-exceeded',
          registrarId: actor.id,
          registrarOrganisation: actor.organisation ?? null,
          familyId: null,
          contactId: SAFETY_TEAM_CONTACT,
        },
      ]);
      this.logger.warn(
        { professional: actor.id, limit: matchRateLimit },
        'registrations refused: more matches in an hour than MATCH_RATE_LIMIT',
      );
      throw new Problem(
        429,
        'match-rate-exceeded',
        'Too Many Requests',
        `more than ${matchRateLimit} registrations in the last hour matched a family already known; the safety team was told, and registering is possible again within the hour`,
        { rule: 'match-rate-exceeded' },
      );
    }
    // A repeat of this very registration (same Idempotency-Key) finds its own family: that is no match.
    const own = derivedId(context.commandId, 'familyId');
    const bsns = registration.members.flatMap((m) =>
      m.bsn !== undefined && isValidBsn(m.bsn) ? [keys.token('bsn', m.bsn)] : [],
    );
    let kind: MatchKind = 'already-known';
    let families = await this.living(await this.index.familiesWithAny(bsns), own);
    if (families.length === 0 && registration.confirmedNewFamily !== true) {
      kind = 'possible-duplicate';
      const identities = registration.members.flatMap((m) => {
        const value = identityValue(m, registration.municipality);
        return value === undefined ? [] : [keys.token('identity', value)];
      });
      families = await this.living(await this.index.familiesWithAny(identities), own);
    }
    if (families.length === 0) return;

    const found = await Promise.all(
      families.slice(0, MAX_CONTACTS).map(async (familyId) => {
        const { state } = await this.commands.load(familyId);
        return state.status === 'unregistered'
          ? undefined
          : { familyId, contact: await contactOf(this.directory, state) };
      }),
    );
    const matched = found.filter((f) => f !== undefined);
    if (matched.length === 0) return;
    await this.matches.record(
      matched.map(({ familyId, contact }) => ({
        kind,
        registrarId: actor.id,
        registrarOrganisation: actor.organisation ?? null,
        familyId,
        contactId: contact.professionalId ?? SAFETY_TEAM_CONTACT,
      })),
    );
    throw new Problem(
      409,
      kind,
      'Conflict',
      kind === 'already-known'
        ? 'a member of this family is known already: contact the professional named, who learns of this match too'
        : 'a family with a member of the same name and birth year is known in this municipality: contact the professional named, or register with confirmedNewFamily: true when it is another family',
      { rule: kind, contacts: uniqueContacts(matched.map((m) => m.contact)) },
    );
  }

  /** The families found, but the registration's own and those erased meanwhile (no key). */
  private async living(familyIds: readonly string[], own: string): Promise<string[]> {
    const others = familyIds.filter((id) => id !== own);
    if (others.length === 0) return [];
    const keys = await this.vault.keysFor(others);
    return others.filter((id) => keys.has(id));
  }
}

function uniqueContacts(contacts: readonly Contact[]): Contact[] {
  const seen = new Map<string, Contact>();
  for (const contact of contacts)
    seen.set(contact.professionalId ?? `${contact.role}:${contact.name}`, contact);
  return [...seen.values()];
}
