import { randomUUID } from 'node:crypto';

import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  InvalidEventError,
  InvalidPositionError,
  VersionConflictError,
} from '../errors';
import type { EventRecord, EventStore, NewEvent, Position } from '../event-store';
import { isPosition, START } from '../position';
import type { Upcaster } from '../upcasting';

/** What an adapter's test file provides so the shared contract can run against it. */
export interface ContractHarness {
  /** Opens a store on fresh, empty storage. */
  open(): Promise<OpenedForContract>;
  /** Tries to open a store whose database cannot be reached; must reject. */
  openUnreachable(): Promise<unknown>;
}

export interface OpenedForContract {
  readonly store: EventStore;
  /** A second store on the same storage, reading with these upcasters. */
  withUpcasters(upcasters: readonly Upcaster[]): Promise<EventStore>;
  close(): Promise<void>;
}

export function event(type = 'SomethingHappened', data: NewEvent['data'] = {}): NewEvent {
  return { eventId: randomUUID(), type, data, metadata: { correlationId: randomUUID() } };
}

function events(n: number, type = 'Counted'): NewEvent[] {
  return Array.from({ length: n }, (_, i) => event(type, { i }));
}

/** Every event of the store in global order, read a page of `limit` at a time. */
export async function readAllEvents(store: EventStore, limit = 1_000): Promise<EventRecord[]> {
  const all: EventRecord[] = [];
  let after: Position = START;
  for (;;) {
    const page = await store.readAll({ after, limit });
    if (page.events.length === 0) return all;
    all.push(...page.events);
    after = page.position;
  }
}

/**
 * The store's count once it reaches `expected` (or after 10 s): the global order is readable only below the oldest
 * transaction still running on the server, which another suite may hold open for a moment.
 */
