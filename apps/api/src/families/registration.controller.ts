import { Body, Post, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';

import { FamilyCommands, type CommandContext, type CommandResult } from '@samenspoor/commands';

import { Allow, CurrentActor, type AuthenticatedActor } from '../auth/auth.decorators';
import { RegistrationMatch } from '../search/registration-match';
import { MatchAnswers } from '../search/search-openapi';
import { Command } from './command-context.decorator';
import {
  AddMemberBody,
  ConsultationBody,
  RegisterFamilyBody,
  SignalBody,
} from './dto/registration.dto';
import { FamilyId, FamilyRoutes, step, utc, without } from './family-routes';

/** Registration and intake: the family, its members, signals and the consultation. */
@FamilyRoutes()
export class RegistrationController {
  constructor(
    private readonly commands: FamilyCommands,
    private readonly match: RegistrationMatch,
  ) {}

  @Post()
  @Allow('professional')
  @ApiOperation({ summary: 'Register a family; the registering professional joins its network' })
  @MatchAnswers()
  async register(
    @Body() body: RegisterFamilyBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Command() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    // The Verwijsindex match: 409 when a member is known already (see RegistrationMatch).
    await this.match.check(body, actor, context);
    const result = await this.commands.execute({
      command: {
        type: 'RegisterFamily',
        data: {
          municipality: body.municipality,
          members: body.members,
          registrar: { professionalId: actor.id, organisation: actor.organisation ?? 'unknown' },
        },
        occurredAt: body.occurredAt === undefined ? undefined : utc(body.occurredAt),
      },
      context,
    });
    response.location(`/api/families/${result.familyId}`);
    return result;
  }

  @Post(':familyId/members')
  @Allow('network')
  @ApiOperation({ summary: 'Add a member to the family' })
  addMember(
    @FamilyId() familyId: string,
    @Body() body: AddMemberBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('AddFamilyMember', body, { member: without(body) });
    return this.commands.execute({ familyId, command, context });
  }

  @Post(':familyId/signals')
  @Allow('network', 'safety-team')
  @ApiOperation({
    summary: 'Receive an HSJ-MCP signal; after an outflow it reopens the case (re-entry)',
  })
  signal(
    @FamilyId() familyId: string,
    @Body() body: SignalBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('ReceiveSignal', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }

  @Post(':familyId/consultations')
  @Allow('network')
  @ApiOperation({ summary: 'Record the consultation: does the family enter the HSJ-MCP route?' })
  consultation(
    @FamilyId() familyId: string,
    @Body() body: ConsultationBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('HoldConsultation', body, { advice: body.advice });
    return this.commands.execute({ familyId, command, context });
  }
}
