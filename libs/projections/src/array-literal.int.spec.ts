import { describeOnEachDatabase, testDatabase } from '@samenspoor/testing';

import { arrayLiteral, columns } from './events';

const awkward = [
  'plain',
  '',
  'NULL',
  'null',
  'with "quotes" inside',
  'back\\slash and \\" both',
  '\\',
  '"',
  'comma, {braces} and (parens)',
  '  spaces around  ',
  'line\nbreak\ttab',
  'Ëlzinga — 🙂',
];

describeOnEachDatabase('columns are sent as array literals', (kind) => {
  const db = testDatabase(kind, 'arrays', 'all');

  it('given awkward strings, numbers, booleans and nulls, the server reads back exactly what node-postgres would have sent', async () => {
    const texts = [...awkward, null];
    const [fast] = await db.database.query<{ a: (string | null)[] }>(`select $1::text[] as a`, [
      arrayLiteral(texts),
    ]);
    const [reference] = await db.database.query<{ a: (string | null)[] }>(
      `select $1::text[] as a`,
      [texts],
    );
    expect(fast?.a).toEqual(texts);
    expect(fast?.a).toEqual(reference?.a);

    const [numbers] = await db.database.query<{
      i: number[];
      b: string[];
      f: number[];
      t: boolean[];
    }>(`select $1::int[] as i, $2::bigint[]::text[] as b, $3::float8[] as f, $4::boolean[] as t`, [
      arrayLiteral([1, -2, null]),
      arrayLiteral([2n ** 62n, 0]),
      arrayLiteral([1.5, -0.25]),
      arrayLiteral([true, false, null]),
    ]);
    expect(numbers).toEqual({
      i: [1, -2, null],
      b: [String(2n ** 62n), '0'],
      f: [1.5, -0.25],
      t: [true, false, null],
    });
  });

  it('leaves an array with a Date or an object as it is, for node-postgres to send', () => {
    const dates = [new Date(0), null];
    expect(arrayLiteral(dates)).toBe(dates);
    const objects = [{ a: 1 }];
    expect(arrayLiteral(objects)).toBe(objects);
    expect(arrayLiteral([])).toBe('{}');
  });

  it('given rows, answers one literal per column, in the order of the keys', async () => {
    const rows = [
      { id: 'a"1', n: 1 },
      { id: 'b\\2', n: null },
    ];
    const back = await db.database.query<{ id: string; n: number | null }>(
      `select * from unnest($1::text[], $2::int[]) as r(id, n)`,
      columns(rows, ['id', 'n']),
    );
    expect(back).toEqual(rows);
  });

  it('given rows with a column of Dates and missing values, sends that column as an array and the others as literals', async () => {
    const rows: { id: string; at: Date | null; note?: string; n?: number }[] = [
      { id: 'a', at: new Date('2026-03-01T09:30:00.000Z'), note: awkward[5], n: 1 },
      { id: 'b', at: null },
    ];
    const sent = columns(rows, ['id', 'at', 'note', 'n']);
    expect(sent[0]).toBe('{"a","b"}');
    expect(sent[1]).toEqual([rows[0]!.at, null]);
    expect(typeof sent[2]).toBe('string');
    const back = await db.database.query<{
      id: string;
      at: Date | null;
      note: string | null;
      n: number | null;
    }>(
      `select * from unnest($1::text[], $2::timestamptz[], $3::text[], $4::int[]) as r(id, at, note, n)`,
      sent,
    );
    expect(back.map((row) => ({ ...row, at: row.at && new Date(row.at).toISOString() }))).toEqual([
      { id: 'a', at: '2026-03-01T09:30:00.000Z', note: awkward[5], n: 1 },
      { id: 'b', at: null, note: null, n: null },
    ]);
  });
});
