import type { AppendStreamState, JSONEventData, ReadPosition } from '@kurrent/kurrentdb-client';

import type { SqlDatabase } from '@samenspoor/sql';

import { DuplicateEventIdError, EventStoreUnavailableError, VersionConflictError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventRecord,
  EventStore,
  EventSubscription,
  ExpectedVersion,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  SubscribeOptions,
} from '../event-store';
import { START } from '../position';
import { storeDatabase } from '../sql/store-database';
import { Upcasters, type Upcaster } from '../upcasting';
import { readAllLimit, validateAppend, validateReadStream, validEventId } from '../validation';
import { EventIdRegistry } from './event-id-registry';
import { connectKurrentDb, describeKurrentDbUrl, type KurrentClient } from './kurrentdb-client';
import {
  isStreamNotFound,
  isWrongExpectedVersion,
  positionToken,
  readPositionOf,
  requirePosition,
  StreamNames,
  streamStateFor,
  streamStateOfVersion,
  toEventData,
  toEventRecord,
  translateError,
  versionOfRevision,
  versionOfState,
  type LogPosition,
  type ReadEvent,
} from './kurrentdb-mapping';
import { KurrentDbSubscription } from './kurrentdb-subscription';

export interface KurrentDbEventStoreOptions {
  /** The registry of taken event ids; a store without one only reads (appends throw). */
  readonly registry?: EventIdRegistry;
  /** Put before every stream name on the server (default none: streams map one-to-one). */
  readonly streamPrefix?: string;
  readonly upcasters?: readonly Upcaster[];
  /** Names the server in messages, without credentials (default `KurrentDB`). */
  readonly description?: string;
}

/** Events read per page when looking backwards for the head. */
const HEAD_PAGE = 64;
/** Appends with `any` are sent with the revision read just before; this many tries when others get in first. */
const MAX_ANY_ATTEMPTS = 50;
/** Never written: reading it answers "stream not found", which proves the server answers. */
const PING_STREAM = 'samenspoor-ping';

/**
 * The event store on KurrentDB (formerly EventStoreDB), through `@kurrent/kurrentdb-client` over gRPC.
 *
 * - Streams map one-to-one; versions are revisions + 1; positions are `$all` log positions (commit, prepare),
 *   exact as tokens (see `positionToken`). Only committed events are readable, in log order, so `$all` has no
 *   late-committing gaps to guard against.
 * - Every append is sent with a definite expected revision (`any` becomes the revision read just before, retried
 *   when someone got in first), so the server lets exactly one of two racing appends through.
 * - Event ids: KurrentDB recognises a repeated append only within a stream, so ids are first reserved in the
 *   {@link EventIdRegistry}. An id already offered to this stream means a possible repeat, recognised by finding
 *   the ids in the stream, consecutive and in order; an id taken by another stream is refused.
 * - The position of an appended event is read back from the stream rather than taken from the append's answer,
 *   whose position is not the event's own in every server version.
 * - Catch-up subscriptions are `subscribeToAll` with a server-side filter (see {@link KurrentDbSubscription}).
 */
export class KurrentDbEventStore implements EventStore {
  private readonly upcasters: Upcasters;
  private readonly names: StreamNames;
  private readonly server: string;
  private readonly subscriptions = new Set<KurrentDbSubscription>();
  private closed = false;

