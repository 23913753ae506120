import { randomUUID } from 'node:crypto';

import { describeWithPostgres, readEverything, testDatabase } from '@samenspoor/testing';

import { START } from '../position';
import { SqlEventStore } from './sql-event-store';

/**
 * The events come back exactly as they were appended, whichever way the database hands them over: as columns on
 * the PostgreSQL server, as one JSON array per event on PGlite. The two suites hold the same expectations.
 */
function eventRowsSuite(kind: 'pglite' | 'postgres'): void {
  let store: SqlEventStore;
  const db = testDatabase(
    kind,
    'es_rows',
    'each',
    async ({ database, schema }) => {
      store = await SqlEventStore.create(database, { schema });
    },
    () => store.close(),
  );

  const tricky = {
    text: 'tab\there, new\nline, back\\slash, "quotes", \u00e9\u00e8, \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67',
    escaped: '\u0001\u001f</script>',
    nested: { list: [1, 'two', null, { three: [true, false] }], empty: {}, none: [] },
    numbers: [0, -1, 0.1, 1e21, 1.2345678901234567e19, 2 ** 53 + 2, -1.5e-7],
  };

  it('reads back data, metadata, ids, versions and positions as appended, by stream, in order and by id', async () => {
    const first = { eventId: randomUUID(), type: 'Registered', data: tricky, metadata: {} };
    const second = {
      eventId: randomUUID(),
      type: 'Noted',
      data: { note: 'x'.repeat(10_000) },
      metadata: { correlationId: randomUUID(), actor: { id: 'p-1', roles: ['professional'] } },
    };
    const appended = await store.appendToStream('family-1', [first, second], {
      expectedVersion: 'no-stream',
    });
    const other = await store.appendToStream(
      'family-2',
      [{ eventId: randomUUID(), type: 'Registered', data: {}, metadata: {} }],
      { expectedVersion: 'no-stream' },
    );

    const forwards = await store.readStream('family-1');
    expect(
      forwards.map((e) => [e.eventId, e.streamId, e.version, e.type, e.schemaVersion]),
    ).toEqual([
      [first.eventId, 'family-1', 1, 'Registered', 1],
      [second.eventId, 'family-1', 2, 'Noted', 1],
    ]);
    expect(forwards[0]!.data).toEqual(JSON.parse(JSON.stringify(tricky)));
    expect(forwards[0]!.metadata).toEqual({});
    expect(forwards[1]!.data).toEqual(second.data);
    expect(forwards[1]!.metadata).toEqual(second.metadata);
    expect(forwards[1]!.position).toBe(appended.position);
    expect(forwards[0]!.position < forwards[1]!.position).toBe(true);
    expect(forwards[0]!.recordedAt).toBeInstanceOf(Date);

    const backwards = await store.readStream('family-1', { direction: 'backwards', maxCount: 1 });
    expect(backwards).toEqual([forwards[1]]);

    // (On the server, readAll waits for every older transaction of the server, other suites' included.)
    await readEverything(store, { until: (events) => events.length === 3 });
    const all = await store.readAll({ after: START });
    expect(all.events.map((e) => e.eventId)).toEqual([
      first.eventId,
      second.eventId,
      (await store.readStream('family-2'))[0]!.eventId,
    ]);
    expect(all.events.slice(0, 2)).toEqual(forwards);
    expect(all.position).toBe(other.position);
    expect((await store.readAll({ after: forwards[0]!.position, limit: 1 })).events).toEqual([
      forwards[1],
    ]);

    // The same append again is answered from the stored events (looked up by id), with the same position.
    await expect(
      store.appendToStream('family-1', [first, second], { expectedVersion: 'no-stream' }),
    ).resolves.toEqual(appended);
  });

  it('reads the time an event was recorded to the millisecond, rounded down, before 1970 too', async () => {
    await store.appendToStream(
      'family-1',
      ['Registered', 'Noted', 'Noted'].map((type) => ({
        eventId: randomUUID(),
        type,
        data: {},
        metadata: {},
      })),
      { expectedVersion: 'no-stream' },
    );
    const times = [
      '2026-12-07 06:00:00.123999+00',
      '2026-12-07 07:00:00+01',
      '1969-12-31 23:59:59.9995+00',
    ];
    for (const [k, at] of times.entries())
      await db.database.query(
        `update "${db.schema}".events set recorded_at = $1 where stream_id = 'family-1' and version = $2`,
        [at, k + 1],
      );
    const read = await store.readStream('family-1');
    expect(read.map((e) => e.recordedAt.toISOString())).toEqual([
      '2026-12-07T06:00:00.123Z',
      '2026-12-07T06:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
    ]);
    const all = await readEverything(store, { until: (events) => events.length === 3 });
    expect(all.map((e) => e.recordedAt)).toEqual(read.map((e) => e.recordedAt));
  });
}

describe('SqlEventStore reads events back as appended (pglite)', () => eventRowsSuite('pglite'));
describeWithPostgres('SqlEventStore reads events back as appended (postgres)', () =>
  eventRowsSuite('postgres'),
);
