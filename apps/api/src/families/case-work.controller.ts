import {
  MdoBody,
  ProgressNoteBody,
  SafetyAssessmentBody,
  SafetyReviewBody,
} from './dto/case-work.dto';
import { FamilyRoutes, step, utc, without } from './family-routes';
import { Steps, stepRoute } from './family-steps';

/** The case work along the route: MDOs, progress notes, safety assessments and reviews. */
@FamilyRoutes()
@Steps({
  holdMdo: stepRoute({
    method: 'POST',
    path: ':familyId/mdos',
    summary: 'Record a multidisciplinary consultation (MDO)',
    allow: ['network'],
    body: MdoBody,
    command: (body) =>
      step('HoldMdo', body, {
        ...without(body),
        nextMdoDueBy: utc(body.nextMdoDueBy, 'nextMdoDueBy'),
      }),
  }),
  noteProgress: stepRoute({
    method: 'POST',
    path: ':familyId/progress-notes',
    summary: 'Log a case step or contact, tagged with its workstream',
    allow: ['network'],
    body: ProgressNoteBody,
    command: (body) => step('NoteProgress', body, without(body)),
  }),
  assessSafety: stepRoute({
    method: 'POST',
    path: ':familyId/safety-assessments',
    summary: 'Assess safety (direct safety, stable safety, recovery)',
    allow: ['network', 'safety-team'],
    body: SafetyAssessmentBody,
    command: (body) => step('AssessSafety', body, without(body)),
  }),
  reviewSafety: stepRoute({
    method: 'POST',
    path: ':familyId/safety-reviews',
    summary: 'The regional safety team reviewed the family',
    allow: ['safety-team'],
    body: SafetyReviewBody,
    command: (body) => step('ReviewSafety', body, without(body)),
  }),
})
export class CaseWorkController {}
