import { componentMigrations } from '@samenspoor/sql';

/**
 * The event table. Global order is `(transaction_id, sequence)`: the id of the writing transaction, then a
 * sequence number that increases within it. Readers only read rows whose transaction id is below the oldest
 * transaction still running (`pg_snapshot_xmin`), so a transaction that commits late can never land *behind* a
 * position a reader has already passed: every transaction with a smaller id has ended. The primary key is that
 * order, so reading a batch after a position is a range scan of the primary key index.
 *
 * Data and metadata are `json`, not `jsonb`: the store keeps the exact text it was given (key order, and the
 * `\u0000` escapes that `jsonb` refuses), and nothing queries inside events in SQL.
 */
export const eventStoreMigrations = componentMigrations('event-store', {
  'events table ordered by (transaction id, sequence)': (s) => `
      create table ${s}.events (
        transaction_id xid8 not null default pg_current_xact_id(),
        sequence bigint not null generated always as identity (cache 32),
        event_id uuid not null,
        stream_id text not null,
        version bigint not null,
        type text not null,
        schema_version integer not null,
        data json not null,
        metadata json not null,
        recorded_at timestamptz not null default now(),
        constraint events_pkey primary key (transaction_id, sequence),
        constraint events_event_id_key unique (event_id),
        constraint events_stream_version_key unique (stream_id, version),
        constraint events_version_positive check (version > 0),
        constraint events_schema_version_positive check (schema_version > 0)
      );
    `,
});
