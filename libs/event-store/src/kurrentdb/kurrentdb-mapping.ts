/**
 * How the port's notions map onto KurrentDB's: positions and tokens, versions and stream states, stream names,
 * events and their metadata, filters, and the client's errors. Pure functions, no I/O, so that every rule here is
 * unit-tested without a server.
 */
import type {
  AppendStreamState,
  Filter,
  JSONEventData,
  ReadPosition,
} from '@kurrent/kurrentdb-client';

import { EventStoreUnavailableError, InvalidEventError } from '../errors';
import type { EventRecord, ExpectedVersion, JsonObject, Position } from '../event-store';
import { decodePosition, encodePosition, START } from '../position';

/** A place in KurrentDB's transaction log: what `$all` is ordered by, commit position first. */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** What servers before 22.6 (and reads that cannot know it) report instead of a position: 2^64 − 1. */
const UNKNOWN_POSITION = (1n << 64n) - 1n;

/**
 * The position token of a log position: commit then prepare position, 16 hex digits each, so that the string order
 * of tokens is the `$all` order. Exact for every unsigned 64-bit value.
 */
export function positionToken(position: LogPosition): Position {
  return encodePosition({ major: position.commit, minor: position.prepare });
}

/** The log position a token stands for; `start` for the position before every event. */
export function readPositionOf(token: Position): ReadPosition {
  const { major, minor } = decodePosition(token);
  return token === START ? 'start' : { commit: major, prepare: minor };
}

/**
 * The log position the server reported for an event.
 *
 * @throws Error when it reported none: stream reads carry positions from EventStoreDB 22.6 on, and the adapter
 *   needs them to answer the positions of appended and read events.
 */
export function requirePosition(
  position: LogPosition | undefined,
  what: string,
): LogPosition & { token: Position } {
  if (!position || position.commit === UNKNOWN_POSITION || position.prepare === UNKNOWN_POSITION) {
    throw new Error(
      `KurrentDB reported no log position for ${what}: Samenspoor needs KurrentDB, or EventStoreDB 22.10 or later`,
    );
  }
  return { commit: position.commit, prepare: position.prepare, token: positionToken(position) };
}

/** The largest version the port can express exactly (its versions are JavaScript numbers). */
const MAX_VERSION = BigInt(Number.MAX_SAFE_INTEGER);

/** The port's 1-based version of a KurrentDB 0-based stream revision, exactly or not at all. */
export function versionOfRevision(revision: bigint): number {
  if (revision < 0n || revision + 1n > MAX_VERSION) {
    throw new RangeError(`stream revision ${revision} has no exact version`);
  }
  return Number(revision + 1n);
}

/** The KurrentDB revision of the port's version `version` (≥ 1). */
export function revisionOfVersion(version: number): bigint {
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new RangeError(`version ${version} is not a whole number ≥ 1`);
  }
  return BigInt(version) - 1n;
}

/**
 * The stream state an append is checked against. `any` has no mapping on purpose: the adapter turns it into
 * the stream's current revision (see {@link KurrentDbEventStore}), so that every append it sends is checked.
 */
export function streamStateFor(expected: Exclude<ExpectedVersion, 'any'>): AppendStreamState {
  return expected === 'no-stream' || expected === 0 ? 'no_stream' : revisionOfVersion(expected);
}

/** The stream state of a stream at version `version` (0: no stream). */
export function streamStateOfVersion(version: number): AppendStreamState {
  return version === 0 ? 'no_stream' : revisionOfVersion(version);
}

/**
 * The version a stream is at, from the state a wrong-expected-version error reports: `no_stream` is 0, a
 * revision r is r + 1. `undefined` for anything else (a deleted stream, a state the server did not report).
 */
export function versionOfState(state: unknown): number | undefined {
  if (state === 'no_stream') return 0;
  if (typeof state === 'bigint' && state >= 0n) return versionOfRevision(state);
  return undefined;
}

/**
 * Stream names on the server. Streams map one-to-one (`family-<uuid>` is `family-<uuid>`); a prefix, when set,
 * keeps several stores apart on one server (the tests give each test its own).
 */
export class StreamNames {
  constructor(readonly prefix = '') {
    if (prefix.startsWith('$')) {
      throw new InvalidEventError(
        `stream prefix ${JSON.stringify(prefix)} must not start with $: those are KurrentDB's system streams`,
      );
    }
  }

  toServer(streamId: string): string {
    return this.prefix + streamId;
  }

  /** The store's stream id of a server stream, or `undefined` when the stream is not this store's. */
  fromServer(streamName: string): string | undefined {
    if (streamName.startsWith('$') || !streamName.startsWith(this.prefix)) return undefined;
    return streamName.slice(this.prefix.length);
  }

  /**
   * The server-side filter of `$all` reads and subscriptions: with a prefix, the streams under it; without, every
   * event whose type does not start with `$` (KurrentDB's own events). Events in `$` streams are dropped again on
   * arrival, see {@link isOwnEvent}.
   */
  filter(): Filter {
    return this.prefix
      ? { filterOn: 'streamName', prefixes: [this.prefix], checkpointInterval: 1 }
      : { filterOn: 'eventType', regex: '^[^$]', checkpointInterval: 1 };
  }

  /** True for an event of this store, false for system events and other stores' streams. */
  isOwnEvent(streamName: string, type: string): boolean {
    return !type.startsWith('$') && this.fromServer(streamName) !== undefined;
  }
}

/**
 * What the adapter stores as an event's metadata: the caller's metadata unchanged, beside the schema version
 * (which the port keeps apart from metadata). `$correlationId` and `$causationId` are copies for KurrentDB's own
 * projections (`$by_correlation_id`); they are dropped on read.
 */
