import { Body } from '@nestjs/common';

import type { CommandResult } from '@samenspoor/commands';

import { OnFamily, type FamilyStep } from './command-context.decorator';
import {
  AdoptPlanBody,
  CompleteAnalysisBody,
  RevisePlanBody,
  type GoalBody,
  type RevisedGoalBody,
} from './dto/analysis-and-plan.dto';
import { PlanEvaluationBody } from './dto/route.dto';
import { StepBody } from './dto/step.dto';
import { CommandRoute, FamilyRoutes, IdParam, step, utc, without } from './family-routes';

/** First understand, then act: the explanatory analysis and the treatment plan. */
@FamilyRoutes()
export class AnalysisAndPlanController {
  @CommandRoute(
    'POST',
    ':familyId/analyses',
    'Start the explanatory analysis (verklarende analyse)',
    'network',
  )
  startAnalysis(@OnFamily() family: FamilyStep, @Body() body: StepBody): Promise<CommandResult> {
    return family.take(step('StartExplanatoryAnalysis', body, {}));
  }

  @CommandRoute(
    'POST',
    ':familyId/analyses/:analysisId/complete',
    'Complete the explanatory analysis',
    'network',
  )
  completeAnalysis(
    @OnFamily() family: FamilyStep,
    @IdParam('analysisId') analysisId: string,
    @Body() body: CompleteAnalysisBody,
  ) {
    return family.take(step('CompleteExplanatoryAnalysis', body, { ...without(body), analysisId }));
  }

  @CommandRoute(
    'POST',
    ':familyId/plans',
    'Adopt the one treatment plan, on a completed analysis',
    'network',
  )
  adoptPlan(@OnFamily() family: FamilyStep, @Body() body: AdoptPlanBody): Promise<CommandResult> {
    return family.take(step('AdoptTreatmentPlan', body, { ...without(body), goals: goals(body) }));
  }

  @CommandRoute(
    'POST',
    ':familyId/plans/:planId/revisions',
    'Revise the treatment plan (a new version)',
    'network',
  )
  revisePlan(
    @OnFamily() family: FamilyStep,
    @IdParam('planId') planId: string,
    @Body() body: RevisePlanBody,
  ) {
    const revised = body.goals.map((g: RevisedGoalBody) => ({
      ...(g.goalId === undefined ? {} : { goalId: g.goalId }),
      description: g.description,
      memberIds: g.memberIds ?? [],
    }));
    const data = { reason: body.reason, goals: revised, planId };
    return family.take(step('ReviseTreatmentPlan', body, data));
  }

  @CommandRoute(
    'POST',
    ':familyId/plans/:planId/evaluations',
    "Evaluate the plan's goals: where each stands",
    'network',
  )
  evaluatePlan(
    @OnFamily() family: FamilyStep,
    @IdParam('planId') planId: string,
    @Body() body: PlanEvaluationBody,
  ): Promise<CommandResult> {
    const { nextEvaluateBy } = body;
    return family.take(
      step('EvaluatePlan', body, {
        planId,
        goals: body.goals.map((g) => ({ goalId: g.goalId, status: g.status })),
        familyInvolved: body.familyInvolved,
        ...(nextEvaluateBy === undefined
          ? {}
          : { nextEvaluateBy: utc(nextEvaluateBy, 'nextEvaluateBy') }),
      }),
    );
  }
}

/** A plan's goals; a goal for no member in particular is about the whole family. */
function goals(body: { goals: readonly GoalBody[] }) {
  return body.goals.map((g) => ({ description: g.description, memberIds: g.memberIds ?? [] }));
}
