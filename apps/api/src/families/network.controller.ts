import { Body, Param } from '@nestjs/common';

import { OnFamily, type FamilyStep } from './command-context.decorator';
import { CaseDirectorBody, JoinNetworkBody } from './dto/network.dto';
import { StepBody } from './dto/step.dto';
import { CommandRoute, FamilyRoutes, step, without } from './family-routes';

/** The family's network of professionals and its one case director. */
@FamilyRoutes()
export class NetworkController {
  @CommandRoute('POST', ':familyId/network', "A professional joins the family's network", 'network')
  joinNetwork(@OnFamily() family: FamilyStep, @Body() body: JoinNetworkBody) {
    return family.take(step('JoinNetwork', body, without(body)));
  }

  @CommandRoute(
    'DELETE',
    ':familyId/network/:professionalId',
    "A professional leaves the family's network",
    'network',
  )
  leaveNetwork(
    @OnFamily() family: FamilyStep,
    @Param('professionalId') professionalId: string,
    @Body() body: StepBody,
  ) {
    return family.take(step('LeaveNetwork', body, { professionalId }));
  }

  @CommandRoute(
    'PUT',
    ':familyId/case-director',
    'Assign the one case director (regie); replaces the previous one',
    'network',
  )
  assignCaseDirector(@OnFamily() family: FamilyStep, @Body() body: CaseDirectorBody) {
    return family.take(step('AssignCaseDirector', body, without(body)));
  }
}
