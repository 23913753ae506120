import { Body, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { FamilyCommands, type CommandContext, type CommandResult } from '@samenspoor/commands';

import { Allow } from '../auth/auth.decorators';
import { Command } from './command-context.decorator';
import {
  MdoBody,
  ProgressNoteBody,
  SafetyAssessmentBody,
  SafetyReviewBody,
} from './dto/case-work.dto';
import { FamilyId, FamilyRoutes, step, utc, without } from './family-routes';

/** The case work along the route: MDOs, progress notes, safety assessments and reviews. */
@FamilyRoutes()
export class CaseWorkController {
  constructor(private readonly commands: FamilyCommands) {}

  @Post(':familyId/mdos')
  @Allow('network')
  @ApiOperation({ summary: 'Record a multidisciplinary consultation (MDO)' })
  holdMdo(
    @FamilyId() familyId: string,
    @Body() body: MdoBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const nextMdoDueBy = utc(body.nextMdoDueBy, 'nextMdoDueBy');
    const command = step('HoldMdo', body, { ...without(body), nextMdoDueBy });
    return this.commands.execute({ familyId, command, context });
  }

  @Post(':familyId/progress-notes')
  @Allow('network')
  @ApiOperation({ summary: 'Log a case step or contact, tagged with its workstream' })
  noteProgress(
    @FamilyId() familyId: string,
    @Body() body: ProgressNoteBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('NoteProgress', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }

  @Post(':familyId/safety-assessments')
  @Allow('network', 'safety-team')
  @ApiOperation({ summary: 'Assess safety (direct safety, stable safety, recovery)' })
  assessSafety(
    @FamilyId() familyId: string,
    @Body() body: SafetyAssessmentBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('AssessSafety', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }

  @Post(':familyId/safety-reviews')
  @Allow('safety-team')
  @ApiOperation({ summary: 'The regional safety team reviewed the family' })
  reviewSafety(
    @FamilyId() familyId: string,
    @Body() body: SafetyReviewBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('ReviewSafety', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }
}
