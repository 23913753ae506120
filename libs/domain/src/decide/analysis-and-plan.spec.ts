import { refusedBy, rules } from '../testing/family-specification';
import { command, day, event, goals, history, revisedGoals } from '../testing/given-when-then';

/** A further analysis, a-2, on day `days`. */
const secondAnalysis = (days: number) => ({ analysisId: 'a-2', occurredAt: day(days) });

describe('rule 2: StartExplanatoryAnalysis', () => {
  rules({
    'starts an analysis in the current case after a signal': {
      given: history.signalled(),
      when: command.startExplanatoryAnalysis(),
      then: event.analysisStarted(),
    },
    'refuses an analysis before any signal': {
      given: history.registered(),
      when: command.startExplanatoryAnalysis(),
      thenThrows: refusedBy('no-signal'),
    },
    'refuses a second analysis while one is in progress': {
      given: history.analysing(),
      when: command.startExplanatoryAnalysis(secondAnalysis(6)),
      thenThrows: refusedBy('analysis-in-progress'),
    },
    'starts a further analysis once the previous one is completed': {
      given: history.analysed(),
      when: command.startExplanatoryAnalysis(secondAnalysis(21)),
      then: event.analysisStarted(secondAnalysis(21)),
    },
    'starts the analysis of a reopened case in the new case': {
      given: history.reentered(),
      when: command.startExplanatoryAnalysis(secondAnalysis(301)),
      then: event.analysisStarted({ ...secondAnalysis(301), caseNumber: 2 }),
    },
    'refuses an analysis of a reopened case that starts before the signal that reopened it': {
      given: history.reentered(),
      when: command.startExplanatoryAnalysis(secondAnalysis(200)),
      thenThrows: refusedBy('invalid-time'),
    },
  });
});

describe('CompleteExplanatoryAnalysis', () => {
  rules({
    'completes the analysis in progress': {
      given: history.analysing(),
      when: command.completeExplanatoryAnalysis(),
      then: event.analysisCompleted(),
    },
    'refuses to complete an analysis that does not exist, addressing the analysis': {
      given: history.analysing(),
      when: command.completeExplanatoryAnalysis({ analysisId: 'a-unknown' }),
      thenThrows: refusedBy('unknown-reference', 'analysis'),
    },
    'refuses to complete an analysis twice': {
      given: history.analysed(),
      when: command.completeExplanatoryAnalysis({ occurredAt: day(21) }),
      thenThrows: refusedBy('invalid-transition'),
    },
  });
});

describe('rule 3: first understand, then act (AdoptTreatmentPlan)', () => {
  rules({
    'adopts version 1 of the plan on a completed analysis of the current case': {
      given: history.analysed(),
      when: command.adoptTreatmentPlan(),
      then: event.planAdopted(),
    },
    'records a plan not (yet) agreed with the family when nothing is said': {
      given: history.analysed(),
      when: command.adoptTreatmentPlan({ agreedWithFamily: undefined, evaluateBy: undefined }),
      then: {
        type: 'TreatmentPlanAdopted',
        data: {
          planId: 'p-1',
          version: 1,
          basedOnAnalysisId: 'a-1',
          goals,
          agreedWithFamily: false,
          caseNumber: 1,
          occurredAt: day(25),
        },
      },
    },
    'refuses a plan on an analysis that is still in progress': {
      given: history.analysing(),
      when: command.adoptTreatmentPlan(),
      thenThrows: refusedBy('first-understand-then-act'),
    },
    'refuses a plan on the analysis of an earlier case after re-entry': {
      given: history.reentered(),
      when: command.adoptTreatmentPlan({ planId: 'p-2', occurredAt: day(301) }),
      thenThrows: refusedBy('first-understand-then-act'),
    },
    'adopts a plan in a reopened case on an analysis of that case': {
      given: [
        history.reentered(),
        event.analysisStarted({ ...secondAnalysis(301), caseNumber: 2 }),
        event.analysisCompleted(secondAnalysis(310)),
      ],
      when: command.adoptTreatmentPlan({
        planId: 'p-2',
        analysisId: 'a-2',
        occurredAt: day(311),
      }),
      then: event.planAdopted({
        planId: 'p-2',
        basedOnAnalysisId: 'a-2',
        caseNumber: 2,
        occurredAt: day(311),
      }),
    },
    'refuses a plan on an analysis that does not exist, without addressing it (it is in the body)':
      {
        given: history.analysed(),
        when: command.adoptTreatmentPlan({ analysisId: 'a-unknown' }),
        thenThrows: refusedBy('unknown-reference'),
      },
    'refuses a second plan in the same case: one family, one plan': {
      given: [
        history.planned(),
        event.analysisStarted(secondAnalysis(26)),
        event.analysisCompleted(secondAnalysis(27)),
      ],
      when: command.adoptTreatmentPlan({ planId: 'p-2', analysisId: 'a-2', occurredAt: day(28) }),
      thenThrows: refusedBy('invalid-transition'),
    },
  });
});

describe('ReviseTreatmentPlan', () => {
  rules({
    'revises the plan as version 2': {
      given: history.planned(),
      when: command.reviseTreatmentPlan(),
      then: event.planRevised(),
    },
    'numbers every further revision one up': {
      given: [history.planned(), event.planRevised()],
      when: command.reviseTreatmentPlan({
        reason: 'second MDO',
        goals: revisedGoals,
        newGoalIds: [],
        occurredAt: day(60),
      }),
      then: event.planRevised({ version: 3, reason: 'second MDO', occurredAt: day(60) }),
    },
    'refuses to revise a plan that does not exist, addressing the plan': {
      given: history.planned(),
      when: command.reviseTreatmentPlan({ planId: 'p-unknown' }),
      thenThrows: refusedBy('unknown-reference', 'plan'),
    },
    'refuses to revise when no plan was adopted, addressing the plan': {
      given: history.analysed(),
      when: command.reviseTreatmentPlan(),
      thenThrows: refusedBy('unknown-reference', 'plan'),
    },
    'refuses to revise the plan of a closed case after re-entry, addressing the plan': {
      given: history.reentered(),
      when: command.reviseTreatmentPlan({ occurredAt: day(301) }),
      thenThrows: refusedBy('unknown-reference', 'plan'),
    },
  });
});
