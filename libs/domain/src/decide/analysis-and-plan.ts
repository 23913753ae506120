import type {
  AdoptTreatmentPlan,
  CompleteExplanatoryAnalysis,
  ReviseTreatmentPlan,
  StartExplanatoryAnalysis,
} from '../commands';
import type {
  ExplanatoryAnalysisCompleted,
  ExplanatoryAnalysisStarted,
  TreatmentPlanAdopted,
  TreatmentPlanRevised,
} from '../events';
import type { RegisteredFamilyState } from '../family.state';
import { DomainRuleError } from '../rules';
import {
  assertMembers,
  assertNewId,
  assertNotBefore,
  caseOpenedAt,
  currentPlan,
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
  const inProgress = state.analyses.find((a) => a.status === 'in-progress');
  if (inProgress) {
    throw new DomainRuleError(
      'analysis-in-progress',
      `explanatory analysis ${inProgress.analysisId} is still in progress`,
    );
  }
  assertNewId(
    state.analyses.map((a) => a.analysisId),
    analysisId,
    'analysis',
  );
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
  const analysis = found(
    state.analyses.find((a) => a.analysisId === analysisId),
    'analysis',
    `no analysis ${analysisId} in this family`,
  );
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
  const { planId, analysisId, goals, agreedWithFamily, evaluateBy, occurredAt } = command.data;
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
  assertNewId(state.plan ? [state.plan.planId] : [], planId, 'plan');
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
  const { planId, reason, goals, occurredAt } = command.data;
  const plan = currentPlan(state);
  if (!plan || plan.planId !== planId) {
    throw new DomainRuleError(
      'unknown-reference',
      `no current plan ${planId} in this family`,
      'plan',
    );
  }
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
