import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { Client } from 'pg';

import { freePort } from './process';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL cluster of a test's own, in a temporary directory on a free port, for tests that stop, kill or
 * restart the server — never the shared server the other tests use.
 */
export interface PgCluster {
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  /** `pg_ctl restart -m fast`: clients are disconnected, the server is back when it resolves. */
  restart(): Promise<void>;
  /** `pg_ctl stop` (`immediate`: killed without a shutdown checkpoint, as a crash). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Ends every other connection to the server with `pg_terminate_backend`; resolves with how many. */
  terminateBackends(): Promise<number>;
  /** The server's log, for a failing test's message. */
  log(): string;
  /** Stops the server and removes its directory. */
  destroy(): Promise<void>;
}

/** Why no cluster of a test's own can be started here, or undefined when it can. */
export function pgClusterUnavailable(): string | undefined {
  if (!existsSync(join(BIN, 'initdb')) || !existsSync(join(BIN, 'pg_ctl'))) {
    return `no PostgreSQL binaries in ${BIN} (apt-get install postgresql-15, or set PG_BIN)`;
  }
  if (process.getuid?.() === 0 && userId('postgres') === undefined) {
    return 'running as root and there is no postgres user to run the server as';
  }
  return undefined;
}

/** `describe` for suites that need a cluster of their own: skipped, saying why, when none can be started. */
export function describeWithPgCluster(name: string, body: () => void): void {
  const reason = pgClusterUnavailable();
  if (reason === undefined || process.env.CI === 'true') {
    describe(name, body);
  } else {
    console.warn(`SKIPPED ${name}: ${reason}`);
    // The one sanctioned skip: the explicit guard for a missing service, reported with its reason.
    // eslint-disable-next-line no-restricted-syntax
    describe.skip(`${name} (skipped: ${reason})`, body);
  }
}

/** Initialises and starts a fresh cluster (trust authentication, user postgres, fsync off: it is thrown away). */
export async function startPgCluster(): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'samenspoor-pg-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  // PostgreSQL refuses to run as root: the server runs as the postgres user, in a directory it owns.
  const asUser = process.getuid?.() === 0 ? userId('postgres') : undefined;
  if (asUser) chownSync(dir, asUser.uid, asUser.gid);
  // Asynchronous, so that a test's load keeps running while the server stops and starts.
  const run = async (program: string, args: string[]): Promise<void> => {
    const [command, commandArgs] = asUser
      ? ['runuser', ['-u', 'postgres', '--', join(BIN, program), ...args]]
      : [join(BIN, program), args];
    await promisify(execFile)(command, commandArgs, { cwd: dir, timeout: 60_000 });
  };
  await run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c max_connections=100',
  ].join(' ');
  const ctl = (...args: string[]) => run('pg_ctl', ['-D', data, '-l', logFile, ...args]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const start = () => ctl('-o', options, '-w', '-t', '30', 'start');
  await start();
  let running = true;
  return {
    port,
    url,
    restart: () => ctl('-o', options, '-w', '-t', '30', '-m', 'fast', 'restart'),
    stop: async (mode = 'fast') => {
      await ctl('-w', '-t', '30', '-m', mode, 'stop');
      running = false;
    },
    start: async () => {
      await start();
      running = true;
    },
    terminateBackends: async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const rows = await client.query<{ n: number }>(
          `select count(*) filter (where pg_terminate_backend(pid))::int as n
           from pg_stat_activity where pid <> pg_backend_pid() and backend_type = 'client backend'`,
        );
        return rows.rows[0]?.n ?? 0;
      } finally {
        await client.end();
      }
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    destroy: async () => {
      if (running) await ctl('-w', '-t', '30', '-m', 'immediate', 'stop').catch(() => undefined);
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function userId(name: string): { uid: number; gid: number } | undefined {
  if (!existsSync('/etc/passwd')) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : undefined;
}
