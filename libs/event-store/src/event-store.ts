/**
 * The event store port: what every adapter (PostgreSQL, embedded PGlite, KurrentDB) guarantees.
 *
 * Streams are ordered sequences of events identified by a string (`family-<uuid>`). Every event also has a
 * place in one global order across all streams, exposed as an opaque {@link Position} token.
 */

/** Injection token under which the application receives its {@link EventStore}. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/**
 * A position in the global order, as an opaque string token. Tokens of one store are totally ordered by plain
 * string comparison (`a < b` means `a` comes first) and every adapter produces the same kind of token: two
 * unsigned 64-bit numbers as 32 lower-case hex digits. Clients receive it after a command and pass it back as
 * `minPosition`; nothing outside the store should interpret it.
 */
export type Position = string;

/** JSON-compatible value: what event data and metadata may hold. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** An event as the caller hands it to {@link EventStore.appendToStream}. */
export interface NewEvent {
  /** A UUID chosen by the caller. Appending an id that is already stored is idempotent. */
  readonly eventId: string;
  /** PascalCase past-tense name, e.g. `CareRequested`. */
  readonly type: string;
  /** Version of the event's data shape; older versions are upcast on read. Defaults to 1. */
  readonly schemaVersion?: number;
  readonly data: JsonObject;
  readonly metadata?: JsonObject;
}

/** An event as stored and read back. */
export interface EventRecord {
  readonly eventId: string;
  readonly streamId: string;
  /** 1-based place of the event in its stream. */
  readonly version: number;
  /** Place of the event in the global order. */
  readonly position: Position;
  readonly type: string;
  /** The schema version after upcasting (the stored one when no upcaster applies). */
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  /** System time at which the store recorded the event. */
  readonly recordedAt: Date;
}

/**
 * What the caller expects the stream's version to be before the append:
 * - a number: the stream's current version (0 is the same as `no-stream`);
 * - `no-stream`: the stream has no events yet;
 * - `any`: no check (appends at the end, whatever is there).
 */
export type ExpectedVersion = number | 'no-stream' | 'any';

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
}

export interface AppendResult {
  /** The stream's version after the append: the version of the last appended event. */
  readonly nextExpectedVersion: number;
  /** Global position of the last appended event. */
  readonly position: Position;
}

export interface ReadStreamOptions {
  /**
   * First version to read (inclusive). Forwards defaults to 1; backwards defaults to the stream's last event.
   */
  readonly fromVersion?: number;
  readonly direction?: 'forwards' | 'backwards';
  /** Upper bound on the number of events returned; unbounded by default. */
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Return events strictly after this position; from the beginning when omitted. */
  readonly after?: Position;
  /** Upper bound on the number of events returned (default 1,000). */
  readonly limit?: number;
}

export interface ReadAllResult {
  readonly events: EventRecord[];
  /** Position of the last returned event, or `after` (or the start) when nothing was returned. */
  readonly position: Position;
}

export interface SubscribeOptions {
  /** Deliver events strictly after this position; from the beginning when omitted. */
  readonly after?: Position;
  /** Largest number of events in one batch (default 500). */
  readonly batchSize?: number;
  /** How long to wait before polling again when there is nothing new (default 100 ms). */
  readonly idleMs?: number;
  /** Called when the store is unreachable and the subscription is waiting to retry. */
  readonly onRetry?: (error: Error, attempt: number) => void;
}

/** A batch delivered by a catch-up subscription. */
export interface EventBatch {
  readonly events: readonly EventRecord[];
  /** Position of the batch's last event: the checkpoint to store once the batch is processed. */
  readonly position: Position;
}

/**
 * A catch-up subscription: iterate it to receive batches. The next batch is read only when the consumer asks
 * for it, so a consumer that stores its checkpoint after processing each batch and resubscribes from that
 * checkpoint after a crash sees every event exactly once.
 */
export interface EventSubscription extends AsyncIterable<EventBatch> {
  /** Ends the iteration; an iteration waiting for new events returns. */
  close(): Promise<void>;
}

export interface EventStore {
  /**
   * Appends events to the end of a stream, all or nothing.
   *
   * @throws VersionConflictError when the stream's version differs from `expectedVersion`.
   * @throws DuplicateEventIdError when some, but not all, of the event ids are already stored, or they are stored
   *   on another stream or in another order. (When all are stored as this same append, the call is idempotent:
   *   it returns the original result and stores nothing.)
   * @throws InvalidEventError when the append is malformed (no events, an id that is not a UUID, …).
   * @throws EventStoreUnavailableError when the store cannot be reached or is closed.
   */
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult>;

  /** Reads a stream's events in version order (or reversed). An unknown stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<EventRecord[]>;

  /** The stream's current version: 0 when it has no events. */
  streamVersion(streamId: string): Promise<number>;

  /**
   * The streams that hold these event ids, by id (ids the store holds nowhere are left out). An id listed here can
   * only ever be stored on that stream, so a caller can learn before an irreversible step that an append of these
   * ids to another stream would throw DuplicateEventIdError. (On KurrentDB this includes ids offered to a stream
   * by an append whose outcome was not learned.)
   *
   * @throws InvalidEventError when an id is not a UUID.
   */
  streamsHolding(eventIds: readonly string[]): Promise<ReadonlyMap<string, string>>;

  /**
   * Reads events of all streams in global order. Only events whose place in the order is final are returned:
   * an event that a later read could find *before* an already returned one is never returned early, so paging
   * with `after` never skips an event, also while other transactions are still committing.
   */
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;

  /** Position of the last event `readAll` can return now; the start position on an empty store. */
  headPosition(): Promise<Position>;

  /**
   * How many events `readAll` could return after a position (all of them when omitted). Meant for lag figures:
   * it may take time proportional to the answer.
   */
  countEvents(options?: { readonly after?: Position }): Promise<number>;

  /**
   * Starts a catch-up subscription after the given position: every event once, in global order, in batches,
   * then new events as they become readable. While the store is unreachable it keeps retrying from its last
   * delivered position (reporting through `onRetry`); other errors end the iteration by throwing.
   */
  subscribe(options?: SubscribeOptions): EventSubscription;

  /** Checks that the store answers; throws EventStoreUnavailableError otherwise. */
  ping(): Promise<void>;

  /** Releases connections. Further calls throw EventStoreUnavailableError. */
  close(): Promise<void>;
}
