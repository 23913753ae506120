import { Body } from '@nestjs/common';

import { FamilyCommands, type CommandContext, type CommandResult } from '@samenspoor/commands';

import { Command } from './command-context.decorator';
import { EndCareBody, RequestCareBody, WithdrawCareBody } from './dto/care.dto';
import { StepBody } from './dto/step.dto';
import { CommandRoute, FamilyId, FamilyRoutes, IdParam, step, without } from './family-routes';

/** Care trajectories: requested (the family waits), started, ended or withdrawn. */
@FamilyRoutes()
export class CareController {
  constructor(private readonly commands: FamilyCommands) {}

  @CommandRoute(
    'POST',
    ':familyId/trajectories',
    'Request care from a provider: from now the family waits',
    'network',
  )
  requestCare(
    @FamilyId() familyId: string,
    @Body() body: RequestCareBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('RequestCare', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }

  @CommandRoute('POST', ':familyId/trajectories/:trajectoryId/start', 'Care starts', 'network')
  startCare(
    @FamilyId() familyId: string,
    @IdParam('trajectoryId') trajectoryId: string,
    @Body() body: StepBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('StartCare', body, { trajectoryId });
    return this.commands.execute({ familyId, command, context });
  }

  @CommandRoute('POST', ':familyId/trajectories/:trajectoryId/end', 'Care ends', 'network')
  endCare(
    @FamilyId() familyId: string,
    @IdParam('trajectoryId') trajectoryId: string,
    @Body() body: EndCareBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('EndCare', body, { trajectoryId, reason: body.reason });
    return this.commands.execute({ familyId, command, context });
  }

  @CommandRoute(
    'POST',
    ':familyId/trajectories/:trajectoryId/withdraw',
    'Withdraw a care request before care started',
    'network',
  )
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
