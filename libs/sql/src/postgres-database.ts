import { Logger } from '@nestjs/common';
import { Pool, type PoolClient, type PoolConfig, type QueryConfig } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

import { DatabaseUnavailableError } from './errors';
import type { QueryOptions, SqlDatabase, SqlQueryable, SqlSession } from './sql-database';
import { currentStatementTimeout, type StatementTimeoutScope } from './statement-timeout';

export interface PostgresDatabaseOptions {
  /** `postgres://user:password@host:port/database` */
  readonly connectionString: string;
  /** Largest number of open connections (default 20). */
  readonly maxConnections?: number;
  /**
   * A fixed-size pool: every connection (`maxConnections`) is opened at once, in the background, and kept while
   * idle; otherwise connections are opened as statements need them, and up to 4 are kept while idle. With it, a burst
   * of requests after a quiet spell finds its connections open: opening one (and preparing the hot statements on
   * it) held the first requests of a burst of 16 back by up to ~0.4 s on a slow machine, about half of that with
   * every connection open (measured with a probe of bench:api's bursts). Its idle connections are handed out in
   * turn, the one idle longest first (see {@link handOutInTurn}), so that every one of them stays ready.
   */
  readonly fixedSize?: boolean;
  /** How long to wait for a connection before giving up (default 5,000 ms). */
  readonly connectTimeoutMs?: number;
  readonly applicationName?: string;
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '3D000', // invalid_catalog_name: the database does not exist
  '28000', // invalid_authorization_specification
  '28P01', // invalid_password
]);

const CONNECT_TIMED_OUT = 'no connection to the database came within the statement time-out';

const CONNECTION_ERROR_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Cannot use a pool after calling end on the pool',
  'Client has encountered a connection error',
  'Connection terminated unexpectedly',
  // A statement run under withStatementTimeout that got no answer in time: its connection is discarded.
  'Query read timeout',
  CONNECT_TIMED_OUT,
];

/** True when `error` means the server could not be reached or dropped the connection. */
export function isConnectionError(error: unknown): boolean {
  // Duck-typed on purpose: errors raised inside Node's core are not always `instanceof` this realm's Error.
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || code.startsWith('08'))) {
    return true;
  }
  if (Array.isArray(errors) && errors.some(isConnectionError)) return true;
  return typeof message === 'string' && CONNECTION_ERROR_MESSAGES.some((m) => message.includes(m));
}

/** Where a connection string points, without its credentials. */
export function describeConnectionString(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `PostgreSQL at ${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname || ''}`;
  } catch {
    return 'PostgreSQL (unparsable connection string)';
  }
}

/** A PostgreSQL server reached through a `pg` connection pool. */
export class PostgresDatabase implements SqlDatabase {
  readonly kind = 'postgres' as const;
  readonly description: string;
  private readonly pool: Pool;
  private closed = false;
  /** Connections held by sessions: closing the database ends them, or the pool would wait for them forever. */
  private readonly sessions = new Map<PoolClient, { released: boolean }>();
  private readonly logger = new Logger('Database');

