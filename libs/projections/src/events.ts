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
    const familyId = familyIdOf(record);
    if (familyId === undefined) continue;
    const parsed = parseFamilyEvent(record);
    if (parsed.ok) result.push({ familyId, event: parsed.event, record });
  }
  return result;
}

/** Rows for a multi-row statement: one array per column, in `unnest($1::…[], $2::…[], …)` order. */
export function columns<R extends object, K extends keyof R>(
  rows: readonly R[],
  keys: readonly K[],
): unknown[][] {
  return keys.map((key) => rows.map((row) => row[key] ?? null));
}
