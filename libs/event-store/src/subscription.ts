import { EventStoreUnavailableError } from './errors';
import type {
  EventBatch,
  EventSubscription,
  Position,
  ReadAllOptions,
  ReadAllResult,
  SubscribeOptions,
} from './event-store';
import { START } from './position';

/**
 * Wakes those waiting for something to happen in this process: appends wake the subscriptions waiting for new
 * events, a stopping projection runner its own pauses.
 */
export class WakeSignal {
  private waiters = new Set<() => void>();

  /** Wakes everyone waiting now. */
  notify(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next notify, or after `ms`, whichever comes first. */
  wait(ms: number): { promise: Promise<void>; cancel: () => void } {
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => (wake = resolve));
    const timer = setTimeout(() => done(), ms);
    const done = () => {
      clearTimeout(timer);
      this.waiters.delete(done);
      wake();
    };
    this.waiters.add(done);
    return { promise, cancel: done };
  }
}

interface ReadsAll {
  readAll(options: ReadAllOptions): Promise<ReadAllResult>;
}

/** Short, so that a subscriber resumes within a second or so of the store's return. */
const MAX_RETRY_DELAY_MS = 1_000;

/**
 * What the catch-up subscriptions share: iterated once; closed once, which ends a pause in progress and the
 * iteration; pauses (between polls, before another attempt) that a `signal` may end early.
 */
export abstract class CatchUpSubscription implements EventSubscription {
  protected closed = false;
  private started = false;
  private pending?: { cancel: () => void };

  constructor(
    protected readonly options: SubscribeOptions,
    private readonly signal: WakeSignal,
    private readonly onClose: () => void,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<EventBatch> {
    if (this.started) throw new Error('a subscription can be iterated only once');
    this.started = true;
    try {
      yield* this.batches(this.options.after ?? START, this.options.batchSize ?? 500);
    } finally {
      this.closed = true;
      this.onClose();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pending?.cancel();
    await this.closing();
    this.onClose();
  }

  /** The batches after `after`, of at most `batchSize` events, until closed. */
  protected abstract batches(after: Position, batchSize: number): AsyncGenerator<EventBatch>;

  /** What a subclass lets go of when closed. */
  protected closing(): Promise<void> {
    return Promise.resolve();
  }

  protected async pause(ms: number): Promise<void> {
    if (this.closed) return;
    const waiting = this.signal.wait(ms);
    this.pending = waiting;
    await waiting.promise;
    this.pending = undefined;
  }
}

/**
 * A catch-up subscription built on `readAll`: it reads the next batch only when the consumer asks for it, waits
 * for an append signal (or polls every `idleMs`) when it has caught up, and while the store is unreachable
 * retries from the last delivered position with a growing delay.
 */
export class PollingSubscription extends CatchUpSubscription {
  constructor(
    private readonly store: ReadsAll,
    signal: WakeSignal,
    options: SubscribeOptions,
    onClose: () => void,
  ) {
    super(options, signal, onClose);
  }

  protected override async *batches(after: Position, limit: number): AsyncGenerator<EventBatch> {
    const idleMs = this.options.idleMs ?? 100;
    let failures = 0;
    while (!this.closed) {
      let result: ReadAllResult;
      try {
        result = await this.store.readAll({ after, limit });
        failures = 0;
      } catch (error) {
        if (this.closed) return;
        if (!(error instanceof EventStoreUnavailableError)) throw error;
        failures++;
        this.options.onRetry?.(error, failures);
        await this.pause(Math.min(MAX_RETRY_DELAY_MS, 100 * 2 ** (failures - 1)));
        continue;
      }
      if (result.events.length > 0) {
        yield { events: result.events, position: result.position };
        after = result.position;
      } else {
        await this.pause(idleMs);
      }
    }
  }
}
