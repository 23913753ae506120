import {
  MdoBody,
  ProgressNoteBody,
  SafetyAssessmentBody,
  SafetyReviewBody,
} from './dto/case-work.dto';
import { bodyAsData, FamilyRoutes, step, utc, without } from './family-routes';
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
    command: bodyAsData('NoteProgress'),
  }),
  assessSafety: stepRoute({
    method: 'POST',
    path: ':familyId/safety-assessments',
    summary: 'Assess safety (direct safety, stable safety, recovery)',
    allow: ['network', 'safety-team'],
    body: SafetyAssessmentBody,
    command: bodyAsData('AssessSafety'),
  }),
  reviewSafety: stepRoute({
    method: 'POST',
    path: ':familyId/safety-reviews',
    summary: 'The regional safety team reviewed the family',
    allow: ['safety-team'],
    body: SafetyReviewBody,
    command: bodyAsData('ReviewSafety'),
  }),
})
export class CaseWorkController {}
