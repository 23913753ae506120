import { parseFamilyEvent, type FamilyEvent } from '@samenspoor/domain';
import type { EventRecord } from '@samenspoor/event-store';
import { copyInto, copyRows, type SqlQueryable } from '@samenspoor/sql';

import { familyIdOf, type TablesContext } from './projection';

/** A family event as projections see it: the domain event, with its family and place in the stream. */
export interface FamilyEventRecord {
  readonly familyId: string;
  readonly event: FamilyEvent;
  readonly record: EventRecord;
}

/**
 * The family events among a batch, in order, parsed. Events of other streams, of unknown types, or that do not
 * parse (a field the code cannot do without is missing or of another type) are left out: a read model never
 * fails on an event, and what it cannot read it does not show.
 */
export function familyEvents(records: readonly EventRecord[]): FamilyEventRecord[] {
  const result: FamilyEventRecord[] = [];
  for (const record of records) {
    const parsed = parsedFamilyEvent(record);
    if (parsed) result.push(parsed);
  }
  return result;
}

/**
 * Parsed once per record, not once per read model: the read models applied to one batch together are handed the
 * same record objects. `null`: not a family event (or one that does not parse).
 */
const PARSED = new WeakMap<EventRecord, FamilyEventRecord | null>();

function parsedFamilyEvent(record: EventRecord): FamilyEventRecord | null {
  let found = PARSED.get(record);
  if (found === undefined) {
    const familyId = familyIdOf(record);
    const parsed = familyId === undefined ? undefined : parseFamilyEvent(record);
    found = familyId !== undefined && parsed?.ok ? { familyId, event: parsed.event, record } : null;
    PARSED.set(record, found);
  }
  return found;
}

/** A time as epoch milliseconds and as ISO-8601 UTC. */
export interface ParsedTime {
  readonly ms: number;
  readonly iso: string;
}

/** Parsed times by their text: a batch's times are read by several read models, so each is parsed once. */
const TIMES = new Map<string, ParsedTime | null>();
const TIMES_KEPT = 50_000;

/** A time as `Date.parse` reads it, or undefined for a value that is no time (each read model says what it takes). */
export function parseTime(value: unknown): ParsedTime | undefined {
  if (typeof value !== 'string') return undefined;
  const canonical = canonicalTime(value);
  if (canonical !== undefined) return canonical;
  let parsed = TIMES.get(value);
  if (parsed === undefined) {
    const ms = Date.parse(value);
    parsed = Number.isNaN(ms) ? null : { ms, iso: new Date(ms).toISOString() };
    if (TIMES.size >= TIMES_KEPT) TIMES.clear();
    TIMES.set(value, parsed);
  }
  return parsed ?? undefined;
}

/**
 * A time written as `toISOString` writes it (`2026-03-01T09:30:00.000Z`, years 0100 to 9999, a real day of the
 * month), which is how the domain writes every time: read without `Date.parse` and with the text itself as its
 * ISO form. Anything else is undefined here and left to `Date.parse` (measured: ~2 µs a time through the cache
 * and `Date.parse`, a few percent of a catch-up's CPU).
 */
function canonicalTime(value: string): ParsedTime | undefined {
  if (
    value.length !== 24 ||
    value.charCodeAt(4) !== 45 || // -
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== 84 || // T
    value.charCodeAt(13) !== 58 || // :
    value.charCodeAt(16) !== 58 ||
    value.charCodeAt(19) !== 46 || // .
    value.charCodeAt(23) !== 90 // Z
  )
    return undefined;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  const milli = digits(value, 20, 3);
  if (
    year < 100 || // Date.UTC reads 0–99 as 1900–1999
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    milli < 0
  )
    return undefined;
  return { ms: Date.UTC(year, month - 1, day, hour, minute, second, milli), iso: value };
}

