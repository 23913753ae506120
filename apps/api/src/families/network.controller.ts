import { Body, Delete, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { FamilyCommands, type CommandContext, type CommandResult } from '@samenspoor/commands';

import { Allow } from '../auth/auth.decorators';
import { Command } from './command-context.decorator';
import { CaseDirectorBody, JoinNetworkBody } from './dto/network.dto';
import { StepBody } from './dto/step.dto';
import { FamilyId, FamilyRoutes, step, without } from './family-routes';

/** The family's network of professionals and its one case director. */
@FamilyRoutes()
export class NetworkController {
  constructor(private readonly commands: FamilyCommands) {}

  @Post(':familyId/network')
  @Allow('network')
  @ApiOperation({ summary: "A professional joins the family's network" })
  joinNetwork(
    @FamilyId() familyId: string,
    @Body() body: JoinNetworkBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('JoinNetwork', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }

  @Delete(':familyId/network/:professionalId')
  @HttpCode(200)
  @Allow('network')
  @ApiOperation({ summary: "A professional leaves the family's network" })
  leaveNetwork(
    @FamilyId() familyId: string,
    @Param('professionalId') professionalId: string,
    @Body() body: StepBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('LeaveNetwork', body, { professionalId });
    return this.commands.execute({ familyId, command, context });
  }

  @Put(':familyId/case-director')
  @HttpCode(200)
  @Allow('network')
  @ApiOperation({ summary: 'Assign the one case director (regie); replaces the previous one' })
  assignCaseDirector(
    @FamilyId() familyId: string,
    @Body() body: CaseDirectorBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('AssignCaseDirector', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }
}
