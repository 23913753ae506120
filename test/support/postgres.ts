import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

/** The PostgreSQL server the tests use: `DATABASE_URL`, or the local server of the development machines. */
export function postgresUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

/**
 * `describe` for suites that need the PostgreSQL server. When the global setup found it unreachable (and CI is
 * not set), the suite is reported as skipped and the reason is printed.
 */
export function describeWithPostgres(name: string, body: () => void): void {
  const status = process.env.SAMENSPOOR_TEST_POSTGRES ?? 'reachable';
  if (status === 'reachable') {
    describe(name, body);
  } else {
    console.warn(`SKIPPED ${name}: ${status}`);
    // The one sanctioned skip: the explicit guard for a missing service, reported with its reason.
    // eslint-disable-next-line no-restricted-syntax
    describe.skip(`${name} (skipped: ${status})`, body);
  }
}

/**
 * The same suite on embedded PGlite and on the PostgreSQL server (that one skipped, saying why, when the server
 * is unreachable outside CI), named `name (pglite)` and `name (postgres)`.
 */
export function describeOnEachDatabase(
  name: string,
  body: (kind: 'pglite' | 'postgres') => void,
): void {
  describe(`${name} (pglite)`, () => body('pglite'));
  describeWithPostgres(`${name} (postgres)`, () => body('postgres'));
}

/** A fresh schema name for one test's tables, so suites running in parallel never share tables. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Drops schemas created by a test. */
export async function dropSchemas(...schemas: string[]): Promise<void> {
  const client = new Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
