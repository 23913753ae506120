import { createHash } from 'node:crypto';

import {
  migrate,
  quoteIdentifier,
  preparedStatements,
  type PreparedStatement,
  type SqlDatabase,
  type SqlQueryable,
} from '@samenspoor/event-store';

/** What came of an audited action. */
export const AUDIT_OUTCOMES = [
  'success',
  'denied',
  'refused',
  'invalid',
  'not-found',
  'conflict',
  'unavailable',
  'error',
] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * One entry of the access log (NEN 7513): who (actor, the role acted in, the organisation on whose behalf), did
 * what (`action`: the route, like `GET /api/families/:familyId/timeline`), to which family, when, and with which
 * outcome. Entries hold ids, never names or other personal data.
 */
export interface AuditEntry {
  readonly at: string;
  readonly actorId: string;
  readonly role: string | null;
  readonly organisation: string | null;
  readonly action: string;
  readonly familyId: string | null;
  readonly outcome: AuditOutcome;
  readonly status: number;
  /** A short, non-personal detail: the rule that refused a command, the reason of a refusal. */
  readonly detail: string | null;
  readonly correlationId: string | null;
}

/** An entry as the log keeps it: its place in the chain and the hashes that chain it. */
export interface StoredAuditEntry extends AuditEntry {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditFilter {
  readonly familyId?: string;
  readonly actorId?: string;
  readonly from?: string;
  readonly to?: string;
  /** Entries before this sequence number (the cursor of the previous page). */
  readonly beforeSeq?: number;
  readonly limit: number;
}

export type AuditVerification =
  | { readonly intact: true; readonly entries: number; readonly lastHash: string }
  | {
      readonly intact: false;
      readonly entries: number;
      readonly brokenAt: number;
      readonly reason: string;
    };

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Most entries written in one transaction. */
const MAX_BATCH = 5_000;

/**
 * The hash of an entry: SHA-256 over its fields and the previous entry's hash, so changing, removing or
 * reordering any entry breaks every hash after it.
 */
export function auditEntryHash(entry: AuditEntry, seq: number, prevHash: string): string {
  return createHash('sha256')
    .update(JSON.stringify(chained(entry, seq, prevHash)))
    .digest('hex');
}

/** An entry's fields in the order of the chain (and of the table's columns), with its place and predecessor. */
function chained(entry: AuditEntry, seq: number, prevHash: string): unknown[] {
  return [
    seq,
    entry.at,
    entry.actorId,
    entry.role,
    entry.organisation,
    entry.action,
    entry.familyId,
    entry.outcome,
    entry.status,
    entry.detail,
    entry.correlationId,
    prevHash,
  ];
}

interface Pending {
  readonly entries: readonly AuditEntry[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

interface AuditRow {
  seq: string | number;
  at: Date | string;
  actor_id: string;
  role: string | null;
  organisation: string | null;
  action: string;
  family_id: string | null;
  outcome: AuditOutcome;
  status: number;
  detail: string | null;
  correlation_id: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * The audit log: append-only (a trigger refuses updates, deletes and truncation) and tamper-evident (each entry
 * carries a hash chained to the previous one; {@link verify} recomputes the chain). Writers in any number of
 * processes serialise on the chain's head row. Entries recorded at the same time in one process are written
 * together in one transaction (group commit); `record` resolves once they are committed.
 */
export class AuditLog {
  private queue: Pending[] = [];
  private draining = false;

  private readonly sql: Record<'head' | 'append', PreparedStatement>;

  private constructor(
    private readonly database: SqlDatabase,
    private readonly schema: string,
  ) {
    this.sql = preparedStatements('audit', {
      head: `select seq, hash from ${schema}.audit_head where id = 1 for update`,
      // The entries and the new head in one statement: one round trip less on every request.
      append: `with appended as (
                 insert into ${schema}.audit_log (seq, at, actor_id, role, organisation, action, family_id,
                   outcome, status, detail, correlation_id, prev_hash, hash)
                 select * from unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[],
                   $6::text[], $7::text[], $8::text[], $9::integer[], $10::text[], $11::text[], $12::text[],
                   $13::text[]))
               update ${schema}.audit_head set seq = $14, hash = $15 where id = 1`,
    });
  }

  static async open(database: SqlDatabase, schema: string): Promise<AuditLog> {
    await migrate(database, {
      schema,
      component: 'audit-log',
      migrations: [
        {
          version: 1,
          name: 'append-only, hash-chained audit log',
          up: (s) => `
            create table ${s}.audit_log (
              seq bigint primary key,
              at timestamptz not null,
              actor_id text not null,
              role text,
              organisation text,
              action text not null,
              family_id text,
              outcome text not null,
              status integer not null,
              detail text,
              correlation_id text,
              prev_hash text not null,
              hash text not null
            );
            create index audit_log_family on ${s}.audit_log (family_id, seq) where family_id is not null;
            create index audit_log_actor on ${s}.audit_log (actor_id, seq);
            create index audit_log_at on ${s}.audit_log (at);
            create table ${s}.audit_head (
              id integer primary key check (id = 1),
              seq bigint not null,
              hash text not null
            );
            insert into ${s}.audit_head (id, seq, hash) values (1, 0, '${GENESIS_HASH}');
            create function ${s}.audit_log_append_only() returns trigger language plpgsql as $$ begin raise exception 'the audit log is append-only'; end $$;
            create trigger audit_log_no_change before update or delete on ${s}.audit_log for each row execute function ${s}.audit_log_append_only();
            create trigger audit_log_no_truncate before truncate on ${s}.audit_log for each statement execute function ${s}.audit_log_append_only();
          `,
        },
      ],
    });
    return new AuditLog(database, quoteIdentifier(schema));
  }

  /** Appends entries to the log; resolves when they are committed, rejects when they could not be. */
  record(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      // Times are kept as the database keeps them (milliseconds, UTC), so that the hash can be recomputed.
      const normalised = entries.map((entry) => ({
        ...entry,
        at: new Date(entry.at).toISOString(),
      }));
      this.queue.push({ entries: normalised, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch: Pending[] = [];
        let size = 0;
        while (this.queue.length > 0 && (batch.length === 0 || size < MAX_BATCH)) {
          const next = this.queue.shift()!;
          batch.push(next);
          size += next.entries.length;
        }
        try {
          await this.database.transaction((tx) =>
            this.append(
              tx,
              batch.flatMap((p) => p.entries),
            ),
          );
          for (const pending of batch) pending.resolve();
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async append(tx: SqlQueryable, entries: readonly AuditEntry[]): Promise<void> {
    const [head] = await tx.query<{ seq: string | number; hash: string }>(
      this.sql.head.text,
      [],
      this.sql.head.options,
    );
    if (!head) throw new Error('the audit log has no head row');
    let seq = Number(head.seq);
    let hash = head.hash;
    const columns: unknown[][] = Array.from({ length: 13 }, () => []);
    for (const entry of entries) {
      seq += 1;
      const values = chained(entry, seq, hash);
      hash = auditEntryHash(entry, seq, hash);
      [...values, hash].forEach((value, i) => columns[i]!.push(value));
    }
    await tx.query(this.sql.append.text, [...columns, seq, hash], this.sql.append.options);
  }

  /** Entries matching the filter, newest first. */
  async query(filter: AuditFilter): Promise<StoredAuditEntry[]> {
    const rows = await this.database.query<AuditRow>(
      `select * from ${this.schema}.audit_log
       where ($1::text is null or family_id = $1::text)
         and ($2::text is null or actor_id = $2::text)
         and ($3::timestamptz is null or at >= $3::timestamptz)
         and ($4::timestamptz is null or at <= $4::timestamptz)
         and ($5::bigint is null or seq < $5::bigint)
       order by seq desc
       limit $6`,
      [
        filter.familyId ?? null,
        filter.actorId ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.beforeSeq ?? null,
        filter.limit,
      ],
    );
    return rows.map(toEntry);
  }

  /**
   * Recomputes the chain from the first entry: every sequence number follows the previous one, every entry
   * names the previous entry's hash and has the hash of its own fields, and the head row names the last entry.
   */
  async verify(onProgress?: (checked: number, total: number) => void): Promise<AuditVerification> {
    const s = this.schema;
    const [head] = await this.database.query<{ seq: string | number; hash: string }>(
      `select seq, hash from ${s}.audit_head where id = 1`,
    );
    const total = Number(head?.seq ?? 0);
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    const broken = (at: number, reason: string): AuditVerification => ({
      intact: false,
      entries: expectedSeq - 1,
      brokenAt: at,
      reason,
    });
    for (;;) {
      const rows = await this.database.query<AuditRow>(
        `select * from ${s}.audit_log where seq >= $1 order by seq limit 10000`,
        [expectedSeq],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const entry = toEntry(row);
        if (entry.seq !== expectedSeq)
          return broken(expectedSeq, `entry ${expectedSeq} is missing`);
        if (entry.prevHash !== prevHash)
          return broken(entry.seq, 'it does not follow the hash of the entry before it');
        if (auditEntryHash(entry, entry.seq, prevHash) !== entry.hash)
          return broken(entry.seq, 'its fields do not match its hash: it was altered');
        prevHash = entry.hash;
        expectedSeq += 1;
      }
      onProgress?.(expectedSeq - 1, total);
    }
    const entries = expectedSeq - 1;
    if (!head || entries !== total || head.hash !== prevHash) {
      return broken(
        entries + 1,
        `the log ends at entry ${entries}, but its head names entry ${total}: entries were removed`,
      );
    }
    return { intact: true, entries, lastHash: prevHash };
  }
}

function toEntry(row: AuditRow): StoredAuditEntry {
  return {
    seq: Number(row.seq),
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    role: row.role,
    organisation: row.organisation,
    action: row.action,
    familyId: row.family_id,
    outcome: row.outcome,
    status: row.status,
    detail: row.detail,
    correlationId: row.correlation_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
