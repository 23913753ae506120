import { Injectable } from '@nestjs/common';

import { Directory } from '@samenspoor/directory';
import type { NetworkMember, RegisteredFamilyState } from '@samenspoor/domain';

/** Whom to contact about a family already known: a person's work details, never anything of the family. */
export interface Contact {
  readonly name: string;
  readonly organisation: string;
  readonly phone?: string;
  readonly email?: string;
  /** `case-director` (regiehouder), or `safety-team` when the family has none. */
  readonly role: 'case-director' | 'safety-team';
  /** The professional's id, so that a client can look them up once the directory knows them. */
  readonly professionalId?: string;
}

/**
 * Where a professional's name and work details come from. The directory of professionals plugs in here; until
 * it does, {@link NetworkContacts} answers what the family's network knows.
 */
export interface ContactDirectory {
  /** The work details of a professional of the network; undefined when nothing is known of them. */
  professional(member: NetworkMember): Promise<Omit<Contact, 'role'> | undefined>;
  /** The safety team of the region, the contact of a family without a case director. */
  safetyTeam(): Promise<Omit<Contact, 'role'>>;
}

export const CONTACT_DIRECTORY = Symbol('CONTACT_DIRECTORY');

/**
 * What the system knows of a professional without a directory: their id as a name (the sign-in name), their
 * organisation and discipline from the network.
 */
export class NetworkContacts implements ContactDirectory {
  professional(member: NetworkMember): Promise<Omit<Contact, 'role'>> {
    return Promise.resolve({
      name: member.discipline
        ? `${member.professionalId} (${member.discipline})`
        : member.professionalId,
      organisation: member.organisation,
      professionalId: member.professionalId,
    });
  }

  safetyTeam(): Promise<Omit<Contact, 'role'>> {
    return Promise.resolve({ name: 'Veiligheidsteam', organisation: 'HSJ-MCP Groningen' });
  }
}

/** A professional's name and work contacts from the directory; what the network knows when it has no entry. */
@Injectable()
export class DirectoryContacts implements ContactDirectory {
  private readonly network = new NetworkContacts();

  constructor(private readonly directory: Directory) {}

  async professional(member: NetworkMember): Promise<Omit<Contact, 'role'>> {
    const entry = (await this.directory.professionals([member.professionalId])).get(
      member.professionalId,
    );
    if (!entry) return this.network.professional(member);
    return {
      name: entry.name,
      organisation: entry.organisation,
      professionalId: member.professionalId,
      ...(entry.phone ? { phone: entry.phone } : {}),
      ...(entry.email ? { email: entry.email } : {}),
    };
  }

  safetyTeam(): Promise<Omit<Contact, 'role'>> {
    return this.network.safetyTeam();
  }
}

/** The contact of a family: its case director, or the safety team when it has none (or none is known). */
export async function contactOf(
  directory: ContactDirectory,
  state: RegisteredFamilyState,
): Promise<Contact> {
  const directorId = state.caseDirector?.professionalId;
  const director = state.network.find((member) => member.professionalId === directorId);
  const known = director && (await directory.professional(director));
  return known
    ? { ...known, role: 'case-director' }
    : { ...(await directory.safetyTeam()), role: 'safety-team' };
}