async function countOnceReadable(store: EventStore, expected: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const count = await store.countEvents();
    if (count >= expected || Date.now() > deadline) return count;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The behaviour every event store adapter must have. Each adapter's `*.int.spec.ts` calls this with a harness.
 */
export function eventStoreContract(harness: ContractHarness): void {
  let opened: OpenedForContract;
  let store: EventStore;
  const stream = () => `family-${randomUUID()}`;

  beforeEach(async () => {
    opened = await harness.open();
    store = opened.store;
  });
  afterEach(async () => {
    await opened.close();
  });

  describe('appendToStream', () => {
    it('stores events with consecutive versions and returns the new version and last position', async () => {
      const id = stream();
      const batch = [
        event('FamilyRegistered', { municipality: 'Pekela' }),
        event('SignalReceived'),
      ];
      const result = await store.appendToStream(id, batch, { expectedVersion: 'no-stream' });

      expect(result.nextExpectedVersion).toBe(2);
      expect(isPosition(result.position)).toBe(true);
      const read = await store.readStream(id);
      expect(read.map((e) => [e.version, e.type, e.eventId])).toEqual([
        [1, 'FamilyRegistered', batch[0]!.eventId],
        [2, 'SignalReceived', batch[1]!.eventId],
      ]);
      expect(read[0]).toMatchObject({
        streamId: id,
        schemaVersion: 1,
        data: { municipality: 'Pekela' },
        metadata: batch[0]!.metadata,
      });
      expect(read[0]!.recordedAt).toBeInstanceOf(Date);
      expect(Math.abs(read[0]!.recordedAt.getTime() - Date.now())).toBeLessThan(60_000);
      expect(read[1]!.position).toBe(result.position);
      expect(read[0]!.position < read[1]!.position).toBe(true);
      expect(await store.streamVersion(id)).toBe(2);
    });

    it('accepts an expected version equal to the stream version and refuses any other', async () => {
      const id = stream();
      await store.appendToStream(id, events(3), { expectedVersion: 'no-stream' });

      await expect(
        store.appendToStream(id, events(1), { expectedVersion: 3 }),
      ).resolves.toMatchObject({
        nextExpectedVersion: 4,
      });
      for (const stale of [3, 5, 0, 'no-stream'] as const) {
        const attempt = store.appendToStream(id, events(1), { expectedVersion: stale });
        await expect(attempt).rejects.toBeInstanceOf(VersionConflictError);
        await expect(attempt).rejects.toMatchObject({
          streamId: id,
          expectedVersion: stale,
          actualVersion: 4,
        });
      }
      expect(await store.streamVersion(id)).toBe(4);
    });

    it('refuses an expected version on a stream that does not exist', async () => {
      const id = stream();
      await expect(
        store.appendToStream(id, events(1), { expectedVersion: 2 }),
      ).rejects.toMatchObject({
        code: 'version-conflict',
        actualVersion: 0,
      });
      expect(await store.readStream(id)).toEqual([]);
    });

    it("appends at the end with 'any', also on a new stream", async () => {
      const id = stream();
      await store.appendToStream(id, events(2), { expectedVersion: 'any' });
      const result = await store.appendToStream(id, events(2), { expectedVersion: 'any' });
      expect(result.nextExpectedVersion).toBe(4);
    });

    it('lets exactly one of many concurrent writers with the same expectation win', async () => {
      const id = stream();
      await store.appendToStream(id, events(1), { expectedVersion: 'no-stream' });
      const attempts = await Promise.allSettled(
        Array.from({ length: 12 }, () =>
          store.appendToStream(id, events(2), { expectedVersion: 1 }),
        ),
      );
      const won = attempts.filter((a) => a.status === 'fulfilled');
      const lost = attempts.filter((a) => a.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(11);
      for (const a of lost) expect(a.reason).toBeInstanceOf(VersionConflictError);
      expect((await store.readStream(id)).map((e) => e.version)).toEqual([1, 2, 3]);
    });

    it("never loses an append of concurrent writers using 'any'", async () => {
      // More writers than a writer may lose tries to: each must get in however often the others win.
      const writers = 24;
      const id = stream();
      await Promise.all(
        Array.from({ length: writers }, () =>
          store.appendToStream(id, events(2), { expectedVersion: 'any' }),
        ),
      );
      const read = await store.readStream(id);
      expect(read.map((e) => e.version)).toEqual(
        Array.from({ length: 2 * writers }, (_, i) => i + 1),
      );
      // each append's two events stay together, in order
      for (let i = 0; i < 2 * writers; i += 2)
        expect(read[i + 1]!.position > read[i]!.position).toBe(true);
    });

    it('is all or nothing: a refused append stores none of its events', async () => {
      const id = stream();
      const other = stream();
      const taken = event();
      await store.appendToStream(other, [taken], { expectedVersion: 'no-stream' });

      await expect(
        store.appendToStream(id, [event(), event(), { ...event(), eventId: taken.eventId }], {
          expectedVersion: 'no-stream',
        }),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(
        store.appendToStream(id, [event(), { ...event(), eventId: 'not-a-uuid' }], {
          expectedVersion: 'any',
        }),
      ).rejects.toBeInstanceOf(InvalidEventError);
      expect(await store.readStream(id)).toEqual([]);
      expect(await store.streamVersion(id)).toBe(0);
    });

    it('refuses malformed appends with a message naming the problem', async () => {
      const id = stream();
      const cases: [() => Promise<unknown>, RegExp][] = [
        [() => store.appendToStream(id, [], { expectedVersion: 'any' }), /at least one event/],
        [() => store.appendToStream('', events(1), { expectedVersion: 'any' }), /streamId/],
        [() => store.appendToStream(id, events(1), { expectedVersion: -1 }), /expectedVersion/],
        [() => store.appendToStream(id, events(1), { expectedVersion: 1.5 }), /expectedVersion/],
        [
          () => store.appendToStream(id, [{ ...event(), type: '' }], { expectedVersion: 'any' }),
          /type/,
        ],
        [
          () =>
            store.appendToStream(id, [{ ...event(), schemaVersion: 0 }], {
              expectedVersion: 'any',
            }),
          /schemaVersion/,
        ],
        [
          () =>
            store.appendToStream(id, [{ ...event(), data: [] as never }], {
              expectedVersion: 'any',
            }),
          /data must be a JSON object/,
        ],
        [
          () =>
            store.appendToStream(id, [{ ...event(), data: { n: 1n } as never }], {
              expectedVersion: 'any',
            }),
          /not serialisable/,
        ],
        [
          () => {
            const e = event();
            return store.appendToStream(id, [e, e], { expectedVersion: 'any' });
          },
          /appears twice/,
        ],
      ];
      for (const [attempt, message] of cases) {
        const result = attempt();
        await expect(result).rejects.toBeInstanceOf(InvalidEventError);
        await expect(result).rejects.toThrow(message);
      }
      expect(await store.streamVersion(id)).toBe(0);
    });
  });

  describe('idempotent appends', () => {
    it('returns the first result and stores nothing when the same append is repeated', async () => {
      const id = stream();
      const batch = events(3);
      const first = await store.appendToStream(id, batch, { expectedVersion: 'no-stream' });
      const again = await store.appendToStream(id, batch, { expectedVersion: 'no-stream' });
      const withAny = await store.appendToStream(id, batch, { expectedVersion: 'any' });

      expect(again).toEqual(first);
      expect(withAny).toEqual(first);
      expect(await store.readStream(id)).toHaveLength(3);
    });

    it('recognises a repeat also after the stream moved on, and with upper-case ids', async () => {
      const id = stream();
      const batch = events(2);
      const first = await store.appendToStream(id, batch, { expectedVersion: 'no-stream' });
      await store.appendToStream(id, events(5), { expectedVersion: 2 });
      const upper = batch.map((e) => ({ ...e, eventId: e.eventId.toUpperCase() }));

      expect(await store.appendToStream(id, upper, { expectedVersion: 'no-stream' })).toEqual(
        first,
      );
      expect(await store.streamVersion(id)).toBe(7);
    });

    it('refuses a partial repeat or a repeat on another stream', async () => {
      const id = stream();
      const batch = events(2);
      await store.appendToStream(id, batch, { expectedVersion: 'no-stream' });

      await expect(
        store.appendToStream(id, [batch[0]!, event()], { expectedVersion: 'any' }),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(
        store.appendToStream(id, [batch[1]!, batch[0]!], { expectedVersion: 'any' }),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(
        store.appendToStream(stream(), batch, { expectedVersion: 'any' }),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await store.streamVersion(id)).toBe(2);
    });

    it('tells which stream holds each of a set of event ids, upper-case ids included', async () => {
      const first = stream();
      const second = stream();
      const [a, b] = events(2);
      const [c] = events(1);
      await store.appendToStream(first, [a!, b!], { expectedVersion: 'no-stream' });
      await store.appendToStream(second, [c!], { expectedVersion: 'no-stream' });
      const unknown = randomUUID();

      const held = await store.streamsHolding([a!.eventId.toUpperCase(), c!.eventId, unknown]);

      expect(Object.fromEntries(held)).toEqual({
        [a!.eventId]: first,
        [c!.eventId]: second,
      });
      expect((await store.streamsHolding([])).size).toBe(0);
      await expect(store.streamsHolding(['not-a-uuid'])).rejects.toBeInstanceOf(InvalidEventError);
    });

    it('stores a concurrently repeated append once', async () => {
      const id = stream();
      const batch = events(2);
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          store.appendToStream(id, batch, { expectedVersion: 'no-stream' }),
        ),
      );
      expect(new Set(results.map((r) => r.position)).size).toBe(1);
      expect(await store.readStream(id)).toHaveLength(2);
    });
  });

  describe('readStream', () => {
    it('reads from a version, backwards and bounded', async () => {
      const id = stream();
      await store.appendToStream(id, events(10), { expectedVersion: 'no-stream' });

      const versions = async (options: Parameters<EventStore['readStream']>[1]) =>
        (await store.readStream(id, options)).map((e) => e.version);
      expect(await versions({ fromVersion: 8 })).toEqual([8, 9, 10]);
      expect(await versions({ fromVersion: 3, maxCount: 2 })).toEqual([3, 4]);
      expect(await versions({ direction: 'backwards', maxCount: 3 })).toEqual([10, 9, 8]);
      expect(await versions({ direction: 'backwards', fromVersion: 2 })).toEqual([2, 1]);
      expect(await versions({ maxCount: 0 })).toEqual([]);
      expect(await versions({ fromVersion: 11 })).toEqual([]);
    });

    it('reads an unknown stream as empty, at version 0', async () => {
      expect(await store.readStream(stream())).toEqual([]);
      expect(await store.streamVersion(stream())).toBe(0);
    });
  });

  describe('global order', () => {
    it('reads all streams in one order that agrees with each stream and with append order', async () => {
      const streams = [stream(), stream(), stream()];
      const appended: Position[] = [];
      for (let round = 0; round < 4; round++) {
        for (const id of streams) {
          appended.push(
            (await store.appendToStream(id, events(2), { expectedVersion: 'any' })).position,
          );
        }
      }
      await countOnceReadable(store, 24);
      const all = await readAllEvents(store, 5);
      expect(all).toHaveLength(24);
      for (let i = 1; i < all.length; i++)
        expect(all[i]!.position > all[i - 1]!.position).toBe(true);
      for (let i = 1; i < appended.length; i++) expect(appended[i]! > appended[i - 1]!).toBe(true);
      for (const id of streams) {
        expect(all.filter((e) => e.streamId === id).map((e) => e.version)).toEqual([
          1, 2, 3, 4, 5, 6, 7, 8,
        ]);
      }
      expect(await store.headPosition()).toBe(appended.at(-1));
      expect(new Set(all.map((e) => e.eventId)).size).toBe(24);
    });

    it('counts the events after a position', async () => {
      expect(await store.countEvents()).toBe(0);
      const first = await store.appendToStream(stream(), events(3), {
        expectedVersion: 'no-stream',
      });
      await store.appendToStream(stream(), events(4), { expectedVersion: 'no-stream' });
      // On a shared PostgreSQL server another suite's open transaction may hold the readable head back a moment.
      expect(await countOnceReadable(store, 7)).toBe(7);
      expect(await store.countEvents({ after: first.position })).toBe(4);
      expect(await store.countEvents({ after: await store.headPosition() })).toBe(0);
    });

    it('pages with after/limit and reports the start on an empty store', async () => {
      expect(await store.headPosition()).toBe(START);
      expect(await store.readAll()).toEqual({ events: [], position: START });
      const id = stream();
      await store.appendToStream(id, events(7), { expectedVersion: 'no-stream' });
      await countOnceReadable(store, 7);
      const first = await store.readAll({ limit: 3 });
      expect(first.events.map((e) => e.version)).toEqual([1, 2, 3]);
      expect(first.position).toBe(first.events[2]!.position);
      const rest = await store.readAll({ after: first.position });
      expect(rest.events.map((e) => e.version)).toEqual([4, 5, 6, 7]);
      const none = await store.readAll({ after: rest.position });
      expect(none).toEqual({ events: [], position: rest.position });
    });

    it('refuses a position token it did not produce', async () => {
      await expect(store.readAll({ after: 'not-a-position' })).rejects.toBeInstanceOf(
        InvalidPositionError,
      );
      await expect(store.readAll({ limit: 0 })).rejects.toBeInstanceOf(InvalidEventError);
    });

    it.each([
      ['maxCount', { maxCount: -1 }, /maxCount must be a whole number ≥ 0, got -1/],
      ['maxCount', { maxCount: 2.5 }, /maxCount must be a whole number ≥ 0, got 2.5/],
      ['fromVersion', { fromVersion: 1.5 }, /fromVersion must be a whole number, got 1.5/],
    ])(
      'refuses a stream read whose %s is not a whole number, naming it',
      async (_, options, message) => {
        await expect(store.readStream(stream(), options)).rejects.toThrow(message);
        await expect(store.readStream(stream(), options)).rejects.toBeInstanceOf(InvalidEventError);
      },
    );
  });

  describe('catch-up subscription', () => {
    it('delivers existing then new events exactly once, in order, in batches', async () => {
      const id = stream();
      await store.appendToStream(id, events(25), { expectedVersion: 'no-stream' });
      const subscription = store.subscribe({ batchSize: 10, idleMs: 20 });
      const seen: EventRecord[] = [];
      const batchSizes: number[] = [];
      const consuming = (async () => {
        for await (const batch of subscription) {
          expect(batch.position).toBe(batch.events.at(-1)!.position);
          batchSizes.push(batch.events.length);
          seen.push(...batch.events);
          if (seen.length === 40) await subscription.close();
        }
      })();
      await waitUntil(() => seen.length >= 25);
      await store.appendToStream(id, events(15), { expectedVersion: 25 });
      await consuming;

      expect(seen.map((e) => e.version)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(batchSizes.slice(0, 3)).toEqual([10, 10, 5]);
      expect(Math.max(...batchSizes)).toBeLessThanOrEqual(10);
    });

    it('resumes after a checkpoint without repeating or skipping', async () => {
      const id = stream();
      await store.appendToStream(id, events(30), { expectedVersion: 'no-stream' });
      let checkpoint: Position = START;
      const firstRun = store.subscribe({ batchSize: 12 });
      for await (const batch of firstRun) {
        checkpoint = batch.position; // processed, checkpoint stored, then the consumer "crashes"
        break;
      }
      await store.appendToStream(id, events(5), { expectedVersion: 30 });

      const resumed = store.subscribe({ after: checkpoint, batchSize: 12 });
      const seen: number[] = [];
      for await (const batch of resumed) {
        seen.push(...batch.events.map((e) => e.version));
        if (seen.length >= 23) break;
      }
      expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => i + 13));
    });

    it('ends an iteration waiting for events when closed', async () => {
      const subscription = store.subscribe({ idleMs: 10_000 });
      const iterating = (async () => {
        let batches = 0;
        for await (const _batch of subscription) batches++;
        return batches;
      })();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await subscription.close();
      await expect(iterating).resolves.toBe(0);
    });
  });

  describe('upcasting', () => {
    it('applies upcasters in a chain on read without rewriting what is stored', async () => {
      const id = stream();
      await store.appendToStream(
        id,
        [
          { ...event('CareRequested', { form: 'foster-care' }), schemaVersion: 1 },
          event('Other', { a: 1 }),
        ],
        { expectedVersion: 'no-stream' },
      );
      const upcasting = await opened.withUpcasters([
        {
          type: 'CareRequested',
          fromSchemaVersion: 1,
          upcast: ({ form }) => ({ careForm: form ?? null }),
        },
        {
          type: 'CareRequested',
          fromSchemaVersion: 2,
          upcast: (data) => ({ ...data, providerId: 'unknown' }),
        },
      ]);

      const [upcast, other] = await upcasting.readStream(id);
      expect(upcast).toMatchObject({
        schemaVersion: 3,
        data: { careForm: 'foster-care', providerId: 'unknown' },
      });
      expect(other).toMatchObject({ schemaVersion: 1, data: { a: 1 } });
      // Global order is readable only below the oldest running transaction, which another suite on the same
      // server may hold open for a moment: read all pages until the event shows (or time runs out).
      let viaAll: EventRecord | undefined;
      for (const until = Date.now() + 10_000; !viaAll && Date.now() < until;) {
        viaAll = (await readAllEvents(upcasting)).find((e) => e.streamId === id && e.version === 1);
        if (!viaAll) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(viaAll).toMatchObject({ schemaVersion: 3 });
      // stored data is untouched: a store without upcasters still reads version 1
      expect((await store.readStream(id))[0]).toMatchObject({
        schemaVersion: 1,
        data: { form: 'foster-care' },
      });
    });
  });

  describe('volume and payloads', () => {
    it('handles a stream of 10,000 events', async () => {
      const id = stream();
      for (let i = 0; i < 20; i++) {
        await store.appendToStream(id, events(500), { expectedVersion: i * 500 });
      }
      const read = await store.readStream(id);
      expect(read).toHaveLength(10_000);
      expect(read.every((e, i) => e.version === i + 1 && e.data.i === i % 500)).toBe(true);
      expect(
        (await store.readStream(id, { direction: 'backwards', maxCount: 2 })).map((e) => e.version),
      ).toEqual([10_000, 9_999]);
      expect(await readAllEvents(store, 3_000)).toHaveLength(10_000);
    });

    it('keeps unicode, control characters and large payloads exactly', async () => {
      const id = stream();
      const texts = {
        dutch: 'Zoë en Daniël wonen in ’t Zandt — café “De IJssel”',
        emoji: 'gezin 👨‍👩‍👧‍👦 🏳️‍🌈 ✅',
        scripts: 'العربية עברית 中文 日本語 한국어 ελληνικά русский',
        combining: 'e\u0301 a\u0308 \u200d\u200b',
        control: 'nul:\u0000 tab:\t newline:\n separators:\u2028\u2029 quote:" backslash:\\',
        astral: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀',
      };
      const large = 'x'.repeat(2 * 1024 * 1024);
      const nested = {
        level: { deeper: { list: Array.from({ length: 1000 }, (_, i) => ({ i, s: `${i}` })) } },
      };
      await store.appendToStream(
        id,
        [event('Texts', texts), event('Large', { large }), event('Nested', nested)],
        { expectedVersion: 'no-stream' },
      );
      const [t, l, n] = await store.readStream(id);
      expect(t!.data).toEqual(texts);
      expect((l!.data.large as string).length).toBe(large.length);
      expect(n!.data).toEqual(nested);
      const viaAll = await readAllEvents(store);
      expect(viaAll.find((e) => e.type === 'Texts')!.data).toEqual(texts);
    });
  });

  describe('availability', () => {
    it('answers ping while open and a clear error once closed', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      await opened.close();
      for (const call of [
        () => store.appendToStream(stream(), events(1), { expectedVersion: 'any' }),
        () => store.readStream(stream()),
        () => store.readAll(),
        () => store.ping(),
      ]) {
        await expect(call()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      }
      opened = { ...opened, close: () => Promise.resolve() };
    });

    it('fails to open on an unreachable database with a clear error', async () => {
      const attempt = harness.openUnreachable();
      await expect(attempt).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(attempt).rejects.toThrow(/cannot/);
    });
  });
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
