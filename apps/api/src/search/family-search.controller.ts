import { Body, Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

import { PersonalDataVault, revealPersonalData } from '@samenspoor/access';
import { familySummary, type RegisteredFamilyState } from '@samenspoor/domain';
import { familyListProjection } from '@samenspoor/projections';
import {
  asText,
  BlindIndex,
  InvalidSearchQueryError,
  parseSearchQuery,
  queryTokens,
  type SearchQuery,
} from '@samenspoor/search';

import { AuditListedFamilies } from '../access/audit.interceptor';
import { Allow, CurrentActor, type AuthenticatedActor } from '../auth/auth.decorators';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Problem } from '../http/problem';
import { ConsistentQuery } from '../projections/projection-queries.dto';
import { ModelRead, Reading } from '../projections/model-read';
import { FamilySearchAnswer } from './search-openapi';

/** The most families one search answers. */
export const SEARCH_LIMIT = 20;

/** The longest search text. */
const MAX_QUERY = 200;

export class FamilySearchBody {
  @ApiProperty({
    example: 'sanne 2012',
    description:
      'name words (each a prefix of at least 3 letters; case and diacritics ignored), optionally a birth year that narrows them, or a whole BSN. In the body, so that it is never in an address or a log.',
  })
  @IsString()
  @Length(1, MAX_QUERY)
  q!: string;
}

/**
 * Region-wide search of families by a member's name, birth year or BSN, through the blind index: the search text
 * becomes tokens under the search key and is never stored or logged. Each role gets what it may see: a
 * professional the families of their own network, the safety team the region, an auditor the minimal identity of
 * each family found (to erase the right one). Every search is audited, each family shown with an entry of its own.
 */
@ApiTags('families')
@ApiBearerAuth()
@Controller('api/families')
export class FamilySearchController {
  constructor(
    private readonly index: BlindIndex,
    private readonly vault: PersonalDataVault,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('search')
  @HttpCode(200)
  @Allow('professional', 'safety-team', 'auditor')
  @AuditListedFamilies()
  @ApiOkResponse({ type: FamilySearchAnswer })
  @ApiOperation({
    summary:
      'Find families by name words, a birth year beside them, or a whole BSN: your network (professional), the region (safety team), the minimal identity (auditor)',
  })
  async search(
    @Body() body: FamilySearchBody,
    @Query() query: ConsistentQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Reading() read: ModelRead,
  ): Promise<FamilySearchAnswer> {
    const parsed = searchQueryOf(body.q);
    const tables = await read.tables(familyListProjection, query);
    const tokens = queryTokens(this.config.search.keys, parsed);
    const professional = actor.actingRole === 'professional';
    // The newest hits straight from the index (the order of registration is in its rows), then only the page's
    // states from the family list: never a scan or a join of the list. One statement, one round trip.
    const hits = this.index.newestHitsSql({
      tokens: 1,
      tokenCount: tokens.length,
      limit: 2,
      listed: tables.fl_families,
      ...(professional
        ? { within: `select family_id from ${tables.fl_families} where network @> array[$3::text]` }
        : {}),
    });
    const rows = await read.database.query<{
      family_id: string;
      version: number;
      state: RegisteredFamilyState;
    }>(
      `with hits as materialized (${hits})
       select f.family_id, f.version, f.state
       from hits join ${tables.fl_families} f on f.family_id = hits.family_id
       order by hits.family_seq desc`,
      [tokens.map(asText), SEARCH_LIMIT + 1, ...(professional ? [actor.id] : [])],
    );
    const page = rows.slice(0, SEARCH_LIMIT);
    const keys = await this.vault.keysFor(page.map((row) => row.family_id));
    // A family erased meanwhile has no key: it is not found, whatever a read model still holds.
    const found = page.filter((row) => keys.has(row.family_id));
    const items = found.map((row) => {
      const summary = revealPersonalData(
        familySummary(row.state, Number(row.version)),
        keys.get(row.family_id),
      );
      if (actor.actingRole !== 'auditor') return summary;
      return {
        familyId: summary.familyId,
        municipality: summary.municipality,
        registeredAt: summary.registeredAt,
        status: summary.status,
        members: summary.members.map(({ role, displayName, birthYear }) => ({
          role,
          displayName,
          birthYear,
        })),
      };
    });
    return { items, more: rows.length > SEARCH_LIMIT };
  }
}

/** The search text as the index takes it; a 400 naming `q` when it cannot be searched. */
function searchQueryOf(q: string): SearchQuery {
  try {
    return parseSearchQuery(q);
  } catch (error) {
    if (error instanceof InvalidSearchQueryError)
      throw Problem.badRequest(error.message, [{ field: 'q', message: error.message }]);
    throw error;
  }
}
