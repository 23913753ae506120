import { componentMigrations, type SqlDatabase, type SqlQueryable } from '@samenspoor/sql';

/** Member ids of a command that other families already hold, with the family that holds each. */
export class MemberIdTakenError extends Error {
  /**
   * `taken`: each member id with the family that holds it (never to be answered to the caller); `fields`: the
   * request fields that named them, where the command path knows them.
   */
  constructor(
    readonly taken: ReadonlyMap<string, string>,
    readonly fields: readonly string[] = [],
  ) {
    super(`member id(s) ${[...taken.keys()].join(', ')} belong to another family`);
    this.name = 'MemberIdTakenError';
  }
}

/**
 * Which family each member id belongs to: a member id names one person in the whole region, so two families can
 * never share one (a professional's copy-paste would otherwise mix two children's records).
 *
 * The claim is one insert on the table's primary key: of two families claiming an id at the same moment — in this
 * process or another — one commits and the other waits for it, then finds the id taken. On the SQL stores the
 * claim runs in the transaction of the family's events (so a claim exists exactly when its events do); on
 * KurrentDB it runs before the append, like the adapter's event-id registry, and an id once claimed for a family
 * stays with that family.
 */
export class MemberIdRegistry {
  private constructor(private readonly table: string) {}

  /**
   * Opens the registry, creating its table unless told not to. The migration fills the table from the events the
   * SQL store in the same schema already holds, so families registered before the registry existed count too.
   */
  static async open(
    database: SqlDatabase,
    schema: string,
    options: { readonly migrate?: boolean } = {},
  ): Promise<MemberIdRegistry> {
    return new MemberIdRegistry(
      await migrations.openTable(database, schema, 'member_ids', options),
    );
  }

  /**
   * Claims the member ids for the family, in `db` (a transaction, or the database itself).
   *
   * @throws MemberIdTakenError when another family holds one of them; nothing of this call is then kept when `db`
   *   is a transaction that the error rolls back.
   */
  async claim(db: SqlQueryable, familyId: string, memberIds: readonly string[]): Promise<void> {
    if (memberIds.length === 0) return;
    // Sorted, so two claims never wait for each other in a cycle.
    const ids = [...new Set(memberIds)].sort();
    await db.query(
      `insert into ${this.table} (member_id, family_id)
       select id, $2 from unnest($1::text[]) as id order by id
       on conflict (member_id) do nothing`,
      [ids, familyId],
    );
    const others = await db.query<{ member_id: string; family_id: string }>(
      `select member_id, family_id from ${this.table}
       where member_id = any($1::text[]) and family_id <> $2`,
      [ids, familyId],
    );
    if (others.length > 0) {
      throw new MemberIdTakenError(new Map(others.map((row) => [row.member_id, row.family_id])));
    }
  }

  /** The ids among these that another family holds (empty when none), without claiming anything. */
  async takenByOthers(
    db: SqlQueryable,
    familyId: string,
    memberIds: readonly string[],
  ): Promise<ReadonlyMap<string, string>> {
    if (memberIds.length === 0) return new Map();
    const rows = await db.query<{ member_id: string; family_id: string }>(
      `select member_id, family_id from ${this.table}
       where member_id = any($1::text[]) and family_id <> $2`,
      [[...memberIds], familyId],
    );
    return new Map(rows.map((row) => [row.member_id, row.family_id]));
  }
}

/**
 * The member ids the events bring into their family: the members of a registration and an added member.
 * Events of other types bring none.
 */
export function memberIdsIntroducedBy(
  events: readonly { readonly type: string; readonly data: unknown }[],
): string[] {
  const ids: string[] = [];
  for (const event of events) {
    const data = event.data as {
      members?: readonly { memberId?: unknown }[];
      member?: { memberId?: unknown };
    };
    if (event.type === 'FamilyRegistered') {
      for (const member of data.members ?? []) {
        if (typeof member.memberId === 'string') ids.push(member.memberId);
      }
    } else if (event.type === 'FamilyMemberAdded' && typeof data.member?.memberId === 'string') {
      ids.push(data.member.memberId);
    }
  }
  return ids;
}

const migrations = componentMigrations('member-ids', {
  // The fill reads the events table of the SQL store in this schema when there is one (on KurrentDB the events
  // live elsewhere). It is one statement ending in `;`, its inner statements on the same lines as more text, as
  // the migration runner splits on `;` at line ends. The first family to hold an id keeps it.
  'a member id belongs to one family': (s) => `
      create table ${s}.member_ids (
        member_id text primary key,
        family_id text not null,
        claimed_at timestamptz not null default now()
      );
      do $fill$ begin if to_regclass('${s.replace(/'/g, "''")}.events') is not null then execute $sql$
        insert into ${s}.member_ids (member_id, family_id)
        select member_id, family_id from (
          select m.member_id, substring(e.stream_id from 8) as family_id, e.transaction_id, e.sequence
          from ${s}.events e
          cross join lateral (
            select jsonb_array_elements(e.data::jsonb -> 'members') ->> 'memberId' as member_id
            where e.type = 'FamilyRegistered'
            union all
            select e.data::jsonb -> 'member' ->> 'memberId'
            where e.type = 'FamilyMemberAdded'
          ) m
          where e.stream_id like 'family-%' and m.member_id is not null
          order by e.transaction_id, e.sequence
        ) found
        on conflict (member_id) do nothing $sql$; end if; end $fill$;`,
});
