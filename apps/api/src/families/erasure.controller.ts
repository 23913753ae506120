import { Body, Delete, HttpCode } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { FamilyCommands, type CommandContext, type CommandResult } from '@samenspoor/commands';

import { Allow } from '../auth/auth.decorators';
import { Command } from './command-context.decorator';
import { ErasureBody } from './dto/erasure.dto';
import { FamilyId, FamilyRoutes, step, without } from './family-routes';

/** Erasure of a family's personal data on request (crypto-shredding), by the auditor. */
@FamilyRoutes()
export class ErasureController {
  constructor(private readonly commands: FamilyCommands) {}

  @Delete(':familyId/personal-data')
  @HttpCode(200)
  @Allow('auditor')
  @ApiOperation({ summary: "Erase the family's personal data (crypto-shredding)" })
  erase(
    @FamilyId() familyId: string,
    @Body() body: ErasureBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('ErasePersonalData', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }
}