  constructor(
    private readonly client: KurrentClient,
    private readonly options: KurrentDbEventStoreOptions = {},
  ) {
    this.upcasters = new Upcasters(options.upcasters);
    this.names = new StreamNames(options.streamPrefix);
    this.server = options.description ?? 'KurrentDB';
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    this.assertOpen();
    const validated = validateAppend(streamId, events, options);
    const registry = this.options.registry;
    if (!registry) {
      throw new Error(
        'this KurrentDB event store was opened without its event-id registry: it only reads',
      );
    }
    const name = this.names.toServer(streamId);
    const ids = validated.map((e) => e.eventId);
    const data = validated.map((e, i) =>
      toEventData({
        eventId: e.eventId,
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: events[i]!.data,
        metadata: events[i]!.metadata ?? {},
      }),
    );

    const { fresh, earlier } = await registry.reserve(name, ids);
    const elsewhere = [...earlier].filter(([, stream]) => stream !== name).map(([id]) => id);
    if (elsewhere.length > 0) {
      await registry.release(name, fresh);
      throw new DuplicateEventIdError(streamId, elsewhere);
    }
    if (fresh.size < ids.length) {
      // Offered to this stream before: stored already (a repeat), or that append failed.
      const repeat = await this.findEarlierAppend(name, streamId, ids);
      if (repeat) return repeat;
    }
    return this.send(name, streamId, ids, data, options.expectedVersion);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<EventRecord[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    validateReadStream(options);
    const maxCount = options.maxCount;
    const from = options.fromVersion;
    if (maxCount === 0 || (backwards && from !== undefined && from < 1)) return [];
    const fromRevision =
      from === undefined ? (backwards ? 'end' : 'start') : from < 1 ? 'start' : BigInt(from) - 1n;
    const read = await this.readServerStream(this.names.toServer(streamId), {
      fromRevision,
      direction: backwards ? 'backwards' : 'forwards',
      ...(maxCount === undefined ? {} : { maxCount }),
    });
    return read.map((event) => this.record(event, streamId));
  }

  async streamVersion(streamId: string): Promise<number> {
    this.assertOpen();
    const [last] = await this.readServerStream(this.names.toServer(streamId), {
      fromRevision: 'end',
      direction: 'backwards',
      maxCount: 1,
    });
    return last ? versionOfRevision(last.revision) : 0;
  }

  /**
   * Answered from the event-id registry: an id reserved for a stream can only ever be stored there (see
   * {@link EventIdRegistry}). A store opened without its registry only reads and holds no id it could be asked
   * about: it throws.
   */
  async streamsHolding(eventIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    this.assertOpen();
    const ids = eventIds.map((id) => validEventId(id));
    const registry = this.options.registry;
    if (!registry) {
      throw new Error(
        'this KurrentDB event store was opened without its event-id registry: it cannot tell where an id is held',
      );
    }
    const held = new Map<string, string>();
    for (const [id, name] of await registry.streamsOf(ids)) {
      const streamId = this.names.fromServer(name);
      if (streamId !== undefined) held.set(id, streamId);
    }
    return held;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    this.assertOpen();
    const after = options.after ?? START;
    let from = readPositionOf(after);
    const limit = readAllLimit(options);
    const events: EventRecord[] = [];
    // A page may hold events the filter let through but that are not the store's (in `$` streams): read on
    // from the last one seen until the page is full or the server has no more.
    let lastSeen: Position = after;
    for (;;) {
      const want = limit - events.length + 1;
      const page = { seen: 0 };
      try {
        for await (const event of this.pageOfAll(from, 'forwards', want, page)) {
          const position = requirePosition(event.position, `an event of ${event.streamId}`).token;
          if (position <= lastSeen) continue;
          lastSeen = position;
          const record = this.ownRecord(event, position);
          if (record) events.push(record);
          if (events.length === limit) break;
        }
      } catch (error) {
        throw this.translate(error);
      }
      if (events.length === limit || page.seen < want) break;
      from = readPositionOf(lastSeen);
    }
    return { events, position: events.at(-1)?.position ?? after };
  }

  async headPosition(): Promise<Position> {
    this.assertOpen();
    // Backwards from the end, a page at a time, to the first event that is the store's.
    let from: ReadPosition = 'end';
    for (;;) {
      const page = { seen: 0 };
      let lastSeen: LogPosition | undefined;
      try {
        for await (const event of this.pageOfAll(from, 'backwards', HEAD_PAGE, page)) {
          const position = requirePosition(event.position, `an event of ${event.streamId}`);
          if (from !== 'end' && positionToken(position) >= positionToken(from)) continue;
          lastSeen = position;
          if (this.names.isOwnEvent(event.streamId, event.type)) return position.token;
        }
      } catch (error) {
        throw this.translate(error);
      }
      if (page.seen < HEAD_PAGE || !lastSeen) return START;
      from = { commit: lastSeen.commit, prepare: lastSeen.prepare };
    }
  }

  /**
   * The events of one page of `$all` through the store's filter, as the client reads them (its errors
   * untranslated); `page.seen` counts everything the server sent, so that a short page tells the end.
   */
  private async *pageOfAll(
    fromPosition: ReadPosition,
    direction: 'forwards' | 'backwards',
    maxCount: number,
    page: { seen: number },
  ): AsyncGenerator<ReadEvent> {
    for await (const resolved of this.client.readAll({
      fromPosition,
      direction,
      maxCount,
      filter: this.names.filter(),
    })) {
      page.seen++;
      if (resolved.event) yield resolved.event;
    }
  }

  async countEvents(options: { readonly after?: Position } = {}): Promise<number> {
    this.assertOpen();
    const after = options.after ?? START;
    const from = readPositionOf(after);
    let count = 0;
    try {
      for await (const resolved of this.client.readAll({
        fromPosition: from,
        direction: 'forwards',
        filter: this.names.filter(),
      })) {
        const event = resolved.event;
        if (!event || !this.names.isOwnEvent(event.streamId, event.type)) continue;
        if (requirePosition(event.position, `an event of ${event.streamId}`).token > after) count++;
      }
    } catch (error) {
      throw this.translate(error);
    }
    return count;
  }

  subscribe(options: SubscribeOptions = {}): EventSubscription {
    this.assertOpen();
    const subscription = new KurrentDbSubscription(
      {
        open: (after) =>
          this.client.subscribeToAll({
            fromPosition: readPositionOf(after),
            filter: this.names.filter(),
          }),
        decode: (resolved) => {
          const event = (resolved as { event?: ReadEvent }).event;
          if (!event) return undefined;
          return this.ownRecord(
            event,
            requirePosition(event.position, `an event of ${event.streamId}`).token,
          );
        },
        translate: (error) => this.translate(error),
      },
      options,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await Promise.all([
      this.readServerStream(this.names.toServer(PING_STREAM), {
        fromRevision: 'start',
        direction: 'forwards',
        maxCount: 1,
      }),
      this.options.registry?.ping(),
    ]);
  }

  /** Closes the subscriptions and the client; the registry's database belongs to whoever opened it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  /**
   * Sends the append with a definite expected revision. On a wrong expected version the events may have been
   * stored by a concurrent repeat of this same append: then that is the answer. Otherwise `any` tries again at
   * the revision the server reported; a definite expectation fails with a version conflict.
   */
  private async send(
    name: string,
    streamId: string,
    ids: readonly string[],
    data: JSONEventData[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    let state: AppendStreamState =
      expected === 'any' ? await this.currentState(name) : streamStateFor(expected);
    for (let attempt = 1; ; attempt++) {
      let revision: bigint;
      try {
        revision = (await this.client.appendToStream(name, data, { streamState: state }))
          .nextExpectedRevision;
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw this.translate(error, streamId);
        const repeat = await this.findEarlierAppend(name, streamId, ids);
        if (repeat) return repeat;
        const actual = versionOfState(error.actualState) ?? (await this.streamVersion(streamId));
        if (expected !== 'any' || attempt >= MAX_ANY_ATTEMPTS) {
          throw new VersionConflictError(streamId, expected, actual);
        }
        state = streamStateOfVersion(actual);
        await new Promise((resolve) =>
          setTimeout(resolve, Math.random() * 2 ** Math.min(attempt, 6)),
        );
        continue;
      }
      return this.confirm(name, streamId, ids, revision);
    }
  }

  /**
   * The result of an append the server acknowledged at `revision`: the event there, read back, must be this
   * append's last. When the server answered a repeat as a success (it does so for the same ids at the same
   * expected revision), the event there may be another, and the earlier append is looked up instead.
   */
  private async confirm(
    name: string,
    streamId: string,
    ids: readonly string[],
    revision: bigint,
  ): Promise<AppendResult> {
    const [last] = await this.readServerStream(name, {
      fromRevision: revision,
      direction: 'forwards',
      maxCount: 1,
    });
    if (last && last.id.toLowerCase() === ids[ids.length - 1]) {
      return {
        nextExpectedVersion: versionOfRevision(revision),
        position: requirePosition(last.position, `event ${last.id}`).token,
      };
    }
    const repeat = await this.findEarlierAppend(name, streamId, ids);
    if (repeat) return repeat;
    throw new Error(
      `KurrentDB acknowledged the append to ${streamId} at revision ${revision}, but another event is there`,
    );
  }

  /**
   * When every id is in the stream, as consecutive revisions in this order, this append was stored before and
   * its result is the answer; when none is, `undefined`. Reads the stream backwards until all are found.
   *
   * @throws DuplicateEventIdError when only some are there, or not as one consecutive run in order.
   */
  private async findEarlierAppend(
    name: string,
    streamId: string,
    ids: readonly string[],
  ): Promise<AppendResult | undefined> {
    const wanted = new Set(ids);
    const found = new Map<string, ReadEvent>();
    try {
      for await (const resolved of this.client.readStream(name, {
        fromRevision: 'end',
        direction: 'backwards',
      })) {
        const event = resolved.event as ReadEvent | undefined;
        const id = event?.id.toLowerCase();
        if (event && id && wanted.has(id)) found.set(id, event);
        if (found.size === wanted.size) break;
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw this.translate(error, streamId);
    }
    if (found.size === 0) return undefined;
    const inOrder = ids.map((id) => found.get(id));
    const first = inOrder[0];
    const isSameAppend =
      first !== undefined &&
      inOrder.every(
        (event, i) => event !== undefined && event.revision === first.revision + BigInt(i),
      );
    if (!isSameAppend) throw new DuplicateEventIdError(streamId, [...found.keys()]);
    const last = inOrder[inOrder.length - 1]!;
    return {
      nextExpectedVersion: versionOfRevision(last.revision),
      position: requirePosition(last.position, `event ${last.id}`).token,
    };
  }

  private async currentState(name: string): Promise<AppendStreamState> {
    const [last] = await this.readServerStream(name, {
      fromRevision: 'end',
      direction: 'backwards',
      maxCount: 1,
    });
    return last ? last.revision : 'no_stream';
  }

  /** A stream's events as the server has them; an unknown stream reads as empty. */
  private async readServerStream(
    name: string,
    options: Parameters<KurrentClient['readStream']>[1],
  ): Promise<ReadEvent[]> {
    const events: ReadEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(name, options)) {
        if (resolved.event) events.push(resolved.event);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw this.translate(error, this.names.fromServer(name));
    }
    return events;
  }

  private record(event: ReadEvent, streamId: string): EventRecord {
    const position = requirePosition(event.position, `event ${event.id} of ${streamId}`).token;
    return this.upcasters.apply(toEventRecord(event, streamId, position));
  }

  /** The store's record of an event read from `$all`, or `undefined` when the event is not the store's. */
  private ownRecord(event: ReadEvent, position: Position): EventRecord | undefined {
    if (!this.names.isOwnEvent(event.streamId, event.type)) return undefined;
    const streamId = this.names.fromServer(event.streamId)!;
    return this.upcasters.apply(toEventRecord(event, streamId, position));
  }

  private translate(error: unknown, streamId?: string): unknown {
    if (this.closed) return new EventStoreUnavailableError('the event store is closed');
    return translateError(error, this.server, streamId);
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('the event store is closed');
  }
}

/** An opened store and the SQL database of its event-id registry; closing it closes both. */
export interface OpenedKurrentDbEventStore<D extends SqlDatabase = SqlDatabase> {
  readonly store: KurrentDbEventStore;
  readonly database: D;
  close(): Promise<void>;
}

export interface KurrentDbOpenOptions<D extends SqlDatabase> {
  /** `kurrentdb://…`, `kurrentdb+discover://…` (or the older `esdb://…`): the server or cluster. */
  readonly connectionString: string;
  /** Where the event-id registry lives (the read models' PostgreSQL database); the store then owns it. */
  readonly database: D;
  /** Schema of the registry's table (default `public`). */
  readonly schema?: string;
  readonly streamPrefix?: string;
  readonly upcasters?: readonly Upcaster[];
  /** Create or update the registry's table (default true). */
  readonly migrate?: boolean;
}

/**
 * Connects to KurrentDB, opens the event-id registry in `database` and checks that both answer; on failure,
 * and on close, `database` is closed too.
 *
 * @throws EventStoreUnavailableError naming the server (never the connection string) when it cannot be reached.
 */
export async function openKurrentDbEventStore<D extends SqlDatabase>(
  options: KurrentDbOpenOptions<D>,
): Promise<OpenedKurrentDbEventStore<D>> {
  let client: KurrentClient | undefined;
  try {
    client = await connectKurrentDb(options.connectionString);
    const registry = await EventIdRegistry.open(
      storeDatabase(options.database),
      options.schema ?? 'public',
      {
        migrate: options.migrate,
      },
    );
    const store = new KurrentDbEventStore(client, {
      registry,
      streamPrefix: options.streamPrefix,
      upcasters: options.upcasters,
      description: describeKurrentDbUrl(options.connectionString),
    });
    client = undefined;
    try {
      await store.ping();
    } catch (error) {
      await store.close();
      throw error;
    }
    return {
      store,
      database: options.database,
      close: () => store.close().then(() => options.database.close()),
    };
  } catch (error) {
    await client?.dispose().catch(() => undefined);
    await options.database.close();
    throw error;
  }
}
