import { revealPersonalData, type FamilyKey } from '@samenspoor/access';
import type { PlaintextEventWriter } from '@samenspoor/commands';
import {
  FAMILY_STREAM_PREFIX,
  isValidBsn,
  parseFamilyEvent,
  type FamilyEvent,
  type Member,
  type PersonalDataErased,
} from '@samenspoor/domain';
import { START, type EventStore, type Position } from '@samenspoor/event-store';
import { migrate, quoteIdentifier, type SqlDatabase, type SqlQueryable } from '@samenspoor/sql';

import type { SearchKeys } from './search-keys';
import { memberRows, type IndexRow } from './search-tokens';

/**
 * A registration names a BSN that another family holds: two registrations of one child that raced past the match
 * (the index claims each BSN for one family, in the transaction of the registration).
 */
export class BsnKnownError extends Error {
  constructor(readonly familyIds: readonly string[]) {
    super('a BSN of this registration is held by another family');
    this.name = 'BsnKnownError';
  }
}

/** Events read at a time when the index catches up with the store. */
const CATCH_UP_BATCH = 1_000;

/** The keys of families that were not erased (the vault's `keysFor`). */
export type FamilyKeysLookup = (familyIds: readonly string[]) => Promise<Map<string, FamilyKey>>;

/** The events the index writes rows for (see writeMany). */
const INDEXED_EVENTS: ReadonlySet<string> = new Set([
  'FamilyRegistered',
  'FamilyMemberAdded',
  'MemberBsnRecorded',
  'PersonalDataErased',
]);

/**
 * The blind index of the families' members (see SearchKeys): tokens only, never a name, a BSN or a birth year,
 * each leading to a member of a family. Filled by the command path from the plaintext of the events it is about to
 * seal (as a PlaintextEventWriter, in the events' transaction), and at start-up from the events already in the
 * store (opened with each family's key), from where the last catch-up stopped. Erasure removes a family's rows in
 * the transaction of its `PersonalDataErased`; an erased family is never indexed again, as its key is gone.
 */
export class BlindIndex implements PlaintextEventWriter {
  /** The token rows (`search_tokens`). */
  readonly tokens: string;
  /** The municipality of each indexed family, for members added later (`search_families`). */
  private readonly families: string;
  /** Each registered BSN's family (`search_bsns`): one family per BSN. */
  private readonly bsns: string;
  private readonly state: string;

  private constructor(
    private readonly database: SqlDatabase,
    schema: string,
    private readonly keys: SearchKeys,
  ) {
    const s = quoteIdentifier(schema);
    this.tokens = `${s}.search_tokens`;
    this.families = `${s}.search_families`;
    this.bsns = `${s}.search_bsns`;
    this.state = `${s}.search_index_state`;
  }

  /** Opens the index, creating its tables. Made under another key, it is emptied, to be filled again. */
  static async open(database: SqlDatabase, schema: string, keys: SearchKeys): Promise<BlindIndex> {
    await migrate(database, {
      schema,
      component: 'search-index',
      migrations: [
        {
          version: 1,
          name: 'blind index of the families members',
          up: (s) => `
            create table ${s}.search_tokens (
              token text not null,
              family_id text not null,
              member_id text not null,
              primary key (token, family_id, member_id)
            );
            create index search_tokens_family on ${s}.search_tokens (family_id);
            create table ${s}.search_families (
              family_id text primary key,
              municipality text not null
            );
            create table ${s}.search_index_state (
              id boolean primary key default true check (id),
              key_fingerprint text not null,
              caught_up_to text not null
            )`,
        },
        {
          version: 2,
          // Each family gets its place in the order of registration (`seq`), and each row carries it, so that a
          // search reads the newest families straight from the index, without a join to the family list. The
          // rows made so far have no place: the index is emptied and filled again by the next catch-up, as
          // after a change of key.
          name: 'the order of registration in the index rows',
          up: (s) => `
            delete from ${s}.search_tokens;
            delete from ${s}.search_families;
            update ${s}.search_index_state set caught_up_to = '${START}';
            alter table ${s}.search_families add column seq bigint generated always as identity;
            alter table ${s}.search_tokens add column family_seq bigint not null;
            create index search_tokens_newest on ${s}.search_tokens (token, family_seq desc)
              include (family_id, member_id);
            create table ${s}.search_bsns (
              token text primary key,
              family_id text not null
            );
            create index search_bsns_family on ${s}.search_bsns (family_id)`,
        },
      ],
    });
    const index = new BlindIndex(database, schema, keys);
    await index.checkKey();
    return index;
  }

