import {
  EventStoreUnavailableError,
  type EventRecord,
  type Position,
} from '@samenspoor/event-store';
import { DatabaseUnavailableError, isConnectionError, type SqlQueryable } from '@samenspoor/sql';

/**
 * Why an event could not be applied, without personal data: the database's error text can echo the values it
 * refused (a name, a note), so only the SQLSTATE, the error's class and a fixed description are kept.
 */
export interface ApplyFailure {
  /** The SQLSTATE (`22P05`), or undefined for an error thrown by projection code. */
  readonly code?: string;
  /** The error's class: `DatabaseError`, `TypeError`, … */
  readonly errorClass: string;
  /** A fixed text for the SQLSTATE class or the kind of error; never the error's own message. */
  readonly message: string;
}

/** An event set aside for one read model. */
export interface DeadLetter {
  readonly projection: string;
  readonly streamId: string;
  readonly eventId: string;
  readonly position: Position;
  readonly version: number;
  readonly eventType: string;
  /** `failed`: this event failed to apply; `follows`: an earlier event of its stream did. */
  readonly reason: 'failed' | 'follows';
  readonly errorCode: string | null;
  readonly errorClass: string;
  readonly errorMessage: string;
  readonly setAsideAt: Date;
}

const SQLSTATE_CLASSES: Readonly<Record<string, string>> = {
  '22': 'data exception',
  '23': 'integrity constraint violation',
  '42': 'syntax error or access rule violation',
  '2B': 'dependent privilege descriptors still exist',
  '44': 'with check option violation',
  P0: 'PL/pgSQL error',
};

/** The SQLSTATE of a database error, when it has one. */
function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * True when an error says nothing about the event: the database is unreachable, shutting down, out of resources,
 * or the transaction lost a race (SQLSTATE classes 08, 40, 53, 57 and the like, connection errors). Such a batch
 * is retried as a whole after a backoff and never set aside. Everything else — data errors (22), constraint
 * violations (23), errors thrown by projection code — is the event's doing.
 */
export function isTransientFailure(error: unknown): boolean {
  if (
    error instanceof EventStoreUnavailableError ||
    error instanceof DatabaseUnavailableError ||
    isConnectionError(error)
  )
    return true;
  const code = sqlState(error);
  if (code === undefined) return false;
  return ['08', '40', '53', '54', '55', '57', '58', 'HV', 'XX'].includes(code.slice(0, 2));
}

/** What is kept of an error that set an event aside. */
export function describeFailure(error: unknown): ApplyFailure {
  const code = sqlState(error);
  const errorClass = error instanceof Error ? error.constructor.name || error.name : typeof error;
  if (code !== undefined) {
    return {
      code,
      errorClass,
      message: `database refused the event: ${SQLSTATE_CLASSES[code.slice(0, 2)] ?? 'error'} (SQLSTATE ${code})`,
    };
  }
  return { errorClass, message: `the projection threw ${errorClass}` };
}

/** The table of set-aside events, in the projections' schema (migration 3 of `projections`). */
export function deadLetterTable(schema: string): string {
  return `${schema}.projection_dead_letters`;
}

/**
 * Where a rebuild keeps the events it set aside (migration 4 of `projections`): apart from the live ones, which
 * still describe the live tables until {@link swapRebuilt} replaces them with these.
 */
export function rebuildDeadLetterTable(schema: string): string {
  return `${schema}.projection_dead_letters_rebuild`;
}

/** The streams among `streamIds` that have events set aside for a projection (in `table`, the live ones by default). */
export async function streamsSetAside(
  tx: SqlQueryable,
  schema: string,
  projection: string,
  streamIds: readonly string[],
  table = deadLetterTable(schema),
): Promise<Set<string>> {
  if (streamIds.length === 0) return new Set();
  const rows = await tx.query<{ stream_id: string }>(
    `select distinct stream_id from ${table}
      where projection = $1 and stream_id = any($2::text[])`,
    [projection, streamIds],
  );
  return new Set(rows.map((row) => row.stream_id));
}

