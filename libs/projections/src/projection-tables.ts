import { START, type Position } from '@samenspoor/event-store';
import {
  componentMigrations,
  quoteIdentifier,
  type SqlDatabase,
  type SqlQueryable,
} from '@samenspoor/sql';

import { LIVE_TABLES, REBUILDING_TABLES, type Projection, type TableNames } from './projection';

const REBUILD_SUFFIX = '__rebuild';
const OLD_SUFFIX = '__old';
/** How long a swap waits for the live tables before it gives way to the queries on them (see `lockLive`). */
const SWAP_LOCK_TIMEOUT = '200ms';
/** How often it asks again: queries end within their statement deadline, so this is minutes, never forever. */
const SWAP_LOCK_ATTEMPTS = 600;

const bookkeeping = componentMigrations('projections', {
  'projection checkpoints': (s) => `
      create table ${s}.projection_checkpoints (
        name text primary key,
        position text not null,
        version integer not null,
        updated_at timestamptz not null default now()
      );
    `,
  'no per-stream records of applied versions: projections are idempotent': (s) =>
    ['waiting_list', 'stacking', 'safety_overview', 'outflow', 'timeline', 'family_list']
      .map((name) => `drop table if exists ${s}.projection_${name}_streams;`)
      .join('\n'),
  'events set aside per read model, when they failed to apply (or follow one that did)': (s) => `
      create table ${s}.projection_dead_letters (
        projection text not null,
        stream_id text not null,
        event_id text not null,
        position text not null,
        stream_version integer not null,
        event_type text not null,
        reason text not null check (reason in ('failed', 'follows')),
        error_code text,
        error_class text not null,
        error_message text not null,
        set_aside_at timestamptz not null default now(),
        primary key (projection, event_id)
      );
      create index projection_dead_letters_stream on ${s}.projection_dead_letters (projection, stream_id, position);
    `,
  'events a rebuild set aside, which replace the live ones of its read model at the swap': (s) => `
      create table ${s}.projection_dead_letters_rebuild
        (like ${s}.projection_dead_letters including defaults including constraints including indexes);
    `,
});

export interface Checkpoint {
  readonly position: Position;
  readonly version: number;
}

/** Which tables a projection has, under which names, and where each projection stands. */
export class ProjectionTables {
  /** The schema, quoted for SQL. */
  readonly schema: string;

  /**
   * `select` items (after a comma) that set, for the caller's transaction, how large values (the family states
   * kept as JSON, several kB) are compressed when stored: lz4 where the server has it — it compresses and
   * decompresses several times faster than PostgreSQL's own pglz (measured: the family list's upserts took 45%
   * less server time in a catch-up). Empty where it does not (PGlite, a server built without lz4).
   */
  readonly transactionSettings: string;

  constructor(
    readonly schemaName: string,
    lz4 = false,
  ) {
    this.schema = quoteIdentifier(schemaName);
    this.transactionSettings = lz4 ? `, set_config('default_toast_compression', 'lz4', true)` : '';
  }

  static async open(database: SqlDatabase, schemaName: string): Promise<ProjectionTables> {
    await bookkeeping.migrate(database, schemaName);
    const [compression] = await database.query<{ lz4: boolean }>(
      `select coalesce('lz4' = any(enumvals), false) as lz4
       from pg_settings where name = 'default_toast_compression'`,
    );
    return new ProjectionTables(schemaName, compression?.lz4 === true);
  }

  /** The live tables, which queries read. */
  live<T extends string>(projection: Projection<T>): TableNames<T> {
    return this.names(projection, '');
  }

  /** The tables a rebuild fills before they are swapped in. */
  rebuilding<T extends string>(projection: Projection<T>): TableNames<T> {
    return this.names(projection, REBUILD_SUFFIX);
  }

  /**
   * Creates a projection's tables under the given suffix, dropping leftovers first; with their query indexes
   * unless `withoutIndexes` (a rebuild adds them when filled: {@link createIndexes}).
   */
  async create(
    tx: SqlQueryable,
    projection: Projection,
    rebuilding: boolean,
    withoutIndexes = false,
  ): Promise<void> {
    const suffix = rebuilding ? REBUILD_SUFFIX : '';
    for (const base of projection.tables) {
      await tx.query(`drop table if exists ${this.schema}.${quoteIdentifier(base + suffix)}`);
    }
    for (const statement of projection.createTables(
      this.names(projection, suffix),
      rebuilding ? REBUILDING_TABLES : LIVE_TABLES,
    ))
      await tx.query(statement);
    if (!withoutIndexes) await this.createIndexes(tx, projection, rebuilding);
  }

  /** Creates a projection's query indexes (see {@link Projection.createIndexes}). */
  async createIndexes(
    tx: SqlQueryable,
    projection: Projection,
    rebuilding: boolean,
  ): Promise<void> {
    const names = this.names(projection, rebuilding ? REBUILD_SUFFIX : '');
    for (const statement of projection.createIndexes?.(
      names,
      rebuilding ? REBUILDING_TABLES : LIVE_TABLES,
    ) ?? [])
      await tx.query(statement);
  }

