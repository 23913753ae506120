import { createHash } from 'node:crypto';

export interface QueryOptions {
  /**
   * Name under which a PostgreSQL server keeps the statement prepared (per connection), so that hot statements
   * are parsed and planned once. Each name must always go with the same text. Ignored by PGlite.
   */
  readonly prepareAs?: string;
  /**
   * The rows of a `copy … from stdin` statement, in COPY's text format: sent as its data (see {@link copyInto}).
   */
  readonly copyRows?: string;
}

/** Something that runs parameterised SQL: a database or a transaction on it. */
export interface SqlQueryable {
  /** Runs one statement and returns its rows. Parameters are `$1`, `$2`, …; never interpolate values. */
  query<R extends object = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<R[]>;
}

/** One connection, kept for a while: what is done on it shares session state, such as advisory locks. */
export interface SqlSession extends SqlQueryable {
  /** Runs `work` in one transaction on this session's connection. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /**
   * Aborted when the session's connection is lost (the server ended it, or it broke), also while no statement
   * runs on it: its session state, such as advisory locks, is gone with it. (PGlite's never is.)
   */
  readonly lost: AbortSignal;
}

/**
 * The SQL database under the event store and the read models: a PostgreSQL server through `pg`, or embedded
 * PGlite. Both speak the same SQL, so everything above this interface is shared.
 */
export interface SqlDatabase extends SqlQueryable {
  readonly kind: 'postgres' | 'pglite';
  /** A short description for messages and health output, never containing credentials. */
  readonly description: string;
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws.
   */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /**
   * Runs `work` with a connection of its own, for session state such as advisory locks; when `work` ends, the
   * connection is closed and its session state with it. (PGlite has one connection: its session is shared.)
   */
  session<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Rows another component writes in a statement of the caller's, so that they commit with the caller's rows in
 * one statement (one round trip, no transaction around it): common table expressions that write only when the
 * caller's CTE `inserted` returned rows. The event store's append takes one to write a command's audit entry
 * with its events.
 */
export interface SqlStatementRider {
  /** Names the statement's variant (with the caller's statement, the name it is kept prepared under). */
  readonly name: string;
  /**
   * The CTEs (`a as (...), b as (...)`), their parameters numbered from `$first`. Each must write nothing unless
   * `inserted` has a row, and must make the statement fail (roll it back) rather than write less than it should.
   */
  ctes(first: number): string;
  readonly params: readonly unknown[];
  /** Called once the statement committed and wrote the caller's rows, and so the rider's. */
  written(): void;
  /**
   * The same rows for several callers' rows in one statement, when the caller can write them together (the event
   * store's appends of commands that arrive while another is written: one commit for all of them). Its CTEs take
   * every parameter of {@link params} as an array holding each caller's value, in the callers' order, numbered
   * from `$first`; the caller's CTE `inserted` then has a column `i`, the 1-based place of each caller whose rows
   * it wrote. They must write nothing for a caller without rows in `inserted`, and must make the statement fail
   * rather than write less than they should. `key` tells which riders may not share a statement (they would
   * write the same row). Without it the caller writes each rider in a statement of its own.
   */
  readonly together?: {
    readonly key: string;
    ctes(first: number): string;
  };
}

/** Quotes an SQL identifier (a schema or table name). */
export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`invalid SQL identifier ${JSON.stringify(name)}: use letters, digits and _`);
  }
  return `"${name}"`;
}

/** A statement name for {@link QueryOptions.prepareAs}: a readable prefix and a hash of the text. */
export function statementName(prefix: string, text: string): string {
  return `${prefix}_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
}

/** A statement's text with the options that keep it prepared under its own name. */
export interface PreparedStatement {
  readonly text: string;
  readonly options: QueryOptions;
}

/** Statements with the names under which a PostgreSQL server keeps them prepared (one name per text). */
export function preparedStatements<K extends string>(
  prefix: string,
  texts: Readonly<Record<K, string>>,
): Record<K, PreparedStatement> {
  const result = {} as Record<K, PreparedStatement>;
  for (const key of Object.keys(texts) as K[]) {
    const text = texts[key];
    result[key] = { text, options: { prepareAs: statementName(`${prefix}_${key}`, text) } };
  }
  return result;
}
