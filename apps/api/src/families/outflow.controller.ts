import { FollowUpBody, OutflowBody } from './dto/outflow.dto';
import { bodyAsData, FamilyRoutes } from './family-routes';
import { Steps, stepRoute } from './family-steps';

/** Leaving the route, and the follow-ups after it ("don't let go"). */
@FamilyRoutes()
@Steps({
  outflow: stepRoute({
    method: 'POST',
    path: ':familyId/outflow',
    summary: 'The family leaves the HSJ-MCP route (outflow)',
    allow: ['network'],
    body: OutflowBody,
    command: bodyAsData('RegisterOutflow'),
  }),
  followUp: stepRoute({
    method: 'POST',
    path: ':familyId/follow-ups',
    summary: '"Don\'t let go": a follow-up 3, 6 or 12 months after outflow',
    allow: ['network'],
    body: FollowUpBody,
    command: bodyAsData('RecordFollowUp'),
  }),
})
export class OutflowController {}