export interface StoredMetadata {
  readonly schemaVersion: number;
  readonly metadata: JsonObject;
  readonly $correlationId?: string;
  readonly $causationId?: string;
}

/** The client's event of a validated event: JSON data, the id lower-cased, metadata in its envelope. */
export function toEventData(event: {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}): JSONEventData {
  const { correlationId, causationId } = event.metadata;
  const metadata: StoredMetadata = {
    schemaVersion: event.schemaVersion,
    metadata: event.metadata,
    ...(typeof correlationId === 'string' ? { $correlationId: correlationId } : {}),
    ...(typeof causationId === 'string' ? { $causationId: causationId } : {}),
  };
  return {
    id: event.eventId.toLowerCase(),
    contentType: 'application/json',
    type: event.type,
    data: event.data,
    metadata: metadata as unknown as JSONEventData['metadata'],
  };
}

/** An event as the client reads it back (the fields the adapter uses). */
export interface ReadEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly created: Date;
  readonly position?: LogPosition;
}

/**
 * The port's record of an event read from the server (before upcasting). Events that another program wrote
 * under this store's streams read with schema version 1, their metadata when it is a JSON object, and empty data
 * when theirs is not a JSON object.
 */
export function toEventRecord(event: ReadEvent, streamId: string, position: Position): EventRecord {
  const stored = storedMetadataOf(event.metadata);
  return {
    eventId: event.id.toLowerCase(),
    streamId,
    version: versionOfRevision(event.revision),
    position,
    type: event.type,
    schemaVersion: stored?.schemaVersion ?? 1,
    data: event.isJson && isJsonObject(event.data) ? event.data : {},
    metadata: stored?.metadata ?? (isJsonObject(event.metadata) ? event.metadata : {}),
    recordedAt: event.created,
  };
}

function storedMetadataOf(value: unknown): StoredMetadata | undefined {
  if (!isJsonObject(value)) return undefined;
  const { schemaVersion, metadata } = value;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1) {
    return undefined;
  }
  if (!isJsonObject(metadata)) return undefined;
  return { schemaVersion, metadata };
}

function isJsonObject(value: unknown): value is JsonObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  );
}

// -- errors -------------------------------------------------------------------------------------------------

/** gRPC status codes that mean the call never reached a node that could answer it, or was cut off. */
const TRANSIENT_CODES = new Set([
  1 /* CANCELLED */, 4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */,
]);
/** The client's error types that mean the same. */
const TRANSIENT_TYPES = new Set([
  'unavailable',
  'deadline-exceeded',
  'timeout',
  'cancelled',
  'not-leader',
]);
/** What gRPC reports as INTERNAL when a connection breaks under a running call. */
const BROKEN_CONNECTION = /RST_STREAM|Session closed|Connection dropped|ECONNRESET|socket hang up/i;

interface ClientError {
  readonly type?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly actualState?: unknown;
  readonly maxAppendSize?: unknown;
}

function fieldsOf(error: unknown): ClientError {
  return typeof error === 'object' && error !== null ? error : {};
}

/** True when the server refused an append because the stream is not at the expected state. */
export function isWrongExpectedVersion(
  error: unknown,
): error is Error & { readonly actualState?: unknown } {
  return fieldsOf(error).type === 'wrong-expected-version';
}

/** True when a stream read failed because the stream does not exist. */
export function isStreamNotFound(error: unknown): boolean {
  return fieldsOf(error).type === 'stream-not-found';
}

/**
 * True when the error means the server was out of reach or lost under a running call (unavailable, no leader,
 * deadline exceeded, connection broken): the kind a subscription waits out and resubscribes after. Refusals
 * (access denied, bad requests) are not transient.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError) return true;
  const { type, code, message } = fieldsOf(error);
  if (typeof type === 'string' && TRANSIENT_TYPES.has(type)) return true;
  if (typeof code === 'number' && TRANSIENT_CODES.has(code)) return true;
  return code === 13 && typeof message === 'string' && BROKEN_CONNECTION.test(message);
}

/**
 * The port's error for a client error: unreachable or refusing servers become EventStoreUnavailableError, an
 * append the server cannot take (too large, deleted stream) InvalidEventError; anything else is returned as it is.
 * Messages name the server by {@link describeKurrentDbUrl}'s description, never by the connection string.
 */
export function translateError(error: unknown, server: string, streamId?: string): unknown {
  if (error instanceof EventStoreUnavailableError || error instanceof InvalidEventError) {
    return error;
  }
  const { type, message, maxAppendSize } = fieldsOf(error);
  const detail = typeof message === 'string' && message ? `: ${message.slice(0, 200)}` : '';
  if (isTransient(error)) {
    return new EventStoreUnavailableError(
      `cannot reach ${server} (${typeof type === 'string' ? type : 'unavailable'}${detail})`,
      {
        cause: error,
      },
    );
  }
  switch (type) {
    case 'access-denied':
      return new EventStoreUnavailableError(
        `${server} refused access: check the user and password of the connection string`,
        { cause: error },
      );
    case 'maximum-append-size-exceeded':
      return new InvalidEventError(
        `the append to ${streamId ?? 'the stream'} is larger than ${server} accepts${typeof maxAppendSize === 'number' ? ` (${maxAppendSize} bytes)` : ''}`,
        { cause: error },
      );
    case 'stream-deleted':
    case 'stream-tombstoned':
      return new InvalidEventError(
        `stream ${streamId ?? ''} was deleted in ${server} and takes no more events`,
        { cause: error },
      );
    default:
      return error;
  }
}
