import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

import { PERSONAL_FIELDS, mapFields, type FamilyEventType } from '@samenspoor/domain';
import {
  componentMigrations,
  quoteIdentifier,
  preparedStatements,
  type PreparedStatement,
  type SqlDatabase,
} from '@samenspoor/sql';

/** Families whose sealing key a process keeps at hand. */
const SEALING_CACHE_SIZE = 10_000;

/** How a sealed value starts: the scheme and its version. */
const SEALED = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** IVs drawn from the CSPRNG at a time: one call for many seals instead of one per seal. */
const IVS_PER_DRAW = 512;
const ivs = { pool: Buffer.alloc(0), next: 0 };

/**
 * A fresh random IV: the next unused bytes of a pool drawn from the CSPRNG. A used pool is never refilled in place
 * (a new one is drawn), so no two seals share an IV's bytes.
 */
function freshIv(): Buffer {
  if (ivs.next + IV_BYTES > ivs.pool.length) {
    ivs.pool = randomBytes(IV_BYTES * IVS_PER_DRAW);
    ivs.next = 0;
  }
  const iv = ivs.pool.subarray(ivs.next, ivs.next + IV_BYTES);
  ivs.next += IV_BYTES;
  return iv;
}

/** A value that was sealed under a family's key: `enc:v1:<base64url(iv ‖ tag ‖ ciphertext)>`. */
export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SEALED);
}

/**
 * One family's data key (AES-256-GCM). Each value is sealed with a fresh IV and the family id as additional
 * authenticated data, so a sealed value cannot be moved to another family and be opened there.
 */
export class FamilyKey {
  constructor(
    readonly familyId: string,
    private readonly key: Buffer,
  ) {}

