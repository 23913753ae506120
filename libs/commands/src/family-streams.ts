import {
  familyDecider,
  familyStreamId,
  parseFamilyEvent,
  type FamilyEvent,
  type FamilyState,
} from '@samenspoor/domain';
import {
  type AppendResult,
  type EventRecord,
  type EventStore,
  type JsonObject,
  type NewEvent,
  type Position,
  SqlEventStore,
} from '@samenspoor/event-store';
import { type SqlQueryable } from '@samenspoor/sql';

import type { FamilyKey } from '@samenspoor/access';

import type { CommandContext } from './command-context';
import { memberIdsIntroducedBy, type MemberIdRegistry } from './member-ids';
import { toStoredEvents } from './stored-events';

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

/** A command's events as decided, with the context they are stored under. */
export interface DecidedCommand {
  readonly events: readonly FamilyEvent[];
  readonly context: CommandContext;
}

/**
 * Where the member ids a command brings in are claimed for its family (see MemberIdRegistry): the registry, and
 * the database to claim in when the events live outside it (KurrentDB).
 */
export interface MemberIdClaims {
  readonly registry: MemberIdRegistry;
  readonly database: SqlQueryable;
}

/**
 * Something kept beside a family's events and made from their plaintext, before the command path seals them (the
 * blind search index). On the SQL stores it is written in the transaction of the events, so it exists exactly
 * when they do; on KurrentDB right after the append (`tx` undefined: the writer uses its own database).
 */
export interface PlaintextEventWriter {
  /** Whether {@link writeIn} would write anything for these events. */
  writesFor(events: readonly FamilyEvent[]): boolean;
  writeIn(
    tx: SqlQueryable | undefined,
    familyId: string,
    events: readonly FamilyEvent[],
  ): Promise<void>;
}

const CACHE_SIZE = 5_000;

/**
 * Loads and appends family streams. Recently used families are cached with their version, so loading one reads
 * only the events appended since (by anyone: the cache is checked against the stream, never trusted alone). An
 * append through here brings the cache up to its new version, as a read of the appended events would.
 */
export class FamilyStreams {
  private readonly cache = new Map<string, LoadedFamily>();

  constructor(
    private readonly store: EventStore,
    private readonly memberIds?: MemberIdClaims,
    private readonly writers: readonly PlaintextEventWriter[] = [],
  ) {}

  async load(familyId: string): Promise<LoadedFamily> {
    const cached = this.cache.get(familyId);
    const records = await this.store.readStream(familyStreamId(familyId), {
      fromVersion: (cached?.version ?? 0) + 1,
    });
    let loaded: LoadedFamily = cached ?? {
      familyId,
      state: familyDecider.initialState,
      version: 0,
      commands: new Map(),
    };
    if (records.length > 0) loaded = apply(loaded, records);
    this.remember(loaded);
    return loaded;
  }

  /**
   * The family as this process last loaded or appended it, without reading: only as good as the expected version
   * it is appended with (another process may have appended since).
   */
  cached(familyId: string): LoadedFamily | undefined {
    return this.cache.get(familyId);
  }

  /**
   * Appends commands' events after `expectedVersion`, their personal fields sealed under the family's key, each
   * with its own command's metadata, and claims the member ids they bring in for this family (on the SQL stores in
   * the same transaction as the events and the commands' audit entries).
   *
   * @throws VersionConflictError when the stream moved.
   * @throws MemberIdTakenError when another family holds one of the member ids; nothing is appended.
   */
  async append(
    family: LoadedFamily,
    decided: readonly DecidedCommand[],
    key: FamilyKey,
  ): Promise<AppendResult> {
    const stored = decided.map(({ events, context }) => toStoredEvents(events, context, key));
    const { result, inserted } = await this.appendStored(
      family.familyId,
      decided,
      stored.flat(),
      family.version,
    );
    if (inserted) this.appended(family, stored, result);
    else this.cache.delete(family.familyId);
    return result;
  }

