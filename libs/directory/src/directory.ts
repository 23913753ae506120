import {
  preparedStatements,
  quoteIdentifier,
  type PreparedStatement,
  type SqlDatabase,
} from '@samenspoor/sql';

import { DIRECTORY_MIGRATIONS } from './directory-migrations';
import { searchWords } from './search-words';

/** A professional as colleagues find them: work contact data, never anything about a family. */
export interface ProfessionalEntry {
  readonly professionalId: string;
  readonly name: string;
  readonly organisation: string;
  readonly discipline: string | null;
  readonly email: string | null;
  readonly phone: string | null;
}

/** A care provider (zorgaanbieder) with its AGB code, the national code of a care provider. */
export interface ProviderEntry {
  readonly providerId: string;
  readonly agbCode: string;
  readonly name: string;
  readonly careForms: readonly string[];
}

/** What a search finds: every word of `q` is a prefix of a word of the name (case and accents ignored). */
export interface ProfessionalSearch {
  readonly q?: string;
  /** The organisation, case ignored. */
  readonly organisation?: string;
  readonly limit: number;
}

/** A provider could not be registered: its AGB code or its id is taken. */
export class DirectoryConflictError extends Error {
  constructor(readonly field: 'agbCode' | 'providerId') {
    super(
      field === 'agbCode'
        ? 'a provider with this AGB code is registered already'
        : 'a provider with this id is registered already',
    );
    this.name = 'DirectoryConflictError';
  }
}

interface ProfessionalRow {
  professional_id: string;
  name: string;
  organisation: string;
  discipline: string | null;
  email: string | null;
  phone: string | null;
}

interface ProviderRow {
  provider_id: string;
  agb_code: string;
  name: string;
  care_forms: string[];
}

const PROFESSIONAL_COLUMNS = 'professional_id, name, organisation, discipline, email, phone';
const PROVIDER_COLUMNS = 'provider_id, agb_code, name, care_forms';

/**
 * The directory of professionals and providers, in tables of its own (PostgreSQL or PGlite). It is written
 * synchronously: what a write returns, every later read sees.
 */
export class Directory {
  private readonly sql: Record<
    'ensure' | 'put' | 'professionals' | 'providers' | 'register' | 'providerClash',
    PreparedStatement
  >;

  private constructor(
    private readonly database: SqlDatabase,
    private readonly professionalsTable: string,
    private readonly providersTable: string,
  ) {
    const p = professionalsTable;
    this.sql = preparedStatements('directory', {
      ensure: `insert into ${p} (${PROFESSIONAL_COLUMNS}, search_words)
               values ($1, $2, $3, null, $4, null, $5) on conflict (professional_id) do nothing`,
      put: `insert into ${p} (${PROFESSIONAL_COLUMNS}, search_words) values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (professional_id) do update set name = excluded.name,
              organisation = excluded.organisation, discipline = excluded.discipline, email = excluded.email,
              phone = excluded.phone, search_words = excluded.search_words, updated_at = now()
            returning ${PROFESSIONAL_COLUMNS}`,
      professionals: `select ${PROFESSIONAL_COLUMNS} from ${p} where professional_id = any($1::text[])`,
      providers: `select ${PROVIDER_COLUMNS} from ${providersTable} where provider_id = any($1::text[])`,
      register: `insert into ${providersTable} (${PROVIDER_COLUMNS}, search_words) values ($1, $2, $3, $4, $5)
                 on conflict do nothing returning provider_id`,
      providerClash: `select provider_id, agb_code from ${providersTable} where provider_id = $1 or agb_code = $2`,
    });
  }

  /** Opens the directory in `schema`, creating or migrating its tables. */
  static async open(database: SqlDatabase, schema: string): Promise<Directory> {
    await DIRECTORY_MIGRATIONS.migrate(database, schema);
    const s = quoteIdentifier(schema);
    return new Directory(database, `${s}.directory_professionals`, `${s}.directory_providers`);
  }

  /** Makes an entry from a first sign-in's claims; an existing entry (perhaps edited) stays as it is. */
  async ensureProfessional(entry: {
    professionalId: string;
    name: string;
    organisation: string;
    email: string | null;
  }): Promise<void> {
    await this.database.query(
      this.sql.ensure.text,
      [entry.professionalId, entry.name, entry.organisation, entry.email, searchWords(entry.name)],
      this.sql.ensure.options,
    );
  }

  /** Writes a professional's own entry, made or replaced. */
  async putProfessional(entry: ProfessionalEntry): Promise<ProfessionalEntry> {
    const [row] = await this.database.query<ProfessionalRow>(
      this.sql.put.text,
      [
        entry.professionalId,
        entry.name,
        entry.organisation,
        entry.discipline,
        entry.email,
        entry.phone,
        searchWords(entry.name),
      ],
      this.sql.put.options,
    );
    return toProfessional(row!);
  }

  /** Professionals by name word prefixes and organisation, by name. */
  async searchProfessionals(search: ProfessionalSearch): Promise<ProfessionalEntry[]> {
    const params: unknown[] = [];
    const where = wordPrefixConditions(search.q, params);
    if (search.organisation !== undefined) {
      params.push(search.organisation.toLowerCase());
      where.push(`lower(organisation) = $${params.length}`);
    }
    const rows = await this.byName<ProfessionalRow>(
      `${PROFESSIONAL_COLUMNS} from ${this.professionalsTable}`,
      'professional_id',
      where,
      params,
      search.limit,
    );
    return rows.map(toProfessional);
  }

