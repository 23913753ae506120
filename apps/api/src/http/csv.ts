/**
 * `Accept: text/csv` on the figure and list reads (api.md, "Managers' monitor"): the same answer as the JSON, as one
 * header row and one row per item or figure, for a spreadsheet. Encoded by `csv-stringify` (RFC 4180 quoting).
 *
 * - A list (`items`, `series`): one row per item, one column per field; nested blocks become dotted columns
 *   (`stages.analysis.waiting`, `members.0.displayName`), a list of plain values one cell (`a; b`).
 * - Several lists side by side (the safety overview): one row per item, its list named in the first column.
 * - Figures (the monitor, the waiting list, stacking, outflow): one row per figure, `figure,value`, the figure
 *   named by its path in the JSON (`inflow.bySource.gp`); an item of a list of blocks is named by its key field
 *   (`byCareForm.foster-care.waiting`). A count hidden for a manager is an empty value, as `null` is in the JSON.
 *
 * A text cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) is
 * prefixed with `'`, so that a name typed as `=HYPERLINK(…)` stays text (OWASP, CSV injection).
 */
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { stringify } from 'csv-stringify/sync';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';

/** The answers (by schema name) that are also given as CSV. */
export const CSV_ANSWERS: ReadonlySet<string> = new Set([
  'Monitor',
  'MonitorHistory',
  'WaitingList',
  'WaitingHistory',
  'WaitingEntries',
  'Stacking',
  'SafetyOverview',
  'OutflowFigures',
  'FamilyPage',
  'AuditPage',
]);

/**
 * Marks a route whose answer `name` may be asked for as CSV (set by `Answer` for the names above): Nest's typed
 * metadata, read back by the decorator itself rather than by a key.
 */
export const CsvAnswer = Reflector.createDecorator<string>();

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Row = Record<string, string | number | boolean | null>;

const LISTS = ['items', 'series'];
/** Fields that name an item of a list of blocks, in the order they are looked for. */
const KEY_FIELDS = ['careForm', 'providerId', 'municipality', 'period', 'date', 'familyId'];

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isListOfObjects = (value: Json | undefined): value is { [key: string]: Json }[] =>
  Array.isArray(value) && value.every(isObject);

/**
 * An item's fields as columns: nested blocks as dotted names, a list of blocks one column per field of each
 * (`members.0.displayName`), a list of plain values one cell.
 */
function flatten(value: { [key: string]: Json }, prefix = '', into: Row = {}): Row {
  for (const [key, field] of Object.entries(value)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (isObject(field)) flatten(field, name, into);
    else if (!Array.isArray(field)) into[name] = field;
    else if (field.every((v) => !isObject(v) && !Array.isArray(v)))
      into[name] = (field as Row[string][]).map((v) => String(v)).join('; ');
    else
      field.forEach((item, index) =>
        flatten(isObject(item) ? item : { value: item }, `${name}.${index}`, into),
      );
  }
  return into;
}

/** Every figure under `value` as `[path, value]`, items of lists of blocks named by their key field. */
function figures(value: Json, path: string, into: [string, Row[string]][]): void {
  if (isObject(value)) {
    for (const [key, field] of Object.entries(value))
      figures(field, path === '' ? key : `${path}.${key}`, into);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const keyField = isObject(item)
        ? KEY_FIELDS.find((field) => typeof item[field] === 'string')
        : undefined;
      if (isObject(item) && keyField !== undefined) {
        const { [keyField]: key, ...rest } = item;
        figures(rest, `${path}.${key as string}`, into);
      } else figures(item, `${path}.${index}`, into);
    });
  } else {
    into.push([path, value]);
  }
}

/** The rows of an answer as described above, with their header. */
export function csvRows(answer: Json): { header: string[]; rows: Row[] } {
  const body = isObject(answer) ? answer : { value: answer };
  const list = LISTS.find((name) => isListOfObjects(body[name]));
  const lists = Object.entries(body).filter(([, v]) => Array.isArray(v));
  let rows: Row[];
  if (list !== undefined) {
    rows = (body[list] as { [key: string]: Json }[]).map((item) => flatten(item));
  } else if (lists.length > 1 && lists.every(([, v]) => isListOfObjects(v))) {
    rows = lists.flatMap(([name, items]) =>
      (items as { [key: string]: Json }[]).map((item) => ({ list: name, ...flatten(item) })),
    );
  } else {
    const pairs: [string, Row[string]][] = [];
    figures(body, '', pairs);
    return {
      header: ['figure', 'value'],
      rows: pairs.map(([figure, value]) => ({ figure, value })),
    };
  }
  const header = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return { header, rows };
}

/** A text cell that a spreadsheet would take for a formula, made plain text. */
function defused(value: Row[string]): Row[string] {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The answer as CSV text: a header row, then the rows (CRLF line ends, as RFC 4180 has them). */
export function toCsv(answer: unknown): string {
  const { header, rows } = csvRows(answer as Json);
  return stringify(
    rows.map((row) => header.map((column) => defused(row[column] ?? null))),
    { header: true, columns: header, record_delimiter: 'windows', cast: { boolean: String } },
  );
}

/**
 * Answers a marked route as CSV when the client prefers `text/csv` over JSON. The answer is encoded when it is
 * sent (`res.json`), after every interceptor has seen it as an object (the audit reads the families it lists);
 * an error answer stays `application/problem+json`.
 */
@Injectable()
export class CsvInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const name: string | undefined = this.reflector.get(CsvAnswer, context.getHandler());
    if (context.getType() !== 'http' || name === undefined) return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    response.vary('Accept');
    if (request.accepts(['application/json', 'text/csv']) !== 'text/csv') return next.handle();
    const json = response.json.bind(response);
    response.json = (body: unknown) => {
      if (response.statusCode >= 300) return json(body);
      response.type('text/csv; charset=utf-8');
      response.setHeader(
        'Content-Disposition',
        `attachment; filename="${name.replace(/[A-Z]/g, (c, i) => (i ? '-' : '') + c.toLowerCase())}.csv"`,
      );
      return response.send(toCsv(body));
    };
    return next.handle();
  }
}
