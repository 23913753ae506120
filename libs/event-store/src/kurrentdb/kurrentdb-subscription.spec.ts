import { EventEmitter } from 'node:events';

import { AccessDeniedError, UnavailableError } from '@kurrent/kurrentdb-client';

import { EventStoreUnavailableError } from '../errors';
import type { EventBatch, EventRecord, Position, SubscribeOptions } from '../event-store';
import { START } from '../position';
import type { LiveSubscription } from './kurrentdb-client';
import { positionToken, translateError } from './kurrentdb-mapping';
import { KurrentDbSubscription, type SubscriptionSource } from './kurrentdb-subscription';

/** A server-side subscription the test drives by hand. */
class ScriptedSubscription extends EventEmitter implements LiveSubscription {
  paused = false;
  unsubscribed = false;
  pauses = 0;

  constructor(readonly after: Position) {
    super();
  }

  pause(): this {
    this.paused = true;
    this.pauses++;
    return this;
  }

  resume(): this {
    this.paused = false;
    return this;
  }

  unsubscribe(): Promise<void> {
    this.unsubscribed = true;
    return Promise.resolve();
  }

  /** Pushes events with these sequence numbers (positions commit = n, prepare = n). */
  push(...numbers: number[]): void {
    for (const n of numbers) this.emit('data', { n });
  }
}

const at = (n: number): Position => positionToken({ commit: BigInt(n), prepare: BigInt(n) });

function record(n: number): EventRecord {
  return {
    eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    streamId: 'family-1',
    version: n,
    position: at(n),
    type: 'Counted',
    schemaVersion: 1,
    data: { n },
    metadata: {},
    recordedAt: new Date(0),
  };
}

/** A source whose subscriptions the test sees; events numbered 0 are system events (dropped by decode). */
function scriptedSource() {
  const opened: ScriptedSubscription[] = [];
  const source: SubscriptionSource = {
    open: (after) => {
      const subscription = new ScriptedSubscription(after);
      opened.push(subscription);
      return subscription;
    },
    decode: (resolved) => {
      const { n } = resolved as { n: number };
      if (n < 0) throw new Error(`cannot decode event ${n}`);
      return n === 0 ? undefined : record(n);
    },
    translate: (error) => translateError(error, 'KurrentDB at node1:2113'),
  };
  return { source, opened, latest: () => opened[opened.length - 1]! };
}

/** Iterates a subscription in the background, collecting batches and when each came (`Date.now()`). */
function consume(subscription: KurrentDbSubscription) {
  const batches: EventBatch[] = [];
  const receivedAt: number[] = [];
  let failure: unknown;
  const done = (async () => {
    try {
      for await (const batch of subscription) {
        batches.push(batch);
        receivedAt.push(Date.now());
      }
    } catch (error) {
      failure = error;
    }
  })();
  return {
    batches,
    receivedAt,
    numbers: () => batches.flatMap((b) => b.events.map((e) => e.version)),
    sizes: () => batches.map((b) => b.events.length),
    done,
    failure: () => failure,
  };
}

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function subscribe(source: SubscriptionSource, options: SubscribeOptions = {}) {
  const onClose = jest.fn();
  const subscription = new KurrentDbSubscription(source, options, onClose);
  return { subscription, onClose };
}

/** A subscription on a scripted source, consumed in the background, once it opened its first server subscription. */
async function subscribed(options: SubscribeOptions = {}) {
  const scripted = scriptedSource();
  const { subscription, onClose } = subscribe(scripted.source, options);
  const run = consume(subscription);
  await waitUntil(() => scripted.opened.length === 1);
  return { ...scripted, subscription, onClose, run };
}

