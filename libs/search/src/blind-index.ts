import { revealPersonalData, type FamilyKey } from '@samenspoor/access';
import type { PlaintextEventWriter } from '@samenspoor/commands';
import {
  FAMILY_STREAM_PREFIX,
  parseFamilyEvent,
  type FamilyEvent,
  type Member,
  type PersonalDataErased,
} from '@samenspoor/domain';
import { START, type EventStore, type Position } from '@samenspoor/event-store';
import { migrate, quoteIdentifier, type SqlDatabase, type SqlQueryable } from '@samenspoor/sql';

import type { SearchKeys } from './search-keys';
import { memberRows, type IndexRow } from './search-tokens';

/** Events read at a time when the index catches up with the store. */
const CATCH_UP_BATCH = 1_000;

/** The keys of families that were not erased (the vault's `keysFor`). */
export type FamilyKeysLookup = (familyIds: readonly string[]) => Promise<Map<string, FamilyKey>>;

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
  private readonly state: string;

  private constructor(
    private readonly database: SqlDatabase,
    schema: string,
    private readonly keys: SearchKeys,
  ) {
    const s = quoteIdentifier(schema);
    this.tokens = `${s}.search_tokens`;
    this.families = `${s}.search_families`;
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
      ],
    });
    const index = new BlindIndex(database, schema, keys);
    await index.checkKey();
    return index;
  }

  /** Writes the rows of the events' members; removes the family's rows on its erasure. */
  writeIn(
    tx: SqlQueryable | undefined,
    familyId: string,
    events: readonly FamilyEvent[],
  ): Promise<void> {
    return this.writeMany(tx ?? this.database, [{ familyId, events }]);
  }

  /**
   * Writes the rows of several families' events in a few statements: the families registered, their members'
   * tokens (a member added is indexed with the municipality its family was registered in), and the erasures.
   */
  private async writeMany(
    db: SqlQueryable,
    batch: readonly { readonly familyId: string; readonly events: readonly FamilyEvent[] }[],
  ): Promise<void> {
    const municipalities = new Map<string, string>();
    const added: { familyId: string; member: Member }[] = [];
    const rows: { familyId: string; row: IndexRow }[] = [];
    const erased = new Set<string>();
    for (const { familyId, events } of batch) {
      for (const event of events) {
        if (event.type === 'FamilyRegistered') {
          erased.delete(familyId);
          municipalities.set(familyId, event.data.municipality);
          for (const member of event.data.members)
            for (const row of memberRows(this.keys, member, event.data.municipality))
              rows.push({ familyId, row });
        } else if (event.type === 'FamilyMemberAdded') {
          added.push({ familyId, member: event.data.member });
        } else if (event.type === 'PersonalDataErased') {
          erased.add(familyId);
        }
      }
    }
    if (municipalities.size > 0)
      await db.query(
        `insert into ${this.families} (family_id, municipality)
         select * from unnest($1::text[], $2::text[])
         on conflict (family_id) do update set municipality = excluded.municipality`,
        [[...municipalities.keys()], [...municipalities.values()]],
      );
    const unknown = [...new Set(added.map((a) => a.familyId))].filter(
      (id) => !municipalities.has(id),
    );
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
    const kept = rows.filter((r) => !erased.has(r.familyId));
    if (kept.length > 0)
      await db.query(
        `insert into ${this.tokens} (token, family_id, member_id)
         select * from unnest($1::text[], $2::text[], $3::text[])
         on conflict do nothing`,
        [
          kept.map((r) => asText(r.row.token)),
          kept.map((r) => r.familyId),
          kept.map((r) => r.row.memberId),
        ],
      );
    for (const familyId of erased) await this.forget(db, familyId);
  }

  /** Removes every row of the family (its erasure). */
  async forget(db: SqlQueryable, familyId: string): Promise<void> {
    await db.query(`delete from ${this.tokens} where family_id = $1`, [familyId]);
    await db.query(`delete from ${this.families} where family_id = $1`, [familyId]);
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
   * The SQL of the families with a member that has all the tokens: `$tokens` (text[]) and `$count` are the
   * numbers of the parameters that hold them. For a query that joins the hits with a read model.
   */
  hitsSql(tokensParam: number, countParam: number): string {
    return `select family_id from ${this.tokens} where token = any($${tokensParam}::text[])
            group by family_id, member_id having count(*) = $${countParam}`;
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
          (record.type === 'FamilyRegistered' || record.type === 'FamilyMemberAdded')
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
