import { setTimeout } from 'node:timers/promises';

import {
  preparedStatements,
  quoteIdentifier,
  type PreparedStatement,
  type SqlDatabase,
  type SqlQueryable,
  type SqlStatementRider,
} from '@samenspoor/sql';

import { DuplicateEventIdError, EventStoreUnavailableError, VersionConflictError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventRecord,
  EventStore,
  EventSubscription,
  JsonObject,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  SubscribeOptions,
} from '../event-store';
import { decodePosition, encodePosition, START } from '../position';
import { PollingSubscription, WakeSignal } from '../subscription';
import { Upcasters, type Upcaster } from '../upcasting';
import { readAllLimit, validateAppend, validateReadStream, validEventId } from '../validation';
import { eventStoreMigrations } from './event-store.migrations';
import { GroupedAppends, type AppendRow, type TogetherRider } from './grouped-appends';
import { storeDatabase } from './store-database';

export interface SqlEventStoreOptions {
  /** Database schema of the event table (default `public`). */
  readonly schema?: string;
  readonly upcasters?: readonly Upcaster[];
  /** Create or update the tables on start (default true). */
  readonly migrate?: boolean;
}

/** An append on a SQL store, which may write more in the same transaction as its events. */
export interface SqlAppendOptions extends AppendOptions {
  /**
   * Runs in the append's transaction once the events are inserted: what it writes commits with them, and when it
   * throws, nothing is appended. Not called when nothing is inserted (a repeat of an earlier append answers that
   * append's result without it).
   */
  readonly alsoWrite?: (tx: SqlQueryable) => Promise<void>;
  /**
   * Rows written by the append's own statement (one round trip, no transaction around it): a command's audit
   * entry. Its `written` is called when the events were inserted. Not with `alsoWrite`.
   */
  readonly rider?: SqlStatementRider;
}

interface EventRow {
  /** The transaction id as text: `xid8` has no JavaScript type, and text keeps all 64 bits. */
  tx: string;
  sequence: string | number;
  event_id: string;
  stream_id: string;
  version: string | number;
  type: string;
  schema_version: number;
  data: JsonObject;
  metadata: JsonObject;
  /** When the event was recorded: milliseconds since 1970, rounded down. */
  recorded_ms: string | number;
}

const UNIQUE_VIOLATION = '23505';
/**
 * How often an append with `any` tries again when another writer took the version first. Each lost try means that
 * another append of the stream committed, so a writer loses at most once per other writer appending at the same
 * time (ten was too few: twelve concurrent writers could leave one with a conflict). The bound only stops a
 * runaway loop; after a few lost tries short random pauses spread the writers out.
 */
const MAX_ANY_RETRIES = 1_000;

/**
 * The event store on SQL: one implementation for the PostgreSQL server (`pg`) and for embedded PGlite, which
 * differ only in the {@link SqlDatabase} underneath.
 *
 * An append is a single statement: it reads the stream's last version, checks the expectation and inserts the
 * events in one go, so it is atomic on its own and costs one round trip. Concurrent appends to one stream are
 * decided by the unique index on `(stream_id, version)`: the loser gets a version conflict.
 */
export class SqlEventStore implements EventStore {
  private readonly upcasters: Upcasters;
  private readonly signal = new WakeSignal();
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly sql: Record<StatementKey, PreparedStatement>;
  /** The rows of a statement that selects events ({@link eventColumns}), as {@link EventRow}s. */
  private readonly eventRows: (rows: readonly object[]) => EventRow[];
  /** The append statements with a rider's CTEs, by the statement and the rider's name. */
  private readonly riderSql = new Map<string, PreparedStatement>();
  private readonly schema: string;
  /** {@link database}, answering its unavailability as the store's. */
  private readonly db: SqlDatabase;
  /** Appends of one event with a rider that can share a statement with others: written together. */
  private readonly together: GroupedAppends;
  private closed = false;

