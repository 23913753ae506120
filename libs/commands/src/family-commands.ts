import type { PersonalDataVault } from '@samenspoor/access';
import { familyDecider, type FamilyCommand, type FamilyEvent } from '@samenspoor/domain';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  VersionConflictError,
  type EventStore,
  type Position,
} from '@samenspoor/event-store';

import { DatabaseUnavailableError } from '@samenspoor/sql';

import type { CommandContext } from './command-context';
import { completeCommand, type FamilyCommandDraft } from './command-drafts';
import { IdempotencyKeyReusedError } from './errors';
import {
  FamilyStreams,
  type DecidedCommand,
  type LoadedFamily,
  type MemberIdClaims,
  type PlaintextEventWriter,
} from './family-streams';
import { KeyedQueue } from './keyed-queue';
import { MemberIdTakenError } from './member-ids';

/** What a command answers: the stream version after it, its last event's position, and the ids it created. */
export interface CommandResult {
  readonly familyId: string;
  readonly version: number;
  readonly position: Position;
  readonly [createdId: string]: unknown;
}

/** A command as its sender has it, about a family (absent for a registration, which makes the family's id). */
export interface FamilyCommandRequest {
  readonly familyId?: string | undefined;
  readonly command: FamilyCommandDraft;
  readonly context: CommandContext;
}

/** A whole command with the context it is stored under. */
export interface FamilyCommandStep {
  readonly command: FamilyCommand;
  readonly context: CommandContext;
}

/** The family keys the command path needs: the vault's methods, so that a test can pass its own. */
export type FamilyKeys = Pick<PersonalDataVault, 'keyFor' | 'sealingKeyFor' | 'destroy'>;

/** How often a command is decided again after another writer got in first. */
const MAX_ATTEMPTS = 8;

/**
 * The one command path (Emmett's `DeciderCommandHandler`): load the stream, answer a repeated command as the
 * first time, decide with the family decider, seal personal fields under the family's key, append with the
 * version it decided on — with the command's audit entry in the same transaction on the SQL stores. When another
 * writer appended in between, the command is decided again on the new state, unless the sender pinned the
 * version (`ifMatch`): then VersionConflictError. Commands on one family in this process wait for each other, so
 * conflicts come only from other processes. The stream is read at most once per command (see decideAndAppend),
 * and the sender's access (`context.access`) is judged on the state the command is decided on. Refusals are typed
 * errors (DomainRuleError, VersionConflictError, IdempotencyKeyReusedError, PersonalDataErasedError); the API
 * maps them to HTTP.
 */
export class FamilyCommands {
  private readonly queue = new KeyedQueue();
  private readonly streams: FamilyStreams;

  /**
   * `memberIds`: where member ids are claimed, so that no two families share one (left out: not checked).
   * `writers`: what is kept beside the events from their plaintext (the search index), see PlaintextEventWriter.
   */
  constructor(
    store: EventStore,
    private readonly keys: FamilyKeys,
    memberIds?: MemberIdClaims,
    writers: readonly PlaintextEventWriter[] = [],
  ) {
    this.streams = new FamilyStreams(store, memberIds, writers);
  }

  /** A family's stream as the command side sees it (state, version, commands applied); also for access checks. */
  load(familyId: string): Promise<LoadedFamily> {
    return this.streams.load(familyId);
  }

  /**
   * The family as this process last read or appended it, read only when it has not seen it. Good enough to let a
   * command's sender in, since the command path judges its access again on the state it decides on, proven current
   * by its append; never to refuse anyone, nor to show anything.
   */
  async lastSeen(familyId: string): Promise<LoadedFamily> {
    return this.streams.cached(familyId) ?? this.streams.load(familyId);
  }

  /** Completes a sender's command (new ids, time) and runs it. */
  execute({ familyId, command, context }: FamilyCommandRequest): Promise<CommandResult> {
    const completed = completeCommand(command, familyId, context);
    return this.run(
      completed.familyId,
      [{ command: completed.command, context }],
      completed.createdIds,
    );
  }

  /**
   * Runs whole commands on one family, decided in order and appended together (or not at all): the seeder's
   * histories. A repeat is recognised by the first command's id.
   */
  run(
    familyId: string,
    steps: readonly FamilyCommandStep[],
    createdIds: Readonly<Record<string, unknown>> = {},
  ): Promise<CommandResult> {
    return this.queue.run(familyId, () => this.decideAndAppend(familyId, steps, createdIds));
  }

