import { componentMigrations, SqlTable, type SqlDatabase } from '@samenspoor/sql';

import type { IjwMessageType, IjwProduct } from './ijw-message';

export const IJW_OUTCOMES = ['applied', 'unmatched', 'duplicate', 'unmapped', 'refused'] as const;
export type IjwOutcome = (typeof IJW_OUTCOMES)[number];

/**
 * Why the safety team set a kept message aside without applying it: the family is not one of the network's, the
 * care is handled outside it, the message was sent in error, or a later message replaced it.
 */
export const IJW_RESOLUTIONS = [
  'not-in-network',
  'handled-elsewhere',
  'sent-in-error',
  'superseded',
] as const;
export type IjwResolution = (typeof IJW_RESOLUTIONS)[number];

/** A received message as the inbox keeps it: anonymous facts, and the message itself only sealed. */
export interface IjwInboxEntry {
  readonly id: string;
  readonly sender: string;
  readonly messageId: string;
  readonly type: IjwMessageType;
  readonly receivedAt: string;
  /** `resolved`: set aside by the safety team unapplied, its reason in `rule`. */
  readonly outcome: Exclude<IjwOutcome, 'duplicate'> | 'resolved';
  readonly rule?: string;
  readonly familyId?: string;
  readonly municipality: string;
  readonly provider: string;
  readonly products: readonly IjwProduct[];
  /** The whole message sealed under a key of its own in the vault (`ijwMessageKeyId`); absent once applied. */
  readonly sealed?: string;
  /** The answer it was given when applied (`events`, `position`), to answer a duplicate the same. */
  readonly answer?: Readonly<Record<string, unknown>>;
}

/** The vault key under which a kept message is sealed: destroyed once the message is applied. */
export function ijwMessageKeyId(id: string): string {
  return `ijw-message-${id}`;
}

const migrations = componentMigrations('ijw-inbox', {
  'the received iJw messages': (s) => `
    create table ${s}.ijw_messages (
      id text primary key,
      sender text not null,
      message_id text not null,
      type text not null,
      received_at timestamptz not null,
      outcome text not null,
      rule text,
      family_id text,
      municipality text not null,
      provider text not null,
      products json not null,
      sealed text,
      answer json,
      unique (sender, message_id)
    );
    create index ijw_messages_open on ${s}.ijw_messages (received_at) where sealed is not null`,
});

interface Row {
  id: string;
  sender: string;
  message_id: string;
  type: string;
  received_at: Date | string;
  outcome: string;
  rule: string | null;
  family_id: string | null;
  municipality: string;
  provider: string;
  products: IjwProduct[] | string;
  sealed: string | null;
  answer: Record<string, unknown> | string | null;
}

/**
 * Every iJw message the engine received, one row per sender and `BerichtIdentificatie` (a second delivery is
 * recognised as a duplicate). Messages not applied (unmatched, unmapped, refused) keep their whole text sealed,
 * for the safety team to link or resolve; the row of an applied message keeps its answer and no text.
 */
export class IjwInbox extends SqlTable {
  static async open(database: SqlDatabase, schema: string): Promise<IjwInbox> {
    return new IjwInbox(database, await migrations.openTable(database, schema, 'ijw_messages'));
  }

  async bySender(sender: string, messageId: string): Promise<IjwInboxEntry | undefined> {
    const [row] = await this.database.query<Row>(
      `select * from ${this.table} where sender = $1 and message_id = $2`,
      [sender, messageId],
    );
    return row ? entryOf(row) : undefined;
  }

  async byId(id: string): Promise<IjwInboxEntry | undefined> {
    const [row] = await this.database.query<Row>(`select * from ${this.table} where id = $1`, [id]);
    return row ? entryOf(row) : undefined;
  }

  /** Keeps a message; false when the sender's message was kept already (a duplicate that raced this one). */
  async keep(entry: IjwInboxEntry): Promise<boolean> {
    const rows = await this.database.query<{ id: string }>(
      `insert into ${this.table} (id, sender, message_id, type, received_at, outcome, rule, family_id,
         municipality, provider, products, sealed, answer)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       on conflict (sender, message_id) do nothing returning id`,
      [
        entry.id,
        entry.sender,
        entry.messageId,
        entry.type,
        entry.receivedAt,
        entry.outcome,
        entry.rule ?? null,
        entry.familyId ?? null,
        entry.municipality,
        entry.provider,
        JSON.stringify(entry.products),
        entry.sealed ?? null,
        entry.answer === undefined ? null : JSON.stringify(entry.answer),
      ],
    );
    return rows.length === 1;
  }

  /** The message was applied after all (linked): its text goes, its answer stays. */
  async applied(id: string, familyId: string, answer: Record<string, unknown>): Promise<void> {
    await this.database.query(
      `update ${this.table} set outcome = 'applied', rule = null, family_id = $2, sealed = null,
         answer = $3 where id = $1`,
      [id, familyId, JSON.stringify(answer)],
    );
  }

  /** The safety team set a kept message aside unapplied: its text goes, the reason stays; false when not kept. */
  async resolved(id: string, resolution: IjwResolution): Promise<boolean> {
    const rows = await this.database.query<{ id: string }>(
      `update ${this.table} set outcome = 'resolved', rule = $2, sealed = null
         where id = $1 and sealed is not null returning id`,
      [id, resolution],
    );
    return rows.length === 1;
  }

  /** The messages kept for the safety team (not applied), oldest first. */
  async open(limit = 500): Promise<IjwInboxEntry[]> {
    const rows = await this.database.query<Row>(
      `select * from ${this.table} where sealed is not null order by received_at, id limit $1`,
      [limit],
    );
    return rows.map(entryOf);
  }
}

function entryOf(row: Row): IjwInboxEntry {
  const products: unknown =
    typeof row.products === 'string' ? JSON.parse(row.products) : row.products;
  const answer: unknown = typeof row.answer === 'string' ? JSON.parse(row.answer) : row.answer;
  return {
    id: row.id,
    sender: row.sender,
    messageId: row.message_id,
    type: row.type as IjwMessageType,
    receivedAt: new Date(row.received_at).toISOString(),
    outcome: row.outcome as IjwInboxEntry['outcome'],
    ...(row.rule === null ? {} : { rule: row.rule }),
    ...(row.family_id === null ? {} : { familyId: row.family_id }),
    municipality: row.municipality,
    provider: row.provider,
    products: products as IjwProduct[],
    ...(row.sealed === null ? {} : { sealed: row.sealed }),
    ...(answer === null ? {} : { answer: answer as Record<string, unknown> }),
  };
}
