import { given, refusedBy, rules } from '../testing/family-specification';
import { command, day, event, history } from '../testing/given-when-then';

describe('HoldMdo', () => {
  rules({
    'records the MDO and when the next one is due': {
      given: history.inCare(),
      when: command.holdMdo(),
      then: event.mdoHeld(),
    },
  });

  it.each([
    ['on the day of this MDO', day(50)],
    ['before this MDO', day(49)],
  ])('refuses a next MDO due %s', (_when, nextMdoDueBy) => {
    given(...history.inCare())
      .when(command.holdMdo({ nextMdoDueBy }))
      .thenThrows(refusedBy('invalid-time'));
  });
});

describe('NoteProgress, AssessSafety and ReviewSafety', () => {
  rules({
    'notes progress in a workstream': {
      given: history.signalled(),
      when: command.noteProgress(),
      then: event.progressNoted(),
    },
    'records a safety assessment with its phase and notes': {
      given: history.signalled(),
      when: command.assessSafety(),
      then: event.safetyAssessed(),
    },
    'records a safety assessment without phase and notes': {
      given: history.signalled(),
      when: command.assessSafety({ level: 'safe', phase: undefined, notes: undefined }),
      then: {
        type: 'SafetyAssessed',
        data: { assessmentId: 'sa-1', level: 'safe', occurredAt: day(11) },
      },
    },
    'records a review by the regional safety team': {
      given: history.signalled(),
      when: command.reviewSafety(),
      then: event.safetyTeamReviewed(),
    },
    'records a review without advice': {
      given: history.signalled(),
      when: command.reviewSafety({ advice: undefined }),
      then: {
        type: 'SafetyTeamReviewed',
        data: { reviewId: 'r-1', outcome: 'safety plan agreed', occurredAt: day(12) },
      },
    },
  });
});
