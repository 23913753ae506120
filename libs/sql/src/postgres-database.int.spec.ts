import { randomBytes } from 'node:crypto';
import { createConnection, createServer, type Server } from 'node:net';

import { Client } from 'pg';

import { describeWithPostgres, postgresUrl } from '@samenspoor/testing';

import { DatabaseUnavailableError } from './errors';
import { PostgresDatabase } from './postgres-database';
import type { SqlQueryable } from './sql-database';
import { withStatementTimeout } from './statement-timeout';

/**
 * Connections that the server drops under a checked-out client or an idle one. Only this test's own backends are
 * terminated (by pid), never anyone else's on the shared server.
 */
describeWithPostgres('PostgresDatabase when the server drops its connections', () => {
  let database: PostgresDatabase;
  let admin: Client;
  const applicationName = `samenspoor-outage-test-${randomBytes(4).toString('hex')}`;
  const uncaught: unknown[] = [];
  const record = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    admin = new Client({ connectionString: postgresUrl() });
    await admin.connect();
    // An unhandled 'error' event on a `pg` client surfaces as an uncaught exception: count them, do not hide them.
    process.on('uncaughtException', record);
  });
  beforeEach(() => {
    uncaught.length = 0;
    database = new PostgresDatabase({
      connectionString: postgresUrl(),
      maxConnections: 4,
      applicationName,
    });
  });
  afterEach(() => database.close());
  afterAll(async () => {
    process.off('uncaughtException', record);
    await admin.end();
  });

  async function terminate(pid: number): Promise<void> {
    await admin.query('select pg_terminate_backend($1)', [pid]);
    // Give the client the moment it needs to read the server's goodbye.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  it.each(['session', 'transaction'] as const)(
    'survives the connection of a %s being terminated between two statements',
    async (kind) => {
      const within = (work: (queryable: SqlQueryable) => Promise<void>) =>
        kind === 'session' ? database.session(work) : database.transaction(work);
      const failure = await within(async (queryable) => {
        const [row] = await queryable.query<{ pid: number }>('select pg_backend_pid() as pid');
        await terminate(row!.pid);
        await queryable.query('select 1');
      }).catch((error: unknown) => error);
      expect(uncaught).toEqual([]);
      expect(failure).toBeInstanceOf(DatabaseUnavailableError);
      // The broken connection went back to nobody: the next statements get fresh ones.
      for (let i = 0; i < 6; i++)
        await expect(database.query('select 1 as one')).resolves.toEqual([{ one: 1 }]);
    },
  );

  it('survives idle pooled connections being terminated and opens new ones', async () => {
    await Promise.all(Array.from({ length: 4 }, () => database.query('select pg_sleep(0.05)')));
    const { rows } = await admin.query<{ pid: number }>(
      'select pid from pg_stat_activity where application_name = $1',
      [applicationName],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { pid } of rows) await terminate(pid);
    expect(uncaught).toEqual([]);
    await expect(database.query('select 1 as one')).resolves.toEqual([{ one: 1 }]);
  });

  it('gives up on a statement of bounded work after its time-out, discards the connection, and fails fast for a moment', async () => {
    const started = Date.now();
    const failure = await withStatementTimeout(300, () =>
      database.transaction((tx) => tx.query('select pg_sleep(5)')),
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseUnavailableError);
    expect(Date.now() - started).toBeLessThan(2_000);
    // The rest of that work fails at once instead of waiting out another time-out.
    await withStatementTimeout(300, async () => {
      await expect(database.query('select pg_sleep(5)')).rejects.toBeInstanceOf(
        DatabaseUnavailableError,
      );
      const again = Date.now();
      await expect(database.query('select 1')).rejects.toBeInstanceOf(DatabaseUnavailableError);
      expect(Date.now() - again).toBeLessThan(100);
    });
    // Work outside a bounded scope (a rebuild, the projection runner) may take longer.
    await expect(database.query('select pg_sleep(0.5), 1 as one')).resolves.toEqual([
      { pg_sleep: '', one: 1 },
    ]);
    // The connections that timed out were discarded: the pool still answers on all of its connections.
    await Promise.all(
      Array.from({ length: 8 }, () =>
        expect(
          withStatementTimeout(2_000, () => database.query('select 1 as one')),
        ).resolves.toEqual([{ one: 1 }]),
      ),
    );
  });

  it('survives the server saying goodbye in the same packet as its first ready-for-query', async () => {
    // The race a busy server produces when a new connection is terminated at once: the goodbye is parsed in the
    // same turn as the ready-for-query that hands the connection over, before the caller can listen to it.
    const proxy = await startGoodbyeProxy(new URL(postgresUrl()));
    const url = new URL(postgresUrl());
    url.host = `127.0.0.1:${proxy.port}`;
    const proxied = new PostgresDatabase({ connectionString: url.toString(), applicationName });
    try {
      const failure = await proxied.query('select 1 as one').catch((error: unknown) => error);
      expect(uncaught).toEqual([]);
      expect(failure).toBeInstanceOf(DatabaseUnavailableError);
      // Only the first connection was told goodbye: the next statement gets a fresh one.
      await expect(proxied.query('select 1 as one')).resolves.toEqual([{ one: 1 }]);
    } finally {
      await proxied.close();
      await proxy.close();
    }
  });
});

