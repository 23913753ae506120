import { describeOnEachDatabase, testDatabase } from '@samenspoor/testing';

import { copyInto, copyRows } from './copy';
import { quoteIdentifier } from './sql-database';

interface Row {
  id: number;
  label: string | null;
  at: string | Date | null;
  flag: boolean | null;
  data: object | null;
}

describeOnEachDatabase('copyInto', (kind) => {
  const db = testDatabase(kind, 'copy', 'each', async ({ database, schema }) => {
    await database.query(`create schema ${quoteIdentifier(schema)}`);
    await database.query(
      `create table ${table(schema)} (id int primary key, label text, at timestamptz, flag boolean, data json)`,
    );
  });
  const table = (schema: string) => `${quoteIdentifier(schema)}.copied`;
  const COLUMNS = ['id', 'label', 'at', 'flag', 'data'] as const;

  const stored = () =>
    db.database.query<{
      id: number;
      label: string | null;
      at: string | null;
      flag: boolean | null;
      data: string | null;
    }>(
      `select id, label, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as at, flag,
              data::text as data
       from ${table(db.schema)} order by id`,
    );

  it('stores every kind of value as the same statement with parameters would', async () => {
    // Given rows with the characters COPY gives a meaning of its own, NULLs, and JSON with escapes,
    const rows: Row[] = [
      {
        id: 1,
        label: 'tab\there, newline\nhere, return\rhere, backslash\\here',
        at: '2026-01-02T03:04:05.678Z',
        flag: true,
        data: { note: 'a "quoted"\nline', u: '\u0000é😀' },
      },
      {
        id: 2,
        label: '\\N',
        at: new Date('1999-12-31T23:59:59.000Z'),
        flag: false,
        data: [1, 'two', null],
      },
      { id: 3, label: null, at: null, flag: null, data: null },
      { id: 4, label: '', at: '2026-06-01T00:00:00+02:00', flag: true, data: {} },
    ];
    // When they are copied in, in a transaction,
    await db.database.transaction((tx) =>
      copyInto(tx, table(db.schema), COLUMNS, copyRows(rows, COLUMNS)),
    );
    // Then each is stored as it was given.
    expect(await stored()).toEqual([
      {
        id: 1,
        label: rows[0]!.label,
        at: '2026-01-02T03:04:05.678',
        flag: true,
        data: JSON.stringify(rows[0]!.data),
      },
      { id: 2, label: '\\N', at: '1999-12-31T23:59:59.000', flag: false, data: '[1,"two",null]' },
      { id: 3, label: null, at: null, flag: null, data: null },
      { id: 4, label: '', at: '2026-05-31T22:00:00.000', flag: true, data: '{}' },
    ]);
    expect(JSON.parse((await stored())[0]!.data!)).toEqual(rows[0]!.data);
  });

  it('writes nothing when a field does not fit its column, and the connection goes on', async () => {
    const good: Row = { id: 1, label: 'kept', at: null, flag: null, data: null };
    const bad = { ...good, id: 2, at: 'not a time' };
    await expect(
      db.database.transaction(async (tx) => {
        await copyInto(tx, table(db.schema), COLUMNS, copyRows([good], COLUMNS));
        await copyInto(tx, table(db.schema), COLUMNS, copyRows([bad], COLUMNS));
      }),
    ).rejects.toThrow(/not a time/);
    expect(await stored()).toEqual([]);
    // A key already there fails the copy as it would an insert.
    await db.database.transaction((tx) =>
      copyInto(tx, table(db.schema), COLUMNS, copyRows([good], COLUMNS)),
    );
    await expect(
      db.database.transaction((tx) =>
        copyInto(tx, table(db.schema), COLUMNS, copyRows([good], COLUMNS)),
      ),
    ).rejects.toThrow(/duplicate key/);
    expect((await stored()).map((row) => row.label)).toEqual(['kept']);
  });

  it('also runs outside a transaction, and does nothing for no rows', async () => {
    await copyInto(db.database, table(db.schema), COLUMNS, copyRows([], COLUMNS));
    await copyInto(
      db.database,
      table(db.schema),
      COLUMNS,
      copyRows([{ id: 7, label: 'alone', at: null, flag: null, data: null }], COLUMNS),
    );
    expect((await stored()).map((row) => row.id)).toEqual([7]);
  });

  it('refuses a column name that is not a plain identifier, before sending anything', async () => {
    await expect(
      copyInto(db.database, table(db.schema), ['id); drop table x; --'], '1\n'),
    ).rejects.toThrow(/invalid column name/);
  });
});