describe('KurrentDbSubscription', () => {
  it('hands out full batches while catching up, and the rest once the server says it caught up', async () => {
    const { source, latest } = scriptedSource();
    const { subscription } = subscribe(source, { batchSize: 10, idleMs: 5_000 });
    const run = consume(subscription);
    await waitUntil(() => latest() !== undefined);
    latest().push(...Array.from({ length: 25 }, (_, i) => i + 1));
    await waitUntil(() => run.batches.length === 2);
    // The partial batch waits (up to 100 ms) for more events or the server's word that it caught up: not handed
    // out 20 ms later, unless this process was held up past the linger meanwhile (a busy machine); then it came
    // once the linger was over, not before.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const partialAt = run.receivedAt[2];
    if (partialAt === undefined) expect(run.sizes()).toEqual([10, 10]);
    else expect(partialAt - run.receivedAt[1]!).toBeGreaterThanOrEqual(90);

    latest().emit('caughtUp', {});
    await waitUntil(() => run.batches.length === 3);
    latest().push(26);
    await waitUntil(() => run.batches.length === 4);
    await subscription.close();
    await run.done;
    expect(run.sizes()).toEqual([10, 10, 5, 1]);
    expect(run.numbers()).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(run.batches.every((b) => b.position === b.events.at(-1)!.position)).toBe(true);
  });

  it('hands out a partial batch after a short linger when the server never says it caught up', async () => {
    const { source, latest } = scriptedSource();
    const { subscription } = subscribe(source, { batchSize: 10, idleMs: 30 });
    const run = consume(subscription);
    await waitUntil(() => latest() !== undefined);
    const started = Date.now();
    latest().push(1, 2, 3);
    await waitUntil(() => run.batches.length === 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(run.sizes()).toEqual([3]);
    await subscription.close();
    await run.done;
  });

  it('starts after the given position and drops what the server sends at or before it', async () => {
    const { latest, subscription, run } = await subscribed({
      after: at(5),
      batchSize: 100,
    });
    expect(latest().after).toBe(at(5));
    latest().push(4, 5, 6, 0, 7, 7, 6, 8);
    latest().emit('caughtUp', {});
    await waitUntil(() => run.numbers().length === 3);
    await subscription.close();
    await run.done;
    expect(run.numbers()).toEqual([6, 7, 8]);
  });

  it('subscribes again after the last delivered position when the connection drops, and never repeats', async () => {
    const { source, opened } = scriptedSource();
    const retries: [Error, number][] = [];
    const { subscription } = subscribe(source, {
      batchSize: 3,
      onRetry: (error, attempt) => retries.push([error, attempt]),
    });
    const run = consume(subscription);
    await waitUntil(() => opened.length === 1);
    opened[0]!.push(1, 2, 3, 4, 5, 6);
    await waitUntil(() => run.numbers().length === 6);
    opened[0]!.emit('error', new UnavailableError());

    await waitUntil(() => opened.length === 2);
    expect(opened[0]!.unsubscribed).toBe(true);
    expect(opened[1]!.after).toBe(at(6));
    expect(retries).toHaveLength(1);
    expect(retries[0]![0]).toBeInstanceOf(EventStoreUnavailableError);
    expect(retries[0]![0].message).toMatch(/^cannot reach KurrentDB at node1:2113/);
    expect(retries[0]![1]).toBe(1);

    // The new subscription starts with what the server sends again from its start position.
    opened[1]!.push(6, 7, 8, 9);
    opened[1]!.emit('caughtUp', {});
    await waitUntil(() => run.numbers().length === 9);
    await subscription.close();
    await run.done;
    expect(run.numbers()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('hands out what arrived before a drop before it subscribes again', async () => {
    const { opened, subscription, run } = await subscribed({ batchSize: 100, idleMs: 5_000 });
    opened[0]!.push(1, 2);
    opened[0]!.emit('error', new UnavailableError());
    opened[0]!.push(3); // after the failure: read again by the next subscription
    await waitUntil(() => opened.length === 2);
    expect(run.numbers()).toEqual([1, 2]);
    expect(opened[1]!.after).toBe(at(2));
    await subscription.close();
    await run.done;
  });

  it('waits longer after each failed attempt, and starts counting again once it got through', async () => {
    const { source, opened } = scriptedSource();
    const attempts: number[] = [];
    const times: number[] = [];
    const { subscription } = subscribe(source, {
      onRetry: (_error, attempt) => {
        attempts.push(attempt);
        times.push(Date.now());
      },
    });
    const run = consume(subscription);
    for (let i = 1; i <= 3; i++) {
      await waitUntil(() => opened.length === i);
      opened[i - 1]!.emit('error', new UnavailableError());
    }
    await waitUntil(() => opened.length === 4);
    expect(attempts).toEqual([1, 2, 3]);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(150);
    // Through: the server confirms, then drops again — the count starts over.
    opened[3]!.emit('confirmation');
    opened[3]!.emit('error', new UnavailableError());
    await waitUntil(() => attempts.length === 4);
    expect(attempts).toEqual([1, 2, 3, 1]);
    await subscription.close();
    await run.done;
  });

  it('subscribes again when the server ends the stream without an error', async () => {
    const { opened, subscription, run } = await subscribed();
    opened[0]!.push(1);
    opened[0]!.emit('caughtUp', {});
    await waitUntil(() => run.numbers().length === 1);
    opened[0]!.emit('end');
    await waitUntil(() => opened.length === 2);
    expect(opened[1]!.after).toBe(at(1));
    await subscription.close();
    await run.done;
  });

  it('ends by throwing when the server refuses (access denied), translated', async () => {
    const onRetry = jest.fn();
    const { opened, onClose, run } = await subscribed({ onRetry });
    opened[0]!.emit('error', new AccessDeniedError());
    await run.done;
    expect(run.failure()).toBeInstanceOf(EventStoreUnavailableError);
    expect((run.failure() as Error).message).toMatch(/refused access/);
    expect(onRetry).not.toHaveBeenCalled();
    expect(opened).toHaveLength(1);
    expect(onClose).toHaveBeenCalled();
  });

  it('ends by throwing at an event it cannot read, delivering nothing after it', async () => {
    const { opened, run } = await subscribed({ batchSize: 100 });
    opened[0]!.push(1, -2, 3);
    await run.done;
    expect(run.numbers()).toEqual([1]);
    expect((run.failure() as Error).message).toBe('cannot decode event -2');
  });

  it('pauses the server’s stream while four batches wait, and resumes it as they are taken', async () => {
    const { source, opened } = scriptedSource();
    const { subscription } = subscribe(source, { batchSize: 2 });
    const iterator = subscription[Symbol.asyncIterator]();
    const first = iterator.next();
    await waitUntil(() => opened.length === 1);
    opened[0]!.push(1, 2, 3, 4, 5, 6, 7, 8);
    expect(opened[0]!.paused).toBe(true);
    expect((await first).value).toMatchObject({ position: at(2) });
    expect(opened[0]!.paused).toBe(true);
    for (let i = 0; i < 3; i++) await iterator.next();
    expect(opened[0]!.paused).toBe(false);
    await subscription.close();
    expect((await iterator.next()).done).toBe(true);
  });

  it('ends an iteration waiting for events when closed, and unsubscribes', async () => {
    const { opened, subscription, onClose, run } = await subscribed({ idleMs: 10_000 });
    await subscription.close();
    await run.done;
    expect(run.batches).toEqual([]);
    expect(opened[0]!.unsubscribed).toBe(true);
    expect(onClose).toHaveBeenCalled();
  });

  it('ends promptly when closed while it waits to subscribe again', async () => {
    const { source, opened } = scriptedSource();
    const { subscription } = subscribe(source);
    const run = consume(subscription);
    for (let i = 1; i <= 6; i++) {
      await waitUntil(() => opened.length === i);
      opened[i - 1]!.emit('error', new UnavailableError());
    }
    // Now waiting 3.2 s before the seventh attempt.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await subscription.close();
    await run.done;
    expect(Date.now() - started).toBeLessThan(500);
    expect(opened).toHaveLength(6);
  });

  it('can be iterated only once', async () => {
    const { source } = scriptedSource();
    const { subscription } = subscribe(source);
    const run = consume(subscription);
    await expect(subscription[Symbol.asyncIterator]().next()).rejects.toThrow(/only once/);
    await subscription.close();
    await run.done;
  });

  it('starts from the beginning when no position is given', async () => {
    const { opened, subscription, run } = await subscribed();
    expect(opened[0]!.after).toBe(START);
    await subscription.close();
    await run.done;
  });
});
