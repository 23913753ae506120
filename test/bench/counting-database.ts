import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import type { QueryOptions, SqlDatabase, SqlQueryable, SqlSession } from '@samenspoor/sql';

/**
 * A database that counts the SQL statements sent through it, so that a bench prints statements per event or per
 * command beside its rates: a regression in round trips then shows as a number. A transaction counts its `begin`
 * and `commit` (or `rollback`) too, as the server sees them.
 */
export class CountingDatabase implements SqlDatabase {
  statements = 0;

  constructor(private readonly inner: SqlDatabase) {}

  get kind(): SqlDatabase['kind'] {
    return this.inner.kind;
  }

  get description(): string {
    return this.inner.description;
  }

  query<R extends object>(
    text: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<R[]> {
    this.statements++;
    return this.inner.query<R>(text, params, options);
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    this.statements += 2;
    return this.inner.transaction((tx) => work(this.counted(tx)));
  }

  session<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.inner.session((session) =>
      work({
        ...this.counted(session),
        transaction: (inner) => {
          this.statements += 2;
          return session.transaction((tx) => inner(this.counted(tx)));
        },
        lost: session.lost,
      }),
    );
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private counted(tx: SqlQueryable): SqlQueryable {
    return {
      query: <R extends object>(
        text: string,
        params?: readonly unknown[],
        options?: QueryOptions,
      ) => {
        this.statements++;
        return tx.query<R>(text, params, options);
      },
    };
  }
}

/**
 * A database of the bench's own on the server of `url` (`samenspoor_bench_<random>`), so that a bench never
 * shares tables, statistics or bloat with the tests; `drop` removes it again.
 */
export async function benchDatabase(
  url: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `samenspoor_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}
