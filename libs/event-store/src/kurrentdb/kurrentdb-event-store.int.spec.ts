import { randomBytes } from 'node:crypto';

import { Test } from '@nestjs/testing';
import {
  borrowed,
  describeWithKurrentDb,
  openTestPglite,
  openUnreachableKurrentDb,
  postgresUrl,
} from '@samenspoor/testing';
import { SQL_DATABASE, type PgliteDatabase, type SqlDatabase } from '@samenspoor/sql';

import type { EventRecord } from '../event-store';
import { event, eventStoreContract } from '../testing/event-store.contract';
import { connectKurrentDb } from './kurrentdb-client';
import { KurrentDbEventStoreModule } from './kurrentdb-event-store.module';
import { EventIdRegistry } from './event-id-registry';
import {
  KurrentDbEventStore,
  openKurrentDbEventStore,
  type KurrentDbEventStoreOptions,
} from './kurrentdb-event-store';

/**
 * The contract against a real KurrentDB server: `ESDB_URL`, or a container when Docker is available; otherwise
 * skipped with the reason. Each test has streams of its own under a fresh prefix; the event-id registry is in
 * PGlite (in memory), as it would be in the PostgreSQL database beside the read models.
 */
describeWithKurrentDb('KurrentDB event store (real server)', (server) => {
  let database: PgliteDatabase;
  /** Stores the contract opens beside its own (with upcasters) and never closes. */
  const extra: KurrentDbEventStore[] = [];
  beforeAll(async () => (database = await openTestPglite()));
  afterAll(async () => {
    await Promise.all(extra.map((store) => store.close()));
    await database.close();
  });

  const unique = () => randomBytes(5).toString('hex');

  async function openStore(options: Omit<KurrentDbEventStoreOptions, 'description'>) {
    return new KurrentDbEventStore(await connectKurrentDb(server.url()), {
      ...options,
      description: 'KurrentDB (test server)',
    });
  }

  eventStoreContract({
    async open() {
      const registry = await EventIdRegistry.open(database, `kdb_${unique()}`);
      const streamPrefix = `${unique()}/`;
      const store = await openStore({ registry, streamPrefix });
      return {
        store,
        withUpcasters: async (upcasters) => {
          const reader = await openStore({ registry, streamPrefix, upcasters });
          extra.push(reader);
          return reader;
        },
        close: () => store.close(),
      };
    },
    openUnreachable: () => openUnreachableKurrentDb(database),
  });

  it('as a Nest module with a fixed-size pool, keeps every PostgreSQL connection open and uses each in turn', async () => {
    const schema = `kdb_${unique()}`;
    const module = await Test.createTestingModule({
      imports: [
        KurrentDbEventStoreModule.forRootAsync({
          useFactory: () => ({
            connectionString: server.url(),
            databaseUrl: postgresUrl(),
            schema,
            fixedSize: true,
          }),
        }),
      ],
    }).compile();
    const sql = module.get<SqlDatabase>(SQL_DATABASE);
    try {
      // The pool opens its 20 connections in the background; statements in a row then run on each in turn.
      const deadline = Date.now() + 10_000;
      let backends = new Set<number>();
      while (backends.size < 20 && Date.now() < deadline) {
        backends = new Set<number>();
        for (let i = 0; i < 20; i++) {
          const [row] = await sql.query<{ pid: number }>('select pg_backend_pid() as pid');
          backends.add(row!.pid);
        }
      }
      expect(backends.size).toBe(20);
    } finally {
      await sql.query(`drop schema if exists ${schema} cascade`);
      await module.close();
    }
  });

  it('opens with its registry from a connection string, and answers ping', async () => {
    const opened = await openKurrentDbEventStore({
      connectionString: server.url(),
      database: borrowed(database),
      schema: `kdb_${unique()}`,
      streamPrefix: `${unique()}/`,
    });
    await expect(opened.store.ping()).resolves.toBeUndefined();
    await opened.close();
  });

  describe('what the adapter assumes of the server', () => {
    let store: KurrentDbEventStore;
    let schema: string;
    beforeEach(async () => {
      schema = `kdb_${unique()}`;
      store = await openStore({
        registry: await EventIdRegistry.open(database, schema),
        streamPrefix: `${unique()}/`,
      });
    });
    afterEach(() => store.close());

    it('answers a repeat at the same expected revision as a success, which the adapter reads back', async () => {
      const batch = [event(), event()];
      const first = await store.appendToStream('family-a', batch, { expectedVersion: 'no-stream' });
      await store.appendToStream('family-a', [event()], { expectedVersion: 2 });
      await database.query(`delete from "${schema}".kurrentdb_event_ids`);
      expect(
        await store.appendToStream('family-a', batch, { expectedVersion: 'no-stream' }),
      ).toEqual(first);
      expect(await store.streamVersion('family-a')).toBe(3);
    });

    it('reports positions on stream reads that agree with $all', async () => {
      await store.appendToStream('family-a', [event(), event(), event()], {
        expectedVersion: 'no-stream',
      });
      const viaStream = await store.readStream('family-a');
      const viaAll: EventRecord[] = (await store.readAll()).events;
      expect(viaAll.map((e) => e.position)).toEqual(viaStream.map((e) => e.position));
      expect(viaStream.every((e, i) => i === 0 || e.position > viaStream[i - 1]!.position)).toBe(
        true,
      );
    });
  });
});