  /** Puts the rebuilt tables in place of the live ones, in the caller's transaction. */
  async swap(tx: SqlQueryable, projection: Projection): Promise<void> {
    await this.lockLive(tx, projection);
    for (const base of projection.tables) {
      const live = `${this.schema}.${quoteIdentifier(base)}`;
      await tx.query(`drop table if exists ${this.schema}.${quoteIdentifier(base + OLD_SUFFIX)}`);
      await tx.query(
        `alter table if exists ${live} rename to ${quoteIdentifier(base + OLD_SUFFIX)}`,
      );
      await tx.query(
        `alter table ${this.schema}.${quoteIdentifier(base + REBUILD_SUFFIX)} rename to ${quoteIdentifier(base)}`,
      );
      await tx.query(`drop table if exists ${this.schema}.${quoteIdentifier(base + OLD_SUFFIX)}`);
    }
  }

  /**
   * Locks all the live tables of a projection for the swap, without ever deadlocking a query.
   *
   * Renaming the tables one by one would lock them one by one, while a query that joins two of them locks them in
   * its own order: each would wait for the other, and PostgreSQL's deadlock detector would end one — often the
   * query, a 500. So the swap asks for all of them in one statement, and waits for them no longer than
   * {@link SWAP_LOCK_TIMEOUT}, far below the `deadlock_timeout` (1 s) after which a waiting query would look for a
   * deadlock: when a query holds one of them, the swap gives way (its savepoint undone, with the locks it got), and
   * asks again after a pause. The queries that arrived meanwhile wait behind the swap's request and then read the
   * new tables: PostgreSQL looks a table's name up again once it got the lock.
   */
  private async lockLive(tx: SqlQueryable, projection: Projection): Promise<void> {
    const existing: string[] = [];
    for (const base of projection.tables) {
      const name = `${this.schema}.${quoteIdentifier(base)}`;
      const [row] = await tx.query<{ found: string | null }>(
        `select to_regclass($1)::text as found`,
        [name],
      );
      if (row?.found) existing.push(name);
    }
    if (existing.length === 0) return;
    for (let attempt = 1; ; attempt++) {
      await tx.query('savepoint swap_lock');
      try {
        await tx.query(`set local lock_timeout = '${SWAP_LOCK_TIMEOUT}'`);
        await tx.query(`lock table ${existing.join(', ')} in access exclusive mode`);
        await tx.query(`set local lock_timeout = 0`);
        await tx.query('release savepoint swap_lock');
        return;
      } catch (error) {
        await tx.query('rollback to savepoint swap_lock');
        if ((error as { code?: unknown }).code !== '55P03' || attempt >= SWAP_LOCK_ATTEMPTS)
          throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(50 * attempt, 1_000)));
      }
    }
  }

  async checkpoints(tx: SqlQueryable, names: readonly string[]): Promise<Map<string, Checkpoint>> {
    const rows = await tx.query<{ name: string; position: string; version: number }>(
      `select name, position, version from ${this.schema}.projection_checkpoints where name = any($1::text[])`,
      [names],
    );
    return new Map(rows.map((row) => [row.name, { position: row.position, version: row.version }]));
  }

  /** One projection's checkpoint; `forUpdate` locks its row until the transaction ends. */
  async checkpoint(
    tx: SqlQueryable,
    name: string,
    forUpdate = false,
  ): Promise<Checkpoint | undefined> {
    const [row] = await tx.query<{ position: string; version: number }>(
      `select position, version from ${this.schema}.projection_checkpoints where name = $1${forUpdate ? ' for update' : ''}`,
      [name],
    );
    return row;
  }

  async saveCheckpoint(tx: SqlQueryable, name: string, checkpoint: Checkpoint): Promise<void> {
    await this.saveCheckpoints(tx, [{ name, ...checkpoint }]);
  }

  /** Several projections' checkpoints, in one statement. */
  async saveCheckpoints(
    tx: SqlQueryable,
    checkpoints: readonly (Checkpoint & { readonly name: string })[],
  ): Promise<void> {
    if (checkpoints.length === 0) return;
    await tx.query(
      `insert into ${this.schema}.projection_checkpoints (name, position, version)
       select * from unnest($1::text[], $2::text[], $3::int[])
       on conflict (name) do update set position = excluded.position, version = excluded.version, updated_at = now()`,
      [
        checkpoints.map((c) => c.name),
        checkpoints.map((c) => c.position),
        checkpoints.map((c) => c.version),
      ],
    );
  }

  /**
   * The checkpoints of several projections, their rows locked until the transaction ends, in the order of their
   * names (as every runner locks them, so that two never wait for each other).
   */
  async checkpointsForUpdate(
    tx: SqlQueryable,
    names: readonly string[],
  ): Promise<Map<string, Checkpoint>> {
    const rows = await tx.query<{ name: string; position: string; version: number }>(
      `select name, position, version from ${this.schema}.projection_checkpoints
       where name = any($1::text[]) order by name for update`,
      [names],
    );
    return new Map(rows.map((row) => [row.name, { position: row.position, version: row.version }]));
  }

  private names<T extends string>(projection: Projection<T>, suffix: string): TableNames<T> {
    return Object.fromEntries(
      projection.tables.map((base) => [base, `${this.schema}.${quoteIdentifier(base + suffix)}`]),
    ) as TableNames<T>;
  }
}

export const INITIAL_CHECKPOINT_POSITION = START;
