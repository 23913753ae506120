import { Body } from '@nestjs/common';

import type { CommandResult } from '@samenspoor/commands';

import { OnFamily, type FamilyStep } from './command-context.decorator';
import { FollowUpBody, OutflowBody } from './dto/outflow.dto';
import { CommandRoute, FamilyRoutes, step, without } from './family-routes';

/** Leaving the route, and the follow-ups after it ("don't let go"). */
@FamilyRoutes()
export class OutflowController {
  @CommandRoute(
    'POST',
    ':familyId/outflow',
    'The family leaves the HSJ-MCP route (outflow)',
    'network',
  )
  outflow(@OnFamily() family: FamilyStep, @Body() body: OutflowBody): Promise<CommandResult> {
    return family.take(step('RegisterOutflow', body, without(body)));
  }

  @CommandRoute(
    'POST',
    ':familyId/follow-ups',
    '"Don\'t let go": a follow-up 3, 6 or 12 months after outflow',
    'network',
  )
  followUp(@OnFamily() family: FamilyStep, @Body() body: FollowUpBody): Promise<CommandResult> {
    return family.take(step('RecordFollowUp', body, without(body)));
  }
}
