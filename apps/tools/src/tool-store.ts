import {
  openPgliteEventStore,
  openPostgresEventStore,
  type OpenedSqlEventStore,
} from '@samenspoor/event-store';
import { ConfigurationError } from '@samenspoor/platform';
import type { SqlDatabase } from '@samenspoor/sql';

export interface ToolStore {
  readonly opened: OpenedSqlEventStore<SqlDatabase>;
  readonly schema: string;
  readonly description: string;
}

/**
 * Opens the store the engine uses, from the same settings: `DATABASE_URL` (a PostgreSQL server) or `DATA_DIR`
 * (the embedded store, default ./data, which only one process may open at a time), and `DATABASE_SCHEMA`.
 */
export async function openToolStore(env: NodeJS.ProcessEnv = process.env): Promise<ToolStore> {
  const schema = env.DATABASE_SCHEMA || 'samenspoor';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigurationError([
      'DATABASE_SCHEMA must be a lower-case SQL name (letters, digits, _)',
    ]);
  }
  const url = env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new ConfigurationError(['DATABASE_URL must be a postgres:// or postgresql:// URL']);
    }
    const opened = await openPostgresEventStore({ connectionString: url, schema });
    return { opened, schema, description: opened.database.description };
  }
  const dataDir = env.DATA_DIR || './data';
  const opened = await openPgliteEventStore({ dataDir, schema });
  return { opened, schema, description: opened.database.description };
}
