import { randomUUID } from 'node:crypto';

import type { SqlStatementRider } from '@samenspoor/sql';
import { describeWithPostgres, testDatabase } from '@samenspoor/testing';

import { decodePosition } from '../position';
import { DuplicateEventIdError, VersionConflictError } from '../errors';
import { SqlEventStore } from './sql-event-store';

const event = () => ({ eventId: randomUUID(), type: 'Happened', data: {}, metadata: {} });

/**
 * Appends with a rider that can be written together: those that arrive while one is written share the next
 * statement (one transaction, so one transaction id in their positions), and each still gets its own answer.
 */
function groupedSuite(kind: 'pglite' | 'postgres'): void {
  let store: SqlEventStore;
  const db = testDatabase(
    kind,
    'es_group',
    'each',
    async ({ database, schema }) => {
      store = await SqlEventStore.create(database, { schema });
      await database.query(
        `create table "${schema}".side (stream text not null, note text not null check (note <> 'refused'))`,
      );
    },
    () => store.close(),
  );

  /** A rider writing a side row with the events, on its own or with others'. */
  const rider = (stream: string, note: string, written: string[] = []): SqlStatementRider => ({
    name: 'side_row',
    ctes: (first) => `side_row as (
        insert into "${db.schema}".side (stream, note)
        select $${first}::text, $${first + 1}::text where exists (select 1 from inserted))`,
    params: [stream, note],
    written: () => written.push(stream),
    together: {
      key: stream,
      ctes: (first) => `side_rows as (
          insert into "${db.schema}".side (stream, note)
          select r.stream, r.note from unnest($${first}::text[], $${first + 1}::text[])
            with ordinality as r(stream, note, i)
          where r.i in (select i from inserted))`,
    },
  });
  const sideRows = async () =>
    (
      await db.database.query<{ stream: string; note: string }>(
        `select stream, note from "${db.schema}".side order by stream, note`,
      )
    ).map((r) => `${r.stream}:${r.note}`);
  const transactionOf = (position: string) => decodePosition(position).major;

  it('writes appends that arrive together in one statement, each with its own answer and rows', async () => {
    const written: string[] = [];
    const streams = Array.from({ length: 12 }, (_, i) => `g-${String(i).padStart(2, '0')}`);
    const results = await Promise.all(
      streams.map((stream) =>
        store.appendToStream(stream, [event()], {
          expectedVersion: 'no-stream',
          rider: rider(stream, 'first', written),
        }),
      ),
    );
    expect(results.map((r) => r.nextExpectedVersion)).toEqual(streams.map(() => 1));
    expect(new Set(results.map((r) => r.position)).size).toBe(streams.length);
    // The first went on its own; the eleven that came meanwhile shared the next statement.
    const transactions = new Set(results.map((r) => transactionOf(r.position)));
    expect(transactions.size).toBeLessThan(streams.length);
    expect(transactions.size).toBe(2);
    expect(written.sort()).toEqual(streams);
    expect(await sideRows()).toEqual(streams.map((s) => `${s}:first`));
    for (const stream of streams) expect(await store.streamVersion(stream)).toBe(1);
  });

  it('fails only the append whose version does not hold, and writes the rows of the others', async () => {
    await store.appendToStream('v-b', [event()], { expectedVersion: 'no-stream' });
    const written: string[] = [];
    const outcomes = await Promise.allSettled(
      ['v-a', 'v-b', 'v-c', 'v-d'].map((stream) =>
        store.appendToStream(stream, [event()], {
          expectedVersion: 'no-stream',
          rider: rider(stream, 'note', written),
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    // v-b, v-c and v-d waited behind v-a and shared a statement, which wrote no event for v-b.
    const [, , c, d] = outcomes.map((o) => (o.status === 'fulfilled' ? o.value.position : ''));
    expect(transactionOf(c!)).toBe(transactionOf(d!));
    expect(written.sort()).toEqual(['v-a', 'v-c', 'v-d']);
    expect(await sideRows()).toEqual(['v-a:note', 'v-c:note', 'v-d:note']);
    expect(await store.streamVersion('v-b')).toBe(1);
  });

  it('answers a repeat with its first result and refuses a reused event id, while the others are written', async () => {
    const repeated = [event()];
    const first = await store.appendToStream('r-a', repeated, {
      expectedVersion: 'no-stream',
      rider: rider('r-a', 'once'),
    });
    const stolen = event();
    await store.appendToStream('r-x', [stolen], { expectedVersion: 'no-stream' });
    // Something to wait behind, so that the next three share a statement (which fails on the stored event ids).
    const lead = store.appendToStream('r-lead', [event()], {
      expectedVersion: 'no-stream',
      rider: rider('r-lead', 'lead'),
    });
    const outcomes = await Promise.allSettled([
      lead,
      store.appendToStream('r-a', repeated, {
        expectedVersion: 'no-stream',
        rider: rider('r-a', 'again'),
      }),
      store.appendToStream('r-b', [stolen], {
        expectedVersion: 'no-stream',
        rider: rider('r-b', 'stolen'),
      }),
      store.appendToStream('r-c', [event()], {
        expectedVersion: 'no-stream',
        rider: rider('r-c', 'new'),
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((outcomes[1] as PromiseFulfilledResult<unknown>).value).toEqual(first);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
    // The repeat wrote no second side row; the refused append none at all.
    expect(await sideRows()).toEqual(['r-a:once', 'r-c:new', 'r-lead:lead']);
  });

  it("writes a rider's refusal as that append's failure only, and nothing of it", async () => {
    const outcomes = await Promise.allSettled(
      ['f-a', 'f-b', 'f-c'].map((stream) =>
        store.appendToStream(stream, [event()], {
          expectedVersion: 'no-stream',
          rider: rider(stream, stream === 'f-b' ? 'refused' : 'fine'),
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.streamVersion('f-b')).toBe(0);
    expect(await sideRows()).toEqual(['f-a:fine', 'f-c:fine']);
  });

  it('keeps appends to one stream in the order they came, one statement each', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        store.appendToStream(i % 2 === 0 ? 'o-a' : 'o-b', [event()], {
          expectedVersion: 'any',
          rider: rider(i % 2 === 0 ? 'o-a' : 'o-b', `n${i}`),
        }),
      ),
    );
    expect(results.map((r) => r.nextExpectedVersion)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(await sideRows()).toEqual(['o-a:n0', 'o-a:n2', 'o-a:n4', 'o-b:n1', 'o-b:n3', 'o-b:n5']);
  });
}

describe('SqlEventStore grouped appends (pglite)', () => groupedSuite('pglite'));
describeWithPostgres('SqlEventStore grouped appends (postgres)', () => groupedSuite('postgres'));
