import { Client } from 'pg';

import { kurrentDbAvailability } from './kurrentdb';
import { preparePgliteTemplate } from './pglite-template';
import { postgresUrl } from './postgres';

/**
 * Runs once before all test files: finds out whether the PostgreSQL server is reachable and tells the test
 * processes through `SAMENSPOOR_TEST_POSTGRES`. With `CI=true` an unreachable server fails the run instead of
 * skipping the PostgreSQL suites ({@link checkPostgres}). Makes the fresh PGlite cluster the tests start embedded
 * databases from (pglite-template.ts).
 */
export default async function globalSetup(): Promise<void> {
  await checkPostgres();
  await preparePgliteTemplate();
}

/** Whether the PostgreSQL server is reachable, told to the test processes through `SAMENSPOOR_TEST_POSTGRES`. */
export async function checkPostgres(): Promise<void> {
  const url = postgresUrl();
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    process.env.SAMENSPOOR_TEST_POSTGRES = 'reachable';
  } catch (error) {
    const reason = `PostgreSQL at ${new URL(url).host} is unreachable (${(error as Error).message})`;
    if (process.env.CI === 'true') {
      throw new Error(
        `${reason}; CI=true, so the PostgreSQL suites fail instead of being skipped`,
        {
          cause: error,
        },
      );
    }
    process.env.SAMENSPOOR_TEST_POSTGRES = `unreachable: ${reason}`;
    console.warn(`\n${reason}: the PostgreSQL suites are SKIPPED.\n`);
  } finally {
    await client.end().catch(() => undefined);
  }
  // Printed here, where it is always seen: Jest does not show the output of a test file it skipped whole.
  const kurrentDb = kurrentDbAvailability();
  if (kurrentDb.kind === 'none') {
    console.warn(`\n${kurrentDb.reason}: the KurrentDB contract suite is SKIPPED.\n`);
  }
}
