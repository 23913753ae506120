import { START, type Position } from '@samenspoor/event-store';
import {
  migrate,
  quoteIdentifier,
  type Migration,
  type SqlDatabase,
  type SqlQueryable,
} from '@samenspoor/sql';

import type { Projection, TableNames } from './projection';

const REBUILD_SUFFIX = '__rebuild';
const OLD_SUFFIX = '__old';

const bookkeeping: readonly Migration[] = [
  {
    version: 1,
    name: 'projection checkpoints',
    up: (s) => `
      create table ${s}.projection_checkpoints (
        name text primary key,
        position text not null,
        version integer not null,
        updated_at timestamptz not null default now()
      );
    `,
  },
  {
    version: 2,
    name: 'no per-stream records of applied versions: projections are idempotent',
    up: (s) =>
      ['waiting_list', 'stacking', 'safety_overview', 'outflow', 'timeline', 'family_list']
        .map((name) => `drop table if exists ${s}.projection_${name}_streams;`)
        .join('\n'),
  },
  {
    version: 3,
    name: 'events set aside per read model, when they failed to apply (or follow one that did)',
    up: (s) => `
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
  },
];

export interface Checkpoint {
  readonly position: Position;
  readonly version: number;
}

/** Which tables a projection has, under which names, and where each projection stands. */
export class ProjectionTables {
  /** The schema, quoted for SQL. */
  readonly schema: string;

  constructor(readonly schemaName: string) {
    this.schema = quoteIdentifier(schemaName);
  }

  static async open(database: SqlDatabase, schemaName: string): Promise<ProjectionTables> {
    await migrate(database, {
      schema: schemaName,
      component: 'projections',
      migrations: bookkeeping,
    });
    return new ProjectionTables(schemaName);
  }

  /** The live tables, which queries read. */
  live<T extends string>(projection: Projection<T>): TableNames<T> {
    return this.names(projection, '');
  }

  /** The tables a rebuild fills before they are swapped in. */
  rebuilding<T extends string>(projection: Projection<T>): TableNames<T> {
    return this.names(projection, REBUILD_SUFFIX);
  }

  /** Creates a projection's tables under the given suffix, dropping leftovers first. */
  async create(tx: SqlQueryable, projection: Projection, rebuilding: boolean): Promise<void> {
    const suffix = rebuilding ? REBUILD_SUFFIX : '';
    for (const base of projection.tables) {
      await tx.query(`drop table if exists ${this.schema}.${quoteIdentifier(base + suffix)}`);
    }
    for (const statement of projection.createTables(this.names(projection, suffix)))
      await tx.query(statement);
  }

  /** Puts the rebuilt tables in place of the live ones, in the caller's transaction. */
  async swap(tx: SqlQueryable, projection: Projection): Promise<void> {
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
    await tx.query(
      `insert into ${this.schema}.projection_checkpoints (name, position, version) values ($1, $2, $3)
       on conflict (name) do update set position = excluded.position, version = excluded.version, updated_at = now()`,
      [name, checkpoint.position, checkpoint.version],
    );
  }

  private names<T extends string>(projection: Projection<T>, suffix: string): TableNames<T> {
    return Object.fromEntries(
      projection.tables.map((base) => [base, `${this.schema}.${quoteIdentifier(base + suffix)}`]),
    ) as TableNames<T>;
  }
}

export const INITIAL_CHECKPOINT_POSITION = START;