  seal(plaintext: string): string {
    const iv = freshIv();
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(this.familyId, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return SEALED + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The plaintext of a value this key sealed; undefined when it was not sealed by this key (or was altered). */
  open(sealed: string): string | undefined {
    if (!isSealed(sealed)) return undefined;
    const raw = Buffer.from(sealed.slice(SEALED.length), 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(this.familyId, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return undefined;
    }
  }

  /**
   * A keyed digest (HMAC-SHA256) of a value: comparable while the key exists, meaningless once it is destroyed.
   * Used for digests of requests that held personal data (idempotency), so no plain hash of a name or BSN is kept.
   */
  digest(value: string): string {
    return createHmac('sha256', this.key).update(value, 'utf8').digest('base64url');
  }
}

/** The event's data with its personal fields sealed under the family's key. */
export function sealPersonalFields<T>(type: FamilyEventType, data: T, key: FamilyKey): T {
  return mapFields(data, PERSONAL_FIELDS[type], (value) => key.seal(value));
}

/**
 * Every sealed string in `value` (at any depth) opened with `key`; without a key — the family's personal data was
 * erased — or when a value does not open, it becomes `null`. Other values are kept as they are.
 */
export function revealPersonalData<T>(value: T, key: FamilyKey | undefined): T {
  return reveal(value, key) as T;
}

function reveal(value: unknown, key: FamilyKey | undefined): unknown {
  if (typeof value === 'string') return isSealed(value) ? (key?.open(value) ?? null) : value;
  if (Array.isArray(value)) return value.map((element) => reveal(element, key));
  if (typeof value === 'object' && value !== null) {
    if (value instanceof Date) return value;
    const result: Record<string, unknown> = {};
    for (const [field, inner] of Object.entries(value)) result[field] = reveal(inner, key);
    return result;
  }
  return value;
}

/** A family's row in the vault, as moved between databases: its key, or a tombstone (no key, destroyed). */
export interface KeyRow {
  readonly familyId: string;
  readonly dataKey: Buffer | null;
  readonly createdAt: string;
  readonly destroyedAt: string | null;
}

/** The family's personal data was erased: its key is destroyed, nothing can be sealed for it any more. */
export class PersonalDataErasedError extends Error {
  constructor(readonly familyId: string) {
    super(`the personal data of family ${familyId} was erased`);
    this.name = 'PersonalDataErasedError';
  }
}

const vaultMigrations = componentMigrations('personal-data-keys', {
  'a data key per family': (s) =>
    `create table ${s}.personal_data_keys (
         family_id text primary key,
         data_key bytea,
         created_at timestamptz not null default now(),
         destroyed_at timestamptz,
         check ((data_key is null) = (destroyed_at is not null))
       )`,
});

/**
 * The families' data keys (crypto-shredding). Keys live in their own table, apart from the events: the events
 * hold only sealed personal values, and destroying a family's key makes every copy of them — in the store, in
 * read models, in backups of either — unreadable, while the anonymous facts stay for the figures.
 *
 * A destroyed key leaves a row with no key (a tombstone), so that a family's key is never created again.
 */
export class PersonalDataVault {
  /** Keys recently used to seal, by family (most recent last). */
  private readonly sealing = new Map<string, FamilyKey>();
  private readonly sql: Record<'key' | 'create' | 'keys', PreparedStatement>;

  private constructor(
    private readonly database: SqlDatabase,
    private readonly table: string,
  ) {
    this.sql = preparedStatements('vault', {
      key: `select data_key from ${table} where family_id = $1`,
      create: `insert into ${table} (family_id, data_key) values ($1, $2) on conflict (family_id) do nothing`,
      keys: `select family_id, data_key from ${table} where family_id = any($1::text[]) and data_key is not null`,
    });
  }

  static async open(database: SqlDatabase, schema: string): Promise<PersonalDataVault> {
    await vaultMigrations.migrate(database, schema);
    return new PersonalDataVault(database, `${quoteIdentifier(schema)}.personal_data_keys`);
  }

  /**
   * The family's key. With `create`, a family without a key gets one (its first command); a family whose key was
   * destroyed never gets a new one.
   *
   * @throws PersonalDataErasedError with `create`, when the family's key was destroyed.
   */
  async keyFor(familyId: string, options: { create: true }): Promise<FamilyKey>;
  async keyFor(familyId: string, options: { create: false }): Promise<FamilyKey | undefined>;
  async keyFor(familyId: string, options: { create: boolean }): Promise<FamilyKey | undefined> {
    let row = await this.lookup(familyId);
    if (!row && options.create) {
      await this.database.query(
        this.sql.create.text,
        [familyId, randomBytes(32)],
        this.sql.create.options,
      );
      row = await this.lookup(familyId);
    }
    if (row?.data_key) return new FamilyKey(familyId, Buffer.from(row.data_key));
    if (row && options.create) throw new PersonalDataErasedError(familyId);
    return undefined;
  }

  /**
   * The key to seal a family's new personal data with (creating it for a new family), from a small cache. Only
   * for sealing: a key destroyed meanwhile in another process seals data nobody can open any more, and commands on
   * an erased family are refused by its stream anyway. Reading never uses the cache, so an erasure is honoured by
   * every process at once.
   *
   * @throws PersonalDataErasedError when the family's key was destroyed.
   */
  async sealingKeyFor(familyId: string): Promise<FamilyKey> {
    let key = this.sealing.get(familyId);
    if (key) {
      this.sealing.delete(familyId);
    } else {
      key = await this.keyFor(familyId, { create: true });
      if (this.sealing.size >= SEALING_CACHE_SIZE) {
        const oldest = this.sealing.keys().next().value;
        if (oldest !== undefined) this.sealing.delete(oldest);
      }
    }
    this.sealing.set(familyId, key);
    return key;
  }

  private async lookup(familyId: string): Promise<{ data_key: Uint8Array | null } | undefined> {
    const [row] = await this.database.query<{ data_key: Uint8Array | null }>(
      this.sql.key.text,
      [familyId],
      this.sql.key.options,
    );
    return row;
  }

  /** The keys of these families that exist and were not destroyed. */
  async keysFor(familyIds: readonly string[]): Promise<Map<string, FamilyKey>> {
    const keys = new Map<string, FamilyKey>();
    if (familyIds.length === 0) return keys;
    const rows = await this.database.query<{ family_id: string; data_key: Uint8Array }>(
      this.sql.keys.text,
      [[...new Set(familyIds)]],
      this.sql.keys.options,
    );
    for (const row of rows)
      keys.set(row.family_id, new FamilyKey(row.family_id, Buffer.from(row.data_key)));
    return keys;
  }

  /**
   * Destroys the family's key for good. Afterwards the old row version is vacuumed away where the database
   * allows it, so the key does not linger in the table's pages (it may still be in write-ahead logs and backups
   * until they are recycled: their retention bounds how long an erased key can be recovered).
   */
  async destroy(familyId: string): Promise<void> {
    this.sealing.delete(familyId);
    await this.database.query(
      `insert into ${this.table} (family_id, data_key, destroyed_at) values ($1, null, now())
       on conflict (family_id) do update
         set data_key = null, destroyed_at = coalesce(${this.table}.destroyed_at, now())`,
      [familyId],
    );
    try {
      await this.database.query(`vacuum ${this.table}`);
    } catch {
      // Vacuum is housekeeping: the key is destroyed either way.
    }
  }

  /** Every family's key row — a key or a tombstone — for moving the store to another database. */
  async exportKeys(): Promise<KeyRow[]> {
    const rows = await this.database.query<{
      family_id: string;
      data_key: Uint8Array | null;
      created_at: Date | string;
      destroyed_at: Date | string | null;
    }>(
      `select family_id, data_key, created_at, destroyed_at from ${this.table} order by family_id`,
    );
    return rows.map((row) => ({
      familyId: row.family_id,
      dataKey: row.data_key ? Buffer.from(row.data_key) : null,
      createdAt: new Date(row.created_at).toISOString(),
      destroyedAt: row.destroyed_at === null ? null : new Date(row.destroyed_at).toISOString(),
    }));
  }

  /**
   * Takes in key rows exported from another vault. A family's key that is here already stays; a tombstone wins
   * over a key, so an erasure is never undone by a copy. Returns how many families' rows were added or changed.
   */
  async importKeys(rows: readonly KeyRow[]): Promise<number> {
    let changed = 0;
    for (let i = 0; i < rows.length; i += 1_000) {
      const page = rows.slice(i, i + 1_000);
      const result = await this.database.query<{ family_id: string }>(
        `insert into ${this.table} (family_id, data_key, created_at, destroyed_at)
         select * from unnest($1::text[], $2::bytea[], $3::timestamptz[], $4::timestamptz[])
         on conflict (family_id) do update
           set data_key = null, destroyed_at = excluded.destroyed_at
           where excluded.data_key is null and ${this.table}.data_key is not null
         returning family_id`,
        [
          page.map((r) => r.familyId),
          page.map((r) => r.dataKey),
          page.map((r) => r.createdAt),
          page.map((r) => r.destroyedAt),
        ],
      );
      changed += result.length;
    }
    return changed;
  }

  /** Whether the family's key was destroyed (its personal data erased). */
  async isDestroyed(familyId: string): Promise<boolean> {
    const [row] = await this.database.query<{ destroyed: boolean }>(
      `select destroyed_at is not null as destroyed from ${this.table} where family_id = $1`,
      [familyId],
    );
    return row?.destroyed ?? false;
  }
}
