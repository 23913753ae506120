import type {
  AdoptTreatmentPlan,
  CompleteExplanatoryAnalysis,
  EvaluatePlan,
  ReviseTreatmentPlan,
  StartExplanatoryAnalysis,
} from '../commands';
import type {
  ExplanatoryAnalysisCompleted,
  ExplanatoryAnalysisStarted,
  TreatmentPlanAdopted,
  TreatmentPlanRevised,
} from '../events';
import type { PlanEvaluated } from '../route-events';
import type { NewGoal, RevisedGoal } from '../commands';
import type { PlanGoal } from '../events';
import type { Plan, RegisteredFamilyState } from '../family.state';
import { DomainRuleError } from '../rules';
import {
  assertAfter,
  assertCaseAdmitted,
  assertMembers,
  assertNewId,
  assertNotBefore,
  caseOpenedAt,
  currentPlan,
  namedCurrentPlan,
  definedOnly,
  found,
} from './guards';

/** Rule 2: an explanatory analysis (verklarende analyse) starts after a signal; one in progress at a time. */
export function startExplanatoryAnalysis(
  command: StartExplanatoryAnalysis,
  state: RegisteredFamilyState,
): [ExplanatoryAnalysisStarted] {
  const { analysisId, occurredAt } = command.data;
  if (state.caseNumber === 0) {
    throw new DomainRuleError('no-signal', 'an explanatory analysis starts only after a signal');
  }
  assertCaseAdmitted(state, 'an explanatory analysis');
  const inProgress = state.analyses.find((a) => a.status === 'in-progress');
  if (inProgress) {
    throw new DomainRuleError(
      'analysis-in-progress',
      `explanatory analysis ${inProgress.analysisId} is still in progress`,
    );
  }
  assertNewId(state.analyses, 'analysisId', analysisId);
  const opened = caseOpenedAt(state);
  if (opened !== undefined) assertNotBefore(occurredAt, opened, 'the signal that opened the case');
  return [
    {
      type: 'ExplanatoryAnalysisStarted',
      data: { analysisId, caseNumber: state.caseNumber, occurredAt },
    },
  ];
}

export function completeExplanatoryAnalysis(
  command: CompleteExplanatoryAnalysis,
  state: RegisteredFamilyState,
): [ExplanatoryAnalysisCompleted] {
  const { analysisId, safetyLevel, occurredAt } = command.data;
  const analysis = found(state.analyses, 'analysisId', analysisId, 'analysis');
  if (analysis.status !== 'in-progress') {
    throw new DomainRuleError('invalid-transition', `analysis ${analysisId} is already completed`);
  }
  assertNotBefore(occurredAt, analysis.startedAt, 'the start of the analysis');
  const careNeeds = command.data.careNeeds ?? [];
  assertMembers(
    state,
    careNeeds.map((n) => n.memberId),
  );
  return [
    {
      type: 'ExplanatoryAnalysisCompleted',
      data: {
        analysisId,
        safetyLevel,
        patterns: command.data.patterns ?? [],
        riskFactors: command.data.riskFactors ?? [],
        protectiveFactors: command.data.protectiveFactors ?? [],
        careNeeds,
        occurredAt,
      },
    },
  ];
}

/** Rule 3, first understand, then act: one plan per case, on a completed analysis of that case. */
export function adoptTreatmentPlan(
  command: AdoptTreatmentPlan,
  state: RegisteredFamilyState,
): [TreatmentPlanAdopted] {
  const { planId, analysisId, agreedWithFamily, evaluateBy, occurredAt } = command.data;
  assertCaseAdmitted(state, 'a treatment plan');
  const goals = withIds(command.data.goals, command.data.goalIds);
  const analysis = state.analyses.find((a) => a.analysisId === analysisId);
  if (!analysis) {
    throw new DomainRuleError('unknown-reference', `no analysis ${analysisId} in this family`);
  }
  if (analysis.status !== 'completed' || analysis.completedAt === undefined) {
    throw new DomainRuleError(
      'first-understand-then-act',
      `first understand, then act: complete explanatory analysis ${analysisId} before adopting a plan`,
    );
  }
  if (analysis.caseNumber !== state.caseNumber) {
    throw new DomainRuleError(
      'first-understand-then-act',
      `first understand, then act: analysis ${analysisId} belongs to an earlier case; complete a new one`,
    );
  }
  const adopted = currentPlan(state);
  if (adopted) {
    throw new DomainRuleError(
      'invalid-transition',
      `one family, one plan: plan ${adopted.planId} is adopted; revise it instead`,
    );
  }
  assertNewId(state.plan ? [state.plan] : [], 'planId', planId);
  assertMembers(
    state,
    goals.flatMap((g) => g.memberIds),
  );
  assertNotBefore(occurredAt, analysis.completedAt, 'the completion of the analysis');
  return [
    {
      type: 'TreatmentPlanAdopted',
      data: {
        planId,
        version: 1,
        basedOnAnalysisId: analysisId,
        goals,
        agreedWithFamily: agreedWithFamily ?? false,
        ...definedOnly({ evaluateBy }),
        caseNumber: state.caseNumber,
        occurredAt,
      },
    },
  ];
}

