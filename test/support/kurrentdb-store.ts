import { randomBytes } from 'node:crypto';

import { openKurrentDbEventStore } from '@samenspoor/event-store';
import type { SqlDatabase } from '@samenspoor/sql';

import { borrowed } from './databases';

/**
 * A KurrentDB store whose server never answers: the real client against a closed port, its event-id registry in
 * `database` (borrowed: left open). What the store contract checks with it is the translation of the client's error.
 */
export function openUnreachableKurrentDb(
  database: SqlDatabase,
): ReturnType<typeof openKurrentDbEventStore> {
  return openKurrentDbEventStore({
    connectionString: 'kurrentdb://127.0.0.1:1?tls=false',
    database: borrowed(database),
    schema: `kdb_${randomBytes(5).toString('hex')}`,
  });
}
