import { randomBytes } from 'node:crypto';

import type { PgliteDatabase } from '@samenspoor/sql';
import { borrowed, openTestPglite, openUnreachableKurrentDb } from '@samenspoor/testing';

import { DuplicateEventIdError, EventStoreUnavailableError } from '../errors';
import type { EventRecord, Position } from '../event-store';
import { decodePosition, START } from '../position';
import { event, eventStoreContract, readAllEvents } from '../testing/event-store.contract';
import { FakeKurrentDb } from '../testing/fake-kurrentdb';
import { EventIdRegistry } from './event-id-registry';
import { KurrentDbEventStore, openKurrentDbEventStore } from './kurrentdb-event-store';

/**
 * The adapter's own logic — mapping, the event-id registry, repeats, read-back positions, filtering, resubscribing
 * — against an in-memory server (`FakeKurrentDb`), with the registry in PGlite. The same contract against a real
 * KurrentDB server is in `kurrentdb-event-store.int.spec.ts`.
 */
describe('KurrentDB event store on an in-memory KurrentDB server', () => {
  let database: PgliteDatabase;
  beforeAll(async () => (database = await openTestPglite()));
  afterAll(() => database.close());

  const unique = () => randomBytes(5).toString('hex');

  async function openStore(server: FakeKurrentDb, streamPrefix = `${unique()}/`) {
    const schema = `kdb_${unique()}`;
    const registry = await EventIdRegistry.open(database, schema);
    const store = new KurrentDbEventStore(server.client(), {
      registry,
      streamPrefix,
      description: 'KurrentDB (in memory)',
    });
    return { store, registry, streamPrefix, schema };
  }

  describe('the contract', () => {
    const server = new FakeKurrentDb();
    eventStoreContract({
      async open() {
        const { store, registry, streamPrefix } = await openStore(server);
        return {
          store,
          withUpcasters: (upcasters) =>
            Promise.resolve(
              new KurrentDbEventStore(server.client(), { registry, streamPrefix, upcasters }),
            ),
          close: () => store.close(),
        };
      },
      openUnreachable: () => openUnreachableKurrentDb(database),
    });
  });

  describe('beyond the contract', () => {
    let server: FakeKurrentDb;
    let store: KurrentDbEventStore;
    let registry: EventIdRegistry;
    let prefix: string;
    let schema: string;
    beforeEach(async () => {
      server = new FakeKurrentDb();
      ({ store, registry, streamPrefix: prefix, schema } = await openStore(server));
    });
    afterEach(() => store.close());

    it('gives the events of one append one commit position and increasing prepare positions', async () => {
      await store.appendToStream('family-a', [event()], { expectedVersion: 'no-stream' });
      await store.appendToStream('family-a', [event(), event(), event()], { expectedVersion: 1 });
      const [first, ...rest] = await store.readStream('family-a');
      const parts = rest.map((e) => decodePosition(e.position));
      expect(new Set(parts.map((p) => p.major)).size).toBe(1);
      expect(parts[0]!.major).toBeGreaterThan(decodePosition(first!.position).major);
      expect(parts.map((p) => p.minor)).toEqual([...parts.map((p) => p.minor)].sort());
      expect(new Set(parts.map((p) => p.minor)).size).toBe(3);
    });

    it('answers the position of the last appended event, read back, not the one in the server’s answer', async () => {
      const result = await store.appendToStream('family-a', [event(), event()], {
        expectedVersion: 'no-stream',
      });
      const [, second] = await store.readStream('family-a');
      expect(result.position).toBe(second!.position);
      expect(decodePosition(result.position).minor).not.toBe(decodePosition(result.position).major);
    });

    it("sends every append with a definite expected revision, also for 'any'", async () => {
      await store.appendToStream('family-a', [event()], { expectedVersion: 'any' });
      await store.appendToStream('family-a', [event()], { expectedVersion: 'any' });
      await store.appendToStream('family-a', [event()], { expectedVersion: 2 });
      expect(server.appends.map((a) => a.state)).toEqual(['no_stream', 0n, 1n]);
    });

    it('recognises a repeat that the registry lost, through the server’s own idempotent write', async () => {
      const batch = [event(), event()];
      const first = await store.appendToStream('family-a', batch, { expectedVersion: 'no-stream' });
      await store.appendToStream('family-a', [event()], { expectedVersion: 2 });
      await database.query(`delete from "${schema}".kurrentdb_event_ids`);

      const again = await store.appendToStream('family-a', batch, { expectedVersion: 'no-stream' });
      expect(again).toEqual(first);
      expect(await store.streamVersion('family-a')).toBe(3);
    });

    it('appends after a reservation whose append never happened (a process died in between)', async () => {
      const batch = [event(), event()];
      await registry.reserve(`${prefix}family-a`, [batch[0]!.eventId]);
      const result = await store.appendToStream('family-a', batch, {
        expectedVersion: 'no-stream',
      });
      expect(result.nextExpectedVersion).toBe(2);
      expect((await store.readStream('family-a')).map((e) => e.eventId)).toEqual(
        batch.map((e) => e.eventId),
      );
    });

    it('keeps an id offered to a stream for that stream, also when its append failed', async () => {
      await store.appendToStream('family-a', [event()], { expectedVersion: 'no-stream' });
      const offered = event();
      await expect(
        store.appendToStream('family-a', [offered], { expectedVersion: 5 }),
      ).rejects.toMatchObject({ code: 'version-conflict' });

      await expect(
        store.appendToStream('family-b', [offered], { expectedVersion: 'no-stream' }),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(
        store.appendToStream('family-a', [offered], { expectedVersion: 1 }),
      ).resolves.toMatchObject({ nextExpectedVersion: 2 });
    });

    it('gives back the reservations of an append refused before it reached the server', async () => {
      const taken = event();
      await store.appendToStream('family-a', [taken], { expectedVersion: 'no-stream' });
      const innocent = event();
      await expect(
        store.appendToStream('family-b', [innocent, taken], { expectedVersion: 'no-stream' }),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(
        store.appendToStream('family-c', [innocent], { expectedVersion: 'no-stream' }),
      ).resolves.toMatchObject({ nextExpectedVersion: 1 });
    });

    it('never shows KurrentDB’s own events or other stores’ streams', async () => {
      const other = await openStore(server);
      await other.store.appendToStream('family-x', [event()], { expectedVersion: 'no-stream' });
      for (let i = 0; i < 6; i++) {
        await store.appendToStream(`family-${i}`, [event()], { expectedVersion: 'no-stream' });
      }
      server.write('$stats-127.0.0.1:2113', '$statsCollected');
      await other.store.appendToStream('family-x', [event()], { expectedVersion: 1 });

      const all = await readAllEvents(store, 4);
      expect(all.map((e) => e.streamId)).toEqual(
        Array.from({ length: 6 }, (_, i) => `family-${i}`),
      );
      expect(await store.countEvents()).toBe(6);
      expect(await store.headPosition()).toBe(all.at(-1)!.position);
      await other.store.close();
    });

    it('without a prefix, skips events in $ streams that the server-side filter lets through', async () => {
      const bare = new KurrentDbEventStore(server.client(), { registry });
      for (let i = 0; i < 3; i++) {
        await bare.appendToStream(`family-${i}`, [event()], { expectedVersion: 'no-stream' });
        for (let j = 0; j < 4; j++) server.write('$projections-$all', 'ProjectionCheckpoint');
      }
      // More than a page of them after the last event of the store: the head is found further back.
      for (let j = 0; j < 150; j++) server.write('$projections-$all', 'ProjectionCheckpoint');

      const pages: number[] = [];
      let after: Position = START;
      for (;;) {
        const page = await bare.readAll({ after, limit: 2 });
        if (page.events.length === 0) break;
        pages.push(page.events.length);
        after = page.position;
      }
      expect(pages).toEqual([2, 1]);
      expect(await bare.countEvents()).toBe(3);
      expect(await bare.headPosition()).toBe(after);
      await bare.close();
    });

    it('reads events another program wrote into its streams, with schema version 1', async () => {
      server.write(`${prefix}family-a`, 'WrittenElsewhere', { a: 1 }, { by: 'a script' });
      server.write(`${prefix}family-a`, 'WrittenElsewhere', [1, 2], 'not an object');
      const [first, second] = await store.readStream('family-a');
      expect(first).toMatchObject({
        version: 1,
        schemaVersion: 1,
        data: { a: 1 },
        metadata: { by: 'a script' },
      });
      expect(second).toMatchObject({ version: 2, schemaVersion: 1, data: {}, metadata: {} });
    });

    it('keeps a subscription going across a dropped connection: every event once, in order', async () => {
      const retries: [Error, number][] = [];
      const deliveredBeforeRetry: Position[] = [];
      await store.appendToStream('family-a', events(30), { expectedVersion: 'no-stream' });
      const subscription = store.subscribe({
        batchSize: 7,
        onRetry: (error, attempt) => {
          retries.push([error, attempt]);
          deliveredBeforeRetry.push(positionsDelivered.at(-1)!);
        },
      });
      const seen: EventRecord[] = [];
      const positionsDelivered: Position[] = [];
      const consuming = (async () => {
        for await (const batch of subscription) {
          seen.push(...batch.events);
          positionsDelivered.push(batch.position);
          if (seen.length === 14) server.dropSubscriptions();
          if (seen.length >= 50) break;
        }
      })();
      await waitUntil(() => retries.length > 0);
      await store.appendToStream('family-a', events(20), { expectedVersion: 30 });
      await consuming;

      expect(seen.map((e) => e.version)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(retries).toHaveLength(1);
      expect(retries[0]![0]).toBeInstanceOf(EventStoreUnavailableError);
      expect(retries[0]![0].message).toMatch(/cannot reach KurrentDB \(in memory\)/);
      expect(retries[0]![1]).toBe(1);
      // The second subscription started at the last position delivered (events that had arrived before the
      // drop are delivered first).
      const reopened = server.subscriptionsOpened[1] as { commit: bigint; prepare: bigint };
      const { major, minor } = decodePosition(deliveredBeforeRetry[0]!);
      expect(reopened).toEqual({ commit: major, prepare: minor });
    });

    it('waits for an unreachable server with growing pauses, then goes on where it was', async () => {
      await store.appendToStream('family-a', events(5), { expectedVersion: 'no-stream' });
      const attempts: number[] = [];
      const subscription = store.subscribe({ onRetry: (_e, attempt) => attempts.push(attempt) });
      const seen: number[] = [];
      const consuming = (async () => {
        for await (const batch of subscription) {
          seen.push(...batch.events.map((e) => e.version));
          if (seen.length === 5) server.setDown(true);
          if (seen.length === 8) break;
        }
      })();
      await waitUntil(() => attempts.length >= 3);
      server.setDown(false);
      await store.appendToStream('family-a', events(3), { expectedVersion: 5 });
      await consuming;
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(attempts.slice(0, 3)).toEqual([1, 2, 3]);
    });

    it('refuses appends when opened without a registry, and still reads', async () => {
      await store.appendToStream('family-a', [event()], { expectedVersion: 'no-stream' });
      const reader = new KurrentDbEventStore(server.client(), { streamPrefix: prefix });
      await expect(
        reader.appendToStream('family-a', [event()], { expectedVersion: 'any' }),
      ).rejects.toThrow(/without its event-id registry/);
      expect(await reader.streamVersion('family-a')).toBe(1);
      await reader.close();
    });

    it('answers a clear error, naming the server, while it is unreachable', async () => {
      server.setDown(true);
      for (const call of [
        () => store.appendToStream('family-a', [event()], { expectedVersion: 'any' }),
        () => store.readStream('family-a'),
        () => store.readAll(),
        () => store.headPosition(),
        () => store.ping(),
      ]) {
        await expect(call()).rejects.toThrow(/cannot reach KurrentDB \(in memory\)/);
      }
    });
  });

  it('fails to open with a message that names the server and never the password', async () => {
    const attempt = openKurrentDbEventStore({
      connectionString: 'kurrentdb://admin:s3cret-pw@127.0.0.1:1?tls=false',
      database: borrowed(database),
      schema: `kdb_${unique()}`,
    });
    await expect(attempt).rejects.toThrow(/cannot reach KurrentDB at 127\.0\.0\.1:1/);
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });

  it('refuses a malformed connection string without repeating it', async () => {
    for (const connectionString of [
      'http://admin:s3cret-pw@host:2113',
      'kurrentdb://admin:s3cret-pw@host:2113?tls=maybe',
    ]) {
      const attempt = openKurrentDbEventStore({
        connectionString,
        database: borrowed(database),
        schema: `kdb_${unique()}`,
      });
      await expect(attempt).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(attempt).rejects.toThrow(/cannot use/);
      await expect(attempt).rejects.not.toThrow(/s3cret/);
    }
  });
});

function events(n: number) {
  return Array.from({ length: n }, (_, i) => event('Counted', { i }));
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
