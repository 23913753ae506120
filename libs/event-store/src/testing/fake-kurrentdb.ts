import { EventEmitter } from 'node:events';

import {
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendResult,
  type AppendStreamState,
  type Filter,
  type JSONEventData,
  type ReadPosition,
  type ReadRevision,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';

import type { KurrentClient, LiveSubscription } from '../kurrentdb/kurrentdb-client';

interface LogRecord {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly created: Date;
  readonly commit: bigint;
  readonly prepare: bigint;
}

/**
 * An in-memory stand-in for a KurrentDB server, behind the client interface the adapter uses, for tests that
 * run everywhere. It follows the server's documented behaviour where the adapter depends on it, and is
 * deliberately awkward where the server is allowed to be:
 *
 * - Positions are byte offsets in a log, far apart and large; the events of one append share their commit
 *   position and differ in their prepare position.
 * - Appends check the stream state. A repeat of the same ids right after the expected revision is answered as a
 *   success with that append's revision (the server's idempotent write); ids matching only in part conflict.
 * - KurrentDB's own events (`$statsCollected`, `$metadata`, links) are written into the log between appends.
 * - `$all` reads start *at* the position given (inclusive) and subscriptions deliver that event again too, so
 *   the adapter must drop what it has seen.
 * - Errors are the client's own classes: StreamNotFoundError, WrongExpectedVersionError, UnavailableError.
 * - Faults on demand: `setDown(true)` makes every call fail as unreachable; `dropSubscriptions()` cuts the live
 *   subscriptions as a leader change does.
 */
export class FakeKurrentDb {
  private readonly log: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly live = new Set<FakeSubscription>();
  private nextPosition = 4_096n;
  private down = false;
  private appendCount = 0;
  /** Every append as sent: stream, states and ids, for tests that check what the adapter sends. */
  readonly appends: { stream: string; state: AppendStreamState; ids: string[] }[] = [];
  /** Subscriptions opened, with the position they started from. */
  readonly subscriptionsOpened: ReadPosition[] = [];

  /** A client of this server, as `KurrentDBClient.connectionString(…)` would give. */
  client(): KurrentClient {
    return {
      appendToStream: (stream, events, options) => this.append(stream, events, options.streamState),
      readStream: (stream, options) => this.readStream(stream, options),
      readAll: (options) => this.readAll(options),
      subscribeToAll: (options) => this.subscribe(options.fromPosition, options.filter),
      dispose: () => Promise.resolve(),
    };
  }

  setDown(down: boolean): void {
    this.down = down;
    if (down) this.dropSubscriptions();
  }

  /** Ends every live subscription with the error a dropped connection gives. */
  dropSubscriptions(error: Error = unavailable()): void {
    for (const subscription of this.live) subscription.fail(error);
    this.live.clear();
  }

  /** Writes an event as the server or another program would, outside the adapter. */
  write(streamId: string, type: string, data: unknown = {}, metadata: unknown = {}): void {
    const stream = this.streams.get(streamId) ?? [];
    this.commit(streamId, stream, [
      {
        id: crypto.randomUUID(),
        type,
        data: JSON.stringify(data),
        metadata: JSON.stringify(metadata),
      },
    ]);
  }

  private append(
    streamId: string,
    events: JSONEventData[],
    state: AppendStreamState,
  ): Promise<AppendResult> {
    if (this.down) return Promise.reject(unavailable());
    this.appends.push({ stream: streamId, state, ids: events.map((e) => e.id) });
    const stream = this.streams.get(streamId) ?? [];
    const current = BigInt(stream.length) - 1n;
    const expected = state === 'no_stream' ? -1n : typeof state === 'bigint' ? state : undefined;
    if (state === 'stream_exists') {
      return Promise.reject(new Error('the fake server does not take stream_exists'));
    }
    if (expected !== undefined && expected !== current) {
      // The server's idempotent write: the same ids right after the expected revision.
      const following = stream.slice(Number(expected + 1n), Number(expected + 1n) + events.length);
      const same =
        expected < current &&
        following.length === events.length &&
        following.every((record, i) => record.id === events[i]!.id);
      if (same) {
        const last = following[following.length - 1]!;
        return Promise.resolve({
          success: true,
          nextExpectedRevision: last.revision,
          position: { commit: last.commit, prepare: last.prepare },
        });
      }
      return Promise.reject(
        new WrongExpectedVersionError(undefined, {
          streamName: streamId,
          expected: state,
          current: current < 0n ? 'no_stream' : current,
        }),
      );
    }
    const written = this.commit(
      streamId,
      stream,
      events.map((e) => ({
        id: e.id,
        type: e.type,
        data: JSON.stringify(e.data),
        metadata: JSON.stringify(e.metadata ?? {}),
      })),
    );
    if (++this.appendCount % 3 === 0) {
      this.write('$stats-127.0.0.1:2113', '$statsCollected', { proc: { mem: 1 } });
      this.write(`$ce-${streamId.split('-')[0]}`, '$>', `0@${streamId}`);
    }
    // What the server reports for a write is not the last event's own position; the adapter reads that back.
    return Promise.resolve({
      success: true,
      nextExpectedRevision: written[written.length - 1]!.revision,
      position: { commit: written[0]!.commit, prepare: written[0]!.commit },
    });
  }

  private commit(
    streamId: string,
    stream: LogRecord[],
    events: { id: string; type: string; data: string; metadata: string }[],
  ): LogRecord[] {
    const commit = this.nextPosition;
    const created = new Date();
    const written = events.map((e) => {
      const record: LogRecord = {
        streamId,
        id: e.id,
        revision: BigInt(stream.length),
        type: e.type,
        data: e.data,
        metadata: e.metadata,
        created,
        commit,
        prepare: this.nextPosition,
      };
      this.nextPosition += 128n + BigInt(Buffer.byteLength(e.data) + Buffer.byteLength(e.metadata));
      stream.push(record);
      this.log.push(record);
      return record;
    });
    this.streams.set(streamId, stream);
    for (const subscription of this.live) subscription.offer(written);
    return written;
  }

  private async *readStream(
    streamId: string,
    options: { fromRevision: ReadRevision; direction: string; maxCount?: number | bigint },
  ): AsyncGenerator<ResolvedEvent> {
    await Promise.resolve();
    if (this.down) throw unavailable();
    const stream = this.streams.get(streamId);
    if (!stream) throw new StreamNotFoundError(undefined, streamId);
    const backwards = options.direction === 'backwards';
    const from =
      options.fromRevision === 'start'
        ? 0n
        : options.fromRevision === 'end'
          ? BigInt(stream.length) - 1n
          : options.fromRevision;
    const selected = backwards
      ? stream.filter((r) => r.revision <= from).reverse()
      : stream.filter((r) => r.revision >= from);
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    for (const record of selected.slice(0, max)) yield resolved(record);
  }

  private async *readAll(options: {
    fromPosition: ReadPosition;
    direction: string;
    maxCount?: number | bigint;
    filter: Filter;
  }): AsyncGenerator<AllStreamResolvedEvent> {
    await Promise.resolve();
    if (this.down) throw unavailable();
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition;
    const inRange = (r: LogRecord) =>
      from === 'start' || from === 'end'
        ? from === 'start' || backwards
        : backwards
          ? compare(r, from) <= 0
          : compare(r, from) >= 0;
    const selected = this.log.filter((r) => inRange(r) && passes(options.filter, r));
    if (backwards) selected.reverse();
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    for (const record of selected.slice(0, max)) {
      yield resolved(record);
      await Promise.resolve();
    }
  }

  private subscribe(from: ReadPosition, filter: Filter): LiveSubscription {
    this.subscriptionsOpened.push(from);
    const subscription = new FakeSubscription(filter, () => this.live.delete(subscription));
    setImmediate(() => {
      if (this.down) return subscription.fail(unavailable());
      subscription.confirm();
      // Catch-up (the event at the start position included), then live.
      subscription.offer(
        this.log.filter((r) => from === 'start' || (from !== 'end' && compare(r, from) >= 0)),
      );
      subscription.caughtUp();
      this.live.add(subscription);
    });
    return subscription;
  }
}

/** A live subscription: delivers events and signals in order, holding them while paused. */
class FakeSubscription extends EventEmitter implements LiveSubscription {
  private readonly queue: { kind: 'data' | 'caughtUp' | 'confirmation'; value?: unknown }[] = [];
  private paused = false;
  private ended = false;
  private scheduled = false;

  constructor(
    private readonly filter: Filter,
    private readonly onEnd: () => void,
  ) {
    super();
  }

  confirm(): void {
    this.enqueue({ kind: 'confirmation' });
  }

  caughtUp(): void {
    this.enqueue({ kind: 'caughtUp' });
  }

  offer(records: readonly LogRecord[]): void {
    for (const record of records) {
      if (passes(this.filter, record)) this.enqueue({ kind: 'data', value: resolved(record) });
    }
  }

  fail(error: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.length = 0;
    this.onEnd();
    setImmediate(() => this.emit('error', error));
  }

  pause(): this {
    this.paused = true;
    return this;
  }

  resume(): this {
    this.paused = false;
    this.schedule();
    return this;
  }

  unsubscribe(): Promise<void> {
    this.ended = true;
    this.queue.length = 0;
    this.onEnd();
    return Promise.resolve();
  }

  private enqueue(item: { kind: 'data' | 'caughtUp' | 'confirmation'; value?: unknown }): void {
    if (this.ended) return;
    this.queue.push(item);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      // A few at a time, as they come off a network stream.
      for (let n = 0; n < 7 && !this.paused && !this.ended; n++) {
        const item = this.queue.shift();
        if (!item) return;
        this.emit(item.kind, item.value);
      }
      if (this.queue.length > 0 && !this.paused && !this.ended) this.schedule();
    });
  }
}

function resolved(record: LogRecord): ResolvedEvent & AllStreamResolvedEvent {
  return {
    event: {
      streamId: record.streamId,
      id: record.id,
      revision: record.revision,
      type: record.type,
      isJson: true,
      data: JSON.parse(record.data) as Record<string, unknown>,
      metadata: JSON.parse(record.metadata) as Record<string, unknown>,
      created: record.created,
      position: { commit: record.commit, prepare: record.prepare },
    },
    commitPosition: record.commit,
  };
}

function compare(record: LogRecord, position: { commit: bigint; prepare: bigint }): number {
  if (record.commit !== position.commit) return record.commit < position.commit ? -1 : 1;
  return record.prepare < position.prepare ? -1 : record.prepare > position.prepare ? 1 : 0;
}

function passes(filter: Filter, record: LogRecord): boolean {
  const field = filter.filterOn === 'streamName' ? record.streamId : record.type;
  return 'prefixes' in filter
    ? filter.prefixes.some((prefix) => field.startsWith(prefix))
    : new RegExp(filter.regex).test(field);
}

function unavailable(): Error {
  return new UnavailableError(undefined, 'UnavailableError');
}
