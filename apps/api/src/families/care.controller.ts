import { EndCareBody, RequestCareBody, WithdrawCareBody } from './dto/care.dto';
import { RunningCareBody } from './dto/route.dto';
import { StepBody } from './dto/step.dto';
import { bodyAsData, FamilyRoutes, step, utc, without } from './family-routes';
import { Steps, stepRoute } from './family-steps';

/** Care trajectories: requested (the family waits), started, ended or withdrawn. */
@FamilyRoutes()
@Steps({
  requestCare: stepRoute({
    method: 'POST',
    path: ':familyId/trajectories',
    summary: 'Request care from a provider: from now the family waits',
    allow: ['network'],
    body: RequestCareBody,
    command: bodyAsData('RequestCare'),
  }),
  recordRunningCare: stepRoute({
    method: 'POST',
    path: ':familyId/running-care',
    summary:
      'Record care that already runs (an existing indication, foster care, a municipal allocation)',
    allow: ['network'],
    body: RunningCareBody,
    command: (body) =>
      step('RecordRunningCare', body, {
        ...without(body),
        startedAt: utc(body.startedAt, 'startedAt'),
      }),
  }),
  startCare: stepRoute({
    method: 'POST',
    path: ':familyId/trajectories/:trajectoryId/start',
    summary: 'Care starts',
    allow: ['network'],
    body: StepBody,
    command: (body, { trajectoryId }) => step('StartCare', body, { trajectoryId }),
  }),
  endCare: stepRoute({
    method: 'POST',
    path: ':familyId/trajectories/:trajectoryId/end',
    summary: 'Care ends (also running care, and care handed over at the outflow)',
    allow: ['network'],
    body: EndCareBody,
    command: (body, { trajectoryId }) =>
      step('EndCare', body, { trajectoryId, reason: body.reason }),
  }),
  withdrawCare: stepRoute({
    method: 'POST',
    path: ':familyId/trajectories/:trajectoryId/withdraw',
    summary: 'Withdraw a care request before care started',
    allow: ['network'],
    body: WithdrawCareBody,
    command: (body, { trajectoryId }) =>
      step('WithdrawCareRequest', body, { trajectoryId, reason: body.reason }),
  }),
})
export class CareController {}
