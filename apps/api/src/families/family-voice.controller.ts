import { InformalSupporterBody, MemberViewBody } from './dto/route.dto';
import { FamilyRoutes, step, without } from './family-routes';
import { Steps, stepRoute } from './family-steps';

/** The family's own voice ("what feels safe to me") and its informal network. */
@FamilyRoutes()
@Steps({
  recordView: stepRoute({
    method: 'POST',
    path: ':familyId/voices',
    summary: "Record a member's own view, in their words",
    allow: ['network'],
    body: MemberViewBody,
    command: (body) => step('RecordMemberView', body, without(body)),
  }),
  addSupporter: stepRoute({
    method: 'POST',
    path: ':familyId/informal-network',
    summary: 'Add someone of the informal network (a grandparent, a neighbour, a coach)',
    allow: ['network'],
    body: InformalSupporterBody,
    command: (body) => step('AddInformalSupporter', body, without(body)),
  }),
})
export class FamilyVoiceController {}
