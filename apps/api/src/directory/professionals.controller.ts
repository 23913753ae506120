import { Body, Controller, HttpCode, Inject, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { Directory, type ProfessionalEntry } from '@samenspoor/directory';
import { EVENT_STORE, type EventStore } from '@samenspoor/event-store';

import { Allow, CurrentActor, type AuthenticatedActor } from '../auth/auth.decorators';
import { Answer, ReadRoute } from '../http/answers';
import { ProfessionalEntryBody, ProfessionalsQuery } from './directory.dto';

/** A directory entry as answered: absent contact fields are left out. */
export function professionalAnswer(entry: ProfessionalEntry) {
  return {
    professionalId: entry.professionalId,
    name: entry.name,
    organisation: entry.organisation,
    discipline: entry.discipline,
    ...(entry.email === null ? {} : { email: entry.email }),
    ...(entry.phone === null ? {} : { phone: entry.phone }),
  };
}

/**
 * The directory of professionals (api.md "People and organisations"): found by name word, kept by each
 * professional. It is written synchronously, so `minPosition` is accepted and needs no wait; a write answers the
 * event store's head as its `position`, which any later read may pass back.
 */
@ApiTags('directory')
@Controller('api/directory/professionals')
export class ProfessionalsController {
  constructor(
    private readonly directory: Directory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @ReadRoute(
    '',
    'DirectoryProfessionals',
    'Professionals by name words (prefixes; case and diacritics ignored) and organisation',
    'professional',
    'safety-team',
    'auditor',
  )
  async searchProfessionals(@Query() query: ProfessionalsQuery) {
    const entries = await this.directory.searchProfessionals({
      limit: query.limit ?? 50,
      ...(query.q === undefined ? {} : { q: query.q }),
      ...(query.organisation === undefined ? {} : { organisation: query.organisation }),
    });
    return { items: entries.map(professionalAnswer) };
  }

  @ReadRoute(
    'me',
    'DirectoryMyEntry',
    'Your own directory entry; until it is made (on sign-in with a name, or by writing it), a draft from your token with listed: false',
    'professional',
    'safety-team',
  )
  async getMyDirectoryEntry(@CurrentActor() actor: AuthenticatedActor) {
    const entry = (await this.directory.professionals([actor.id])).get(actor.id);
    if (entry) return { ...professionalAnswer(entry), listed: true };
    return {
      ...professionalAnswer({
        professionalId: actor.id,
        name: actor.name ?? '',
        organisation: actor.organisation ?? '',
        discipline: null,
        email: actor.email ?? null,
        phone: null,
      }),
      listed: false,
    };
  }

  @Put('me')
  @HttpCode(200)
  @Allow('professional', 'safety-team')
  @ApiOperation({ summary: 'Write your own directory entry: name, organisation and work contacts' })
  @Answer('DirectoryProfessionalWritten')
  async updateMyDirectoryEntry(
    @Body() body: ProfessionalEntryBody,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const entry = await this.directory.putProfessional({
      professionalId: actor.id,
      name: body.name,
      organisation: body.organisation,
      discipline: body.discipline ?? null,
      email: body.email ?? null,
      phone: body.phone ?? null,
    });
    return { ...professionalAnswer(entry), position: await this.store.headPosition() };
  }
}