  /** Whether the events bring members or BSNs in, or erase the family: the events {@link writeIn} writes for. */
  writesFor(events: readonly FamilyEvent[]): boolean {
    return events.some((event) => INDEXED_EVENTS.has(event.type));
  }

  /** Writes the rows of the events' members; removes the family's rows on its erasure. */
  writeIn(
    tx: SqlQueryable | undefined,
    familyId: string,
    events: readonly FamilyEvent[],
  ): Promise<void> {
    // In the events' transaction a BSN held by another family refuses the registration; after an append to
    // KurrentDB (no transaction) the events are stored already, so the claim only records.
    return this.writeMany(tx ?? this.database, [{ familyId, events }], tx !== undefined);
  }

  /**
   * Writes the rows of several families' events in a few statements: the families registered, their members'
   * tokens (a member added is indexed with the municipality its family was registered in), and the erasures.
   */
  private async writeMany(
    db: SqlQueryable,
    batch: readonly { readonly familyId: string; readonly events: readonly FamilyEvent[] }[],
    claim = false,
  ): Promise<void> {
    const municipalities = new Map<string, string>();
    const added: { familyId: string; member: Member }[] = [];
    const rows: { familyId: string; row: IndexRow }[] = [];
    const bsns: { familyId: string; token: string }[] = [];
    const recorded: { familyId: string; memberId: string; bsn: string }[] = [];
    const erased = new Set<string>();
    for (const { familyId, events } of batch) {
      for (const event of events) {
        if (event.type === 'FamilyRegistered') {
          erased.delete(familyId);
          municipalities.set(familyId, event.data.municipality);
          for (const member of event.data.members) {
            for (const row of memberRows(this.keys, member, event.data.municipality))
              rows.push({ familyId, row });
            if (member.bsn !== undefined && isValidBsn(member.bsn))
              bsns.push({ familyId, token: asText(this.keys.token('bsn', member.bsn)) });
          }
        } else if (event.type === 'FamilyMemberAdded') {
          added.push({ familyId, member: event.data.member });
        } else if (event.type === 'MemberBsnRecorded' && isValidBsn(event.data.bsn)) {
          // Only the BSN's row: the member's other rows were made when it was registered or added.
          recorded.push({ familyId, memberId: event.data.memberId, bsn: event.data.bsn });
          bsns.push({ familyId, token: asText(this.keys.token('bsn', event.data.bsn)) });
        } else if (event.type === 'PersonalDataErased') {
          erased.add(familyId);
        }
      }
    }
    const registered = new Set(municipalities.keys());
    if (municipalities.size > 0)
      await db.query(
        `insert into ${this.families} (family_id, municipality)
         select * from unnest($1::text[], $2::text[])
         on conflict (family_id) do update set municipality = excluded.municipality`,
        [[...municipalities.keys()], [...municipalities.values()]],
      );
    const unknown = [...new Set(added.map((a) => a.familyId))].filter((id) => !registered.has(id));
    if (unknown.length > 0) {
      const known = await db.query<{ family_id: string; municipality: string }>(
        `select family_id, municipality from ${this.families} where family_id = any($1::text[])`,
        [unknown],
      );
      for (const row of known) municipalities.set(row.family_id, row.municipality);
    }
    for (const { familyId, member } of added)
      for (const row of memberRows(this.keys, member, municipalities.get(familyId)))
        rows.push({ familyId, row });
    for (const { familyId, memberId, bsn } of recorded)
      rows.push({ familyId, row: { token: this.keys.token('bsn', bsn), memberId } });
    const kept = rows.filter((r) => !erased.has(r.familyId));
    if (kept.length > 0) {
      // Each row carries its family's place in the order of registration; a member added to a family the index
      // does not hold (erased) is not indexed.
      const places = await db.query<{ family_id: string; seq: string | number }>(
        `select family_id, seq from ${this.families} where family_id = any($1::text[])`,
        [[...new Set(kept.map((r) => r.familyId))]],
      );
      const seqs = new Map(places.map((p) => [p.family_id, String(p.seq)]));
      const placed = kept.filter((r) => seqs.has(r.familyId));
      await db.query(
        `insert into ${this.tokens} (token, family_id, member_id, family_seq)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
         on conflict do nothing`,
        [
          placed.map((r) => asText(r.row.token)),
          placed.map((r) => r.familyId),
          placed.map((r) => r.row.memberId),
          placed.map((r) => seqs.get(r.familyId)!),
        ],
      );
    }
    await this.claimBsns(
      db,
      bsns.filter((b) => !erased.has(b.familyId)),
      claim,
    );
    for (const familyId of erased) await this.forget(db, familyId);
  }

