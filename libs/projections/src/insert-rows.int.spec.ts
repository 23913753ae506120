import { quoteIdentifier } from '@samenspoor/sql';
import { describeOnEachDatabase, testDatabase } from '@samenspoor/testing';

import { COPY_FROM_ROWS, insertRows, type RowColumn } from './events';
import { LIVE_TABLES, REBUILDING_TABLES } from './projection';

interface Fact {
  familyId: string;
  version: number;
  note: string | null;
}

const COLUMNS: readonly RowColumn<Fact>[] = [
  { name: 'family_id', type: 'text', field: 'familyId' },
  { name: 'version', type: 'int', field: 'version' },
  { name: 'note', type: 'text', field: 'note' },
];

const facts = (from: number, to: number, note = 'first'): Fact[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    familyId: `f-${(from + i) % 7}`,
    version: from + i,
    note: `${note}\t${from + i}`,
  }));

/**
 * Rows keyed by their event go into a live table by COPY when there are many, and must still be left as they are
 * when an event comes again (a checkpoint set back): the copy then fails on the key and is replaced by an insert
 * with `on conflict … do nothing`, within the same transaction.
 */
describeOnEachDatabase('insertRows, rows keyed by their event', (kind) => {
  const db = testDatabase(kind, 'insert_rows', 'each', async ({ database, schema }) => {
    await database.query(`create schema ${quoteIdentifier(schema)}`);
    await database.query(
      `create table ${quoteIdentifier(schema)}.facts
         (family_id text not null, version int not null, note text, primary key (family_id, version))`,
    );
  });
  const table = () => `${quoteIdentifier(db.schema)}.facts`;
  const conflict = 'on conflict (family_id, version) do nothing';
  const stored = () =>
    db.database.query<{ family_id: string; version: number; note: string }>(
      `select family_id, version, note from ${table()} order by version`,
    );
  const asStored = (rows: readonly Fact[]) =>
    rows.map((row) => ({ family_id: row.familyId, version: row.version, note: row.note }));
  /** The statements sent, by their first words. */
  const write = async (rows: readonly Fact[], rebuilding = false) => {
    const sent: string[] = [];
    await db.database.transaction(async (tx) => {
      const counting = {
        query: <R extends object>(text: string, params?: readonly unknown[], options?: object) => {
          sent.push(text.trim().split(/\s+/).slice(0, 2).join(' '));
          return tx.query<R>(text, params, options);
        },
      };
      await insertRows(counting, table(), COLUMNS, rows, {
        context: rebuilding ? REBUILDING_TABLES : LIVE_TABLES,
        conflict,
      });
    });
    return sent;
  };

  it('copies many new rows in, under a savepoint', async () => {
    const rows = facts(1, COPY_FROM_ROWS + 20);
    expect(await write(rows)).toEqual([
      'savepoint copy_rows',
      `copy ${table()}`,
      'release savepoint',
    ]);
    expect(await stored()).toEqual(asStored(rows));
  });

  it('leaves rows already there as they are, and adds the others, when many come again', async () => {
    // Given rows of events applied before,
    const first = facts(1, COPY_FROM_ROWS + 20);
    await write(first);
    // when a batch comes again with most of them (changed, as a bug might) and some new ones,
    const again = facts(11, COPY_FROM_ROWS + 60, 'again');
    const sent = await write(again);
    // then the copy failed on the key and was undone, the rows were inserted with on conflict instead,
    expect(sent).toEqual([
      'savepoint copy_rows',
      `copy ${table()}`,
      'rollback to',
      'release savepoint',
      `insert into`,
    ]);
    // the rows that were there are as they were, and the new ones are in, each once.
    expect(await stored()).toEqual(
      asStored([...first, ...again.filter((row) => row.version > first.length)]),
    );
  });

  it('inserts a few rows with on conflict at once: one statement', async () => {
    await write(facts(1, 5));
    expect(await write(facts(3, 8, 'again'))).toEqual(['insert into']);
    expect(await stored()).toEqual(asStored([...facts(1, 5), ...facts(6, 8, 'again')]));
  });

  it('copies any number of rows into a rebuild’s table, without a savepoint', async () => {
    expect(await write(facts(1, 3), true)).toEqual([`copy ${table()}`]);
    expect(await write(facts(4, COPY_FROM_ROWS + 4), true)).toEqual([`copy ${table()}`]);
    expect(await stored()).toEqual(asStored(facts(1, COPY_FROM_ROWS + 4)));
  });

  it('fails, writing nothing, on a value that does not fit, however many rows there are', async () => {
    const rows = facts(1, COPY_FROM_ROWS + 1);
    const bad = [
      ...rows,
      { familyId: 'f-x', version: 'not a number' as unknown as number, note: null },
    ];
    await expect(write(bad)).rejects.toThrow(/not a number/);
    await expect(write(bad.slice(-3))).rejects.toThrow(/not a number/);
    expect(await stored()).toEqual([]);
  });
});
