import { withoutBsn } from '@samenspoor/domain';
import type { EventRecord, Position } from '@samenspoor/event-store';
import type { SqlQueryable } from '@samenspoor/sql';

import { LIVE_TABLES, type Projection, type TableNames, type TablesContext } from './projection';

/**
 * Applies a batch to one projection, in the caller's transaction: only the events after the projection's
 * checkpoint, with every BSN redacted. Returns the number of events applied.
 *
 * Exactly once comes from the checkpoint moving in the same transaction. Projections are also idempotent on
 * their own (replaying an event changes nothing, tested by handing them every event twice), so a checkpoint set
 * back — a rebuild swapped in, a reset by hand — costs time, never correctness. (A per-stream record of applied
 * versions used to guard this as well; it cost an upsert per stream per read model per batch, 14 % of the
 * catch-up throughput, for nothing the projections did not already guarantee.)
 */
export async function applyBatch(
  tx: SqlQueryable,
  projection: Projection,
  tables: TableNames,
  events: readonly EventRecord[],
  after: Position,
  context: TablesContext = LIVE_TABLES,
): Promise<number> {
  const fresh = redactedAll(eventsAfter(events, after));
  if (fresh.length === 0) return 0;
  await projection.apply(tx, fresh, tables, context);
  return fresh.length;
}

/**
 * The events after `after`, which come oldest first: the same array when all of them are (as in every page of a
 * rebuild and most batches of the runner), so that the read models of a batch share one.
 */
export function eventsAfter(
  events: readonly EventRecord[],
  after: Position,
): readonly EventRecord[] {
  const first = events[0];
  return first === undefined || first.position > after
    ? events
    : events.filter((event) => event.position > after);
}

/** The records of a batch as read models see them: made once per batch, for all of its read models. */
const REDACTED_BATCHES = new WeakMap<readonly EventRecord[], readonly EventRecord[]>();

function redactedAll(events: readonly EventRecord[]): readonly EventRecord[] {
  let records = REDACTED_BATCHES.get(events);
  if (records === undefined) {
    records = events.map(redacted);
    REDACTED_BATCHES.set(events, records);
  }
  return records;
}

/**
 * The records as read models see them, one object per stored record: read models applied to one batch together
 * share the objects, and with them what is derived from them once (the parsed events, see `familyEvents`).
 */
const REDACTED = new WeakMap<EventRecord, EventRecord>();

/** No read model ever holds a BSN, not even sealed: each sees that a member has one, not which. */
function redacted(event: EventRecord): EventRecord {
  let record = REDACTED.get(event);
  if (record === undefined) {
    const data = withoutBsn(event.type, event.data);
    record = data === event.data ? event : { ...event, data };
    REDACTED.set(event, record);
  }
  return record;
}