export function reviseTreatmentPlan(
  command: ReviseTreatmentPlan,
  state: RegisteredFamilyState,
): [TreatmentPlanRevised] {
  const { planId, reason, occurredAt } = command.data;
  const plan = namedCurrentPlan(state, planId);
  const goals = revisedGoals(plan, command.data.goals, command.data.newGoalIds);
  assertMembers(
    state,
    goals.flatMap((g) => g.memberIds),
  );
  assertNotBefore(occurredAt, plan.revisedAt ?? plan.adoptedAt, 'the plan’s last version');
  return [
    {
      type: 'TreatmentPlanRevised',
      data: { planId, version: plan.version + 1, reason, goals, occurredAt },
    },
  ];
}

/** A new plan's goals with their ids (one each, distinct). */
function withIds(goals: readonly NewGoal[], goalIds: readonly string[]): PlanGoal[] {
  if (goalIds.length !== goals.length) {
    throw new TypeError(
      `${goals.length} goals need ${goals.length} goal ids, not ${goalIds.length}`,
    );
  }
  const withId = goals.map((g, i) => ({ goalId: goalIds[i]!, ...g }));
  assertDistinctGoals(withId);
  return withId;
}

/**
 * A revision's goals: each keeps the id of a goal of the plan's current version, or (without one) takes the next
 * new id, which no goal of the plan ever had.
 */
function revisedGoals(
  plan: Plan,
  goals: readonly RevisedGoal[],
  newGoalIds: readonly string[],
): PlanGoal[] {
  const fresh = [...newGoalIds];
  const revised = goals.map(({ goalId, description, memberIds }) => {
    if (goalId === undefined) {
      const id = fresh.shift();
      if (id === undefined) throw new TypeError('a new goal of a revision needs a new goal id');
      if (plan.allGoalIds.includes(id)) {
        throw new DomainRuleError(
          'invalid-transition',
          `goal ${id} was a goal of this plan before`,
        );
      }
      return { goalId: id, description, memberIds };
    }
    if (!plan.goals.some((g) => g.goalId === goalId)) {
      throw new DomainRuleError(
        'unknown-reference',
        `plan ${plan.planId} (version ${plan.version}) has no goal ${goalId} to keep`,
      );
    }
    return { goalId, description, memberIds };
  });
  if (fresh.length > 0) throw new TypeError('more new goal ids than new goals');
  assertDistinctGoals(revised);
  return revised;
}

function assertDistinctGoals(goals: readonly PlanGoal[]): void {
  const ids = goals.map((g) => g.goalId);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) {
    throw new DomainRuleError('invalid-transition', `goal ${twice} is in the plan twice`);
  }
}

/** A plan evaluation: where each goal of the current plan version stands now. */
export function evaluatePlan(command: EvaluatePlan, state: RegisteredFamilyState): [PlanEvaluated] {
  const { evaluationId, planId, goals, familyInvolved, nextEvaluateBy, occurredAt } = command.data;
  const plan = namedCurrentPlan(state, planId);
  assertNewId(plan.evaluations, 'evaluationId', evaluationId);
  const unknown = goals.filter((g) => !plan.goals.some((p) => p.goalId === g.goalId));
  if (unknown.length > 0) {
    throw new DomainRuleError(
      'unknown-reference',
      `plan ${planId} (version ${plan.version}) has no goal ${unknown.map((g) => g.goalId).join(', ')}`,
    );
  }
  assertDistinctGoals(goals.map((g) => ({ goalId: g.goalId, description: '', memberIds: [] })));
  assertNotBefore(occurredAt, plan.revisedAt ?? plan.adoptedAt, 'the plan’s last version');
  assertAfter(nextEvaluateBy, occurredAt, 'the next evaluation is due after this one');
  return [
    {
      type: 'PlanEvaluated',
      data: {
        evaluationId,
        planId,
        planVersion: plan.version,
        goals,
        familyInvolved,
        ...definedOnly({ nextEvaluateBy }),
        occurredAt,
      },
    },
  ];
}