  /**
   * Claims each registered BSN for its family. A claim waits for a concurrent registration of the same BSN to
   * commit or roll back; with `refuse` (the command path), a BSN another family holds is a BsnKnownError, so the
   * registration stores nothing. The catch-up keeps whichever family had it first.
   */
  private async claimBsns(
    db: SqlQueryable,
    bsns: readonly { familyId: string; token: string }[],
    refuse: boolean,
  ): Promise<void> {
    if (bsns.length === 0) return;
    await db.query(
      `insert into ${this.bsns} (token, family_id) select * from unnest($1::text[], $2::text[])
       on conflict (token) do nothing`,
      [bsns.map((b) => b.token), bsns.map((b) => b.familyId)],
    );
    if (!refuse) return;
    const held = await db.query<{ family_id: string }>(
      `select distinct family_id from ${this.bsns}
       where token = any($1::text[]) and family_id <> all($2::text[])`,
      [bsns.map((b) => b.token), [...new Set(bsns.map((b) => b.familyId))]],
    );
    if (held.length > 0) throw new BsnKnownError(held.map((h) => h.family_id));
  }

  /** Removes every row of the family (its erasure). */
  async forget(db: SqlQueryable, familyId: string): Promise<void> {
    await db.query(`delete from ${this.tokens} where family_id = $1`, [familyId]);
    await db.query(`delete from ${this.families} where family_id = $1`, [familyId]);
    await db.query(`delete from ${this.bsns} where family_id = $1`, [familyId]);
  }

  /**
   * The member whose BSN this is (a family token's sign-in), through its keyed hash: nothing when the BSN is not
   * elfproef-valid, no member holds it, or more than one does (then nobody can tell which one signed in).
   */
  async memberWithBsn(bsn: string): Promise<{ familyId: string; memberId: string } | undefined> {
    if (!isValidBsn(bsn)) return undefined;
    const rows = await this.database.query<{ family_id: string; member_id: string }>(
      `select family_id, member_id from ${this.tokens} where token = $1 limit 2`,
      [asText(this.keys.token('bsn', bsn))],
    );
    const [only] = rows;
    return rows.length === 1 && only
      ? { familyId: only.family_id, memberId: only.member_id }
      : undefined;
  }

  /** The families with a member that has every one of the tokens. */
  async familiesWithAll(tokens: readonly Buffer[]): Promise<string[]> {
    if (tokens.length === 0) return [];
    const rows = await this.database.query<{ family_id: string }>(
      `select distinct family_id from (
         select family_id from ${this.tokens} where token = any($1::text[])
         group by family_id, member_id having count(*) = $2
       ) hits`,
      [tokens.map(asText), tokens.length],
    );
    return rows.map((row) => row.family_id);
  }

  /**
   * The members whose BSN is this one (through its keyed hash, never the number): at most one family claims a BSN,
   * but a family may hold it twice only through an old registration, so every member found is answered.
   */
  async membersWithBsn(bsn: string): Promise<{ familyId: string; memberId: string }[]> {
    if (!isValidBsn(bsn)) return [];
    const rows = await this.database.query<{ family_id: string; member_id: string }>(
      `select distinct family_id, member_id from ${this.tokens} where token = $1`,
      [asText(this.keys.token('bsn', bsn))],
    );
    return rows.map((row) => ({ familyId: row.family_id, memberId: row.member_id }));
  }

  /** The families with a member that has any one of the tokens. */
  async familiesWithAny(tokens: readonly Buffer[]): Promise<string[]> {
    if (tokens.length === 0) return [];
    const rows = await this.database.query<{ family_id: string }>(
      `select distinct family_id from ${this.tokens} where token = any($1::text[])`,
      [tokens.map(asText)],
    );
    return rows.map((row) => row.family_id);
  }

