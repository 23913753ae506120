import { CaseDirectorBody, JoinNetworkBody } from './dto/network.dto';
import { StepBody } from './dto/step.dto';
import { bodyAsData, FamilyRoutes, step } from './family-routes';
import { Steps, stepRoute } from './family-steps';

/** The family's network of professionals and its one case director. */
@FamilyRoutes()
@Steps({
  joinNetwork: stepRoute({
    method: 'POST',
    path: ':familyId/network',
    summary: "A professional joins the family's network",
    allow: ['network'],
    body: JoinNetworkBody,
    command: bodyAsData('JoinNetwork'),
  }),
  leaveNetwork: stepRoute({
    method: 'DELETE',
    path: ':familyId/network/:professionalId',
    summary: "A professional leaves the family's network",
    allow: ['network'],
    body: StepBody,
    // A professional's id is the subject of their sign-in, not always a UUID.
    plainIds: ['professionalId'],
    command: (body, { professionalId }) => step('LeaveNetwork', body, { professionalId }),
  }),
  assignCaseDirector: stepRoute({
    method: 'PUT',
    path: ':familyId/case-director',
    summary: 'Assign the one case director (regie); replaces the previous one',
    allow: ['network'],
    body: CaseDirectorBody,
    command: bodyAsData('AssignCaseDirector'),
  }),
})
export class NetworkController {}
