import {
  PgliteDatabase,
  PostgresDatabase,
  type PgliteDatabaseOptions,
  type SqlDatabase,
} from '@samenspoor/sql';

import { pgliteTemplate } from './pglite-template';
import { dropSchemas, postgresUrl, uniqueSchema } from './postgres';

/** A database for one test or suite: embedded PGlite, or the PostgreSQL server with a schema of its own. */
export interface TestDatabase {
  readonly database: SqlDatabase;
  /** A fresh schema name (`prefix_…`) for the test's tables. */
  readonly schema: string;
  /** Closes the database; on the PostgreSQL server, drops the schema first. */
  close(): Promise<void>;
}

export async function openTestDatabase(
  kind: 'pglite' | 'postgres',
  prefix: string,
): Promise<TestDatabase> {
  const schema = uniqueSchema(prefix);
  const database =
    kind === 'pglite'
      ? await openTestPglite()
      : new PostgresDatabase({ connectionString: postgresUrl() });
  return {
    database,
    schema,
    async close() {
      await database.close();
      if (kind === 'postgres') await dropSchemas(schema);
    },
  };
}

/** The database of the running test (see {@link testDatabase}). */
export interface CurrentTestDatabase {
  readonly database: SqlDatabase;
  readonly schema: string;
}

/**
 * A test database (see {@link openTestDatabase}) opened for each test (`each`) or once for the suite (`all`),
 * `setUp` run on it when opened and `tearDown` before it is closed. Read `database` and `schema` in the tests.
 */
export function testDatabase(
  kind: 'pglite' | 'postgres',
  prefix: string,
  scope: 'each' | 'all',
  setUp: (test: TestDatabase) => Promise<unknown> = () => Promise.resolve(),
  tearDown: () => Promise<unknown> = () => Promise.resolve(),
): CurrentTestDatabase {
  let test: TestDatabase | undefined;
  const current = (): TestDatabase => {
    if (!test) throw new Error('no test database open');
    return test;
  };
  (scope === 'each' ? beforeEach : beforeAll)(async () => {
    test = await openTestDatabase(kind, prefix);
    await setUp(test);
  });
  (scope === 'each' ? afterEach : afterAll)(async () => {
    await tearDown();
    await test?.close();
    test = undefined;
  });
  return {
    get database() {
      return current().database;
    },
    get schema() {
      return current().schema;
    },
  };
}

/** A shared database lent to code that closes what it is given: closing it does nothing. */
export function borrowed(database: SqlDatabase): SqlDatabase {
  return {
    kind: database.kind,
    description: database.description,
    query: (text, params, options) => database.query(text, params, options),
    transaction: (work) => database.transaction(work),
    session: (work) => database.session(work),
    close: () => Promise.resolve(),
  };
}

/** A new embedded database (in memory, or in `dataDir` when given), started from the template when there is one. */
export function openTestPglite(
  options: Omit<PgliteDatabaseOptions, 'template'> = {},
): Promise<PgliteDatabase> {
  return PgliteDatabase.open({ ...options, template: pgliteTemplate() });
}