/**
 * A TCP proxy to PostgreSQL that, on the first connection only, appends a FATAL "terminating connection due to
 * administrator command" (57P01) to the chunk holding the server's first ReadyForQuery, and then hangs up.
 */
async function startGoodbyeProxy(target: URL): Promise<{ port: number; close(): Promise<void> }> {
  const goodbye = errorResponse({
    S: 'FATAL',
    V: 'FATAL',
    C: '57P01',
    M: 'terminating connection due to administrator command',
  });
  let first = true;
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 5432) });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream);
    if (!first) {
      upstream.pipe(client);
      return;
    }
    first = false;
    let pending = Buffer.alloc(0);
    upstream.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      // Server messages: a type byte and a 32-bit length (that counts itself, not the type byte).
      let offset = 0;
      while (pending.length - offset >= 5) {
        const end = offset + 1 + pending.readInt32BE(offset + 1);
        if (end > pending.length) break;
        if (pending[offset] === 0x5a /* 'Z' ReadyForQuery */) {
          client.end(Buffer.concat([pending.subarray(0, end), goodbye]));
          upstream.destroy();
          return;
        }
        offset = end;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function errorResponse(fields: Record<string, string>): Buffer {
  const body = Buffer.concat([
    ...Object.entries(fields).map(([code, value]) => Buffer.from(`${code}${value}\0`, 'utf8')),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(5);
  header.write('E', 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** The pool's size as the server sees it: its connections, counted by their application name. */
describeWithPostgres('PostgresDatabase pool size', () => {
  let admin: Client;
  const opened: PostgresDatabase[] = [];

  beforeAll(async () => {
    admin = new Client({ connectionString: postgresUrl() });
    await admin.connect();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((database) => database.close()));
  });
  afterAll(() => admin.end());

  function open(fixedSize: boolean): { database: PostgresDatabase; name: string } {
    const name = `samenspoor-pool-test-${randomBytes(4).toString('hex')}`;
    const database = new PostgresDatabase({
      connectionString: postgresUrl(),
      maxConnections: 5,
      applicationName: name,
      fixedSize,
    });
    opened.push(database);
    return { database, name };
  }

  async function connections(name: string): Promise<number> {
    const { rows } = await admin.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where application_name = $1',
      [name],
    );
    return rows[0]!.n;
  }

  /** Polls until `count` connections are there, for at most 10 s: they are opened in the background. */
  async function reaches(name: string, count: number): Promise<number> {
    const deadline = Date.now() + 10_000;
    let now = await connections(name);
    while (now !== count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      now = await connections(name);
    }
    return now;
  }

  it('given a fixed size, opens every connection before any statement and keeps them after one', async () => {
    const { database, name } = open(true);
    expect(await reaches(name, 5)).toBe(5);
    await expect(database.query('select 1 as one')).resolves.toEqual([{ one: 1 }]);
    expect(await connections(name)).toBe(5);
  });

  it('given a fixed size, hands its connections out in turn, so that each of them runs statements', async () => {
    const { database, name } = open(true);
    expect(await reaches(name, 5)).toBe(5);
    // Five statements at once: each connection is then open on this side too, and idle again.
    await Promise.all([...Array(5).keys()].map(() => database.query('select pg_sleep(0.05)')));
    const backends: number[] = [];
    for (let i = 0; i < 10; i++) {
      const [row] = await database.query<{ pid: number }>('select pg_backend_pid() as pid');
      backends.push(row!.pid);
    }
    // Each of the five once, then again in the same order.
    expect(new Set(backends).size).toBe(5);
    expect(backends.slice(5)).toEqual(backends.slice(0, 5));
  });

  it('without a fixed size, opens a connection only when a statement needs one', async () => {
    const { database, name } = open(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await connections(name)).toBe(0);
    await database.query('select 1');
    expect(await connections(name)).toBe(1);
  });

  it('closes the connections of a fixed size pool when closed while they are being opened', async () => {
    const { database, name } = open(true);
    await database.close();
    expect(await reaches(name, 0)).toBe(0);
  });

  it('given a fixed size and a server that is not there, still answers (unavailable) and leaves nothing unheard', async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
    try {
      const url = new URL(postgresUrl());
      url.port = String(await closedPort());
      const database = new PostgresDatabase({
        connectionString: url.toString(),
        maxConnections: 3,
        fixedSize: true,
      });
      opened.push(database);
      await expect(database.query('select 1')).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
      process.off('unhandledRejection', record);
    }
  });
});

/** A port on this machine where nothing listens (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