  /**
   * `inserted`: the events were written by this append, not a repeat answered with an earlier append's result
   * (whose events may differ from these in what the decision took from the clock). Known on the SQL stores, whose
   * `alsoWrite` runs only when the events are inserted; on KurrentDB false, and the cache forgets the family.
   */
  private async appendStored(
    familyId: string,
    decided: readonly DecidedCommand[],
    stored: readonly NewEvent[],
    expectedVersion: number,
  ): Promise<{ result: AppendResult; inserted: boolean }> {
    const expected = expectedVersion === 0 ? 'no-stream' : expectedVersion;
    const audits = decided.flatMap(({ context }) => (context.audit ? [context.audit] : []));
    const events = decided.flatMap((command) => command.events);
    const memberIds = memberIdsIntroducedBy(events);
    const claims = this.memberIds;
    if (!(this.store instanceof SqlEventStore)) {
      // KurrentDB: the events live elsewhere, so the ids are claimed before the append (and kept, as an event id
      // offered to a stream is), and the audit interceptor writes the commands' entries right after it.
      if (claims) await claims.registry.claim(claims.database, familyId, memberIds);
      const result = await this.store.appendToStream(familyStreamId(familyId), stored, {
        expectedVersion: expected,
      });
      for (const writer of this.writers) await writer.writeIn(undefined, familyId, events);
      return { result, inserted: false };
    }
    // On the SQL stores the member ids, the command's audit entry and what the writers keep (the search index)
    // commit in the same transaction as the events, which is only called when the events are inserted.
    let wrote = false;
    // A command with only its audit entry to write beside its events (most of them) commits in one statement.
    const rider =
      audits.length === 1 &&
      memberIds.length === 0 &&
      !this.writers.some((writer) => writer.writesFor(events))
        ? audits[0]!.rider?.(familyId)
        : undefined;
    if (rider) {
      const result = await this.store.appendToStream(familyStreamId(familyId), stored, {
        expectedVersion: expected,
        rider: {
          ...rider,
          written: () => {
            rider.written();
            wrote = true;
          },
        },
      });
      if (wrote) audits[0]!.committed();
      return { result, inserted: wrote };
    }
    const result = await this.store.appendToStream(familyStreamId(familyId), stored, {
      expectedVersion: expected,
      alsoWrite: async (tx) => {
        if (claims) await claims.registry.claim(tx, familyId, memberIds);
        for (const writer of this.writers) await writer.writeIn(tx, familyId, events);
        for (const audit of audits) await audit.writeIn(tx, familyId);
        wrote = true;
      },
    });
    if (wrote) for (const audit of audits) audit.committed();
    return { result, inserted: wrote };
  }

  /**
   * Whether the command's events would be refused as ids another family's stream holds: its Idempotency-Key was
   * used before on another family. Asked before a step that cannot be undone (destroying a key), which must not
   * happen for an append that will then be refused.
   */
  async idsHeldElsewhere(
    familyId: string,
    decided: readonly DecidedCommand[],
    key: FamilyKey,
  ): Promise<boolean> {
    const ids = decided.flatMap(({ events, context }) =>
      toStoredEvents(events, context, key).map((event) => event.eventId),
    );
    const held = await this.store.streamsHolding(ids);
    const own = familyStreamId(familyId);
    return [...held.values()].some((streamId) => streamId !== own);
  }

  /**
   * Brings the cache to the version an append made, when it appended exactly these events after `family` (not a
   * repeat answered with an earlier result). The events are applied as a read would return them: sealed, and
   * through JSON. Several commands appended together only leave their last event's position, so the family is
   * then read again next time instead.
   */
  private appended(
    family: LoadedFamily,
    stored: readonly (readonly NewEvent[])[],
    result: AppendResult,
  ): void {
    const events = stored.flat();
    if (stored.length !== 1 || result.nextExpectedVersion !== family.version + events.length) {
      this.cache.delete(family.familyId);
      return;
    }
    const streamId = familyStreamId(family.familyId);
    const recordedAt = new Date();
    const records: EventRecord[] = events.map((event, i) => ({
      eventId: event.eventId,
      streamId,
      version: family.version + i + 1,
      position: result.position,
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      data: JSON.parse(JSON.stringify(event.data)) as JsonObject,
      metadata: JSON.parse(JSON.stringify(event.metadata ?? {})) as JsonObject,
      recordedAt,
    }));
    this.remember(apply(family, records));
  }

  /** Keeps a loaded family, unless the cache already holds a later version of it (a slower, older read). */
  private remember(loaded: LoadedFamily): void {
    const cached = this.cache.get(loaded.familyId);
    if (cached && cached.version > loaded.version) return;
    this.cache.delete(loaded.familyId);
    this.cache.set(loaded.familyId, loaded);
    if (this.cache.size > CACHE_SIZE) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
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
    if (parsed.ok) state = familyDecider.evolve(state, parsed.event);
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