  /**
   * The first attempt decides on the family as this process last saw it, without reading the stream: appends
   * through this process keep that current, and the access guard has just read what others appended. The append's
   * expected version proves it current. Only a success is answered on that state: any refusal (a rule, `If-Match`,
   * the access policy, a conflict) is decided again on a fresh read, as is an erasure, which cannot be undone.
   */
  private async decideAndAppend(
    familyId: string,
    steps: readonly FamilyCommandStep[],
    createdIds: Readonly<Record<string, unknown>>,
  ): Promise<CommandResult> {
    const first = steps[0]?.context;
    if (!first) throw new TypeError('no command to run');
    let cached = this.streams.cached(familyId);
    for (let attempt = 1; ; attempt++) {
      const family = cached ?? (await this.streams.load(familyId));
      const fresh = cached === undefined;
      cached = undefined;
      try {
        const result = await this.decideOn(family, fresh, steps, createdIds);
        if (result) return result;
      } catch (error) {
        if (!fresh && !isUnavailability(error)) continue;
        // Event ids derive from the command id, which derives from the actor and the key: ids the store holds on
        // another stream mean the key was used before on another family (store-wide, also across processes).
        if (error instanceof DuplicateEventIdError && first.idempotencyKey !== undefined)
          throw new IdempotencyKeyReusedError();
        if (error instanceof MemberIdTakenError)
          throw new MemberIdTakenError(error.taken, memberIdFields(steps, error.taken));
        const retry = error instanceof VersionConflictError && first.ifMatch === undefined;
        if (!retry || attempt >= MAX_ATTEMPTS) throw error;
        // Writers that collided back off by a random, growing pause, so they do not collide again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** attempt));
      }
    }
  }

  /** One attempt on a loaded family; undefined when it must be decided again on a fresh read. */
  private async decideOn(
    family: LoadedFamily,
    fresh: boolean,
    steps: readonly FamilyCommandStep[],
    createdIds: Readonly<Record<string, unknown>>,
  ): Promise<CommandResult | undefined> {
    const { familyId } = family;
    const first = steps[0]!.context;
    const refusal = first.access?.refusal(family.state);
    if (refusal) return fresh ? refusal() : undefined;
    const earlier = family.commands.get(first.commandId);
    if (earlier) {
      // Request digests are keyed with the family's key; once that is destroyed, they cannot be compared.
      const key = await this.keys.keyFor(familyId, { create: false });
      if (
        key &&
        earlier.requestHash !== undefined &&
        earlier.requestHash !== key.digest(first.requestHash)
      ) {
        throw new IdempotencyKeyReusedError();
      }
      return { familyId, version: earlier.version, position: earlier.position, ...createdIds };
    }
    if (first.ifMatch !== undefined && first.ifMatch !== family.version) {
      throw new VersionConflictError(`family-${familyId}`, first.ifMatch, family.version);
    }
    const decided = decideAll(family, steps);
    const erases = decided.some(({ events }) =>
      events.some((e) => e.type === 'PersonalDataErased'),
    );
    if (erases && !fresh) return undefined;
    const key = await this.keys.sealingKeyFor(familyId);
    // Erasure destroys the key before its event is appended: once the auditor hears "erased", it is. So an
    // append that would be refused for a key used on another family is refused first, with the key intact.
    if (erases) {
      if (
        first.idempotencyKey !== undefined &&
        (await this.streams.idsHeldElsewhere(familyId, decided, key))
      )
        throw new IdempotencyKeyReusedError();
      await this.keys.destroy(familyId);
    }
    const appended = await this.streams.append(family, decided, key);
    return {
      familyId,
      version: appended.nextExpectedVersion,
      position: appended.position,
      ...createdIds,
    };
  }
}

/** The store or its database cannot be reached: deciding again on a fresh read would only wait twice. */
function isUnavailability(error: unknown): boolean {
  return error instanceof EventStoreUnavailableError || error instanceof DatabaseUnavailableError;
}

/** Decides the commands in order, each on the state the ones before it left. */
function decideAll(family: LoadedFamily, steps: readonly FamilyCommandStep[]): DecidedCommand[] {
  let state = family.state;
  return steps.map(({ command, context }) => {
    const events: FamilyEvent[] = familyDecider.decide(command, state);
    for (const event of events) state = familyDecider.evolve(state, event);
    return { events, context };
  });
}

/** The request fields that named member ids another family holds (`members[i].memberId`, or `memberId`). */
function memberIdFields(
  steps: readonly FamilyCommandStep[],
  taken: ReadonlyMap<string, string>,
): string[] {
  return steps.flatMap(({ command }) =>
    command.type === 'RegisterFamily'
      ? command.data.members.flatMap((member, i) =>
          taken.has(member.memberId) ? [`members[${i}].memberId`] : [],
        )
      : command.type === 'AddFamilyMember' && taken.has(command.data.member.memberId)
        ? ['memberId']
        : [],
  );
}