  /** The entries of these professionals, by id; ids without an entry are left out. */
  async professionals(ids: Iterable<string>): Promise<Map<string, ProfessionalEntry>> {
    const rows = await this.withIds<ProfessionalRow>(this.sql.professionals, ids);
    return new Map(rows.map((row) => [row.professional_id, toProfessional(row)]));
  }

  /** Every professional with an e-mail address (whom the reminders digest writes to), by id. */
  async professionalsWithEmail(): Promise<ProfessionalEntry[]> {
    const rows = await this.database.query<ProfessionalRow>(
      `select ${PROFESSIONAL_COLUMNS} from ${this.professionalsTable}
       where email is not null and email <> '' order by professional_id`,
    );
    return rows.map(toProfessional);
  }

  /**
   * Registers a provider.
   *
   * @throws DirectoryConflictError when its AGB code or id is registered already.
   */
  async registerProvider(entry: ProviderEntry): Promise<ProviderEntry> {
    if (!(await this.insertProvider(entry))) {
      const clashes = await this.database.query<{ provider_id: string; agb_code: string }>(
        this.sql.providerClash.text,
        [entry.providerId, entry.agbCode],
        this.sql.providerClash.options,
      );
      throw new DirectoryConflictError(
        clashes.some((c) => c.agb_code === entry.agbCode) ? 'agbCode' : 'providerId',
      );
    }
    return entry;
  }

  /**
   * Lists the providers of a configuration (the region's, the demo region's): each one not registered yet, by
   * its id or AGB code, is added; the others are left as they are. Returns how many were added.
   */
  async listProviders(entries: readonly ProviderEntry[]): Promise<number> {
    let added = 0;
    for (const entry of entries) if (await this.insertProvider(entry)) added += 1;
    return added;
  }

  /** Providers by name word prefixes (or AGB code prefix), by name. */
  async searchProviders(q: string | undefined, limit: number): Promise<ProviderEntry[]> {
    const params: unknown[] = [];
    const where = wordPrefixConditions(q, params, 'agb_code');
    const rows = await this.byName<ProviderRow>(
      `${PROVIDER_COLUMNS} from ${this.providersTable}`,
      'provider_id',
      where,
      params,
      limit,
    );
    return rows.map(toProvider);
  }

  /** The provider with this AGB code (8 digits), when the directory lists it. */
  async providerByAgbCode(agbCode: string): Promise<ProviderEntry | undefined> {
    const [row] = await this.database.query<ProviderRow>(
      `select ${PROVIDER_COLUMNS} from ${this.providersTable} where agb_code = $1`,
      [agbCode],
    );
    return row ? toProvider(row) : undefined;
  }

  /** The entries of these providers, by id; ids without an entry are left out. */
  async providers(ids: Iterable<string>): Promise<Map<string, ProviderEntry>> {
    const rows = await this.withIds<ProviderRow>(this.sql.providers, ids);
    return new Map(rows.map((row) => [row.provider_id, toProvider(row)]));
  }

  /** The rows of `from` (`columns from table`) meeting every condition, by name then `id`; `limit` at most. */
  private byName<R extends object>(
    from: string,
    id: string,
    where: readonly string[],
    params: unknown[],
    limit: number,
  ): Promise<R[]> {
    params.push(limit);
    return this.database.query<R>(
      `select ${from}
       ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
       order by lower(name), ${id} limit $${params.length}`,
      params,
    );
  }

  /** The rows of a statement whose one parameter is a list of ids; none, without a query, for no ids. */
  private async withIds<R extends object>(
    statement: PreparedStatement,
    ids: Iterable<string>,
  ): Promise<R[]> {
    const list = [...new Set(ids)];
    if (list.length === 0) return [];
    return this.database.query<R>(statement.text, [list], statement.options);
  }

  /** Adds the provider unless its id or AGB code is registered already; answers whether it did. */
  private async insertProvider(entry: ProviderEntry): Promise<boolean> {
    const inserted = await this.database.query(
      this.sql.register.text,
      [entry.providerId, entry.agbCode, entry.name, [...entry.careForms], searchWords(entry.name)],
      this.sql.register.options,
    );
    return inserted.length > 0;
  }
}

/**
 * One condition per word of `q`: some word of the name starts with it (or, with `orColumn`, that column does).
 * Words hold letters and digits only, so they never carry a LIKE wildcard. Their patterns are added to `params`.
 */
function wordPrefixConditions(
  q: string | undefined,
  params: unknown[],
  orColumn?: string,
): string[] {
  return searchWords(q ?? '').map((word) => {
    params.push(`${word}%`);
    const n = params.length;
    const inName = `exists (select 1 from unnest(search_words) w where w like $${n})`;
    return orColumn ? `(${inName} or ${orColumn} like $${n})` : inName;
  });
}

function toProfessional(row: ProfessionalRow): ProfessionalEntry {
  return {
    professionalId: row.professional_id,
    name: row.name,
    organisation: row.organisation,
    discipline: row.discipline,
    email: row.email,
    phone: row.phone,
  };
}

function toProvider(row: ProviderRow): ProviderEntry {
  return {
    providerId: row.provider_id,
    agbCode: row.agb_code,
    name: row.name,
    careForms: row.care_forms,
  };
}
