import { Body, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { FamilyCommands, type CommandContext, type CommandResult } from '@samenspoor/commands';

import { Allow } from '../auth/auth.decorators';
import { Command } from './command-context.decorator';
import { EndCareBody, RequestCareBody, WithdrawCareBody } from './dto/care.dto';
import { StepBody } from './dto/step.dto';
import { FamilyId, FamilyRoutes, IdParam, step, without } from './family-routes';

/** Care trajectories: requested (the family waits), started, ended or withdrawn. */
@FamilyRoutes()
export class CareController {
  constructor(private readonly commands: FamilyCommands) {}

  @Post(':familyId/trajectories')
  @Allow('network')
  @ApiOperation({ summary: 'Request care from a provider: from now the family waits' })
  requestCare(
    @FamilyId() familyId: string,
    @Body() body: RequestCareBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('RequestCare', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }

  @Post(':familyId/trajectories/:trajectoryId/start')
  @Allow('network')
  @ApiOperation({ summary: 'Care starts' })
  startCare(
    @FamilyId() familyId: string,
    @IdParam('trajectoryId') trajectoryId: string,
    @Body() body: StepBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('StartCare', body, { trajectoryId });
    return this.commands.execute({ familyId, command, context });
  }

  @Post(':familyId/trajectories/:trajectoryId/end')
  @Allow('network')
  @ApiOperation({ summary: 'Care ends' })
  endCare(
    @FamilyId() familyId: string,
    @IdParam('trajectoryId') trajectoryId: string,
    @Body() body: EndCareBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('EndCare', body, { trajectoryId, reason: body.reason });
    return this.commands.execute({ familyId, command, context });
  }

  @Post(':familyId/trajectories/:trajectoryId/withdraw')
  @Allow('network')
  @ApiOperation({ summary: 'Withdraw a care request before care started' })
  withdrawCare(
    @FamilyId() familyId: string,
    @IdParam('trajectoryId') trajectoryId: string,
    @Body() body: WithdrawCareBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('WithdrawCareRequest', body, { trajectoryId, reason: body.reason });
    return this.commands.execute({ familyId, command, context });
  }
}
