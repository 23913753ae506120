import { Body } from '@nestjs/common';

import { FamilyCommands, type CommandContext, type CommandResult } from '@samenspoor/commands';

import { Command } from './command-context.decorator';
import {
  AdoptPlanBody,
  CompleteAnalysisBody,
  RevisePlanBody,
  type GoalBody,
} from './dto/analysis-and-plan.dto';
import { StepBody } from './dto/step.dto';
import { CommandRoute, FamilyId, FamilyRoutes, IdParam, step, without } from './family-routes';

/** First understand, then act: the explanatory analysis and the treatment plan. */
@FamilyRoutes()
export class AnalysisAndPlanController {
  constructor(private readonly commands: FamilyCommands) {}

  @CommandRoute(
    'POST',
    ':familyId/analyses',
    'Start the explanatory analysis (verklarende analyse)',
    'network',
  )
  startAnalysis(
    @FamilyId() familyId: string,
    @Body() body: StepBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('StartExplanatoryAnalysis', body, {});
    return this.commands.execute({ familyId, command, context });
  }

  @CommandRoute(
    'POST',
    ':familyId/analyses/:analysisId/complete',
    'Complete the explanatory analysis',
    'network',
  )
  completeAnalysis(
    @FamilyId() familyId: string,
    @IdParam('analysisId') analysisId: string,
    @Body() body: CompleteAnalysisBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('CompleteExplanatoryAnalysis', body, { ...without(body), analysisId });
    return this.commands.execute({ familyId, command, context });
  }

  @CommandRoute(
    'POST',
    ':familyId/plans',
    'Adopt the one treatment plan, on a completed analysis',
    'network',
  )
  adoptPlan(
    @FamilyId() familyId: string,
    @Body() body: AdoptPlanBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('AdoptTreatmentPlan', body, { ...without(body), goals: goals(body) });
    return this.commands.execute({ familyId, command, context });
  }

  @CommandRoute(
    'POST',
    ':familyId/plans/:planId/revisions',
    'Revise the treatment plan (a new version)',
    'network',
  )
  revisePlan(
    @FamilyId() familyId: string,
    @IdParam('planId') planId: string,
    @Body() body: RevisePlanBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const data = { reason: body.reason, goals: goals(body), planId };
    return this.commands.execute({
      familyId,
      command: step('ReviseTreatmentPlan', body, data),
      context,
    });
  }
}

/** A plan's goals; a goal for no member in particular is about the whole family. */
function goals(body: { goals: readonly GoalBody[] }) {
  return body.goals.map((g) => ({ description: g.description, memberIds: g.memberIds ?? [] }));
}
