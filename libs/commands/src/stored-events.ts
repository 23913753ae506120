import { EVENT_SCHEMA_VERSIONS, type FamilyEvent } from '@samenspoor/domain';
import type { JsonObject, NewEvent } from '@samenspoor/event-store';
import { sealPersonalFields, type FamilyKey } from '@samenspoor/access';

import { derivedId, type CommandContext } from './command-context';

/** Event metadata written with every event of a command. */
export interface EventMetadata extends JsonObject {
  actor: { id: string; role: string; organisation: string | null };
  commandId: string;
  correlationId: string;
  causationId: string;
  occurredAt: string;
  recordedAt: string;
  requestHash: string;
  idempotencyKey: string | null;
}

/**
 * A command's events as the store keeps them: ids derived from the command (so a repeated command names the same
 * events), the current schema version of each type, personal fields sealed under the family's key, and the
 * command's metadata on every event. The request digest is keyed with the family's key too: a plain hash of a
 * body that held a name or a BSN could be matched against guesses.
 */
export function toStoredEvents(
  events: readonly FamilyEvent[],
  context: CommandContext,
  key: FamilyKey,
): NewEvent[] {
  const metadata: EventMetadata = {
    actor: {
      id: context.actor.id,
      role: context.actor.role,
      organisation: context.actor.organisation ?? null,
    },
    commandId: context.commandId,
    correlationId: context.correlationId,
    causationId: context.commandId,
    occurredAt: events[0]?.data.occurredAt ?? context.now,
    recordedAt: context.now,
    requestHash: key.digest(context.requestHash),
    idempotencyKey: context.idempotencyKey ?? null,
  };
  return events.map((event, index) => ({
    eventId: derivedId(context.commandId, `event:${index}`),
    type: event.type,
    schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
    data: sealPersonalFields(event.type, event.data, key) as unknown as JsonObject,
    metadata,
  }));
}
