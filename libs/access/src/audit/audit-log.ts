import { createHash } from 'node:crypto';

import {
  componentMigrations,
  quoteIdentifier,
  preparedStatements,
  type PreparedStatement,
  type SqlDatabase,
  type SqlQueryable,
  type SqlStatementRider,
} from '@samenspoor/sql';

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

/** An entry as the log keeps it: its place, the chain it belongs to and the hashes that chain it. */
export interface StoredAuditEntry extends AuditEntry {
  readonly seq: number;
  /** `family:<id>` for an entry about a family, `shard:<n>` for one about none, `legacy` before chains. */
  readonly chain: string;
  /** The previous entry of the same chain (0 for its first); null in the legacy chain, where it is `seq − 1`. */
  readonly prevSeq: number | null;
  readonly prevHash: string;
  readonly hash: string;
}

/** An outcome to filter by: one outcome, `allowed` (success) or `refusals` (every outcome but success). */
export type AuditOutcomeFilter = AuditOutcome | 'allowed' | 'refusals';
export const AUDIT_OUTCOME_FILTERS: readonly AuditOutcomeFilter[] = [
  'allowed',
  'refusals',
  ...AUDIT_OUTCOMES,
];

/** The columns the log can be sorted by (`at` is the order written, `seq`); ties are broken by `seq`. */
export const AUDIT_SORTS = ['at', 'actor', 'action', 'outcome'] as const;
export type AuditSort = (typeof AUDIT_SORTS)[number];

/** Text sorts in byte order (`collate "C"`), the same on every server and PGlite, as the indexes are built. */
const SORT_COLUMNS: Record<AuditSort, string> = {
  at: 'seq',
  actor: 'actor_id collate "C"',
  action: 'action collate "C"',
  outcome: 'outcome collate "C"',
};

export interface AuditFilter {
  readonly familyId?: string;
  readonly actorId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly outcome?: AuditOutcomeFilter;
  /** Default `at`, newest first. */
  readonly sort?: AuditSort;
  readonly direction?: 'asc' | 'desc';
  /**
   * The `seq` of the last entry of the previous page: the entries after it in the order asked for. (Entries are
   * never changed, so its place in any order stays where it was.)
   */
  readonly afterSeq?: number;
  /** Entries before this sequence number (newest first only; kept for callers of the first version). */
  readonly beforeSeq?: number;
  readonly limit: number;
}

/** A seal: the heads of every chain that moved since the previous seal, chained to that seal. */
export interface AuditSeal {
  readonly seq: number;
  readonly at: string;
  /** `[chain, seq, hash]` of each chain's last entry, sorted by chain. */
  readonly heads: readonly (readonly [string, number, string])[];
  readonly prevHash: string;
  readonly hash: string;
}

export type AuditVerification =
  | {
      readonly intact: true;
      readonly entries: number;
      /** The hash of the newest entry. */
      readonly lastHash: string;
      readonly seals: number;
      /** The hash of the newest seal (note it: a later run that ends on another hash for that seal shows tampering). */
      readonly lastSeal: string | null;
    }
  | {
      readonly intact: false;
      readonly entries: number;
      /** The first entry found broken (or missing). */
      readonly brokenAt: number;
      readonly reason: string;
    }
  | {
      readonly intact: false;
      readonly entries: number;
      /** The first seal found broken (or missing). */
      readonly brokenSeal: number;
      readonly reason: string;
    };

/** The hash before the first entry of a chain, and before the first seal. */
export const GENESIS_HASH = '0'.repeat(64);

/** The chain of the entries written before the log had chains (one chain over all of them). */
export const LEGACY_CHAIN = 'legacy';

/** Chains of the entries about no family: enough that writers seldom wait for each other's head. */
const SHARDS = 16;

/** Most entries written in one transaction. */
const MAX_BATCH = 5_000;

