import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { Client } from 'pg';

import {
  describeWithPostgres,
  dropSchemas,
  postgresUrl,
  readEverything,
  uniqueSchema,
} from '@samenspoor/testing';
import { PostgresDatabase } from '@samenspoor/sql';

import { EventStoreUnavailableError, VersionConflictError } from '../errors';
import type { EventRecord, Position } from '../event-store';
import { START } from '../position';
import { appendTogetherStatement } from '../sql/grouped-appends';
import { eventStoreStatements, SqlEventStore } from '../sql/sql-event-store';
import { event, eventStoreContract } from '../testing/event-store.contract';
import { openPostgresEventStore } from './postgres-event-store';

describeWithPostgres('PostgreSQL event store', () => {
  const schemas: string[] = [];
  let database: PostgresDatabase;
  beforeAll(
    () =>
      (database = new PostgresDatabase({ connectionString: postgresUrl(), maxConnections: 24 })),
  );
  afterAll(async () => {
    await database.close();
    await dropSchemas(...schemas);
  });

  async function freshStore(): Promise<{ store: SqlEventStore; schema: string }> {
    const schema = uniqueSchema('es_test');
    schemas.push(schema);
    return { store: await SqlEventStore.create(database, { schema }), schema };
  }

  eventStoreContract({
    async open() {
      const { store, schema } = await freshStore();
      return {
        store,
        withUpcasters: (upcasters) =>
          SqlEventStore.create(database, { schema, upcasters, migrate: false }),
        close: () => store.close(),
      };
    },
    openUnreachable: () =>
      openPostgresEventStore({
        connectionString: 'postgres://postgres@127.0.0.1:1/test',
        connectTimeoutMs: 2_000,
      }),
  });

  it('answers a clear error, without credentials, when the server is unreachable', async () => {
    const attempt = openPostgresEventStore({
      connectionString: 'postgres://samenspoor:secret-password@127.0.0.1:1/test',
      connectTimeoutMs: 2_000,
    });
    await expect(attempt).rejects.toThrow(/cannot reach PostgreSQL at 127\.0\.0\.1:1\/test/);
    await expect(attempt).rejects.not.toThrow(/secret-password/);
  });

  it('answers a clear error when its connection pool was closed underneath it', async () => {
    const opened = await openPostgresEventStore({
      connectionString: postgresUrl(),
      schema: uniqueSchema('es_test'),
    });
    schemas.push(...[]);
    await opened.database.close();
    await expect(opened.store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(opened.store.ping()).rejects.toThrow(/pool closed/);
  });

  it('never lets a subscriber skip an event whose transaction commits late (16 writers, one slow transaction)', async () => {
    const { store, schema } = await freshStore();
    const writers = 16;
    const appendsPerWriter = 250;
    const seen: EventRecord[] = [];
    const subscription = store.subscribe({ batchSize: 200, idleMs: 5 });
    const consuming = (async () => {
      for await (const batch of subscription) seen.push(...batch.events);
    })();

    // The slow transaction takes its transaction id (and so its place in the order) now, but commits late.
    const slow = new Client({ connectionString: postgresUrl() });
    await slow.connect();
    const slowEventId = randomUUID();
    const writing = Array.from({ length: writers }, async (_, w) => {
      const positions: Position[] = [];
      for (let i = 0; i < appendsPerWriter; i++) {
        const result = await store.appendToStream(
          `family-${w}-${i % 10}`,
          [event('Written', { w, i })],
          {
            expectedVersion: 'any',
          },
        );
        positions.push(result.position);
      }
      return positions;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await slow.query('begin');
    await slow.query(
      `insert into "${schema}".events (event_id, stream_id, version, type, schema_version, data, metadata)
       values ($1, 'family-slow', 1, 'WrittenSlowly', 1, '{}', '{}')`,
      [slowEventId],
    );
    const [slowRow] = (
      await slow.query<{ transaction_id: string }>(
        `select pg_current_xact_id()::text as transaction_id`,
      )
    ).rows;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const committedBeforeSlow = await store.headPosition();
    await slow.query('commit');
    await slow.end();
    const written = (await Promise.all(writing)).flat();

    const total = writers * appendsPerWriter + 1;
    await waitUntil(() => seen.length >= total, 30_000);
    await subscription.close();
    await consuming;

    // The trap was really set: while the slow transaction was open, others committed after its position…
    const slowMajor = BigInt(slowRow!.transaction_id);
    const laterCommitted = written.filter((p) => BigInt(`0x${p.slice(0, 16)}`) > slowMajor);
    expect(laterCommitted.length).toBeGreaterThan(0);
    // …but the head a reader could see stayed below the slow transaction until it committed.
    expect(BigInt(`0x${committedBeforeSlow.slice(0, 16)}`)).toBeLessThan(slowMajor);

    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((e) => e.eventId)).size).toBe(total);
    expect(seen.some((e) => e.eventId === slowEventId)).toBe(true);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.position > seen[i - 1]!.position).toBe(true);
  });

  it('keeps order and versions intact while a second process appends to the same streams', async () => {
    const { store, schema } = await freshStore();
    const streams = ['family-x', 'family-y', 'family-z'];
    const count = 60;
    const worker = promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', join(__dirname, '../testing/append-worker.ts')],
      {
        env: {
          ...process.env,
          DATABASE_URL: postgresUrl(),
          SCHEMA: schema,
          STREAMS: streams.join(','),
          COUNT: `${count}`,
        },
        cwd: join(__dirname, '../../../..'),
      },
    );
    const mine: string[] = [];
    for (let i = 0; i < count; i++) {
      for (const streamId of streams) {
        const eventId = randomUUID();
        for (;;) {
          try {
            await store.appendToStream(
              streamId,
              [{ eventId, type: 'AppendedByTest', data: { i } }],
              {
                expectedVersion: await store.streamVersion(streamId),
              },
            );
            mine.push(eventId);
            break;
          } catch (error) {
            if (!(error instanceof VersionConflictError)) throw error;
          }
        }
      }
    }
    const { stdout } = await worker;
    const theirs = (JSON.parse(stdout) as { appended: string[] }).appended;

    expect(theirs).toHaveLength(count * streams.length);
    const all = await readEverything(store, {
      until: (events) => events.length >= 2 * count * streams.length,
    });
    expect(all).toHaveLength(2 * count * streams.length);
    expect(new Set(all.map((e) => e.eventId))).toEqual(new Set([...mine, ...theirs]));
    for (const streamId of streams) {
      const versions = all.filter((e) => e.streamId === streamId).map((e) => e.version);
      expect(versions).toEqual(Array.from({ length: 2 * count }, (_, i) => i + 1));
    }
  });

  it('reads each batch as a range scan of the primary key, not a sort of the table', async () => {
    const { store, schema } = await freshStore();
    await database.query(
      `insert into "${schema}".events (event_id, stream_id, version, type, schema_version, data, metadata)
       select gen_random_uuid(), 'family-' || (g % 1000), g / 1000 + 1, 'Bulk', 1, '{}', '{}'
       from generate_series(1, 50000) g`,
    );
    await database.query(`analyze "${schema}".events`);
    const head = await store.headPosition();
    const sql = eventStoreStatements(`"${schema}"`).readAll;
    for (const after of [START, head]) {
      const major = BigInt(`0x${after.slice(0, 16)}`).toString();
      const plan = await database.query<{ 'QUERY PLAN': string }>(
        `explain ${sql}`.replace('$1', `'${major}'`).replace('$2', '0').replace('$3', '500'),
      );
      const text = plan.map((row) => row['QUERY PLAN']).join('\n');
      expect(text).toMatch(/Index Scan using events_pkey/);
      expect(text).toMatch(/Index Cond: .*ROW\(transaction_id, sequence\) > ROW/);
      expect(text).not.toMatch(/Sort|Seq Scan/);
    }
  });

  it("looks up each stream's version of appends written together in the index of its stream, not the table", async () => {
    const { schema } = await freshStore();
    await database.query(
      `insert into "${schema}".events (event_id, stream_id, version, type, schema_version, data, metadata)
       select gen_random_uuid(), 'family-' || (g % 1000), g / 1000 + 1, 'Bulk', 1, '{}', '{}'
       from generate_series(1, 50000) g`,
    );
    await database.query(`analyze "${schema}".events`);
    const sql = appendTogetherStatement(`"${schema}"`, 'rider as (select 1)')
      .replace('$1', `array['family-1', 'family-2']`)
      .replace('$2', 'array[gen_random_uuid(), gen_random_uuid()]')
      .replace('$3', `array['Noted', 'Noted']`)
      .replace('$4', 'array[1, 1]')
      .replace('$5', `array['{}', '{}']`)
      .replace('$6', `array['{}', '{}']`)
      .replace('$7', 'array[null, 3]');
    const plan = await database.query<{ 'QUERY PLAN': string }>(`explain ${sql}`);
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index Only Scan (Backward )?using events_stream_version_key/);
    expect(text).not.toMatch(/Seq Scan on events/);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
