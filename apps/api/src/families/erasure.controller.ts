import { Body } from '@nestjs/common';

import type { CommandResult } from '@samenspoor/commands';

import { OnFamily, type FamilyStep } from './command-context.decorator';
import { ErasureBody } from './dto/erasure.dto';
import { CommandRoute, FamilyRoutes, step, without } from './family-routes';

/** Erasure of a family's personal data on request (crypto-shredding), by the auditor. */
@FamilyRoutes()
export class ErasureController {
  @CommandRoute(
    'DELETE',
    ':familyId/personal-data',
    "Erase the family's personal data (crypto-shredding)",
    'auditor',
  )
  erase(@OnFamily() family: FamilyStep, @Body() body: ErasureBody): Promise<CommandResult> {
    return family.take(step('ErasePersonalData', body, without(body)));
  }
}
