import {
  AdoptPlanBody,
  CompleteAnalysisBody,
  RevisePlanBody,
  type GoalBody,
} from './dto/analysis-and-plan.dto';
import { PlanEvaluationBody } from './dto/route.dto';
import { StepBody } from './dto/step.dto';
import { FamilyRoutes, step, utc, without } from './family-routes';
import { Steps, stepRoute } from './family-steps';

/** First understand, then act: the explanatory analysis and the treatment plan. */
@FamilyRoutes()
@Steps({
  startAnalysis: stepRoute({
    method: 'POST',
    path: ':familyId/analyses',
    summary: 'Start the explanatory analysis (verklarende analyse)',
    allow: ['network'],
    body: StepBody,
    command: (body) => step('StartExplanatoryAnalysis', body, {}),
  }),
  completeAnalysis: stepRoute({
    method: 'POST',
    path: ':familyId/analyses/:analysisId/complete',
    summary: 'Complete the explanatory analysis',
    allow: ['network'],
    body: CompleteAnalysisBody,
    command: (body, { analysisId }) =>
      step('CompleteExplanatoryAnalysis', body, { ...without(body), analysisId }),
  }),
  adoptPlan: stepRoute({
    method: 'POST',
    path: ':familyId/plans',
    summary: 'Adopt the one treatment plan, on a completed analysis',
    allow: ['network'],
    body: AdoptPlanBody,
    command: (body) =>
      step('AdoptTreatmentPlan', body, { ...without(body), goals: body.goals.map(goal) }),
  }),
  revisePlan: stepRoute({
    method: 'POST',
    path: ':familyId/plans/:planId/revisions',
    summary: 'Revise the treatment plan (a new version)',
    allow: ['network'],
    body: RevisePlanBody,
    command: (body, { planId }) => {
      const goals = body.goals.map((g) => ({
        ...(g.goalId === undefined ? {} : { goalId: g.goalId }),
        ...goal(g),
      }));
      return step('ReviseTreatmentPlan', body, { reason: body.reason, goals, planId });
    },
  }),
  evaluatePlan: stepRoute({
    method: 'POST',
    path: ':familyId/plans/:planId/evaluations',
    summary: "Evaluate the plan's goals: where each stands",
    allow: ['network'],
    body: PlanEvaluationBody,
    command: (body, { planId }) => {
      const { nextEvaluateBy } = body;
      return step('EvaluatePlan', body, {
        planId,
        goals: body.goals.map((g) => ({ goalId: g.goalId, status: g.status })),
        familyInvolved: body.familyInvolved,
        ...(nextEvaluateBy === undefined
          ? {}
          : { nextEvaluateBy: utc(nextEvaluateBy, 'nextEvaluateBy') }),
      });
    },
  }),
})
export class AnalysisAndPlanController {}

/** A plan's goal; a goal for no member in particular is about the whole family. */
function goal(g: GoalBody) {
  return { description: g.description, memberIds: g.memberIds ?? [] };
}
