import { Inject, Injectable } from '@nestjs/common';

import {
  EVENT_SCHEMA_VERSIONS,
  evolve,
  familyStreamId,
  initialState,
  parseFamilyEvent,
  type FamilyEvent,
  type FamilyState,
} from '@samenspoor/domain';
import {
  EVENT_STORE,
  type AppendResult,
  type EventRecord,
  type EventStore,
  type JsonObject,
  type NewEvent,
  type Position,
} from '@samenspoor/event-store';

import { sealPersonalFields, type FamilyKey } from '@samenspoor/access';

import { derivedId, type CommandContext } from './command-context';

/** What a command left in the stream: enough to answer a repeat of it exactly as the first time. */
export interface RecordedCommand {
  readonly version: number;
  readonly position: Position;
  readonly requestHash?: string;
}

/** A family's stream as the command side needs it: the decider's state and the commands already applied. */
export interface LoadedFamily {
  readonly familyId: string;
  readonly state: FamilyState;
  readonly version: number;
  readonly commands: Map<string, RecordedCommand>;
}

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

const CACHE_SIZE = 5_000;

/**
 * Loads and appends family streams. Recently used families are cached with their version, so loading one reads
 * only the events appended since (by anyone: the cache is checked against the stream, never trusted alone).
 */
@Injectable()
export class FamilyStreams {
  private readonly cache = new Map<string, LoadedFamily>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(familyId: string): Promise<LoadedFamily> {
    const cached = this.cache.get(familyId);
    const records = await this.store.readStream(familyStreamId(familyId), {
      fromVersion: (cached?.version ?? 0) + 1,
    });
    let loaded: LoadedFamily = cached ?? {
      familyId,
      state: initialState,
      version: 0,
      commands: new Map(),
    };
    if (records.length > 0) loaded = apply(loaded, records);
    this.remember(loaded);
    return loaded;
  }

  /**
   * Appends a command's events after `expectedVersion`, their personal fields sealed under the family's key;
   * throws VersionConflictError when the stream moved.
   */
  async append(
    familyId: string,
    events: readonly FamilyEvent[],
    expectedVersion: number,
    context: CommandContext,
    key: FamilyKey,
  ): Promise<AppendResult> {
    return this.store.appendToStream(
      familyStreamId(familyId),
      toStoredEvents(events, context, key),
      {
        expectedVersion: expectedVersion === 0 ? 'no-stream' : expectedVersion,
      },
    );
  }

  private remember(loaded: LoadedFamily): void {
    this.cache.delete(loaded.familyId);
    this.cache.set(loaded.familyId, loaded);
    if (this.cache.size > CACHE_SIZE) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
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

/**
 * Applies newly read events. The command map is shared between a family's successive versions and only grows:
 * a command found in it was applied, whichever version the reader holds.
 */
function apply(loaded: LoadedFamily, records: readonly EventRecord[]): LoadedFamily {
  let state = loaded.state;
  const commands = loaded.commands;
  let version = loaded.version;
  for (const record of records) {
    // Events of other types, or that do not parse, are not facts of this family's state: skipped, as before.
    const parsed = parseFamilyEvent(record);
    if (parsed.ok) state = evolve(state, parsed.event);
    version = record.version;
    const commandId = record.metadata.commandId;
    if (typeof commandId === 'string') {
      const requestHash = record.metadata.requestHash;
      commands.set(commandId, {
        version: record.version,
        position: record.position,
        ...(typeof requestHash === 'string' ? { requestHash } : {}),
      });
    }
  }
  return { familyId: loaded.familyId, state, version, commands };
}
