import { Body } from '@nestjs/common';

import { OnFamily, type FamilyStep } from './command-context.decorator';
import { EndCareBody, RequestCareBody, WithdrawCareBody } from './dto/care.dto';
import { RunningCareBody } from './dto/route.dto';
import { StepBody } from './dto/step.dto';
import { CommandRoute, FamilyRoutes, IdParam, step, utc, without } from './family-routes';

/** Care trajectories: requested (the family waits), started, ended or withdrawn. */
@FamilyRoutes()
export class CareController {
  @CommandRoute(
    'POST',
    ':familyId/trajectories',
    'Request care from a provider: from now the family waits',
    'network',
  )
  requestCare(@OnFamily() family: FamilyStep, @Body() body: RequestCareBody) {
    return family.take(step('RequestCare', body, without(body)));
  }

  @CommandRoute(
    'POST',
    ':familyId/running-care',
    'Record care that already runs (an existing indication, foster care, a municipal allocation)',
    'network',
  )
  recordRunningCare(@OnFamily() family: FamilyStep, @Body() body: RunningCareBody) {
    const startedAt = utc(body.startedAt, 'startedAt');
    return family.take(step('RecordRunningCare', body, { ...without(body), startedAt }));
  }

  @CommandRoute('POST', ':familyId/trajectories/:trajectoryId/start', 'Care starts', 'network')
  startCare(
    @OnFamily() family: FamilyStep,
    @IdParam('trajectoryId') trajectoryId: string,
    @Body() body: StepBody,
  ) {
    return family.take(step('StartCare', body, { trajectoryId }));
  }

  @CommandRoute(
    'POST',
    ':familyId/trajectories/:trajectoryId/end',
    'Care ends (also running care, and care handed over at the outflow)',
    'network',
  )
  endCare(
    @OnFamily() family: FamilyStep,
    @IdParam('trajectoryId') trajectoryId: string,
    @Body() body: EndCareBody,
  ) {
    return family.take(step('EndCare', body, { trajectoryId, reason: body.reason }));
  }

  @CommandRoute(
    'POST',
    ':familyId/trajectories/:trajectoryId/withdraw',
    'Withdraw a care request before care started',
    'network',
  )
  withdrawCare(
    @OnFamily() family: FamilyStep,
    @IdParam('trajectoryId') trajectoryId: string,
    @Body() body: WithdrawCareBody,
  ) {
    return family.take(step('WithdrawCareRequest', body, { trajectoryId, reason: body.reason }));
  }
}
