import { Command } from '@nestjs/cqrs';

import type { CommandContext } from '@samenspoor/commands';
import type { FamilyCommand } from '@samenspoor/domain';

/** What a command answers: the stream version after it, its last event's position, and the ids it created. */
export interface CommandResult {
  readonly familyId: string;
  readonly version: number;
  readonly position: string;
  readonly [createdId: string]: unknown;
}

/**
 * A step on a family's route, registration included, sent through the CommandBus. `createdIds` are the ids the
 * command introduces, answered to the client.
 */
export class TakeFamilyStep extends Command<CommandResult> {
  constructor(
    readonly familyId: string,
    readonly command: FamilyCommand,
    readonly context: CommandContext,
    readonly createdIds: Readonly<Record<string, unknown>> = {},
  ) {
    super();
  }
}
