import type { SqlQueryable } from './sql-database';

/**
 * What a COPY row may hold: text as it is; numbers and booleans as PostgreSQL reads them; a Date as its ISO
 * string; any other object as its JSON text (for a `json` column); null or undefined as NULL.
 */
export type CopyValue = string | number | boolean | Date | object | null | undefined;

/** The characters COPY's text format gives a meaning of its own: they are written with a backslash. */
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPED: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/** One field as COPY's text format writes it (PostgreSQL's `COPY` documentation, "Text Format"). */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`a COPY field cannot hold the number ${value}`);
    return String(value);
  } else if (typeof value === 'boolean') return value ? 't' : 'f';
  else if (value instanceof Date) return value.toISOString();
  else text = JSON.stringify(value);
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPED[c]!) : text;
}

/**
 * Rows in the text format of `COPY … FROM STDIN`: a line per row, the fields of `keys` in that order, separated
 * by tabs. Paired with {@link copyInto}.
 */
export function copyRows<R extends object, K extends keyof R>(
  rows: readonly R[],
  keys: readonly K[],
): string {
  const lines: string[] = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let line = copyField(row[keys[0]!] as CopyValue);
    for (let k = 1; k < keys.length; k++) line += `\t${copyField(row[keys[k]!] as CopyValue)}`;
    lines[i] = line;
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * Appends rows to a table with one `COPY … FROM STDIN`: for many rows far cheaper than an `INSERT`, for the
 * server (no parameters to parse into arrays and unnest) and for this process (no array literals to build); but
 * with no `on conflict` and no expressions, so only for rows that go in as they are — a rebuild's fresh tables.
 * `table` is a qualified, quoted name; `columns` plain column names; `rows` as {@link copyRows} writes them.
 * Like any statement, it fails as a whole: a field the column cannot take writes no row.
 */
export async function copyInto(
  tx: SqlQueryable,
  table: string,
  columns: readonly string[],
  rows: string,
): Promise<void> {
  if (rows.length === 0) return;
  for (const column of columns) {
    if (!/^[a-z_][a-z0-9_]*$/.test(column)) throw new Error(`invalid column name ${column}`);
  }
  await tx.query(`copy ${table} (${columns.join(', ')}) from stdin`, [], { copyRows: rows });
}
