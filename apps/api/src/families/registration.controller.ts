import { Body, Res } from '@nestjs/common';
import type { Response } from 'express';

import { FamilyCommands, type CommandContext, type CommandResult } from '@samenspoor/commands';

import { CurrentActor, type AuthenticatedActor } from '../auth/auth.decorators';
import { Command } from './command-context.decorator';
import {
  AddMemberBody,
  ConsultationBody,
  RegisterFamilyBody,
  SignalBody,
} from './dto/registration.dto';
import { CommandRoute, FamilyId, FamilyRoutes, step, utc, without } from './family-routes';

/** Registration and intake: the family, its members, signals and the consultation. */
@FamilyRoutes()
export class RegistrationController {
  constructor(private readonly commands: FamilyCommands) {}

  @CommandRoute(
    'POST',
    '',
    'Register a family; the registering professional joins its network',
    'professional',
  )
  async register(
    @Body() body: RegisterFamilyBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Command() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
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

  @CommandRoute('POST', ':familyId/members', 'Add a member to the family', 'network')
  addMember(
    @FamilyId() familyId: string,
    @Body() body: AddMemberBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('AddFamilyMember', body, { member: without(body) });
    return this.commands.execute({ familyId, command, context });
  }

  @CommandRoute(
    'POST',
    ':familyId/signals',
    'Receive an HSJ-MCP signal; after an outflow it reopens the case (re-entry)',
    'network',
    'safety-team',
  )
  signal(
    @FamilyId() familyId: string,
    @Body() body: SignalBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('ReceiveSignal', body, without(body));
    return this.commands.execute({ familyId, command, context });
  }

  @CommandRoute(
    'POST',
    ':familyId/consultations',
    'Record the consultation: does the family enter the HSJ-MCP route?',
    'network',
  )
  consultation(
    @FamilyId() familyId: string,
    @Body() body: ConsultationBody,
    @Command() context: CommandContext,
  ): Promise<CommandResult> {
    const command = step('HoldConsultation', body, { advice: body.advice });
    return this.commands.execute({ familyId, command, context });
  }
}
