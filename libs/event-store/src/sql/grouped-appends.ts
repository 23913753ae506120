import {
  currentStatementTimeout,
  preparedStatements,
  withStatementTimeoutScope,
  withTightestStatementTimeout,
  type PreparedStatement,
  type SqlDatabase,
  type SqlStatementRider,
  type StatementTimeoutScope,
} from '@samenspoor/sql';

import { EventStoreUnavailableError } from '../errors';

/** What an append statement answers: the stream's version before it, and its last event when it wrote them. */
export interface AppendRow {
  current_version: string | number;
  tx: string | null;
  sequence: string | number | null;
  version: string | number | null;
}

/** A rider that can be written with other appends' riders in one statement. */
export type TogetherRider = SqlStatementRider & {
  readonly together: NonNullable<SqlStatementRider['together']>;
};

/** At most this many appends share a statement. */
const MAX_TOGETHER = 64;

interface Waiting {
  /** The seven parameters of the store's `appendOne`: the stream first. */
  readonly params: readonly unknown[];
  readonly rider: TogetherRider;
  /** The statement time-out of the work that asked (its HTTP request), taken when it asked. */
  readonly bound: StatementTimeoutScope | undefined;
  readonly resolve: (rows: AppendRow[]) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Appends of one event each with a rider that can be written together ({@link SqlStatementRider.together}, a
 * command's audit entry): the appends that arrive while a statement is being written wait for it, and are then
 * written in one statement — one round trip and one commit for all of them, where each cost the server more than
 * the rows themselves (group commit). The first append after a quiet spell is written at once on its own, so a
 * lone command waits for nothing. Appends to one stream, or whose riders share a key, never share a statement:
 * they are written in the order they came.
 *
 * The statement fails as a whole. When it fails for a reason of one append's (an event id stored before, a
 * version another writer took), each is written again on its own, so that only that one fails; when the database
 * is unavailable, all of them fail with it.
 */
export class GroupedAppends {
  private readonly waiting: Waiting[] = [];
  private writing = false;
  private readonly statements = new Map<string, PreparedStatement>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly schema: string,
    /** Writes one append with its rider in a statement of its own. */
    private readonly alone: (
      params: readonly unknown[],
      rider: TogetherRider,
    ) => Promise<AppendRow[]>,
  ) {}

  append(params: readonly unknown[], rider: TogetherRider): Promise<AppendRow[]> {
    return new Promise<AppendRow[]>((resolve, reject) => {
      this.waiting.push({ params, rider, bound: currentStatementTimeout(), resolve, reject });
      if (!this.writing) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const items = this.takeNext();
        // write settles each item itself; this is for what it did not foresee, which must not leave one waiting.
        await this.write(items).catch((error: unknown) => {
          for (const item of items) item.reject(error);
        });
      }
    } finally {
      this.writing = false;
    }
  }

  /**
   * The first waiting append, and those after it that may share its statement. One that may not (its stream or
   * key is taken, another rider) stays, and so does every later one of its stream or key, to keep their order.
   */
  private takeNext(): Waiting[] {
    const first = this.waiting[0]!;
    const seen = new Set<string>();
    const taken: Waiting[] = [];
    const left: Waiting[] = [];
    for (const item of this.waiting) {
      const stream = `s:${String(item.params[0])}`;
      const key = `k:${item.rider.together.key}`;
      const fits =
        taken.length < MAX_TOGETHER &&
        item.rider.name === first.rider.name &&
        !seen.has(stream) &&
        !seen.has(key);
      (fits ? taken : left).push(item);
      seen.add(stream).add(key);
    }
    this.waiting.splice(0, this.waiting.length, ...left);
    return taken;
  }

  private async write(items: readonly Waiting[]): Promise<void> {
    if (items.length === 1) return this.writeAlone(items[0]!);
    const { text, options } = this.statement(items[0]!.rider);
    const params: unknown[] = [];
    for (let p = 0; p < items[0]!.params.length; p++) params.push(items.map((w) => w.params[p]));
    for (let p = 0; p < items[0]!.rider.params.length; p++)
      params.push(items.map((w) => w.rider.params[p]));
    let rows: (AppendRow & { i: string | number })[];
    try {
      rows = await withTightestStatementTimeout(
        items.map((w) => w.bound),
        () => this.db.query<AppendRow & { i: string | number }>(text, params, options),
      );
    } catch (error) {
      if (error instanceof EventStoreUnavailableError) {
        for (const item of items) item.reject(error);
        return;
      }
      for (const item of items) await this.writeAlone(item);
      return;
    }
    const byPlace = new Map(rows.map((row) => [Number(row.i), row]));
    items.forEach((item, index) => {
      const row = byPlace.get(index + 1);
      if (row) item.resolve([row]);
      else item.reject(new Error('an append written with others got no answer of its own'));
    });
  }

  private async writeAlone(item: Waiting): Promise<void> {
    try {
      // In the scope of the work that asked (its HTTP request), as it would have been written without waiting.
      item.resolve(
        await withStatementTimeoutScope(item.bound, () => this.alone(item.params, item.rider)),
      );
    } catch (error) {
      item.reject(error);
    }
  }

  private statement(rider: TogetherRider): PreparedStatement {
    const name = `appendTogether_${rider.name}`;
    let statement = this.statements.get(name);
    if (!statement) {
      statement = preparedStatements('es', {
        [name]: appendTogetherStatement(this.schema, rider.together.ctes(8)),
      })[name]!;
      this.statements.set(name, statement);
    }
    return statement;
  }
}

/**
 * One event on each of several streams, each with its own expected version, in one statement: `$1`…`$7` are
 * arrays of `appendOne`'s seven parameters, one element per append; `inserted` holds each append that wrote its
 * event, with `i`, its 1-based place. Answers a row per append, by `i`. Exported for the query-plan test.
 */
export function appendTogetherStatement(s: string, ctes: string): string {
  return `
      with input as (
        select * from unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $5::json[], $6::json[], $7::bigint[])
          with ordinality as a(stream_id, event_id, type, schema_version, data, metadata, expected, i)
      ), current_version as (
        select a.i, a.stream_id,
               (select coalesce(max(e.version), 0) from ${s}.events e where e.stream_id = a.stream_id) as v
        from input a
      ), written as (
        insert into ${s}.events (event_id, stream_id, version, type, schema_version, data, metadata)
        select a.event_id, a.stream_id, c.v + 1, a.type, a.schema_version, a.data, a.metadata
        from input a join current_version c on c.i = a.i
        where a.expected is null or c.v = a.expected
        -- In the order of their streams: two statements appending to some of the same streams (two API
        -- processes) take them in the same order, so neither waits for a stream the other waits behind.
        order by a.stream_id
        returning stream_id, transaction_id, sequence, version
      ), inserted as (
        select c.i, w.transaction_id, w.sequence, w.version
        from written w join current_version c on c.stream_id = w.stream_id
      ), ${ctes}
      select c.i, c.v as current_version, n.transaction_id::text as tx, n.sequence, n.version
      from current_version c left join inserted n on n.i = c.i`;
}
