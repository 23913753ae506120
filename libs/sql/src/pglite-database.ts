import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { parse, PGlite, protocol } from '@electric-sql/pglite';

import { DatabaseUnavailableError } from './errors';
import type { QueryOptions, SqlDatabase, SqlQueryable, SqlSession } from './sql-database';

export interface PgliteDatabaseOptions {
  /** Folder that holds the database; omit for a throw-away in-memory database. */
  readonly dataDir?: string;
  /**
   * A new database's first contents: a data directory as PGlite dumps it (`dumpDataDir`), loaded instead of
   * creating a fresh cluster (initdb), which takes seconds. Used only when the folder holds no database yet.
   * Tests open many new databases; a dumped fresh cluster opens about three times faster.
   */
  readonly template?: Blob;
}

/**
 * Embedded PostgreSQL (PGlite, compiled to WebAssembly) in this process. One connection: statements and
 * transactions run one after the other, which PGlite guarantees by queueing them.
 *
 * PGlite does not stop two processes from opening the same folder, which would corrupt it, so the folder is
 * locked with a file holding the owner's process id.
 */
export class PgliteDatabase implements SqlDatabase {
  readonly kind = 'pglite' as const;
  readonly description: string;
  private closed = false;
  /** The statements prepared in PGlite's one session, by name, with their parameters' type ids. */
  private readonly prepared = new Map<string, number[]>();

  private constructor(
    private readonly db: PGlite,
    private readonly lockFile: string | undefined,
    dataDir: string | undefined,
  ) {
    this.description = dataDir ? `embedded PGlite in ${dataDir}` : 'embedded PGlite in memory';
  }

  static async open(options: PgliteDatabaseOptions = {}): Promise<PgliteDatabase> {
    const template = options.template;
    if (!options.dataDir) {
      const db = await PGlite.create(template ? { loadDataDir: template } : {});
      return new PgliteDatabase(db, undefined, undefined);
    }
    const dataDir = resolve(options.dataDir);
    const pgDir = join(dataDir, 'pglite');
    let lockFile: string | undefined;
    try {
      mkdirSync(pgDir, { recursive: true });
      lockFile = acquireLock(join(dataDir, 'samenspoor.lock'));
      const fresh = template !== undefined && !existsSync(join(pgDir, 'PG_VERSION'));
      const db = await PGlite.create(
        fresh ? { dataDir: pgDir, loadDataDir: template } : { dataDir: pgDir },
      );
      return new PgliteDatabase(db, lockFile, dataDir);
    } catch (error) {
      if (lockFile) releaseLock(lockFile);
      if (error instanceof DatabaseUnavailableError) throw error;
      throw new DatabaseUnavailableError(
        `cannot open the embedded database in ${pgDir}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  async query<R extends object>(
    text: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<R[]> {
    this.assertOpen();
    try {
      if (options?.copyRows !== undefined) {
        await this.db.query(fromBlob(text), [], { blob: new Blob([options.copyRows]) });
        return [];
      }
      const name = options?.prepareAs;
      if (name === undefined)
        return (await this.db.query<R>(text, params as unknown[] | undefined)).rows;
      // As PGlite's own query: one statement or transaction at a time, and written to disk after it.
      const rows = await this.db._runExclusiveTransaction(() =>
        this.runPrepared<R>(name, text, params ?? []),
      );
      await this.db.syncToFs();
      return rows;
    } catch (error) {
      throw this.translate(error);
    }
  }

  async transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    this.assertOpen();
    return this.db.transaction(async (inner) =>
      work({
        query: async <R extends object>(
          text: string,
          params?: readonly unknown[],
          options?: QueryOptions,
        ) => {
          if (options?.copyRows !== undefined) {
            await inner.query(fromBlob(text), [], { blob: new Blob([options.copyRows]) });
            return [];
          }
          return options?.prepareAs === undefined
            ? (await inner.query<R>(text, params as unknown[] | undefined)).rows
            : this.runPrepared<R>(options.prepareAs, text, params ?? []);
        },
      }),
    );
  }

  /**
   * Runs a statement kept prepared under its name: parsed, described and planned once, then each run is one call
   * into PGlite (bind, describe, execute and sync in one message) where its `query` makes six and parses the text
   * again every time. The caller holds PGlite's transaction lock (or runs inside a transaction).
   */
  private runPrepared<R extends object>(
    name: string,
    text: string,
    params: readonly unknown[],
  ): Promise<R[]> {
    return this.db.runExclusive(async () => {
      let types = this.prepared.get(name);
      if (!types) {
        const described = await this.db.execProtocol(
          messages(
            serialize.parse({ name, text }),
            serialize.describe({ type: 'S', name }),
            serialize.sync(),
          ),
          { syncToFs: false },
        );
        types = parse.parseDescribeStatementResults(described.messages);
        this.prepared.set(name, types);
      }
      const values = params.map((param, i) => {
        if (param === null || param === undefined) return null;
        const serializer = this.db.serializers[types[i] ?? 0];
        if (serializer) return serializer(param);
        return typeof param === 'object' ? JSON.stringify(param) : `${param as string | number}`;
      });
      const { messages: answer } = await this.db.execProtocol(
        messages(
          serialize.bind({ statement: name, values }),
          serialize.describe({ type: 'P' }),
          serialize.execute({}),
          serialize.sync(),
        ),
        { syncToFs: false },
      );
      return (parse.parseResults(answer, this.db.parsers)[0]?.rows ?? []) as R[];
    });
  }

  /** PGlite has a single connection: the session is the database itself. */
  session<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    this.assertOpen();
    return work({
      query: (text, params, options) => this.query(text, params, options),
      transaction: (inner) => this.transaction(inner),
      lost: new AbortController().signal,
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
    if (this.lockFile) releaseLock(this.lockFile);
  }

  private assertOpen(): void {
    if (this.closed) throw new DatabaseUnavailableError(`${this.description} is closed`);
  }

  private translate(error: unknown): unknown {
    if (this.db.closed || (error instanceof Error && error.message.includes('PGlite is closed'))) {
      return new DatabaseUnavailableError(`${this.description} is closed`, { cause: error });
    }
    return error;
  }
}

const serialize = protocol.serialize;

/**
 * PGlite has no COPY sub-protocol: a `copy … from stdin` statement reads its data from the blob passed with the
 * query instead (`/dev/blob`).
 */
function fromBlob(text: string): string {
  const statement = text.replace(/\s+from\s+stdin\s*$/i, ` from '/dev/blob'`);
  if (statement === text) throw new Error('COPY rows go with a `copy … from stdin` statement');
  return statement;
}

/** Protocol messages sent to PGlite together, as one buffer. */
function messages(...parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

/** Lock files held by this process: a lock file naming our own pid but not in here is a stale one. */
const heldLocks = new Set<string>();

/** Takes the folder lock, or explains which live process holds it. A lock left by a dead process is taken over. */
function acquireLock(lockFile: string): string {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      heldLocks.add(lockFile);
      return lockFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8').trim());
      const ownedHere = owner === process.pid && heldLocks.has(lockFile);
      const ownedElsewhere =
        owner !== process.pid && Number.isInteger(owner) && owner > 0 && isAlive(owner);
      if (ownedHere || ownedElsewhere) {
        throw new DatabaseUnavailableError(
          `the embedded database folder is in use by process ${owner} (${lockFile}); stop it or use another DATA_DIR`,
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new DatabaseUnavailableError(`cannot lock ${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseLock(lockFile: string): void {
  heldLocks.delete(lockFile);
  rmSync(lockFile, { force: true });
}
