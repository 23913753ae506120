import { Body, Res } from '@nestjs/common';
import type { Response } from 'express';

import { FamilyCommands, type CommandContext, type CommandResult } from '@samenspoor/commands';

import { BsnKnownError } from '@samenspoor/search';

import { CurrentActor, type AuthenticatedActor } from '../auth/auth.decorators';
import { Problem } from '../http/problem';
import { RegistrationMatch } from '../search/registration-match';
import { MatchAnswers } from '../search/search-openapi';
import { Command } from './command-context.decorator';
import {
  AddMemberBody,
  ConsultationBody,
  RegisterFamilyBody,
  SignalBody,
} from './dto/registration.dto';
import { bodyAsData, CommandRoute, FamilyRoutes, step, utc, without } from './family-routes';
import { Steps, stepRoute } from './family-steps';

/** Registration and intake: the family, its members, signals and the consultation. */
@FamilyRoutes()
@Steps({
  addMember: stepRoute({
    method: 'POST',
    path: ':familyId/members',
    summary: 'Add a member to the family',
    allow: ['network'],
    body: AddMemberBody,
    command: (body) => step('AddFamilyMember', body, { member: without(body) }),
  }),
  signal: stepRoute({
    method: 'POST',
    path: ':familyId/signals',
    summary: 'Receive an HSJ-MCP signal; after an outflow it reopens the case (re-entry)',
    allow: ['network', 'safety-team'],
    body: SignalBody,
    command: bodyAsData('ReceiveSignal'),
  }),
  consultation: stepRoute({
    method: 'POST',
    path: ':familyId/consultations',
    summary: 'Record the consultation: does the family enter the HSJ-MCP route?',
    allow: ['network'],
    body: ConsultationBody,
    command: (body) => step('HoldConsultation', body, { advice: body.advice }),
  }),
})
export class RegistrationController {
  constructor(
    private readonly commands: FamilyCommands,
    private readonly match: RegistrationMatch,
  ) {}

  @CommandRoute(
    'POST',
    '',
    'Register a family; the registering professional joins its network',
    'professional',
  )
  @MatchAnswers()
  async register(
    @Body() body: RegisterFamilyBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Command() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    // The Verwijsindex match: 409 when a member is known already (see RegistrationMatch).
    await this.match.check(body, actor, context);
    const result = await this.commands
      .execute({
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
      })
      .catch(async (error: unknown) => {
        // Another registration of the same BSN committed after the match looked: it is known now, so the match
        // answers as it would have (409 already-known, naming whom to contact), and nothing was stored.
        if (error instanceof BsnKnownError) {
          await this.match.check(body, actor, context);
          throw new Problem(
            409,
            'already-known',
            'Conflict',
            'a member of this family is known already',
            {
              rule: 'already-known',
              contacts: [],
            },
          );
        }
        throw error;
      });
    response.location(`/api/families/${result.familyId}`);
    return result;
  }
}