/**
 * Per projection among `projections`, the streams among `streamIds` that have events set aside for it (in `table`,
 * the live ones by default): {@link streamsSetAside} for several read models in one statement.
 */
export async function streamsSetAsideByProjection(
  tx: SqlQueryable,
  schema: string,
  projections: readonly string[],
  streamIds: readonly string[],
  table = deadLetterTable(schema),
): Promise<Map<string, Set<string>>> {
  const result = new Map(projections.map((name) => [name, new Set<string>()]));
  if (streamIds.length === 0 || projections.length === 0) return result;
  const rows = await tx.query<{ projection: string; stream_id: string }>(
    `select distinct projection, stream_id from ${table}
      where projection = any($1::text[]) and stream_id = any($2::text[])`,
    [projections, streamIds],
  );
  for (const row of rows) result.get(row.projection)?.add(row.stream_id);
  return result;
}

/**
 * Records events as set aside (in `table`, the live ones by default), in the caller's transaction; an event already
 * recorded stays as it was.
 */
export async function setAside(
  tx: SqlQueryable,
  schema: string,
  projection: string,
  entries: readonly { event: EventRecord; reason: 'failed' | 'follows'; failure: ApplyFailure }[],
  table = deadLetterTable(schema),
): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(
    `insert into ${table}
       (projection, stream_id, event_id, position, stream_version, event_type, reason, error_code, error_class, error_message)
     select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
     on conflict (projection, event_id) do nothing`,
    [
      projection,
      entries.map((e) => e.event.streamId),
      entries.map((e) => e.event.eventId),
      entries.map((e) => e.event.position),
      entries.map((e) => e.event.version),
      entries.map((e) => e.event.type),
      entries.map((e) => e.reason),
      entries.map((e) => e.failure.code ?? null),
      entries.map((e) => e.failure.errorClass),
      entries.map((e) => e.failure.message),
    ],
  );
}

/** The set-aside events, oldest first, optionally of one projection and one stream. */
export async function listDeadLetters(
  tx: SqlQueryable,
  schema: string,
  filter: { projection?: string; streamId?: string } = {},
): Promise<DeadLetter[]> {
  const rows = await tx.query<{
    projection: string;
    stream_id: string;
    event_id: string;
    position: string;
    stream_version: number;
    event_type: string;
    reason: 'failed' | 'follows';
    error_code: string | null;
    error_class: string;
    error_message: string;
    set_aside_at: Date;
  }>(
    `select * from ${deadLetterTable(schema)}
      where ($1::text is null or projection = $1) and ($2::text is null or stream_id = $2)
      order by projection, position`,
    [filter.projection ?? null, filter.streamId ?? null],
  );
  return rows.map((row) => ({
    projection: row.projection,
    streamId: row.stream_id,
    eventId: row.event_id,
    position: row.position,
    version: row.stream_version,
    eventType: row.event_type,
    reason: row.reason,
    errorCode: row.error_code,
    errorClass: row.error_class,
    errorMessage: row.error_message,
    setAsideAt: new Date(row.set_aside_at),
  }));
}

/** Per projection: how many events and streams are set aside. Projections with none are left out. */
export async function deadLetterCounts(
  tx: SqlQueryable,
  schema: string,
): Promise<Map<string, { events: number; streams: number }>> {
  const rows = await tx.query<{ projection: string; events: number; streams: number }>(
    `select projection, count(*)::int as events, count(distinct stream_id)::int as streams
       from ${deadLetterTable(schema)} group by projection`,
  );
  return new Map(rows.map((row) => [row.projection, { events: row.events, streams: row.streams }]));
}

/** The families (ids, from `family-<id>` streams) with events set aside for a projection. */
export async function staleFamilies(
  tx: SqlQueryable,
  schema: string,
  projection: string,
): Promise<Set<string>> {
  const rows = await tx.query<{ stream_id: string }>(
    `select distinct stream_id from ${deadLetterTable(schema)}
      where projection = $1 and stream_id like 'family-%'`,
    [projection],
  );
  return new Set(rows.map((row) => row.stream_id.slice('family-'.length)));
}
