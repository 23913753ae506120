import {
  DatabaseUnavailableError,
  type QueryOptions,
  type SqlDatabase,
  type SqlQueryable,
  type SqlSession,
} from '@samenspoor/sql';

import { EventStoreUnavailableError } from '../errors';

/**
 * The database as the event store uses it. The store's port promises {@link EventStoreUnavailableError} when the
 * store cannot be reached; on SQL, that is when its database cannot be reached, so the database's own
 * {@link DatabaseUnavailableError} is answered as the store's. Everything else passes through unchanged.
 */
export function storeDatabase(database: SqlDatabase): SqlDatabase {
  return {
    kind: database.kind,
    description: database.description,
    query: <R extends object>(text: string, params?: readonly unknown[], options?: QueryOptions) =>
      asStoreError(database.query<R>(text, params, options)),
    transaction: <T>(work: (tx: SqlQueryable) => Promise<T>) =>
      asStoreError(database.transaction(work)),
    session: <T>(work: (session: SqlSession) => Promise<T>) => asStoreError(database.session(work)),
    close: () => database.close(),
  };
}

/** Awaits `pending`, answering the database's unavailability as the store's. */
export async function asStoreError<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) {
      throw new EventStoreUnavailableError(error.message, { cause: error });
    }
    throw error;
  }
}
