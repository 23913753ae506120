import { randomUUID } from 'node:crypto';

import { describeWithPostgres, testDatabase } from '@samenspoor/testing';

import { VersionConflictError } from '../errors';
import { SqlEventStore } from './sql-event-store';

const event = () => ({ eventId: randomUUID(), type: 'Happened', data: {}, metadata: {} });

function alsoWriteSuite(kind: 'pglite' | 'postgres'): void {
  let store: SqlEventStore;
  const db = testDatabase(
    kind,
    'es_also',
    'each',
    async ({ database, schema }) => {
      store = await SqlEventStore.create(database, { schema });
      await database.query(`create table "${schema}".side (note text not null)`);
    },
    () => store.close(),
  );

  const notes = async () =>
    (await db.database.query<{ note: string }>(`select note from "${db.schema}".side`)).map(
      (r) => r.note,
    );

  it('commits what alsoWrite writes with the events, and appends nothing when it throws', async () => {
    const first = [event()];
    await store.appendToStream('s-1', first, {
      expectedVersion: 'no-stream',
      alsoWrite: (tx) =>
        tx.query(`insert into "${db.schema}".side values ('first')`).then(() => undefined),
    });
    await expect(
      store.appendToStream('s-1', [event()], {
        expectedVersion: 1,
        alsoWrite: async (tx) => {
          await tx.query(`insert into "${db.schema}".side values ('second')`);
          throw new Error('the side write failed');
        },
      }),
    ).rejects.toThrow('the side write failed');
    expect(await store.streamVersion('s-1')).toBe(1);
    expect(await notes()).toEqual(['first']);

    // A conflict inserts nothing and writes nothing; a repeat of the first append answers it without writing.
    let calls = 0;
    const count = async () => {
      calls += 1;
      await Promise.resolve();
    };
    await expect(
      store.appendToStream('s-1', [event()], { expectedVersion: 'no-stream', alsoWrite: count }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    await expect(
      store.appendToStream('s-1', first, { expectedVersion: 'no-stream', alsoWrite: count }),
    ).resolves.toMatchObject({ nextExpectedVersion: 1 });
    expect(calls).toBe(0);
  });
}

describe('SqlEventStore alsoWrite (pglite)', () => alsoWriteSuite('pglite'));
describeWithPostgres('SqlEventStore alsoWrite (postgres)', () => alsoWriteSuite('postgres'));
