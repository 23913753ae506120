import { Body } from '@nestjs/common';

import type { CommandResult } from '@samenspoor/commands';

import { OnFamily, type FamilyStep } from './command-context.decorator';
import {
  MdoBody,
  ProgressNoteBody,
  SafetyAssessmentBody,
  SafetyReviewBody,
} from './dto/case-work.dto';
import { CommandRoute, FamilyRoutes, step, utc, without } from './family-routes';

/** The case work along the route: MDOs, progress notes, safety assessments and reviews. */
@FamilyRoutes()
export class CaseWorkController {
  @CommandRoute(
    'POST',
    ':familyId/mdos',
    'Record a multidisciplinary consultation (MDO)',
    'network',
  )
  holdMdo(@OnFamily() family: FamilyStep, @Body() body: MdoBody): Promise<CommandResult> {
    const nextMdoDueBy = utc(body.nextMdoDueBy, 'nextMdoDueBy');
    return family.take(step('HoldMdo', body, { ...without(body), nextMdoDueBy }));
  }

  @CommandRoute(
    'POST',
    ':familyId/progress-notes',
    'Log a case step or contact, tagged with its workstream',
    'network',
  )
  noteProgress(@OnFamily() family: FamilyStep, @Body() body: ProgressNoteBody) {
    return family.take(step('NoteProgress', body, without(body)));
  }

  @CommandRoute(
    'POST',
    ':familyId/safety-assessments',
    'Assess safety (direct safety, stable safety, recovery)',
    'network',
    'safety-team',
  )
  assessSafety(@OnFamily() family: FamilyStep, @Body() body: SafetyAssessmentBody) {
    return family.take(step('AssessSafety', body, without(body)));
  }

  @CommandRoute(
    'POST',
    ':familyId/safety-reviews',
    'The regional safety team reviewed the family',
    'safety-team',
  )
  reviewSafety(@OnFamily() family: FamilyStep, @Body() body: SafetyReviewBody) {
    return family.take(step('ReviewSafety', body, without(body)));
  }
}