  /**
   * The SQL of the newest families (in the order of registration) with a member that has all the tokens, at most
   * `$limit`, of those in `listed` (the SQL of a table with a `family_id` column: the families an answer can show,
   * so that families it does not hold yet never take the places of those it does): rows `(family_id, family_seq)`,
   * newest first. `$tokens` (text[]) and `$limit` are the numbers of the parameters that hold them; `tokenCount` is
   * how many tokens `$tokens` holds (1 to a few). With `within`, the SQL of a set of family ids (a professional's
   * network, all of them listed), only families in it.
   */
  newestHitsSql(params: {
    tokens: number;
    tokenCount: number;
    limit: number;
    listed: string;
    within?: string;
  }): string {
    const { tokens, tokenCount, limit, listed, within } = params;
    if (within !== undefined)
      // The network's families first (materialized, so that the planner cannot probe the family list for each
      // row of a common token instead), then the rows of their members with one of the tokens, by member.
      return `with mine as materialized (${within})
          select family_id, max(family_seq) as family_seq from (
            select t.family_id, max(t.family_seq) as family_seq
            from mine join ${this.tokens} t
              on t.family_id = mine.family_id and t.token = any($${tokens}::text[])
            group by t.family_id, t.member_id having count(*) = ${tokenCount}
          ) hits group by family_id order by family_seq desc limit $${limit}`;
    // Each token's rows newest first, straight from `(token, family_seq)`, joined on the member as they come (a
    // merge join, which needs no sort and stops at the page): the work follows the rows read down to the page's
    // last family, at most the tokens' rows, without a count of them beforehand or a probe per row.
    const rows = (k: number) => `(select family_seq, family_id, member_id from ${this.tokens}
          where token = ($${tokens}::text[])[${k}] order by family_seq desc) t${k}`;
    const joined = Array.from({ length: tokenCount - 1 }, (_, i) => i + 2)
      .map(
        (k) =>
          `join ${rows(k)} on t${k}.family_seq = t1.family_seq and t${k}.member_id = t1.member_id`,
      )
      .join('\n');
    return `select t1.family_id, t1.family_seq from ${rows(1)} ${joined}
        where exists (select 1 from ${listed} l where l.family_id = t1.family_id)
        group by t1.family_seq, t1.family_id order by t1.family_seq desc limit $${limit}`;
  }

  /**
   * Indexes the families' registrations and members added since the last catch-up (all of them the first time),
   * opening their personal values with each family's key; families erased meanwhile have no key and stay out.
   * Returns how many events were read.
   */
  async catchUp(store: EventStore, keysFor: FamilyKeysLookup): Promise<number> {
    const [state] = await this.database.query<{ caught_up_to: string }>(
      `select caught_up_to from ${this.state}`,
    );
    let after: Position = state?.caught_up_to ?? START;
    let read = 0;
    for (;;) {
      const batch = await store.readAll({ after, limit: CATCH_UP_BATCH });
      if (batch.events.length === 0) break;
      const familyIds = batch.events.flatMap((e) =>
        e.streamId.startsWith(FAMILY_STREAM_PREFIX)
          ? [e.streamId.slice(FAMILY_STREAM_PREFIX.length)]
          : [],
      );
      const keys = await keysFor(familyIds);
      const indexed: { familyId: string; events: FamilyEvent[] }[] = [];
      for (const record of batch.events) {
        if (!record.streamId.startsWith(FAMILY_STREAM_PREFIX)) continue;
        const familyId = record.streamId.slice(FAMILY_STREAM_PREFIX.length);
        const key = keys.get(familyId);
        if (record.type === 'PersonalDataErased') {
          indexed.push({ familyId, events: [ERASURE] });
        } else if (
          key &&
          (record.type === 'FamilyRegistered' ||
            record.type === 'FamilyMemberAdded' ||
            record.type === 'MemberBsnRecorded')
        ) {
          const parsed = parseFamilyEvent({
            ...record,
            data: revealPersonalData(record.data, key),
          });
          if (parsed.ok) indexed.push({ familyId, events: [parsed.event] });
        }
      }
      await this.database.transaction(async (tx) => {
        await this.writeMany(tx, indexed);
        await tx.query(`update ${this.state} set caught_up_to = $1`, [batch.position]);
      });
      read += batch.events.length;
      after = batch.position;
    }
    return read;
  }

  /**
   * Makes sure the rows were made under the configured key: on a first start, or after the key was changed, the
   * index is emptied and the next catch-up fills it again from the start of the store.
   */
  private async checkKey(): Promise<void> {
    const fingerprint = asText(this.keys.fingerprint);
    await this.database.transaction(async (tx) => {
      const [state] = await tx.query<{ key_fingerprint: string }>(
        `select key_fingerprint from ${this.state} for update`,
      );
      if (state?.key_fingerprint === fingerprint) return;
      await tx.query(`delete from ${this.tokens}`);
      await tx.query(`delete from ${this.families}`);
      await tx.query(`delete from ${this.bsns}`);
      await tx.query(
        `insert into ${this.state} (id, key_fingerprint, caught_up_to) values (true, $1, $2)
         on conflict (id) do update set key_fingerprint = $1, caught_up_to = $2`,
        [fingerprint, START],
      );
    });
  }
}

/** An erasure as the index takes it: only its type counts (its data may be sealed, and is not needed). */
const ERASURE: PersonalDataErased = {
  type: 'PersonalDataErased',
  data: { occurredAt: '', legalBasis: '' },
};

/** How a token is stored: base64url text (22 characters), the same on every driver. */
export function asText(token: Buffer): string {
  return token.toString('base64url');
}