  constructor(options: PostgresDatabaseOptions) {
    this.description = describeConnectionString(options.connectionString);
    const max = options.maxConnections ?? 20;
    const config: PoolConfig = {
      connectionString: options.connectionString,
      max,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      // Connections are kept: a new one costs a connect and re-preparing the hot statements, a latency spike.
      min: options.fixedSize ? max : Math.min(4, max),
      idleTimeoutMillis: 10 * 60_000,
      application_name: options.applicationName ?? 'samenspoor',
      // Statements here are short and many: JIT compilation, which PostgreSQL starts for statements it estimates
      // as costly (tables without statistics after a rebuild), takes longer than running them (measured: 330 ms
      // per projection batch with JIT, a few ms without).
      options: '-c jit=off',
      // A server that vanished without closing the connection (a network cut) is noticed on idle connections.
      keepAlive: true,
    };
    this.pool = new Pool(config);
    // A connection the server drops while it sits idle in the pool: `pg` emits 'error' on the client, which would
    // end the process if nobody listened. The pool has already discarded it; the next query opens a new one.
    this.pool.on('error', (error) => this.connectionLost(error, 'an idle connection'));
    // Between the pool handing a connection over (it stops listening then) and our listener in withClient, one
    // TCP chunk may still be parsed: a server that says goodbye in the same packet as its ready-for-query emits
    // 'error' on a client nobody listens to, which would end the process. Every client keeps one listener of its
    // own for that moment; the connection is marked not queryable, so its first statement fails as a lost
    // connection and it is discarded.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    if (options.fixedSize) {
      handOutInTurn(this.pool);
      this.openAll(max);
    }
  }

  /**
   * Opens `count` connections side by side, each handed back to the pool (which keeps it) as soon as it is open, so
   * that a statement waiting for a connection meanwhile gets the first one. A connection that cannot be opened (the
   * server is down) is left to be opened when a statement needs it.
   */
  private openAll(count: number): void {
    for (let i = 0; i < count; i++)
      this.pool.connect().then(
        (client) => client.release(),
        () => undefined,
      );
  }

  query<R extends object>(
    text: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<R[]> {
    return this.withClient((session) => session.query<R>(text, params, options), false);
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.withClient((session) => session.transaction(work), false);
  }

  /** A session ends by closing its connection, so that no session state (advisory locks) outlives it. */
  session<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.withClient(work, true);
  }

  private async withClient<T>(
    work: (session: SqlSession) => Promise<T>,
    discard: boolean,
  ): Promise<T> {
    this.assertOpen();
    const bound = currentStatementTimeout();
    this.assertAnswering(bound);
    let client: PoolClient;
    try {
      client = await this.connect(bound);
    } catch (error) {
      throw this.translate(error, bound);
    }
    let broken = false;
    // Tells the session's user (the projection runner holding its lead) that the connection, and its locks, went.
    const lost = new AbortController();
    const breaks = () => {
      broken = true;
      lost.abort();
    };
    const held = { released: false };
    if (discard) this.sessions.set(client, held);
    // While the connection is checked out the pool does not listen to it: a server restart or
    // `pg_terminate_backend` between two statements (a session holding an advisory lock) emits 'error' on the
    // client, unhandled unless we listen. The connection is then broken, and discarded when it is released.
    const onError = (error: unknown) => {
      breaks();
      this.connectionLost(error, discard ? 'a session connection' : 'a transaction connection');
    };
    client.on('error', onError);
    const query = async <R extends object>(
      text: string,
      params?: readonly unknown[],
      options?: QueryOptions,
    ): Promise<R[]> => {
      this.assertAnswering(bound);
      // `pg` gives up on an unanswered statement after `query_timeout` (its QueryConfig type does not name it);
      // the statement may still run on the server, so the connection is broken: it is discarded on release.
      const config: QueryConfig & { query_timeout?: number } = {
        text,
        values: params as unknown[] | undefined,
        name: options?.prepareAs,
        query_timeout: bound?.timeoutMs,
      };
      try {
        if (options?.copyRows !== undefined) {
          await copyOn(client, text, options.copyRows);
          return [];
        }
        return (await client.query<R>(config)).rows;
      } catch (error) {
        if (isConnectionError(error)) breaks();
        throw this.translate(error, bound);
      }
    };
    const session: SqlSession = {
      query,
      transaction: async (inner) => {
        await query('begin');
        try {
          const result = await inner({ query });
          await query('commit');
          return result;
        } catch (error) {
          if (!broken) await query('rollback').catch(breaks);
          throw error;
        }
      },
      lost: lost.signal,
    };
    try {
      return await work(session);
    } finally {
      this.sessions.delete(client);
      if (!held.released) client.release(broken || discard);
      // Released: the pool listens again (and a discarded client is ended); ours would only pile up.
      client.removeListener('error', onError);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [client, held] of this.sessions) {
      held.released = true;
      client.release(new Error('the database is closing'));
    }
    this.sessions.clear();
    await this.pool.end();
  }

  /** Logs a lost connection by its error code only: a server's message may quote values, never logged here. */
  private connectionLost(error: unknown, which: string): void {
    if (this.closed) return;
    const code = (error as { code?: unknown } | null)?.code;
    this.logger.warn(
      `${which} to ${this.description} was lost (${typeof code === 'string' ? code : 'connection error'}); ` +
        'it is discarded and the next statement opens a new one',
    );
  }

  private assertOpen(): void {
    if (this.closed)
      throw new DatabaseUnavailableError(`${this.description}: connection pool closed`);
  }

  /** A connection from the pool; within a statement time-out, the wait for it is bounded too. */
  private connect(bound: StatementTimeoutScope | undefined): Promise<PoolClient> {
    const connecting = this.pool.connect();
    if (!bound) return connecting;
    return new Promise((resolve, reject) => {
      let late = false;
      const timer = setTimeout(() => {
        late = true;
        reject(new Error(CONNECT_TIMED_OUT));
      }, bound.timeoutMs);
      connecting.then(
        (client) => {
          clearTimeout(timer);
          // Came after the caller gave up: back to the pool, unused.
          if (late) client.release();
          else resolve(client);
        },
        (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /** Fails at once when a statement of the caller's bounded work went unanswered a moment ago. */
  private assertAnswering(bound: StatementTimeoutScope | undefined): void {
    if (bound?.unansweredAt !== undefined && Date.now() - bound.unansweredAt < bound.timeoutMs) {
      throw new DatabaseUnavailableError(
        `${this.description} did not answer within ${bound.timeoutMs} ms`,
      );
    }
  }

  private translate(error: unknown, bound?: StatementTimeoutScope): unknown {
    if (error instanceof DatabaseUnavailableError || !isConnectionError(error)) return error;
    if (bound) bound.unansweredAt = Date.now();
    const { message, code } = error as { message?: string; code?: string };
    const detail = message || code || 'connection failed';
    return new DatabaseUnavailableError(`cannot reach ${this.description}: ${detail}`, {
      cause: error,
    });
  }
}

/**
 * Makes `pool` hand out its idle connections in turn, the one idle longest first, instead of the one released last
 * (`pg-pool` keeps its idle connections in an array, `_idle`, taken from with `pop`; it has no option for this).
 *
 * Why: a server's connection is slow the first few times it runs the hot statements (the backend loads the
 * catalog entries of their tables and plans them). Handed out last-released-first, a few connections serve every
 * request at a steady rate and the rest of a fixed-size pool stay cold until a burst reaches them: in a probe
 * (16 commands at once after 1,500 one at a time), the second burst of 16 took 110–167 ms to its last answer;
 * handed out in turn, 22–34 ms (the other bursts 22–79 ms either way). Checked by a test of the rotation, which
 * fails should `pg-pool` keep its idle connections otherwise.
 */
function handOutInTurn(pool: Pool): void {
  const internals = pool as unknown as { _idle?: unknown };
  if (Array.isArray(internals._idle) && internals._idle.length === 0) {
    // A plain array whose own `pop` is `shift`, not an instance of a subclass of Array: V8 takes its fast `shift`
    // only on a plain array (a micro-benchmark on 20 items: ~680 ns a `pop` on a subclass's instance, ~12-20 ns
    // here; a CPU profile of the API under a flat-out load like bench:api's put 0.5% of its CPU in that `pop`).
    const idle: unknown[] = [];
    Object.defineProperty(idle, 'pop', { value: Array.prototype.shift });
    internals._idle = idle;
  }
}

/**
 * Runs a `copy … from stdin` statement on the connection with `rows` as its data (see `copyInto`). A statement
 * time-out does not bound it (`pg-copy-streams` takes none): only the read models' writes copy, never a request.
 */
function copyOn(client: PoolClient, text: string, rows: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stream = client.query(copyFrom(text));
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(rows);
  });
}
