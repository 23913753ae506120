import { EventStoreUnavailableError } from './errors';
import type {
  EventBatch,
  EventSubscription,
  ReadAllOptions,
  ReadAllResult,
  SubscribeOptions,
} from './event-store';
import { START } from './position';

/** Lets appends in this process wake subscriptions that are waiting for new events. */
export class AppendSignal {
  private waiters = new Set<() => void>();

  notify(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next notify, or after `ms`, whichever comes first. */
  wait(ms: number): { promise: Promise<void>; cancel: () => void } {
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => (wake = resolve));
    const timer = setTimeout(wake, ms);
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
 * A catch-up subscription built on `readAll`: it reads the next batch only when the consumer asks for it, waits
 * for an append signal (or polls every `idleMs`) when it has caught up, and while the store is unreachable
 * retries from the last delivered position with a growing delay.
 */
export class PollingSubscription implements EventSubscription {
  private closed = false;
  private started = false;
  private pending?: { cancel: () => void };

  constructor(
    private readonly store: ReadsAll,
    private readonly signal: AppendSignal,
    private readonly options: SubscribeOptions,
    private readonly onClose: () => void,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<EventBatch> {
    if (this.started) throw new Error('a subscription can be iterated only once');
    this.started = true;
    let after = this.options.after ?? START;
    const limit = this.options.batchSize ?? 500;
    const idleMs = this.options.idleMs ?? 100;
    let failures = 0;
    try {
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
    } finally {
      this.closed = true;
      this.onClose();
    }
  }

  close(): Promise<void> {
    this.closed = true;
    this.pending?.cancel();
    this.onClose();
    return Promise.resolve();
  }

  private async pause(ms: number): Promise<void> {
    if (this.closed) return;
    const waiting = this.signal.wait(ms);
    this.pending = waiting;
    await waiting.promise;
    this.pending = undefined;
  }
}
