import { ErasureBody } from './dto/erasure.dto';
import { bodyAsData, FamilyRoutes } from './family-routes';
import { Steps, stepRoute } from './family-steps';

/** Erasure of a family's personal data on request (crypto-shredding), by the auditor. */
@FamilyRoutes()
@Steps({
  erase: stepRoute({
    method: 'DELETE',
    path: ':familyId/personal-data',
    summary: "Erase the family's personal data (crypto-shredding)",
    allow: ['auditor'],
    body: ErasureBody,
    command: bodyAsData('ErasePersonalData'),
  }),
})
export class ErasureController {}
