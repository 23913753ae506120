import { PgliteDatabase, PostgresDatabase, type SqlDatabase } from '@samenspoor/sql';

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
      ? await PgliteDatabase.open()
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
