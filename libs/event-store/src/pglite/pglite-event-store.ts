import { PgliteDatabase, type PgliteDatabaseOptions } from '@samenspoor/sql';

import {
  openSqlEventStore,
  type OpenedSqlEventStore,
  type SqlEventStoreOptions,
} from '../sql/sql-event-store';
import { asStoreError } from '../sql/store-database';

export type PgliteEventStoreOptions = PgliteDatabaseOptions & SqlEventStoreOptions;

/** The embedded adapter: the SQL event store on PGlite, persisted in `dataDir` (in memory without one). */
export async function openPgliteEventStore(
  options: PgliteEventStoreOptions = {},
): Promise<OpenedSqlEventStore<PgliteDatabase>> {
  return openSqlEventStore(await asStoreError(PgliteDatabase.open(options)), options);
}
