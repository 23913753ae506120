import type { SqlQueryable } from '@samenspoor/sql';

import { decodeCursor, encodeCursor, InvalidCursorError } from '../cursor';
import type { TableNames } from '../projection';

/** The most entries one page of a timeline holds. */
export const TIMELINE_PAGE_LIMIT = 1_000;

export interface TimelineActor {
  id: string | null;
  role: string | null;
  organisation: string | null;
}

export interface TimelineEntry {
  /** The event's place in the family's stream (1-based). */
  version: number;
  /** The event's global position, an opaque ordered token. */
  position: string;
  type: string;
  /** Business time: when it happened. */
  occurredAt: string;
  /** System time: when the store recorded it. */
  recordedAt: string;
  actor: TimelineActor;
  /** One line built from anonymous facts only. */
  summary: string;
  /** The event data exactly as stored (personal fields included, as they are). */
  data: unknown;
}

export interface FamilyTimeline {
  familyId: string;
  entries: TimelineEntry[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface TimelineFilter {
  /** Only these event types (none or empty: all). */
  readonly types?: readonly string[];
  /** Only progress notes of this workstream. */
  readonly workstream?: string;
  /** Only events that occurred at or after this moment (ISO-8601). */
  readonly from?: string;
  /**
   * Only events that occurred at or before this moment (ISO-8601); a calendar day (`2026-03-01`) includes the
   * whole day (UTC).
   */
  readonly to?: string;
  /** Entries per page: at most {@link TIMELINE_PAGE_LIMIT}, which is also the default. */
  readonly limit?: number;
  readonly cursor?: string;
}

type Tables = TableNames<'tl_entries' | 'tl_trajectories'>;

interface EntryRow {
  version: number;
  position: string;
  type: string;
  occurred_at: Date | string;
  recorded_at: Date | string;
  actor_id: string | null;
  actor_role: string | null;
  actor_organisation: string | null;
  summary: string;
  data: unknown;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The timeline of one family, oldest first (by stream version), filtered and a page at a time; undefined when
 * the family has no entries at all (unknown family: the API answers 404). A filter that matches nothing gives
 * an empty page.
 *
 * @throws InvalidCursorError for a cursor this server did not hand out, RangeError for a `from`/`to` that is
 * not a moment.
 */
export async function familyTimeline(
  db: SqlQueryable,
  t: Tables,
  familyId: string,
  filter: TimelineFilter = {},
): Promise<FamilyTimeline | undefined> {
  const limit = Math.max(
    1,
    Math.min(Math.floor(filter.limit ?? TIMELINE_PAGE_LIMIT), TIMELINE_PAGE_LIMIT),
  );
  const after = filter.cursor === undefined ? null : cursorVersion(filter.cursor);
  const from = filter.from === undefined ? null : moment(filter.from);
  // `to` is inclusive; a calendar day runs until (excluding) the start of the next day.
  const toDay = filter.to !== undefined && DAY.test(filter.to);
  const to = filter.to === undefined ? null : moment(filter.to, toDay ? 1 : 0);
  const rows = await db.query<EntryRow>(
    `select version, position, type, occurred_at, recorded_at, actor_id, actor_role, actor_organisation,
            summary, data
     from ${t.tl_entries}
     where family_id = $1
       and ($2::int is null or version > $2::int)
       and ($3::text[] is null or type = any($3::text[]))
       and ($4::text is null or workstream = $4::text)
       and ($5::timestamptz is null or occurred_at >= $5::timestamptz)
       and ($6::timestamptz is null or occurred_at <= $6::timestamptz)
       and ($7::timestamptz is null or occurred_at < $7::timestamptz)
     order by version
     limit $8`,
    [
      familyId,
      after,
      filter.types && filter.types.length > 0 ? [...filter.types] : null,
      filter.workstream ?? null,
      from,
      toDay ? null : to,
      toDay ? to : null,
      limit + 1,
    ],
  );
  if (rows.length === 0) {
    const known = await db.query(`select 1 from ${t.tl_entries} where family_id = $1 limit 1`, [
      familyId,
    ]);
    if (known.length === 0) return undefined;
  }
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    familyId,
    entries: page.map((row) => ({
      version: Number(row.version),
      position: row.position,
      type: row.type,
      occurredAt: new Date(row.occurred_at).toISOString(),
      recordedAt: new Date(row.recorded_at).toISOString(),
      actor: { id: row.actor_id, role: row.actor_role, organisation: row.actor_organisation },
      summary: row.summary,
      data: row.data,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor([String(last.version)]) : null,
  };
}

function cursorVersion(cursor: string): number {
  const [version] = decodeCursor(cursor, 1);
  const n = Number(version);
  if (!/^\d{1,9}$/.test(version ?? '') || !Number.isSafeInteger(n)) throw new InvalidCursorError();
  return n;
}

function moment(value: string, plusDays = 0): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`${JSON.stringify(value)} is not a moment`);
  return new Date(ms + plusDays * 86_400_000).toISOString();
}
