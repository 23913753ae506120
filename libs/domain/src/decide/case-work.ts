import type { AssessSafety, HoldMdo, NoteProgress, ReviewSafety } from '../commands';
import type { MdoHeld, ProgressNoted, SafetyAssessed, SafetyTeamReviewed } from '../events';
import type { RegisteredFamilyState } from '../family.state';
import { assertAfter, definedOnly } from './guards';

/** A periodic multidisciplinary consultation (MDO): the next one is due after this one. */
export function holdMdo(command: HoldMdo, _state: RegisteredFamilyState): [MdoHeld] {
  const { mdoId, participants, nextMdoDueBy, familyPresent, decisions, occurredAt } = command.data;
  assertAfter(nextMdoDueBy, occurredAt, 'the next MDO is due after this one');
  return [
    {
      type: 'MdoHeld',
      data: {
        mdoId,
        participants,
        familyPresent: familyPresent ?? false,
        decisions: decisions ?? [],
        nextMdoDueBy,
        occurredAt,
      },
    },
  ];
}

export function noteProgress(
  command: NoteProgress,
  _state: RegisteredFamilyState,
): [ProgressNoted] {
  const { noteId, workstream, note, occurredAt } = command.data;
  return [{ type: 'ProgressNoted', data: { noteId, workstream, note, occurredAt } }];
}

export function assessSafety(
  command: AssessSafety,
  _state: RegisteredFamilyState,
): [SafetyAssessed] {
  const { assessmentId, level, phase, notes, occurredAt } = command.data;
  return [
    {
      type: 'SafetyAssessed',
      data: {
        assessmentId,
        level,
        ...definedOnly({ phase, notes }),
        occurredAt,
      },
    },
  ];
}

/** The regional safety team (Regionaal Veiligheidsteam) reviewed the family. */
export function reviewSafety(
  command: ReviewSafety,
  _state: RegisteredFamilyState,
): [SafetyTeamReviewed] {
  const { reviewId, outcome, advice, occurredAt } = command.data;
  return [
    {
      type: 'SafetyTeamReviewed',
      data: { reviewId, outcome, ...definedOnly({ advice }), occurredAt },
    },
  ];
}
