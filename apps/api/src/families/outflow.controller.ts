import { Body, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { FamilyCommands, type CommandContext, type CommandResult } from '@samenspoor/commands';

import { Allow } from '../auth/auth.decorators';
import { Command } from './command-context.decorator';
import { FollowUpBody, OutflowBody } from './dto/outflow.dto';
import { FamilyId, FamilyRoutes, step, without } from './family-routes';

/** Leaving the route, and the follow-ups after it ("don't let go"). */
@FamilyRoutes()
export class OutflowController {
  constructor(private readonly commands: FamilyCommands) {}

  @Post(':familyId/outflow')
  @Allow('network')
  @ApiOperation({ summary: 'The family leaves the HSJ-MCP route (outflow)' })
  outflow(
    @FamilyId() familyId: string,
    @Body() body: OutflowBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('RegisterOutflow', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }

  @Post(':familyId/follow-ups')
  @Allow('network')
  @ApiOperation({ summary: '"Don\'t let go": a follow-up 3, 6 or 12 months after outflow' })
  followUp(
    @FamilyId() familyId: string,
    @Body() body: FollowUpBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('RecordFollowUp', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }
}
