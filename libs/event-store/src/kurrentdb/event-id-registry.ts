import { componentMigrations, SqlTable, type SqlDatabase } from '@samenspoor/sql';

/**
 * The event ids the KurrentDB adapter has taken, each with the stream it was offered to.
 *
 * KurrentDB recognises a repeated append only within one stream; the port also promises that an event id is
 * stored once in the whole store. So before an append reaches the server, its ids are reserved here, in one
 * statement on a unique key: of two appends offering the same id, one reserves it and the other learns which
 * stream holds it. The table lives in the SQL database beside the read models.
 *
 * A reservation is kept when the append then fails (the server may have stored it before the answer was lost):
 * an id once offered to a stream can only ever be stored on that stream.
 */
export class EventIdRegistry extends SqlTable {
  /** Opens the registry, creating or updating its table unless told not to. */
  static async open(
    database: SqlDatabase,
    schema: string,
    options: { readonly migrate?: boolean } = {},
  ): Promise<EventIdRegistry> {
    const table = await migrations.openTable(database, schema, 'kurrentdb_event_ids', options);
    return new EventIdRegistry(database, table);
  }

  /**
   * Reserves the ids for a stream. Answers which of them this call reserved, and for the others the stream they
   * were reserved for before. Ids are taken in sorted order, so two calls never wait for each other in a cycle.
   */
  async reserve(streamName: string, eventIds: readonly string[]): Promise<Reservation> {
    const inserted = await this.database.query<{ event_id: string }>(
      `insert into ${this.table} (event_id, stream_id)
       select id, $2 from unnest($1::uuid[]) as id order by id
       on conflict (event_id) do nothing
       returning event_id::text`,
      [eventIds, streamName],
    );
    const fresh = new Set(inserted.map((row) => row.event_id));
    const earlier = new Map<string, string>();
    const others = eventIds.filter((id) => !fresh.has(id));
    if (others.length > 0) {
      const rows = await this.database.query<{ event_id: string; stream_id: string }>(
        `select event_id::text, stream_id from ${this.table} where event_id = any($1::uuid[])`,
        [others],
      );
      for (const row of rows) earlier.set(row.event_id, row.stream_id);
    }
    return { fresh, earlier };
  }

  /** Gives back reservations made for an append that was refused before anything was sent to the server. */
  async release(streamName: string, eventIds: Iterable<string>): Promise<void> {
    const ids = [...eventIds];
    if (ids.length === 0) return;
    await this.database.query(
      `delete from ${this.table} where event_id = any($1::uuid[]) and stream_id = $2`,
      [ids, streamName],
    );
  }

  /** The server streams these ids were reserved for, by id (ids never offered are left out). */
  async streamsOf(eventIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    if (eventIds.length === 0) return new Map();
    const rows = await this.database.query<{ event_id: string; stream_id: string }>(
      `select event_id::text, stream_id from ${this.table} where event_id = any($1::uuid[])`,
      [eventIds],
    );
    return new Map(rows.map((row) => [row.event_id, row.stream_id]));
  }

  /** Checks that the database answers. */
  async ping(): Promise<void> {
    await this.database.query('select 1');
  }
}

export interface Reservation {
  /** Ids this call reserved: nobody offered them before. */
  readonly fresh: ReadonlySet<string>;
  /** Ids reserved before, with the server stream they were reserved for. */
  readonly earlier: ReadonlyMap<string, string>;
}

const migrations = componentMigrations('kurrentdb-event-ids', {
  'event ids taken by the KurrentDB adapter': (s) => `
      create table ${s}.kurrentdb_event_ids (
        event_id uuid primary key,
        stream_id text not null,
        reserved_at timestamptz not null default now()
      );`,
});
