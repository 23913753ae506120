import { parseFamilyEvent, type FamilyEvent } from '@samenspoor/domain';
import type { EventRecord } from '@samenspoor/event-store';

import { familyIdOf } from './projection';

/** A family event as projections see it: the domain event, with its family and place in the stream. */
export interface FamilyEventRecord {
  readonly familyId: string;
  readonly event: FamilyEvent;
  readonly record: EventRecord;
}

/**
 * The family events among a batch, in order, parsed. Events of other streams, of unknown types, or that do not
 * parse (a field the code cannot do without is missing or of another type) are left out: a read model never
 * fails on an event, and what it cannot read it does not show.
 */
export function familyEvents(records: readonly EventRecord[]): FamilyEventRecord[] {
  const result: FamilyEventRecord[] = [];
  for (const record of records) {
    const parsed = parsedFamilyEvent(record);
    if (parsed) result.push(parsed);
  }
  return result;
}

/**
 * Parsed once per record, not once per read model: the read models applied to one batch together are handed the
 * same record objects. `null`: not a family event (or one that does not parse).
 */
const PARSED = new WeakMap<EventRecord, FamilyEventRecord | null>();

function parsedFamilyEvent(record: EventRecord): FamilyEventRecord | null {
  let found = PARSED.get(record);
  if (found === undefined) {
    const familyId = familyIdOf(record);
    const parsed = familyId === undefined ? undefined : parseFamilyEvent(record);
    found = familyId !== undefined && parsed?.ok ? { familyId, event: parsed.event, record } : null;
    PARSED.set(record, found);
  }
  return found;
}

/** Rows for a multi-row statement: one array per column, in `unnest($1::…[], $2::…[], …)` order. */
export function columns<R extends object, K extends keyof R>(
  rows: readonly R[],
  keys: readonly K[],
): unknown[][] {
  return keys.map((key) => rows.map((row) => row[key] ?? null));
}