/** The chain an entry belongs to: its family's, or a shard chosen by its request (correlation id, else actor). */
export function auditChainOf(entry: AuditEntry): string {
  if (entry.familyId !== null) return `family:${entry.familyId}`;
  const digest = createHash('sha256')
    .update(entry.correlationId ?? entry.actorId)
    .digest();
  return `shard:${digest.readUInt32BE(0) % SHARDS}`;
}

/**
 * The hash of an entry: SHA-256 over its fields, its place (seq, chain, the previous entry of its chain) and the
 * previous entry's hash, so changing, removing or reordering any entry breaks every hash after it in its chain.
 * An entry without a chain, or of the legacy chain, is hashed as the single-chain log hashed it.
 */
export function auditEntryHash(
  entry: AuditEntry & { readonly chain?: string; readonly prevSeq?: number | null },
  seq: number,
  prevHash: string,
): string {
  const fields =
    entry.chain === undefined || entry.chain === LEGACY_CHAIN
      ? chained(entry, seq, prevHash)
      : [seq, entry.chain, entry.prevSeq ?? null, ...chained(entry, seq, prevHash).slice(1)];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** The hash of a seal: its number, time and heads, and the previous seal's hash. */
export function auditSealHash(seal: Omit<AuditSeal, 'hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([seal.seq, seal.at, seal.heads, seal.prevHash]))
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

/** The audit log's tables, version by version (exported for the test of the migration of stored entries). */
export const AUDIT_LOG_MIGRATIONS = componentMigrations('audit-log', {
  'append-only, hash-chained audit log': (s) => `
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
  // The entries written so far stay as they are (the table is append-only): they become the legacy chain,
  // verified as before, and its head is sealed by the first seal. Adding a column with a default does not
  // rewrite rows; the default is dropped again so that every new entry names its chain.
  'a hash chain per family and per shard, sealed together': (s) => `
        alter table ${s}.audit_log add column chain text not null default '${LEGACY_CHAIN}';
        alter table ${s}.audit_log alter column chain drop default;
        alter table ${s}.audit_log add column prev_seq bigint;
        create index audit_log_chain on ${s}.audit_log (chain, seq);
        create sequence ${s}.audit_log_seq;
        select setval('${s}.audit_log_seq', (select seq from ${s}.audit_head) + 1, false);
        create table ${s}.audit_chain_head (
          chain text primary key,
          seq bigint not null,
          hash text not null
        );
        insert into ${s}.audit_chain_head (chain, seq, hash) select '${LEGACY_CHAIN}', seq, hash from ${s}.audit_head where seq > 0;
        drop table ${s}.audit_head;
        create table ${s}.audit_seal (
          seq bigint primary key,
          at timestamptz not null,
          heads jsonb not null,
          prev_hash text not null,
          hash text not null
        );
        create table ${s}.audit_seal_head (
          id integer primary key check (id = 1),
          seq bigint not null,
          hash text not null
        );
        insert into ${s}.audit_seal_head (id, seq, hash) values (1, 0, '${GENESIS_HASH}');
        create table ${s}.audit_sealed (
          chain text primary key,
          seq bigint not null
        );
        create trigger audit_seal_no_change before update or delete on ${s}.audit_seal for each row execute function ${s}.audit_log_append_only();
        create trigger audit_seal_no_truncate before truncate on ${s}.audit_seal for each statement execute function ${s}.audit_log_append_only();
      `,
  // The filter by outcome and the sorted pages read these instead of the whole log: refusals are rare, so a
  // partial index finds them. Sorted text is in byte order (`collate "C"`).
  'indexes for the filter by outcome and the sorts by action and outcome': (s) => `
        create index audit_log_refusals on ${s}.audit_log (seq) where outcome <> 'success';
        create index audit_log_outcome on ${s}.audit_log (outcome collate "C", seq);
        create index audit_log_action on ${s}.audit_log (action collate "C", seq);
        create index audit_log_actor_c on ${s}.audit_log (actor_id collate "C", seq);
      `,
  // The family's own access log reads exactly these rows, newest first: without an index of its own the planner
  // walked the whole log backwards by `seq` (the primary key) and filtered it, past every other family's entries.
  "the family's own access log": (s) => `
        create index audit_log_family_looks on ${s}.audit_log (family_id, seq)
          where family_id is not null and outcome = 'success' and role is distinct from 'family';
      `,
  // An entry written in its command's own statement (see AuditLog.rider) moves the head in an update, which
  // answers only the new row: the head keeps its previous link, for the entry to name.
  "the head's previous link, for an entry written in its command's statement": (s) => `
        alter table ${s}.audit_chain_head add column prev_seq bigint, add column prev_hash text;
      `,
});

/**
 * The hash of an entry numbered `n.seq` that follows `h`, its chain's head row, computed by the database over the
 * text {@link auditEntryHash} hashes: `chainJson` and `columnsJson` are the entry's chain and its other columns as
 * JSON text, written here.
 */
function entryHashSql(chainJson: string, columnsJson: string): string {
  return `encode(sha256(convert_to('[' || n.seq || ',' || ${chainJson} || ',' || h.seq || ','
    || ${columnsJson} || ',"' || h.hash || '"]', 'UTF8')), 'hex')`;
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
  chain: string;
  prev_seq: string | number | null;
  prev_hash: string;
  hash: string;
}

interface SealRow {
  seq: string | number;
  at: Date | string;
  heads: [string, number, string][];
  prev_hash: string;
  hash: string;
}

interface HeadRow {
  chain: string;
  seq: string | number;
  hash: string;
}

/**
 * The audit log: append-only (a trigger refuses updates, deletes and truncation) and tamper-evident.
 *
 * Entries form many hash chains rather than one: the entries about a family chain to that family's previous entry,
 * the entries about no family to one of a few shard chains. A commit locks only the head rows of its own chains, so
 * writers about different families never wait for each other (and the commands of one family queue anyway). A
 * {@link seal} ties the chains together: it hashes the previous seal and the head of every chain that moved since,
 * so a rewritten chain no longer matches the seals. `seq` numbers entries across chains in the order they were
 * written (a rolled-back transaction leaves a gap); pages and the newest-first order follow it.
 *
 * Entries recorded at the same time in one process are written together in one transaction (group commit);
 * `record` resolves once they are committed. When such a transaction fails, each request's entries are written on
 * their own, so that an entry the database refuses fails only its own request. {@link appendIn} writes entries in
 * a transaction of the caller's: a command's entry commits with its events.
 */
export class AuditLog {
  private queue: Pending[] = [];
  private draining = false;

  private readonly sql: Record<'lockHeads' | 'append', PreparedStatement>;
  /**
   * Chains whose head row this process has seen holding a committed entry: head rows are never removed, so an
   * entry on one of these can be written by a plain update of its head (see {@link rider}).
   */
  private readonly knownChains = new Set<string>();

  private constructor(
    private readonly database: SqlDatabase,
    private readonly schema: string,
  ) {
    this.sql = preparedStatements('audit', {
      // Locks the chains' head rows (creating those of new chains), in a fixed order so writers never deadlock,
      // and only then (`numbers` waits for every lock) takes the entries' numbers: within a chain they then grow
      // in the order of the chain. One statement, so one round trip, for both.
      lockHeads: `with locked as (
                    insert into ${schema}.audit_chain_head (chain, seq, hash)
                    select c, 0, '${GENESIS_HASH}' from unnest($1::text[]) as c order by c
                    on conflict (chain) do update set chain = excluded.chain
                    returning chain, seq, hash
                  ), numbers as (
                    select array_agg(nextval('${schema}.audit_log_seq')) as seqs
                    from (select count(*) from locked) as l, generate_series(1, $2::integer)
                  )
                  select l.chain, l.seq, l.hash, n.seqs from locked l, numbers n`,
      // The entries and the new heads in one statement: one round trip less on every request.
      append: `with appended as (
                 insert into ${schema}.audit_log (seq, at, actor_id, role, organisation, action, family_id,
                   outcome, status, detail, correlation_id, chain, prev_seq, prev_hash, hash)
                 select * from unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[],
                   $6::text[], $7::text[], $8::text[], $9::integer[], $10::text[], $11::text[], $12::text[],
                   $13::bigint[], $14::text[], $15::text[]))
               update ${schema}.audit_chain_head h set seq = v.seq, hash = v.hash
               from unnest($16::text[], $17::bigint[], $18::text[]) as v(chain, seq, hash)
               where h.chain = v.chain`,
    });
  }

  static async open(database: SqlDatabase, schema: string): Promise<AuditLog> {
    await AUDIT_LOG_MIGRATIONS.migrate(database, schema);
    return new AuditLog(database, quoteIdentifier(schema));
  }

  /** Appends entries to the log; resolves when they are committed, rejects when they could not be. */
  record(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ entries: entries.map(normalised), resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  /**
   * Appends entries inside the caller's transaction (a command's entry with its events): they commit or roll back
   * with it. Locks the head rows of the entries' chains until then.
   */
  async appendIn(tx: SqlQueryable, entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length > 0) await this.append(tx, entries.map(normalised));
  }

  /**
   * A command's one entry as a rider of its append statement (see SqlStatementRider): the entry, its number and
   * hash and the new head are written by that statement, so the command commits in one round trip. The number is
   * taken once the head row is locked, as {@link append} does, and the hash is computed by the database over the
   * same text as {@link auditEntryHash} (only the numbers and the previous hash are put in there; everything
   * else is serialised here). Only for a chain whose head row is known to exist: undefined otherwise, or for more
   * than one entry, and the caller writes them with {@link appendIn}.
   */
  rider(entries: readonly AuditEntry[]): SqlStatementRider | undefined {
    if (entries.length !== 1) return undefined;
    const entry = normalised(entries[0]!);
    const chain = auditChainOf(entry);
    if (!this.knownChains.has(chain)) return undefined;
    const [, ...fields] = chained(entry, 0, GENESIS_HASH);
    const columns = fields.slice(0, -1);
    const s = this.schema;
    return {
      name: 'audit_entry',
      ctes: (first) => {
        const $ = (i: number) => `$${first + i}`;
        return `audit_head as (
            update ${s}.audit_chain_head h
            set (seq, hash, prev_seq, prev_hash) = (
              select n.seq,
                     ${entryHashSql(`${$(1)}::text`, `${$(2)}::text`)},
                     h.seq, h.hash
              from (select nextval('${s}.audit_log_seq') as seq) n)
            where h.chain = ${$(0)}::text and exists (select 1 from inserted)
            returning h.chain, h.seq, h.hash, h.prev_seq, h.prev_hash
          ), audit_entry as (
            insert into ${s}.audit_log (seq, at, actor_id, role, organisation, action, family_id, outcome,
              status, detail, correlation_id, chain, prev_seq, prev_hash, hash)
            select h.seq, ${$(3)}::timestamptz, ${$(4)}::text, ${$(5)}::text, ${$(6)}::text, ${$(7)}::text,
              ${$(8)}::text, ${$(9)}::text, ${$(10)}::integer, ${$(11)}::text, ${$(12)}::text,
              h.chain, h.prev_seq, h.prev_hash, h.hash
            -- With events inserted and no head moved, the row has no number: the statement fails, all of it.
            from (select 1 from inserted limit 1) i left join audit_head h on true
          )`;
      },
      params: [chain, JSON.stringify(chain), JSON.stringify(columns).slice(1, -1), ...columns],
      written: () => this.know(chain),
      together: {
        // Two entries of one chain in one statement would both follow the same head.
        key: chain,
        // The same rows for several commands' entries, each parameter an array over them. The heads are locked
        // in the order of their chains before they move, as the group commit of reads' entries does (lockHeads):
        // so two statements never wait for each other's heads.
        ctes: (first) => {
          const $ = (i: number) => `$${first + i}`;
          return `audit_input as (
            select * from unnest(${$(0)}::text[], ${$(1)}::text[], ${$(2)}::text[], ${$(3)}::timestamptz[],
              ${$(4)}::text[], ${$(5)}::text[], ${$(6)}::text[], ${$(7)}::text[], ${$(8)}::text[], ${$(9)}::text[],
              ${$(10)}::integer[], ${$(11)}::text[], ${$(12)}::text[])
              with ordinality as r(chain, chain_json, columns_json, at, actor_id, role, organisation, action,
                family_id, outcome, status, detail, correlation_id, i)
            where r.i in (select i from inserted)
          ), audit_locked as (
            select h.chain from ${s}.audit_chain_head h
            where h.chain in (select chain from audit_input)
            order by h.chain
            for update
          ), audit_head as (
            update ${s}.audit_chain_head h
            set (seq, hash, prev_seq, prev_hash) = (
              select n.seq,
                     ${entryHashSql('r.chain_json', 'r.columns_json')},
                     h.seq, h.hash
              from (select nextval('${s}.audit_log_seq') as seq) n)
            from audit_input r join audit_locked l on l.chain = r.chain
            where h.chain = r.chain
            returning h.chain, h.seq, h.hash, h.prev_seq, h.prev_hash
          ), audit_entry as (
            insert into ${s}.audit_log (seq, at, actor_id, role, organisation, action, family_id, outcome,
              status, detail, correlation_id, chain, prev_seq, prev_hash, hash)
            select h.seq, r.at, r.actor_id, r.role, r.organisation, r.action, r.family_id, r.outcome, r.status,
              r.detail, r.correlation_id, r.chain, h.prev_seq, h.prev_hash, h.hash
            -- An entry whose head did not move has no number: the statement fails, all of it.
            from audit_input r left join audit_head h on h.chain = r.chain
          )`;
        },
      },
    };
  }

  private know(chain: string): void {
    // Bounded: forgetting a chain only sends its next entry the longer way.
    if (this.knownChains.size >= 200_000) this.knownChains.clear();
    this.knownChains.add(chain);
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
          if (batch.length === 1) batch[0]!.reject(error);
          // One request's entry may be what the database refused: write each request's entries on their own, so
          // that only that request fails.
          else for (const pending of batch) await this.writeAlone(pending);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async writeAlone(pending: Pending): Promise<void> {
    try {
      await this.database.transaction((tx) => this.append(tx, pending.entries));
      pending.resolve();
    } catch (error) {
      pending.reject(error);
    }
  }

  private async append(tx: SqlQueryable, entries: readonly AuditEntry[]): Promise<void> {
    const chainOf = entries.map(auditChainOf);
    const chains = [...new Set(chainOf)].sort();
    const locked = await tx.query<HeadRow & { seqs: (string | number)[] }>(
      this.sql.lockHeads.text,
      [chains, entries.length],
      this.sql.lockHeads.options,
    );
    const heads = new Map(locked.map((h) => [h.chain, { seq: Number(h.seq), hash: h.hash }]));
    for (const head of locked) if (Number(head.seq) > 0) this.know(head.chain);
    const seqs = (locked[0]?.seqs ?? []).map(Number).sort((a, b) => a - b);
    const columns: unknown[][] = Array.from({ length: 15 }, () => []);
    entries.forEach((entry, i) => {
      const chain = chainOf[i]!;
      const head = heads.get(chain);
      if (!head) throw new Error(`the audit chain ${chain} has no head row`);
      const seq = seqs[i]!;
      const hash = auditEntryHash({ ...entry, chain, prevSeq: head.seq }, seq, head.hash);
      const [, ...fields] = chained(entry, seq, head.hash);
      [seq, ...fields.slice(0, -1), chain, head.seq, head.hash, hash].forEach((value, c) =>
        columns[c]!.push(value),
      );
      heads.set(chain, { seq, hash });
    });
    const moved = [...heads.entries()];
    await tx.query(
      this.sql.append.text,
      [
        ...columns,
        moved.map(([chain]) => chain),
        moved.map(([, head]) => head.seq),
        moved.map(([, head]) => head.hash),
      ],
      this.sql.append.options,
    );
  }

  /**
   * Appends a seal naming the head of every chain that moved since the previous seal; answers it, or null when no
   * chain moved. Writers in any number of processes may seal: they take turns on the seals' head row, which
   * nothing else locks.
   */
  async seal(): Promise<AuditSeal | null> {
    const s = this.schema;
    return this.database.transaction(async (tx) => {
      const [last] = await tx.query<{ seq: string | number; hash: string }>(
        `select seq, hash from ${s}.audit_seal_head where id = 1 for update`,
      );
      if (!last) throw new Error('the audit log has no seal head row');
      const moved = await tx.query<HeadRow>(
        `select h.chain, h.seq, h.hash from ${s}.audit_chain_head h
         left join ${s}.audit_sealed d on d.chain = h.chain
         where h.seq > 0 and (d.seq is null or d.seq <> h.seq)
         order by h.chain`,
      );
      if (moved.length === 0) return null;
      const unsealed = {
        seq: Number(last.seq) + 1,
        at: new Date().toISOString(),
        heads: moved.map((h) => [h.chain, Number(h.seq), h.hash] as const),
        prevHash: last.hash,
      };
      const seal: AuditSeal = { ...unsealed, hash: auditSealHash(unsealed) };
      await tx.query(
        `insert into ${s}.audit_seal (seq, at, heads, prev_hash, hash) values ($1, $2, $3::jsonb, $4, $5)`,
        [seal.seq, seal.at, JSON.stringify(seal.heads), seal.prevHash, seal.hash],
      );
      await tx.query(
        `insert into ${s}.audit_sealed (chain, seq) select * from unnest($1::text[], $2::bigint[])
         on conflict (chain) do update set seq = excluded.seq`,
        [seal.heads.map((h) => h[0]), seal.heads.map((h) => h[1])],
      );
      await tx.query(`update ${s}.audit_seal_head set seq = $1, hash = $2 where id = 1`, [
        seal.seq,
        seal.hash,
      ]);
      return seal;
    });
  }

  /** Entries matching the filter, in the order asked for (newest first by default), a page at a time. */
  async query(filter: AuditFilter): Promise<StoredAuditEntry[]> {
    const column = SORT_COLUMNS[filter.sort ?? 'at'];
    const direction = filter.direction === 'asc' ? 'asc' : 'desc';
    const after = direction === 'asc' ? '>' : '<';
    const key = column === 'seq' ? 'seq' : `${column}, seq`;
    const outcome = filter.outcome ?? null;
    const rows = await this.database.query<AuditRow>(
      `select * from ${this.schema}.audit_log
       where ($1::text is null or family_id = $1::text)
         and ($2::text is null or actor_id = $2::text)
         and ($3::timestamptz is null or at >= $3::timestamptz)
         and ($4::timestamptz is null or at <= $4::timestamptz)
         and ($5::bigint is null or seq < $5::bigint)
         and ($7::text is null or ($7::text = 'allowed' and outcome = 'success')
              or ($7::text = 'refusals' and outcome <> 'success') or outcome = $7::text)
         and ($8::bigint is null or (${key}) ${after} (
              select ${key} from ${this.schema}.audit_log where seq = $8::bigint))
       order by ${column === 'seq' ? '' : `${column} ${direction}, `}seq ${direction}
       limit $6`,
      [
        filter.familyId ?? null,
        filter.actorId ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.beforeSeq ?? null,
        filter.limit,
        outcome,
        filter.afterSeq ?? null,
      ],
    );
    return rows.map(toEntry);
  }

  /**
   * Who looked at a family's record, newest first, a page at a time (`beforeSeq`: the last `seq` of the previous
   * page): the family's own access log (NEN 7513, AVG art. 15). Allowed requests only — a refused one showed
   * nothing — and not the family's own members' reads, whose looks at their own record are theirs. Read along the
   * index on `(family_id, seq)`, backwards, so a page costs its own rows whatever the length of the log.
   */
  async lookedAt(
    familyId: string,
    page: { readonly limit: number; readonly beforeSeq?: number },
  ): Promise<StoredAuditEntry[]> {
    // The family as a range of one value, ordered by (family_id, seq): an equality would let the planner walk the
    // primary key backwards instead (it orders by `seq` too), filtering out every other family's later entries —
    // tens of milliseconds for a family whose entries are old. Only `audit_log_family_looks` gives this order.
    const rows = await this.database.query<AuditRow>(
      `select * from ${this.schema}.audit_log
       where family_id >= $1::text and family_id <= $1::text
         and outcome = 'success' and role is distinct from 'family'
         and ($2::bigint is null or seq < $2::bigint)
       order by family_id desc, seq desc
       limit $3`,
      [familyId, page.beforeSeq ?? null, page.limit],
    );
    return rows.map(toEntry);
  }

  /**
   * Recomputes every chain and the seals, and names the first thing broken:
   * 1. the entries in the order written: each names the previous entry of its chain (a missing one shows as a gap)
   *    and its hash, and has the hash of its own fields;
   * 2. each chain's head row names the chain's last entry (entries removed from the end);
   * 3. the seals: each follows the previous one, has the hash of its fields, and the seal head names the last;
   * 4. every head a seal names is an entry of that chain with that hash (a chain rewritten, or cut short, after it
   *    was sealed).
   */
  async verify(onProgress?: (checked: number, total: number) => void): Promise<AuditVerification> {
    const s = this.schema;
    const [count] = await this.database.query<{ count: string | number }>(
      `select count(*) as count from ${s}.audit_log`,
    );
    const total = Number(count?.count ?? 0);
    const chains = new Map<string, { seq: number; hash: string }>();
    let checked = 0;
    let lastHash = GENESIS_HASH;
    const broken = (at: number, reason: string): AuditVerification => ({
      intact: false,
      entries: checked,
      brokenAt: at,
      reason,
    });
    const brokenSeal = (at: number, reason: string): AuditVerification => ({
      intact: false,
      entries: checked,
      brokenSeal: at,
      reason,
    });

    for await (const rows of this.inSeqOrder<AuditRow>('audit_log', 10_000)) {
      for (const row of rows) {
        const entry = toEntry(row);
        const previous = chains.get(entry.chain) ?? { seq: 0, hash: GENESIS_HASH };
        // The legacy chain numbered its entries without gaps; the newer chains name their previous entry.
        const legacy = entry.chain === LEGACY_CHAIN;
        const prevSeq = legacy ? entry.seq - 1 : entry.prevSeq;
        if (prevSeq !== null && prevSeq > previous.seq) {
          const missing = legacy ? previous.seq + 1 : prevSeq;
          return broken(missing, `entry ${missing} is missing`);
        }
        if (prevSeq !== previous.seq || entry.prevHash !== previous.hash)
          return broken(entry.seq, 'it does not follow the hash of the entry before it');
        if (auditEntryHash(entry, entry.seq, entry.prevHash) !== entry.hash)
          return broken(entry.seq, 'its fields do not match its hash: it was altered');
        chains.set(entry.chain, { seq: entry.seq, hash: entry.hash });
        checked += 1;
        lastHash = entry.hash;
      }
      onProgress?.(checked, total);
    }

    const heads = await this.database.query<HeadRow>(
      `select chain, seq, hash from ${s}.audit_chain_head where seq > 0 order by seq`,
    );
    for (const head of heads) {
      const last = chains.get(head.chain) ?? { seq: 0, hash: GENESIS_HASH };
      if (last.seq !== Number(head.seq) || last.hash !== head.hash) {
        return broken(
          Number(head.seq),
          `the chain ${head.chain} ends at entry ${last.seq}, but its head names entry ${head.seq}: entries were removed`,
        );
      }
    }

    const [sealHead] = await this.database.query<{ seq: string | number; hash: string }>(
      `select seq, hash from ${s}.audit_seal_head where id = 1`,
    );
    let seals = 0;
    let prevSeal = GENESIS_HASH;
    for await (const rows of this.inSeqOrder<SealRow>('audit_seal', 1_000)) {
      for (const row of rows) {
        const seal = toSeal(row);
        if (seal.seq !== seals + 1) return brokenSeal(seals + 1, `seal ${seals + 1} is missing`);
        if (seal.prevHash !== prevSeal)
          return brokenSeal(seal.seq, 'it does not follow the hash of the seal before it');
        if (auditSealHash(seal) !== seal.hash)
          return brokenSeal(seal.seq, 'its fields do not match its hash: it was altered');
        const problem = await this.checkSealedHeads(seal);
        if (problem) return broken(problem.seq, problem.reason);
        prevSeal = seal.hash;
        seals += 1;
      }
    }
    if (!sealHead || Number(sealHead.seq) !== seals || sealHead.hash !== prevSeal) {
      return brokenSeal(
        seals + 1,
        `the seals end at seal ${seals}, but their head names seal ${sealHead?.seq ?? '?'}: seals were removed`,
      );
    }
    return {
      intact: true,
      entries: checked,
      lastHash,
      seals,
      lastSeal: seals > 0 ? prevSeal : null,
    };
  }

  /** The rows of one of the log's tables in the order of their `seq`, `limit` at a time. */
  private async *inSeqOrder<R extends { seq: string | number }>(
    table: string,
    limit: number,
  ): AsyncGenerator<R[]> {
    for (let after = 0; ;) {
      const rows = await this.database.query<R>(
        `select * from ${this.schema}.${table} where seq > $1 order by seq limit ${limit}`,
        [after],
      );
      if (rows.length === 0) return;
      yield rows;
      after = Number(rows[rows.length - 1]!.seq);
    }
  }

  /** Whether every head a seal names is still that chain's entry with that hash. */
  private async checkSealedHeads(
    seal: AuditSeal,
  ): Promise<{ readonly seq: number; readonly reason: string } | undefined> {
    const named = await this.database.query<{ seq: string | number; chain: string; hash: string }>(
      `select seq, chain, hash from ${this.schema}.audit_log where seq = any($1::bigint[])`,
      [seal.heads.map(([, seq]) => seq)],
    );
    const bySeq = new Map(named.map((row) => [Number(row.seq), row]));
    for (const [chain, seq, hash] of seal.heads) {
      const entry = bySeq.get(seq);
      if (!entry || entry.chain !== chain)
        return {
          seq,
          reason: `entry ${seq} is missing: seal ${seal.seq} names it as the head of ${chain}`,
        };
      if (entry.hash !== hash)
        return {
          seq,
          reason: `it is not the entry that seal ${seal.seq} sealed: its chain was rewritten`,
        };
    }
    return undefined;
  }
}

/** Times are kept as the database keeps them (milliseconds, UTC), so that the hash can be recomputed. */
function normalised(entry: AuditEntry): AuditEntry {
  return { ...entry, at: new Date(entry.at).toISOString() };
}

/** A row's place in the log and its time, as entries and seals both begin. */
function placed(row: Pick<SealRow, 'seq' | 'at'>): { seq: number; at: string } {
  return { seq: Number(row.seq), at: new Date(row.at).toISOString() };
}

/** A row's links of the hash chain, as entries and seals both end. */
function linked(row: Pick<SealRow, 'prev_hash' | 'hash'>): { prevHash: string; hash: string } {
  return { prevHash: row.prev_hash, hash: row.hash };
}

function toSeal(row: SealRow): AuditSeal {
  return { ...placed(row), heads: row.heads, ...linked(row) };
}

function toEntry(row: AuditRow): StoredAuditEntry {
  return {
    ...placed(row),
    actorId: row.actor_id,
    role: row.role,
    organisation: row.organisation,
    action: row.action,
    familyId: row.family_id,
    outcome: row.outcome,
    status: row.status,
    detail: row.detail,
    correlationId: row.correlation_id,
    chain: row.chain,
    prevSeq: row.prev_seq === null ? null : Number(row.prev_seq),
    ...linked(row),
  };
}
