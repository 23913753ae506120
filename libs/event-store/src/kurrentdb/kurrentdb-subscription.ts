import { EventStoreUnavailableError } from '../errors';
import type { EventBatch, EventRecord, Position, SubscribeOptions } from '../event-store';
import { CatchUpSubscription, WakeSignal } from '../subscription';
import type { LiveSubscription } from './kurrentdb-client';
import { isTransient } from './kurrentdb-mapping';

/** What the resubscribing subscription needs from the store. */
export interface SubscriptionSource {
  /** Starts a server-side `$all` subscription after the position (the filter is the source's business). */
  open(after: Position): LiveSubscription;
  /** The record of a delivered event, or `undefined` for one that is not the store's (a system event). */
  decode(resolved: unknown): EventRecord | undefined;
  /** The port's error for a client error (see `translateError`). */
  translate(error: unknown): unknown;
}

const MAX_RETRY_DELAY_MS = 5_000;
/** How long a partial batch waits for more events while the server has not said it caught up. */
const DEFAULT_LINGER_MS = 100;

/**
 * A catch-up subscription on KurrentDB's `subscribeToAll`: the server pushes events, this class hands them out in
 * batches of at most `batchSize` (a full batch at once; a partial one when the server says it caught up, or after
 * a short linger), and pauses the server's stream while a few batches wait unread.
 *
 * When the connection drops, the leader changes or the server is unreachable, it subscribes again after the last
 * position it delivered, waiting longer between attempts (0.1 s doubling up to 5 s) and reporting each attempt
 * through `onRetry`. Events at or before that position are dropped on arrival, so nothing is delivered twice
 * whatever the server sends again; a refusal (access denied, anything not transient) ends the iteration by
 * throwing.
 */
export class KurrentDbSubscription extends CatchUpSubscription {
  private feed?: Feed;

  constructor(
    private readonly source: SubscriptionSource,
    options: SubscribeOptions,
    onClose: () => void,
  ) {
    // Its own signal: only closing ends a pause between attempts early.
    super(options, new WakeSignal(), onClose);
  }

  protected override async *batches(
    after: Position,
    batchSize: number,
  ): AsyncGenerator<EventBatch> {
    const lingerMs = Math.min(this.options.idleMs ?? DEFAULT_LINGER_MS, DEFAULT_LINGER_MS);
    let failures = 0;
    while (!this.closed) {
      let feed: Feed | undefined;
      try {
        feed = new Feed(this.source, after, batchSize);
        this.feed = feed;
        for (;;) {
          const events = await feed.next(batchSize, lingerMs);
          if (events === undefined || this.closed) return;
          const position = events[events.length - 1]!.position;
          yield { events, position };
          after = position;
        }
      } catch (error) {
        if (this.closed) return;
        if (!isTransient(error)) throw this.source.translate(error);
        // A subscription that got through before it failed starts the count of attempts over.
        failures = feed?.established ? 1 : failures + 1;
        const reported = this.source.translate(error);
        this.options.onRetry?.(
          reported instanceof Error ? reported : new EventStoreUnavailableError(String(reported)),
          failures,
        );
        await this.pause(Math.min(MAX_RETRY_DELAY_MS, 100 * 2 ** (failures - 1)));
      } finally {
        this.feed = undefined;
        await feed?.close();
      }
    }
  }

  protected override async closing(): Promise<void> {
    await this.feed?.close();
  }
}

/**
 * One server-side subscription and the events it pushed that were not handed out yet. Ends with an error (the
 * server's, or one saying the server ended the stream) or when closed.
 */
class Feed {
  private readonly queue: EventRecord[] = [];
  private readonly subscription: LiveSubscription;
  private caughtUp = false;
  private failure?: Error;
  private closed = false;
  private paused = false;
  private wake?: () => void;
  /** The last position queued: anything at or before it that arrives again is dropped. */
  private last: Position;
  /** True once the server confirmed the subscription or delivered through it. */
  established = false;

  constructor(
    source: SubscriptionSource,
    after: Position,
    private readonly batchSize: number,
  ) {
    this.last = after;
    this.subscription = source.open(after);
    this.subscription.on('confirmation', () => {
      this.established = true;
    });
    this.subscription.on('data', (resolved: unknown) => {
      // After a failure nothing more is queued: what follows it is read again by the next subscription.
      if (this.failure !== undefined) return;
      this.established = true;
      let record: EventRecord | undefined;
      try {
        record = source.decode(resolved);
      } catch (error) {
        this.fail(error);
        return;
      }
      if (!record || record.position <= this.last) return;
      this.last = record.position;
      this.queue.push(record);
      if (!this.paused && this.queue.length >= 4 * this.batchSize) {
        this.paused = true;
        this.subscription.pause();
      }
      this.notify();
    });
    this.subscription.on('caughtUp', () => {
      this.caughtUp = true;
      this.notify();
    });
    this.subscription.on('fellBehind', () => {
      this.caughtUp = false;
    });
    this.subscription.on('error', (error: unknown) => this.fail(error));
    this.subscription.on('end', () =>
      this.fail(new EventStoreUnavailableError('KurrentDB ended the subscription')),
    );
    this.subscription.on('close', () =>
      this.fail(new EventStoreUnavailableError('KurrentDB closed the subscription')),
    );
  }

  /**
   * The next batch: as soon as `batchSize` events wait, or some wait and the server caught up (or `lingerMs`
   * passed since the first of them arrived). Events that arrived before a failure are handed out first; then the
   * failure is thrown. `undefined` once closed.
   */
  async next(batchSize: number, lingerMs: number): Promise<EventRecord[] | undefined> {
    let lingerFrom: number | undefined;
    for (;;) {
      if (this.closed) return undefined;
      const ready =
        this.queue.length >= batchSize ||
        (this.queue.length > 0 &&
          (this.caughtUp ||
            this.failure !== undefined ||
            (lingerFrom !== undefined && Date.now() - lingerFrom >= lingerMs)));
      if (ready) return this.take(batchSize);
      if (this.failure !== undefined) throw this.failure;
      if (this.queue.length > 0) lingerFrom ??= Date.now();
      const wait =
        lingerFrom === undefined ? undefined : Math.max(0, lingerMs - (Date.now() - lingerFrom));
      await new Promise<void>((resolve) => {
        const timer = wait === undefined ? undefined : setTimeout(resolve, wait);
        this.wake = () => {
          if (timer) clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.notify();
    try {
      await this.subscription.unsubscribe();
    } catch {
      // The connection is gone already: there is nothing left to cancel.
    }
  }

  private take(batchSize: number): EventRecord[] {
    const batch = this.queue.splice(0, batchSize);
    if (this.paused && this.queue.length < this.batchSize) {
      this.paused = false;
      this.subscription.resume();
    }
    return batch;
  }

  private fail(error: unknown): void {
    if (this.closed || this.failure !== undefined) return;
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.notify();
  }

  private notify(): void {
    this.wake?.();
  }
}
