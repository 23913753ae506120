import { InformalSupporterBody, MemberViewBody, ParentalAuthorityBody } from './dto/route.dto';
import { bodyAsData, FamilyRoutes, step } from './family-routes';
import { Steps, stepRoute } from './family-steps';

/** The family's own voice ("what feels safe to me"), its informal network, and who holds parental authority. */
@FamilyRoutes()
@Steps({
  recordView: stepRoute({
    method: 'POST',
    path: ':familyId/voices',
    summary: "Record a member's own view, in their words",
    allow: ['network'],
    body: MemberViewBody,
    command: bodyAsData('RecordMemberView'),
  }),
  addSupporter: stepRoute({
    method: 'POST',
    path: ':familyId/informal-network',
    summary: 'Add someone of the informal network (a grandparent, a neighbour, a coach)',
    allow: ['network'],
    body: InformalSupporterBody,
    command: bodyAsData('AddInformalSupporter'),
  }),
  recordParentalAuthority: stepRoute({
    method: 'PUT',
    path: ':familyId/members/:memberId/parental-authority',
    summary:
      'Record who holds parental authority (gezag) over a child, from the court register: it decides what a parent sees in the family’s own view',
    allow: ['network'],
    body: ParentalAuthorityBody,
    command: (body, { memberId }) =>
      step('RecordParentalAuthority', body, {
        childMemberId: memberId,
        holderMemberIds: body.holderMemberIds,
      }),
  }),
})
export class FamilyVoiceController {}
