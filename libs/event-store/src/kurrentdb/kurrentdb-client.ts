import type {
  AllStreamResolvedEvent,
  AppendResult as KurrentAppendResult,
  AppendStreamState,
  Direction,
  Filter,
  JSONEventData,
  ReadPosition,
  ReadRevision,
  ResolvedEvent,
} from '@kurrent/kurrentdb-client';

import { EventStoreUnavailableError } from '../errors';

/**
 * A live `$all` subscription as the client hands it out: a readable stream of resolved events that also emits
 * `caughtUp` when it has read everything stored and `fellBehind` when it drops back into catching up.
 */
export interface LiveSubscription {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  pause(): unknown;
  resume(): unknown;
  unsubscribe(): Promise<void>;
}

/**
 * The part of `@kurrent/kurrentdb-client` the adapter uses. The real client satisfies it (checked by the
 * compiler in {@link connectKurrentDb}); the tests give it an in-memory server.
 */
export interface KurrentClient {
  appendToStream(
    streamName: string,
    events: JSONEventData[],
    options: { streamState: AppendStreamState },
  ): Promise<KurrentAppendResult>;
  readStream(
    streamName: string,
    options: { fromRevision: ReadRevision; direction: Direction; maxCount?: number | bigint },
  ): AsyncIterable<ResolvedEvent>;
  readAll(options: {
    fromPosition: ReadPosition;
    direction: Direction;
    maxCount?: number | bigint;
    filter: Filter;
  }): AsyncIterable<AllStreamResolvedEvent>;
  subscribeToAll(options: { fromPosition: ReadPosition; filter: Filter }): LiveSubscription;
  dispose(): Promise<void>;
}

const SCHEMES = ['kurrentdb', 'kurrent', 'kdb', 'esdb'];
const CONNECTION_STRING = new RegExp(
  `^(${SCHEMES.join('|')})(\\+discover)?://([^@/?#\\s]+@)?([^/?#\\s]+)(/?)(\\?[^#\\s]*)?$`,
);

/**
 * Where a KurrentDB connection string points, for messages: scheme and hosts, never the user or password.
 * `undefined` when it is not a connection string at all.
 */
export function describeKurrentDbUrl(connectionString: string): string | undefined {
  const match = CONNECTION_STRING.exec(connectionString.trim());
  if (!match) return undefined;
  const discover = match[2] ? ' (cluster discovery)' : '';
  return `KurrentDB at ${match[4]}${discover}`;
}

/** True when the text has the shape of a KurrentDB/EventStoreDB connection string. */
export function isKurrentDbUrl(connectionString: string): boolean {
  return describeKurrentDbUrl(connectionString) !== undefined;
}

/**
 * Creates a client from a connection string. The client package (and its native part) is loaded only here, so
 * that a process on another store never loads it. Nothing is sent to the server until the first call.
 *
 * @throws EventStoreUnavailableError when the connection string is malformed or names missing TLS files; the
 *   message never repeats the connection string, which may hold a password.
 */
export async function connectKurrentDb(connectionString: string): Promise<KurrentClient> {
  const description = describeKurrentDbUrl(connectionString);
  if (!description) {
    throw new EventStoreUnavailableError(
      `cannot use the KurrentDB connection string: expected ${SCHEMES.map((s) => `${s}://`).join(', ')} (or +discover) followed by host:port`,
    );
  }
  const { KurrentDBClient } = await import('@kurrent/kurrentdb-client');
  try {
    const client: KurrentClient = KurrentDBClient.connectionString(connectionString.trim());
    return client;
  } catch (error) {
    // The parser's message quotes the part it could not read, which may be a password: keep where, not what.
    const message = error instanceof Error ? error.message : String(error);
    const at = /at position (\d+)/.exec(message)?.[1];
    const reason = /file/i.test(message)
      ? message
      : `not understood${at === undefined ? '' : ` at character ${at}`}`;
    throw new EventStoreUnavailableError(
      `cannot use the connection string of ${description}: ${reason}`,
    );
  }
}