/** The decimal number of `length` digits at `start`, or -1 when one of them is no digit. */
function digits(text: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Years 1 to 9999: what an ISO string and a `timestamptz` both hold. */
const EARLIEST_MS = Date.parse('0001-01-01T00:00:00Z');
const LATEST_MS = Date.parse('9999-12-31T23:59:59.999Z');

export function withinIsoYears(ms: number): boolean {
  return ms >= EARLIEST_MS && ms <= LATEST_MS;
}

/**
 * Rows for a multi-row statement: one array per column, in `unnest($1::…[], $2::…[], …)` order, each as the array
 * literal node-postgres would send for it (see {@link arrayLiteral}).
 */
export function columns<R extends object, K extends keyof R>(
  rows: readonly R[],
  keys: readonly K[],
): unknown[] {
  return keys.map(
    (key) => literal(rows.length, (i) => rows[i]![key]) ?? rows.map((row) => row[key] ?? null),
  );
}

/**
 * The PostgreSQL array literal of strings, numbers, booleans and nulls — what node-postgres sends for such an
 * array, written faster: node-postgres runs two regular-expression replacements over every element, which was
 * the largest single item of the runner's CPU in a catch-up (escapeElement, ~8% of its busy time); here a
 * string without `"` or `\` is quoted as it is. An array with any other kind of element (a Date, an object)
 * is answered as it is, for node-postgres to serialise.
 */
export function arrayLiteral(values: readonly unknown[]): string | readonly unknown[] {
  return literal(values.length, (i) => values[i]) ?? values;
}

/** The array literal of `length` elements read by `at`; undefined when one is neither of those kinds. */
function literal(length: number, at: (i: number) => unknown): string | undefined {
  let text = '{';
  for (let i = 0; i < length; i++) {
    const value = at(i);
    if (i > 0) text += ',';
    if (value === null || value === undefined) text += 'NULL';
    else if (typeof value === 'string') text += quotedElement(value);
    else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
      text += quotedElement(String(value));
    else return undefined;
  }
  return text + '}';
}

function quotedElement(text: string): string {
  if (!text.includes('"') && !text.includes('\\')) return `"${text}"`;
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** A column of {@link insertRows}: its name, its SQL type, and the field of a row that fills it. */
export interface RowColumn<R> {
  readonly name: string;
  readonly type: string;
  readonly field: keyof R & string;
}

/**
 * From how many rows a live table's rows keyed by their event are copied in rather than inserted: copying takes
 * three statements (a savepoint, the copy, its release) and four round trips where an insert takes one, and pays
 * off over many rows — a catch-up's batches (thousands of events), not the batches the API's own runner applies while
 * commands come in (up to a few hundred events flat out), whose latency a round trip more would add to.
 */
export const COPY_FROM_ROWS = 500;

/**
 * Inserts rows keyed by their event (an event's row is the same however often it comes), so that an event
 * applied again changes nothing:
 * - into a rebuild's fresh tables, where each event comes once, they are copied in ({@link copyInto});
 * - into live tables, {@link COPY_FROM_ROWS} or more are copied in as well, under a savepoint: when one of them is
 *   already there (a checkpoint was set back, and an event comes again), the copy fails on the key, is undone,
 *   and the rows are inserted with the `conflict` clause (`on conflict … do nothing`) instead;
 * - fewer are inserted with it at once.
 *
 * Measured on 202k timeline entries into a table with its key: the server's CPU time 1.66-1.82 s inserted with
 * `on conflict`, 0.86-0.93 s copied; this process's 0.77-0.93 s and 0.47-0.62 s.
 *
 * `insert`: the statement that inserts them, when not `insert … select * from unnest(…)` on the columns.
 */
export async function insertRows<R extends object>(
  tx: SqlQueryable,
  table: string,
  spec: readonly RowColumn<R>[],
  rows: readonly R[],
  options: {
    readonly context: TablesContext | undefined;
    readonly conflict: string;
    readonly insert?: () => Promise<unknown>;
  },
): Promise<void> {
  if (rows.length === 0) return;
  const fields = spec.map((column) => column.field);
  const names = spec.map((column) => column.name);
  const copy = () => copyInto(tx, table, names, copyRows(rows, fields));
  const insert =
    options.insert ??
    (() =>
      tx.query(
        `insert into ${table} (${names.join(', ')})
         select * from unnest(${spec.map((column, i) => `$${i + 1}::${column.type}[]`).join(', ')})
         ${options.conflict}`,
        columns(rows, fields),
      ));
  if (options.context?.rebuilding) await copy();
  else if (rows.length < COPY_FROM_ROWS) await insert();
  else await copyUnlessThere(tx, copy, insert);
}

/** Copies rows in under a savepoint; inserts them (with their `on conflict`) when one of them is already there. */
async function copyUnlessThere(
  tx: SqlQueryable,
  copy: () => Promise<void>,
  insert: () => Promise<unknown>,
): Promise<void> {
  await tx.query('savepoint copy_rows');
  try {
    await copy();
  } catch (error) {
    // Any other failure has aborted the transaction, which the caller rolls back.
    if ((error as { code?: unknown } | null)?.code !== UNIQUE_VIOLATION) throw error;
    await tx.query('rollback to savepoint copy_rows');
    await tx.query('release savepoint copy_rows');
    await insert();
    return;
  }
  await tx.query('release savepoint copy_rows');
}

const UNIQUE_VIOLATION = '23505';
