import { Body } from '@nestjs/common';

import { FamilyCommands, type CommandContext, type CommandResult } from '@samenspoor/commands';

import { Command } from './command-context.decorator';
import { FollowUpBody, OutflowBody } from './dto/outflow.dto';
import { CommandRoute, FamilyId, FamilyRoutes, step, without } from './family-routes';

/** Leaving the route, and the follow-ups after it ("don't let go"). */
@FamilyRoutes()
export class OutflowController {
  constructor(private readonly commands: FamilyCommands) {}

  @CommandRoute(
    'POST',
    ':familyId/outflow',
    'The family leaves the HSJ-MCP route (outflow)',
    'network',
  )
  outflow(
    @FamilyId() familyId: string,
    @Body() body: OutflowBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('RegisterOutflow', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }

  @CommandRoute(
    'POST',
    ':familyId/follow-ups',
    '"Don\'t let go": a follow-up 3, 6 or 12 months after outflow',
    'network',
  )
  followUp(
    @FamilyId() familyId: string,
    @Body() body: FollowUpBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('RecordFollowUp', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }
}
