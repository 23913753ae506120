import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { PersonalDataVault } from '@samenspoor/access';
import { MemberIdTakenError } from '@samenspoor/commands';
import { decide, type FamilyCommand } from '@samenspoor/domain';
import { DuplicateEventIdError, VersionConflictError } from '@samenspoor/event-store';

import { Problem } from '../http/problem';
import { TakeFamilyStep, type CommandResult } from './family-commands';
import { FamilyStreams } from './family-streams';
import { KeyedQueue } from './keyed-queue';

/** How often a command is decided again after another writer got in first. */
const MAX_ATTEMPTS = 8;

/**
 * Handles every step on a family's route (the steps differ only in what the decider does with them): load the
 * stream, answer a repeated command as the first time, decide, and append with the version it decided on. When
 * another writer appended in between, the command is decided again on the new state — unless the client pinned
 * the version with `If-Match`; then it gets 409. Personal fields are sealed under the family's key (created with
 * the family). Commands on one family in this process wait for each other, so
 * conflicts come only from other processes.
 */
@CommandHandler(TakeFamilyStep)
export class TakeFamilyStepHandler implements ICommandHandler<TakeFamilyStep, CommandResult> {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly streams: FamilyStreams,
    private readonly vault: PersonalDataVault,
  ) {}

  execute(step: TakeFamilyStep): Promise<CommandResult> {
    return this.queue.run(step.familyId, () => this.decideAndAppend(step));
  }

  private async decideAndAppend({
    familyId,
    command,
    context,
    createdIds,
  }: TakeFamilyStep): Promise<CommandResult> {
    for (let attempt = 1; ; attempt++) {
      const family = await this.streams.load(familyId);
      const earlier = family.commands.get(context.commandId);
      if (earlier) {
        // Request digests are keyed with the family's key; once that is destroyed, they cannot be compared.
        const key = await this.vault.keyFor(familyId, { create: false });
        if (
          key &&
          earlier.requestHash !== undefined &&
          earlier.requestHash !== key.digest(context.requestHash)
        ) {
          throw keyReused();
        }
        return { familyId, version: earlier.version, position: earlier.position, ...createdIds };
      }
      if (context.ifMatch !== undefined && context.ifMatch !== family.version) {
        throw new VersionConflictError(`family-${familyId}`, context.ifMatch, family.version);
      }
      const events = decide(command, family.state);
      const key = await this.vault.sealingKeyFor(familyId);
      // Erasure destroys the key before its event is appended: once the auditor hears "erased", it is. So an
      // append that would be refused for a key used on another family is refused first, with the key intact.
      if (events.some((event) => event.type === 'PersonalDataErased')) {
        if (
          context.idempotencyKey !== undefined &&
          (await this.streams.idsHeldElsewhere(familyId, events, context, key))
        )
          throw keyReused();
        await this.vault.destroy(familyId);
      }
      try {
        const appended = await this.streams.append(familyId, events, family.version, context, key);
        return {
          familyId,
          version: appended.nextExpectedVersion,
          position: appended.position,
          ...createdIds,
        };
      } catch (error) {
        // Event ids derive from the command id, which derives from the actor and the key: ids the store holds on
        // another stream mean the key was used before on another family (store-wide, also across processes).
        if (error instanceof DuplicateEventIdError && context.idempotencyKey !== undefined)
          throw keyReused();
        if (error instanceof MemberIdTakenError) throw memberIdTaken(command, error);
        const retry = error instanceof VersionConflictError && context.ifMatch === undefined;
        if (!retry || attempt >= MAX_ATTEMPTS) throw error;
        // Writers that collided back off by a random, growing pause, so they do not collide again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** attempt));
      }
    }
  }
}

/** The key names an earlier command that differs from this one: another body, route or family. */
function keyReused(): Problem {
  return new Problem(
    422,
    'idempotency-key-reused',
    'Unprocessable Content',
    'this Idempotency-Key was used before for a different request (another body, route or family)',
    { rule: 'idempotency-key-reused' },
  );
}

/**
 * A member id of the command belongs to another family. The answer names the field, never that family: its id
 * would tell the caller that a family they may not see exists.
 */
function memberIdTaken(command: FamilyCommand, error: MemberIdTakenError): Problem {
  const fields =
    command.type === 'RegisterFamily'
      ? command.data.members.flatMap((member, i) =>
          error.taken.has(member.memberId) ? [`members[${i}].memberId`] : [],
        )
      : ['memberId'];
  return new Problem(
    422,
    'member-id-taken',
    'Unprocessable Content',
    'a member id of this request belongs to another family; leave it out to have one made',
    {
      rule: 'member-id-taken',
      errors: fields.map((field) => ({ field, message: 'belongs to another family' })),
    },
  );
}
