import { Body } from '@nestjs/common';

import type { CommandResult } from '@samenspoor/commands';

import { OnFamily, type FamilyStep } from './command-context.decorator';
import { InformalSupporterBody, MemberViewBody } from './dto/route.dto';
import { CommandRoute, FamilyRoutes, step, without } from './family-routes';

/** The family's own voice ("what feels safe to me") and its informal network. */
@FamilyRoutes()
export class FamilyVoiceController {
  @CommandRoute('POST', ':familyId/voices', "Record a member's own view, in their words", 'network')
  recordView(@OnFamily() family: FamilyStep, @Body() body: MemberViewBody): Promise<CommandResult> {
    return family.take(step('RecordMemberView', body, without(body)));
  }

  @CommandRoute(
    'POST',
    ':familyId/informal-network',
    'Add someone of the informal network (a grandparent, a neighbour, a coach)',
    'network',
  )
  addSupporter(
    @OnFamily() family: FamilyStep,
    @Body() body: InformalSupporterBody,
  ): Promise<CommandResult> {
    return family.take(step('AddInformalSupporter', body, without(body)));
  }
}
