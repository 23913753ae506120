import { Body, Controller, Inject, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Directory, DirectoryConflictError } from '@samenspoor/directory';
import { EVENT_STORE, type EventStore } from '@samenspoor/event-store';
import { familyListProjection } from '@samenspoor/projections';

import { Allow, CurrentActor, type AuthenticatedActor } from '../auth/auth.decorators';
import { ReadRoute } from '../http/answers';
import { Problem } from '../http/problem';
import { ref } from '../http/schema';
import { ModelRead, Reading } from '../projections/model-read';
import { ProviderBody, ProvidersQuery } from './directory.dto';

/**
 * The directory of care providers (api.md "People and organisations"), kept by managers. Provider ids that
 * events use but the directory does not know (free text from before the directory, or from v1 clients) are
 * listed for a manager to register; once registered under that id, its name shows everywhere.
 */
@ApiTags('directory')
@Controller('api/directory/providers')
export class ProvidersController {
  constructor(
    private readonly directory: Directory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @ReadRoute(
    '',
    'DirectoryProviders',
    'Providers by name words or AGB code; with unlisted=true (manager): provider ids in use but not registered',
    'professional',
    'safety-team',
    'manager',
    'auditor',
  )
  async searchProviders(
    @Query() query: ProvidersQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Reading() read: ModelRead,
  ) {
    if (query.unlisted === 'true') {
      if (actor.actingRole !== 'manager' && !actor.roles.includes('manager'))
        throw new Problem(403, 'forbidden', 'Forbidden', 'only a manager lists unlisted providers');
      return { items: [], unlisted: await this.unlisted(read, query) };
    }
    const items = await this.directory.searchProviders(query.q, query.limit ?? 50);
    return { items: items.map((p) => ({ ...p, careForms: [...p.careForms] })) };
  }

  @Post()
  @Allow('manager')
  @ApiOperation({ summary: 'Register a care provider with its AGB code (manager)' })
  @ApiCreatedResponse({ schema: ref('ProviderRegistered') })
  @ApiConflictResponse({
    description: 'the AGB code or the provider id is registered already',
    content: { 'application/problem+json': { schema: ref('Problem') } },
  })
  async registerProvider(@Body() body: ProviderBody) {
    const providerId = body.providerId ?? `agb-${body.agbCode}`;
    try {
      await this.directory.registerProvider({
        providerId,
        agbCode: body.agbCode,
        name: body.name,
        careForms: body.careForms ?? [],
      });
    } catch (error) {
      if (!(error instanceof DirectoryConflictError)) throw error;
      throw new Problem(409, 'conflict', 'Conflict', error.message, {
        errors: [{ field: error.field, message: error.message }],
      });
    }
    return { providerId, position: await this.store.headPosition() };
  }

  /** Provider ids in the families' trajectories that the directory does not know, most used first. */
  private async unlisted(read: ModelRead, query: ProvidersQuery) {
    const tables = await read.tables(familyListProjection, query);
    const rows = await read.database.query<{ provider_id: string; uses: number }>(
      `select t->>'providerId' as provider_id, count(*)::int as uses
         from ${tables.fl_families} f, json_array_elements(f.state->'trajectories') t
        where t->>'providerId' is not null
        group by 1`,
    );
    const known = await this.directory.providers(rows.map((row) => row.provider_id));
    return rows
      .filter((row) => !known.has(row.provider_id))
      .map((row) => ({ providerId: row.provider_id, uses: row.uses }))
      .sort((a, b) => b.uses - a.uses || a.providerId.localeCompare(b.providerId));
  }
}
