import { refusedBy, rules, stateAfter } from '../testing/family-specification';
import { command, day, event, history } from '../testing/given-when-then';
import { familySummary } from '../family.summary';

const evaluated = () => [...history.planned(), event.planEvaluated()];

/** Plan goals with ids kept across revisions, and evaluations per goal. */
describe('goal ids', () => {
  rules({
    'a revision keeps the id of the goal it names and gives the others new ids': {
      given: history.planned(),
      when: command.reviseTreatmentPlan(),
      then: event.planRevised(),
    },
    'rule 7: refuses to keep a goal the plan does not have': {
      given: history.planned(),
      when: command.reviseTreatmentPlan({
        goals: [{ goalId: 'g-unknown', description: 'x', memberIds: [] }],
        newGoalIds: [],
      }),
      thenThrows: refusedBy('unknown-reference'),
    },
    'rule 7: refuses to keep a goal that an earlier revision dropped': {
      given: [
        history.planned(),
        event.planRevised({
          goals: [{ goalId: 'g-2', description: 'only this one', memberIds: [] }],
        }),
      ],
      when: command.reviseTreatmentPlan({
        goals: [{ goalId: 'g-1', description: 'back again', memberIds: [] }],
        newGoalIds: [],
        occurredAt: day(50),
      }),
      thenThrows: refusedBy('unknown-reference'),
    },
    'refuses to keep one goal twice': {
      given: history.planned(),
      when: command.reviseTreatmentPlan({
        goals: [
          { goalId: 'g-1', description: 'a', memberIds: [] },
          { goalId: 'g-1', description: 'b', memberIds: [] },
        ],
        newGoalIds: [],
      }),
      thenThrows: refusedBy('invalid-transition'),
    },
    'refuses a new goal id that the plan had before': {
      given: [
        history.planned(),
        event.planRevised({
          goals: [{ goalId: 'g-2', description: 'only this one', memberIds: [] }],
        }),
      ],
      when: command.reviseTreatmentPlan({
        goals: [{ description: 'new', memberIds: [] }],
        newGoalIds: ['g-1'],
        occurredAt: day(50),
      }),
      thenThrows: refusedBy('invalid-transition'),
    },
    'refuses an adopted plan whose goals share an id': {
      given: history.analysed(),
      when: command.adoptTreatmentPlan({
        goals: [
          { description: 'a', memberIds: [] },
          { description: 'b', memberIds: [] },
        ],
        goalIds: ['g-1', 'g-1'],
      }),
      thenThrows: refusedBy('invalid-transition'),
    },
  });
});

describe('EvaluatePlan', () => {
  rules({
    'records where each goal stands, with the family, and when to evaluate next': {
      given: history.planned(),
      when: command.evaluatePlan(),
      then: event.planEvaluated(),
    },
    'evaluates the revised version of the plan': {
      given: [history.planned(), event.planRevised()],
      when: command.evaluatePlan({
        goals: [
          { goalId: 'g-1', status: 'achieved' },
          { goalId: 'g-2', status: 'not-achieved' },
        ],
        familyInvolved: false,
        nextEvaluateBy: undefined,
      }),
      then: {
        type: 'PlanEvaluated',
        data: {
          evaluationId: 'ev-1',
          planId: 'p-1',
          planVersion: 2,
          goals: [
            { goalId: 'g-1', status: 'achieved' },
            { goalId: 'g-2', status: 'not-achieved' },
          ],
          familyInvolved: false,
          occurredAt: day(60),
        },
      },
    },
    'rule 7: refuses an evaluation of a plan the family does not have, addressing the plan': {
      given: history.planned(),
      when: command.evaluatePlan({ planId: 'p-unknown' }),
      thenThrows: refusedBy('unknown-reference', 'plan'),
    },
    'rule 7: refuses an evaluation before any plan, addressing the plan': {
      given: history.analysed(),
      when: command.evaluatePlan(),
      thenThrows: refusedBy('unknown-reference', 'plan'),
    },
    'rule 7: refuses an evaluation of a goal the plan does not have': {
      given: history.planned(),
      when: command.evaluatePlan({ goals: [{ goalId: 'g-9', status: 'ongoing' }] }),
      thenThrows: refusedBy('unknown-reference'),
    },
    'refuses to evaluate one goal twice in one evaluation': {
      given: history.planned(),
      when: command.evaluatePlan({
        goals: [
          { goalId: 'g-1', status: 'ongoing' },
          { goalId: 'g-1', status: 'achieved' },
        ],
      }),
      thenThrows: refusedBy('invalid-transition'),
    },
    'rule 9: refuses a next evaluation due before this one': {
      given: history.planned(),
      when: command.evaluatePlan({ nextEvaluateBy: day(60) }),
      thenThrows: refusedBy('invalid-time'),
    },
  });

  it('answers each goal of the current version with its latest status', () => {
    const state = stateAfter(
      ...evaluated(),
      event.planRevised({ occurredAt: day(65) }),
      event.planEvaluated({
        evaluationId: 'ev-2',
        planVersion: 2,
        goals: [{ goalId: 'g-2', status: 'ongoing' }],
        occurredAt: day(70),
      }),
    );
    expect(familySummary(state, 9).goals).toStrictEqual([
      {
        goalId: 'g-1',
        description: 'Sam goes to school four days a week',
        memberIds: ['m-1'],
        status: 'partly-achieved',
        evaluatedAt: day(60),
      },
      {
        goalId: 'g-2',
        description: 'Alex finds support for the debts',
        memberIds: ['m-2'],
        status: 'ongoing',
        evaluatedAt: day(70),
      },
    ]);
  });

  it('answers no goals once a new case has cleared the plan', () => {
    expect(familySummary(stateAfter(...history.reentered()), 9).goals).toStrictEqual([]);
  });
});
