import { PostgresDatabase, type PostgresDatabaseOptions } from '@samenspoor/sql';

import {
  openSqlEventStore,
  type OpenedSqlEventStore,
  type SqlEventStoreOptions,
} from '../sql/sql-event-store';

export type PostgresEventStoreOptions = PostgresDatabaseOptions & SqlEventStoreOptions;

/** The PostgreSQL adapter: the SQL event store on a PostgreSQL server reached through `pg`. */
export function openPostgresEventStore(
  options: PostgresEventStoreOptions,
): Promise<OpenedSqlEventStore<PostgresDatabase>> {
  return openSqlEventStore(new PostgresDatabase(options), options);
}
