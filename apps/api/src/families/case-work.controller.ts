import { Body } from '@nestjs/common';

import { FamilyCommands, type CommandContext, type CommandResult } from '@samenspoor/commands';

import { Command } from './command-context.decorator';
import {
  MdoBody,
  ProgressNoteBody,
  SafetyAssessmentBody,
  SafetyReviewBody,
} from './dto/case-work.dto';
import { CommandRoute, FamilyId, FamilyRoutes, step, utc, without } from './family-routes';

/** The case work along the route: MDOs, progress notes, safety assessments and reviews. */
@FamilyRoutes()
export class CaseWorkController {
  constructor(private readonly commands: FamilyCommands) {}

  @CommandRoute(
    'POST',
    ':familyId/mdos',
    'Record a multidisciplinary consultation (MDO)',
    'network',
  )
  holdMdo(
    @FamilyId() familyId: string,
    @Body() body: MdoBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const nextMdoDueBy = utc(body.nextMdoDueBy, 'nextMdoDueBy');
    const command = step('HoldMdo', body, { ...without(body), nextMdoDueBy });
    return this.commands.execute({ familyId, command, context });
  }

  @CommandRoute(
    'POST',
    ':familyId/progress-notes',
    'Log a case step or contact, tagged with its workstream',
    'network',
  )
  noteProgress(
    @FamilyId() familyId: string,
    @Body() body: ProgressNoteBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('NoteProgress', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }

  @CommandRoute(
    'POST',
    ':familyId/safety-assessments',
    'Assess safety (direct safety, stable safety, recovery)',
    'network',
    'safety-team',
  )
  assessSafety(
    @FamilyId() familyId: string,
    @Body() body: SafetyAssessmentBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('AssessSafety', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }

  @CommandRoute(
    'POST',
    ':familyId/safety-reviews',
    'The regional safety team reviewed the family',
    'safety-team',
  )
  reviewSafety(
    @FamilyId() familyId: string,
    @Body() body: SafetyReviewBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('ReviewSafety', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }
}