  private constructor(
    readonly database: SqlDatabase,
    options: SqlEventStoreOptions,
  ) {
    this.upcasters = new Upcasters(options.upcasters);
    this.db = storeDatabase(database);
    this.schema = quoteIdentifier(options.schema ?? 'public');
    this.sql = preparedStatements('es', eventStoreStatements(this.schema, database.kind));
    this.eventRows = database.kind === 'pglite' ? fromOneColumn : asTheyAre;
    this.together = new GroupedAppends(this.db, this.schema, (params, rider) =>
      this.riderAppend('appendOne', params, rider),
    );
  }

  /** Opens the store on a database, creating or updating its tables unless told not to. */
  static async create(
    database: SqlDatabase,
    options: SqlEventStoreOptions = {},
  ): Promise<SqlEventStore> {
    if (options.migrate !== false) {
      await eventStoreMigrations.migrate(storeDatabase(database), options.schema ?? 'public');
    }
    return new SqlEventStore(database, options);
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: SqlAppendOptions,
  ): Promise<AppendResult> {
    this.assertOpen();
    const rows = validateAppend(streamId, events, options);
    const expected =
      options.expectedVersion === 'any'
        ? null
        : options.expectedVersion === 'no-stream'
          ? 0
          : options.expectedVersion;
    const [only] = rows;
    const [statement, params]: ['appendOne' | 'appendMany', unknown[]] =
      rows.length === 1 && only
        ? [
            'appendOne',
            [
              streamId,
              only.eventId,
              only.type,
              only.schemaVersion,
              only.data,
              only.metadata,
              expected,
            ],
          ]
        : [
            'appendMany',
            [
              streamId,
              rows.map((e) => e.eventId),
              rows.map((e) => e.type),
              rows.map((e) => e.schemaVersion),
              rows.map((e) => e.data),
              rows.map((e) => e.metadata),
              expected,
            ],
          ];

    for (let attempt = 1; ; attempt++) {
      let row: AppendRow | undefined;
      try {
        [row] = await this.appendRow(statement, params, options);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const replay = await this.findEarlierAppend(streamId, rows);
        if (replay) return replay;
        // Another writer took the version first. With `any` there is nothing to conflict with: try again.
        if (expected === null && attempt < MAX_ANY_RETRIES) {
          if (attempt > 3) await setTimeout(Math.random() * Math.min(attempt, 20));
          continue;
        }
        throw new VersionConflictError(
          streamId,
          options.expectedVersion,
          await this.streamVersion(streamId),
        );
      }
      if (row?.tx != null && row.version != null && row.sequence != null) {
        this.signal.notify();
        return {
          nextExpectedVersion: Number(row.version),
          position: encodePosition({
            major: BigInt(row.tx),
            minor: BigInt(row.sequence),
          }),
        };
      }
      // Nothing inserted: the expectation did not hold. It may be a retry of an append that did succeed.
      const replay = await this.findEarlierAppend(streamId, rows);
      if (replay) return replay;
      throw new VersionConflictError(
        streamId,
        options.expectedVersion,
        Number(row?.current_version ?? 0),
      );
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<EventRecord[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    validateReadStream(options);
    const limit = options.maxCount ?? null;
    const from = options.fromVersion ?? (backwards ? null : 1);
    const rows = await this.readEvents(backwards ? 'readStreamBackwards' : 'readStreamForwards', [
      streamId,
      from,
      limit,
    ]);
    return rows.map((row) => this.toRecord(row));
  }

  async streamVersion(streamId: string): Promise<number> {
    this.assertOpen();
    const [row] = await this.run<{ version: string | number }>('streamVersion', [streamId]);
    return Number(row?.version ?? 0);
  }

  async streamsHolding(eventIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    this.assertOpen();
    const ids = eventIds.map((id) => validEventId(id));
    if (ids.length === 0) return new Map();
    const rows = await this.run<Pick<EventRow, 'event_id' | 'stream_id'>>('streamsHolding', [ids]);
    return new Map(rows.map((row) => [row.event_id, row.stream_id]));
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    this.assertOpen();
    const after = options.after ?? START;
    const { major, minor } = decodePosition(after);
    const limit = readAllLimit(options);
    const rows = await this.readEvents('readAll', [major.toString(), minor.toString(), limit]);
    const events = rows.map((row) => this.toRecord(row));
    return { events, position: events.at(-1)?.position ?? after };
  }

  async headPosition(): Promise<Position> {
    this.assertOpen();
    const [row] = await this.run<Pick<EventRow, 'tx' | 'sequence'>>('head', []);
    return row ? positionOf(row) : START;
  }

  async countEvents(options: { readonly after?: Position } = {}): Promise<number> {
    this.assertOpen();
    const { major, minor } = decodePosition(options.after ?? START);
    const [row] = await this.run<{ count: string | number }>('countAfter', [
      major.toString(),
      minor.toString(),
    ]);
    return Number(row?.count ?? 0);
  }

  subscribe(options: SubscribeOptions = {}): EventSubscription {
    this.assertOpen();
    const subscription = new PollingSubscription(this, this.signal, options, () =>
      this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await this.db.query('select 1');
  }

  /** Closes the subscriptions; the database belongs to whoever opened it and is closed by them. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
  }

  /**
   * After a failed append: when every event id is already stored, on this stream, as consecutive versions in the
   * same order, this is a repeat of an append that succeeded, and its original result is the answer.
   */
  private async findEarlierAppend(
    streamId: string,
    rows: readonly { eventId: string }[],
  ): Promise<AppendResult | undefined> {
    const stored = await this.readEvents('findByIds', [rows.map((e) => e.eventId.toLowerCase())]);
    if (stored.length === 0) return undefined;
    const byId = new Map(stored.map((row) => [row.event_id, row]));
    const inOrder = rows.map((e) => byId.get(e.eventId.toLowerCase()));
    const first = inOrder[0];
    const isSameAppend =
      first !== undefined &&
      inOrder.every(
        (row, i) =>
          row !== undefined &&
          row.stream_id === streamId &&
          Number(row.version) === Number(first.version) + i,
      );
    if (!isSameAppend) {
      throw new DuplicateEventIdError(
        streamId,
        stored.map((row) => row.event_id),
      );
    }
    const last = inOrder[inOrder.length - 1] as EventRow;
    return { nextExpectedVersion: Number(last.version), position: positionOf(last) };
  }

  /**
   * Runs an append statement: with a rider's CTEs in the same statement (one event with a rider that can be
   * written with others: in one statement with the appends that arrive meanwhile, see {@link GroupedAppends}), or
   * in a transaction with `alsoWrite` when there is one.
   */
  private async appendRow(
    key: 'appendOne' | 'appendMany',
    params: readonly unknown[],
    { alsoWrite, rider }: SqlAppendOptions,
  ): Promise<AppendRow[]> {
    if (rider) {
      if (alsoWrite) throw new TypeError('an append takes a rider or alsoWrite, not both');
      const rows =
        key === 'appendOne' && rider.together
          ? await this.together.append(params, rider as TogetherRider)
          : await this.riderAppend(key, params, rider);
      if (rows[0]?.tx != null) rider.written();
      return rows;
    }
    if (!alsoWrite) return this.run<AppendRow>(key, params);
    const { text, options } = this.sql[key];
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<AppendRow>(text, params, options);
      if (rows[0]?.tx != null) await alsoWrite(tx);
      return rows;
    });
  }

  /** An append with its rider's rows, in a statement of its own. */
  private riderAppend(
    key: 'appendOne' | 'appendMany',
    params: readonly unknown[],
    rider: SqlStatementRider,
  ): Promise<AppendRow[]> {
    const { text, options } = this.riderStatement(key, rider);
    return this.db.query<AppendRow>(text, [...params, ...rider.params], options);
  }

  private riderStatement(
    key: 'appendOne' | 'appendMany',
    rider: SqlStatementRider,
  ): PreparedStatement {
    const name = `${key}_${rider.name}`;
    let statement = this.riderSql.get(name);
    if (!statement) {
      // Both append statements take seven parameters: the rider's follow.
      statement = preparedStatements('es', {
        [name]: appendStatements(this.schema, rider.ctes(8))[key],
      })[name]!;
      this.riderSql.set(name, statement);
    }
    return statement;
  }

  private run<R extends object>(key: StatementKey, params: readonly unknown[]): Promise<R[]> {
    const { text, options } = this.sql[key];
    return this.db.query<R>(text, params, options);
  }

  private async readEvents(key: StatementKey, params: readonly unknown[]): Promise<EventRow[]> {
    return this.eventRows(await this.run<object>(key, params));
  }

  private toRecord(row: EventRow): EventRecord {
    return this.upcasters.apply({
      eventId: row.event_id,
      streamId: row.stream_id,
      version: Number(row.version),
      position: positionOf(row),
      type: row.type,
      schemaVersion: row.schema_version,
      data: row.data,
      metadata: row.metadata,
      recordedAt: new Date(Number(row.recorded_ms)),
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('the event store is closed');
  }
}

function positionOf(row: Pick<EventRow, 'tx' | 'sequence'>): Position {
  return encodePosition({ major: BigInt(row.tx), minor: BigInt(row.sequence) });
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION;
}

/**
 * The time an event was recorded, as milliseconds since 1970 rounded down: cheaper for this process than a
 * timestamp's text, which `pg` parses with a regular expression (measured on the server: 202,000 events read with
 * ~1.6 s of this process's CPU instead of ~1.8 s, for ~0.05 s more of the server's).
 */
const RECORDED_MS = 'floor(extract(epoch from recorded_at) * 1000)::bigint';

/**
 * What a statement that reads events selects. On the PostgreSQL server, the columns as they are (the time as
 * {@link RECORDED_MS}): the server writes each as text, and `pg` parses them. On PGlite, one JSON array per
 * event, as text, parsed here with one `JSON.parse` (see {@link fromOneColumn}): PGlite parses each column of a
 * result in JavaScript, on the same thread as the database, and ten columns of a row cost it twice what one text
 * column and its `JSON.parse` cost (measured: 100,000 events read in 2.5 s as columns, 1.3 s as one array). On
 * the server the array costs the server more than it saves this process, so there it is not used.
 */
export function eventColumns(kind: SqlDatabase['kind']): string {
  return kind === 'pglite'
    ? `json_build_array(transaction_id::text, sequence::text, event_id, stream_id, version, type,
    schema_version, data, metadata, ${RECORDED_MS})::text as event`
    : `transaction_id::text as tx, sequence, event_id, stream_id, version, type,
  schema_version, data, metadata, ${RECORDED_MS} as recorded_ms`;
}

function asTheyAre(rows: readonly object[]): EventRow[] {
  return rows as EventRow[];
}

/**
 * Rows of {@link eventColumns} on PGlite: each an array of the columns in their order, with the time recorded as
 * milliseconds since 1970 (rounded down, as a `Date` parsed from the column's text is).
 */
function fromOneColumn(rows: readonly object[]): EventRow[] {
  return rows.map(({ event }: { event?: string }) => {
    const [tx, sequence, event_id, stream_id, version, type, schema_version, data, metadata, at] =
      JSON.parse(event!) as [
        string,
        string,
        string,
        string,
        number,
        string,
        number,
        JsonObject,
        JsonObject,
        number,
      ];
    return {
      tx,
      sequence,
      event_id,
      stream_id,
      version,
      type,
      schema_version,
      data,
      metadata,
      recorded_ms: at,
    };
  });
}

/**
 * The two append statements: $1 stream, $2..$6 the events' columns, $7 expected version (null for `any`). They
 * insert nothing when the expectation fails, and always return one row with the version found. A single event
 * (the common case) skips the arrays. `ctes`: a rider's CTEs (see SqlStatementRider), written in the same
 * statement after `inserted`, their parameters from $8.
 */
export function appendStatements(s: string, ctes = ''): { appendOne: string; appendMany: string } {
  const currentVersion = `current_version as (
        select coalesce(max(version), 0) as v from ${s}.events where stream_id = $1
      )`;
  const appendResult = `${ctes ? `, ${ctes}` : ''}
      select c.v as current_version, i.transaction_id::text as tx, i.sequence, i.version
      from current_version c left join (select * from inserted order by sequence desc limit 1) i on true`;
  return {
    appendOne: `
      with ${currentVersion}, inserted as (
        insert into ${s}.events (event_id, stream_id, version, type, schema_version, data, metadata)
        select $2::uuid, $1, c.v + 1, $3, $4, $5::json, $6::json
        from current_version c
        where $7::bigint is null or c.v = $7::bigint
        returning transaction_id, sequence, version
      )${appendResult}`,
    appendMany: `
      with ${currentVersion}, inserted as (
        insert into ${s}.events (event_id, stream_id, version, type, schema_version, data, metadata)
        select e.event_id, $1, c.v + e.ord, e.type, e.schema_version, e.data, e.metadata
        from current_version c,
             unnest($2::uuid[], $3::text[], $4::int[], $5::json[], $6::json[])
               with ordinality as e(event_id, type, schema_version, data, metadata, ord)
        where $7::bigint is null or c.v = $7::bigint
        order by e.ord
        returning transaction_id, sequence, version
      )${appendResult}`,
  };
}

/**
 * The SQL; `s` is the quoted schema, `kind` the database's (the events are selected as {@link eventColumns}).
 * Exported for the query-plan test.
 */
export function eventStoreStatements(s: string, kind: SqlDatabase['kind'] = 'postgres') {
  const COLUMNS = eventColumns(kind);
  return {
    ...appendStatements(s),
    readStreamForwards: `
      select ${COLUMNS} from ${s}.events
      where stream_id = $1 and version >= $2
      order by version asc
      limit $3`,
    readStreamBackwards: `
      select ${COLUMNS} from ${s}.events
      where stream_id = $1 and ($2::bigint is null or version <= $2::bigint)
      order by version desc
      limit $3`,
    streamsHolding: `select event_id::text, stream_id from ${s}.events where event_id = any($1::uuid[])`,
    streamVersion: `select coalesce(max(version), 0) as version from ${s}.events where stream_id = $1`,
    readAll: `
      select ${COLUMNS} from ${s}.events
      where (transaction_id, sequence) > ($1::text::xid8, $2::bigint)
        and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      order by transaction_id, sequence
      limit $3`,
    head: `
      select transaction_id::text as tx, sequence from ${s}.events
      where transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      order by transaction_id desc, sequence desc
      limit 1`,
    findByIds: `select ${COLUMNS} from ${s}.events where event_id = any($1::uuid[])`,
    countAfter: `
      select count(*) as count from ${s}.events
      where (transaction_id, sequence) > ($1::text::xid8, $2::bigint)
        and transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
  };
}

type StatementKey = keyof ReturnType<typeof eventStoreStatements>;

/** An opened store and the database it runs on; closing it closes both. */
export interface OpenedSqlEventStore<D extends SqlDatabase> {
  readonly store: SqlEventStore;
  readonly database: D;
  close(): Promise<void>;
}

/** Opens the event store on a database it then owns: on failure, and on close, the database is closed too. */
export async function openSqlEventStore<D extends SqlDatabase>(
  database: D,
  options: SqlEventStoreOptions = {},
): Promise<OpenedSqlEventStore<D>> {
  try {
    const store = await SqlEventStore.create(database, options);
    return { store, database, close: () => store.close().then(() => database.close()) };
  } catch (error) {
    await database.close();
    throw error;
  }
}
