import { Body } from '@nestjs/common';

import { FamilyCommands, type CommandContext, type CommandResult } from '@samenspoor/commands';

import { Command } from './command-context.decorator';
import { ErasureBody } from './dto/erasure.dto';
import { CommandRoute, FamilyId, FamilyRoutes, step, without } from './family-routes';

/** Erasure of a family's personal data on request (crypto-shredding), by the auditor. */
@FamilyRoutes()
export class ErasureController {
  constructor(private readonly commands: FamilyCommands) {}

  @CommandRoute(
    'DELETE',
    ':familyId/personal-data',
    "Erase the family's personal data (crypto-shredding)",
    'auditor',
  )
  erase(
    @FamilyId() familyId: string,
    @Body() body: ErasureBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('ErasePersonalData', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }
}
