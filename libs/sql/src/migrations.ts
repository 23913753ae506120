import { quoteIdentifier, type SqlDatabase, type SqlQueryable } from './sql-database';

/** One versioned schema change. Versions of a component start at 1 and are never reused or edited. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** The statements, given the quoted schema name. */
  readonly up: (schema: string) => string;
}

export interface MigrateOptions {
  /** Database schema the component's tables live in. */
  readonly schema: string;
  /** Whose migrations these are (`event-store`, `projections`, …): each component has its own versions. */
  readonly component: string;
  readonly migrations: readonly Migration[];
}

/** A component's migrations, with the way to run them. */
export interface ComponentMigrations {
  readonly component: string;
  readonly migrations: readonly Migration[];
  /** Brings the component's tables in `schema` up to date (see {@link migrate}); returns the versions applied. */
  migrate(db: SqlDatabase, schema: string): Promise<number[]>;
  /**
   * Opens the component's table `table` in `schema`: brings the tables up to date first unless told not to
   * (`migrate: false`, for a process that must not change the schema); answers the table's name qualified by the quoted schema.
   */
  openTable(
    db: SqlDatabase,
    schema: string,
    table: string,
    options?: { readonly migrate?: boolean },
  ): Promise<string>;
}

/**
 * A component's migrations, by name, in the order they were written: the first is version 1, the next 2, and so
 * on. A new one goes at the end; one that has run anywhere is never moved, renamed, edited or removed.
 */
export function componentMigrations(
  component: string,
  steps: Readonly<Record<string, (schema: string) => string>>,
): ComponentMigrations {
  const migrations = Object.entries(steps).map(([name, up], i) => ({ version: i + 1, name, up }));
  return {
    component,
    migrations,
    migrate: (db, schema) => migrate(db, { schema, component, migrations }),
    openTable: async (db, schema, table, options = {}) => {
      if (options.migrate !== false) await migrate(db, { schema, component, migrations });
      return `${quoteIdentifier(schema)}.${table}`;
    },
  };
}

/**
 * Brings a component's tables up to date: applies, in order and each in its own transaction, every migration
 * not yet recorded in `<schema>.schema_migrations`. Processes starting at the same time serialise on an advisory
 * lock per schema, so each migration runs exactly once. Returns the versions it applied.
 */
export async function migrate(db: SqlDatabase, options: MigrateOptions): Promise<number[]> {
  const schema = quoteIdentifier(options.schema);
  const sorted = [...options.migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(
        `${options.component} migrations must be numbered 1, 2, 3…; found ${m.version}`,
      );
    }
  });
  const applied: number[] = [];
  for (const migration of sorted) {
    const ran = await db.transaction(async (tx) => {
      await lock(tx, options.schema);
      await tx.query(`create schema if not exists ${schema}`);
      await tx.query(
        `create table if not exists ${schema}.schema_migrations (
           component text not null,
           version integer not null,
           name text not null,
           applied_at timestamptz not null default now(),
           primary key (component, version)
         )`,
      );
      const done = await tx.query(
        `select 1 from ${schema}.schema_migrations where component = $1 and version = $2`,
        [options.component, migration.version],
      );
      if (done.length > 0) return false;
      for (const statement of splitStatements(migration.up(schema))) await tx.query(statement);
      await tx.query(
        `insert into ${schema}.schema_migrations (component, version, name) values ($1, $2, $3)`,
        [options.component, migration.version, migration.name],
      );
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}

/** One lock per schema: components sharing a schema also share `create schema` and the migrations table. */
async function lock(tx: SqlQueryable, schema: string): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtext($1))`, [`samenspoor-migrate:${schema}`]);
}

/** Splits a migration on `;` at line ends; migrations keep one statement per `;`-terminated block. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
