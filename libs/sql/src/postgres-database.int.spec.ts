import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { describeWithPostgres, postgresUrl } from '@samenspoor/testing';

import { DatabaseUnavailableError } from './errors';
import { PostgresDatabase } from './postgres-database';
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

  it('survives the connection of a session being terminated between two statements', async () => {
    const failure = await database
      .session(async (session) => {
        const [row] = await session.query<{ pid: number }>('select pg_backend_pid() as pid');
        await terminate(row!.pid);
        await session.query('select 1');
      })
      .catch((error: unknown) => error);
    expect(uncaught).toEqual([]);
    expect(failure).toBeInstanceOf(DatabaseUnavailableError);
    // The broken connection went back to nobody: the next statements get fresh ones.
    for (let i = 0; i < 6; i++)
      await expect(database.query('select 1 as one')).resolves.toEqual([{ one: 1 }]);
  });

  it('survives the connection of a transaction being terminated between two statements', async () => {
    const failure = await database
      .transaction(async (tx) => {
        const [row] = await tx.query<{ pid: number }>('select pg_backend_pid() as pid');
        await terminate(row!.pid);
        await tx.query('select 1');
      })
      .catch((error: unknown) => error);
    expect(uncaught).toEqual([]);
    expect(failure).toBeInstanceOf(DatabaseUnavailableError);
    for (let i = 0; i < 6; i++)
      await expect(database.query('select 1 as one')).resolves.toEqual([{ one: 1 }]);
  });

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
});
