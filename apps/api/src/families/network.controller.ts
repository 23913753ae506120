import { Body, Param } from '@nestjs/common';

import { FamilyCommands, type CommandContext, type CommandResult } from '@samenspoor/commands';

import { Command } from './command-context.decorator';
import { CaseDirectorBody, JoinNetworkBody } from './dto/network.dto';
import { StepBody } from './dto/step.dto';
import { CommandRoute, FamilyId, FamilyRoutes, step, without } from './family-routes';

/** The family's network of professionals and its one case director. */
@FamilyRoutes()
export class NetworkController {
  constructor(private readonly commands: FamilyCommands) {}

  @CommandRoute('POST', ':familyId/network', "A professional joins the family's network", 'network')
  joinNetwork(
    @FamilyId() familyId: string,
    @Body() body: JoinNetworkBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('JoinNetwork', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }

  @CommandRoute(
    'DELETE',
    ':familyId/network/:professionalId',
    "A professional leaves the family's network",
    'network',
  )
  leaveNetwork(
    @FamilyId() familyId: string,
    @Param('professionalId') professionalId: string,
    @Body() body: StepBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('LeaveNetwork', body, { professionalId });
    return this.commands.execute({ familyId, command, context });
  }

  @CommandRoute(
    'PUT',
    ':familyId/case-director',
    'Assign the one case director (regie); replaces the previous one',
    'network',
  )
  assignCaseDirector(
    @FamilyId() familyId: string,
    @Body() body: CaseDirectorBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('AssignCaseDirector', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }
}
