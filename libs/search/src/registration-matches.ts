import { componentMigrations, SqlTable, type SqlDatabase } from '@samenspoor/sql';

/**
 * What a registration ran into (the Verwijsindex "match"): a member's BSN already known, the same name, birth
 * year and municipality, or — for the safety team — a professional stopped for matching at an unusual rate.
 */
export const MATCH_KINDS = ['already-known', 'possible-duplicate', 'match-rate-exceeded'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/** A match as recorded: ids and organisations only, never a name, a BSN or anything of the family's content. */
export interface RegistrationMatch {
  readonly kind: MatchKind;
  /** Who registered, and for whom. */
  readonly registrarId: string;
  readonly registrarOrganisation: string | null;
  /** The family already known (absent for a rate alert). */
  readonly familyId: string | null;
  /** Who is to learn of it: a professional's id, or `safety-team`. */
  readonly contactId: string;
}

/** The recipient of a match that concerns the safety team (no case director, or a rate alert). */
export const SAFETY_TEAM_CONTACT = 'safety-team';

const registrationMatchMigrations = componentMigrations('registration-matches', {
  'matches of registrations': (s) => `
      create table ${s}.registration_matches (
        seq bigint generated always as identity primary key,
        at timestamptz not null default now(),
        kind text not null,
        registrar_id text not null,
        registrar_organisation text,
        family_id text,
        contact_id text not null
      );
      create index registration_matches_registrar on ${s}.registration_matches (registrar_id, at);
      create index registration_matches_contact on ${s}.registration_matches (contact_id, at)`,
});

/**
 * The matches of registrations, kept for the work lists of those who are to learn of them (the contact of the
 * family already known, the safety team for rate alerts), and counted per registrar to stop one who matches at
 * an unusual rate, so that the match cannot be used to test BSNs.
 */
export class RegistrationMatches extends SqlTable {
  static async open(database: SqlDatabase, schema: string): Promise<RegistrationMatches> {
    const table = await registrationMatchMigrations.openTable(
      database,
      schema,
      'registration_matches',
    );
    return new RegistrationMatches(database, table);
  }

  async record(matches: readonly RegistrationMatch[]): Promise<void> {
    if (matches.length === 0) return;
    await this.database.query(
      `insert into ${this.table} (kind, registrar_id, registrar_organisation, family_id, contact_id)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])`,
      [
        matches.map((m) => m.kind),
        matches.map((m) => m.registrarId),
        matches.map((m) => m.registrarOrganisation),
        matches.map((m) => m.familyId),
        matches.map((m) => m.contactId),
      ],
    );
  }

  /** How many registrations of this registrar matched (a rate alert not counted) since `since`. */
  async matchesSince(registrarId: string, since: Date): Promise<number> {
    const [row] = await this.database.query<{ n: number }>(
      `select count(distinct at)::int as n from ${this.table}
       where registrar_id = $1 and at >= $2 and kind <> 'match-rate-exceeded'`,
      [registrarId, since.toISOString()],
    );
    return row?.n ?? 0;
  }

  /** The matches a contact is to learn of (their work list), newest first. */
  async forContact(
    contactId: string,
    limit = 100,
  ): Promise<(RegistrationMatch & { readonly at: string })[]> {
    const rows = await this.database.query<{
      at: Date | string;
      kind: MatchKind;
      registrar_id: string;
      registrar_organisation: string | null;
      family_id: string | null;
      contact_id: string;
    }>(
      `select at, kind, registrar_id, registrar_organisation, family_id, contact_id from ${this.table}
       where contact_id = $1 order by seq desc limit $2`,
      [contactId, limit],
    );
    return rows.map((row) => ({
      at: new Date(row.at).toISOString(),
      kind: row.kind,
      registrarId: row.registrar_id,
      registrarOrganisation: row.registrar_organisation,
      familyId: row.family_id,
      contactId: row.contact_id,
    }));
  }
}
