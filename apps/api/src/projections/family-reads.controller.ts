import { Controller, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsISO8601, IsOptional } from 'class-validator';

import { PersonalDataVault, revealPersonalData } from '@samenspoor/access';
import { FAMILY_EVENT_TYPES, ROUTE_STATUSES, type RouteStatus } from '@samenspoor/domain';
import {
  familyList,
  familyListProjection,
  familyTimeline,
  timelineProjection,
} from '@samenspoor/projections';

import { AuditListedFamilies } from '../access/audit.interceptor';
import { CurrentActor, type AuthenticatedActor, RECORD_AUDIENCE } from '../auth/auth.decorators';
import { WithDirectoryNames } from '../directory/directory-names';
import { FamilyId } from '../families/family-routes';
import { ReadRoute } from '../http/answers';
import { Problem } from '../http/problem';
import { IsInRegion } from '../region/region';
import { PageQuery } from './projection-queries.dto';
import { ModelRead, Reading } from './model-read';

class FamilyListQuery extends PageQuery {
  @IsOptional()
  @IsInRegion('municipalities')
  municipality?: string;

  @IsOptional()
  @IsIn(ROUTE_STATUSES)
  status?: RouteStatus;
}

class TimelineQuery extends PageQuery {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').filter(Boolean) : value,
  )
  @ArrayMaxSize(FAMILY_EVENT_TYPES.length)
  @IsIn(FAMILY_EVENT_TYPES, { each: true })
  types?: string[];

  @IsOptional()
  @IsInRegion('workstreams')
  workstream?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** Lists and timelines of families, from the read models. */
@ApiTags('families')
@Controller('api/families')
export class FamilyReadsController {
  constructor(private readonly vault: PersonalDataVault) {}

  @ReadRoute(
    '',
    'FamilyPage',
    'Families: all of the region for the safety team, those in your network for a professional',
    'safety-team',
    'network',
  )
  @AuditListedFamilies()
  @WithDirectoryNames()
  async list(
    @Query() query: FamilyListQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Reading() read: ModelRead,
  ) {
    const tables = await read.tables(familyListProjection, query);
    const page = await familyList(read.database, tables, {
      ...query,
      limit: query.limit ?? 100,
      ...(actor.actingRole === 'safety-team' ? {} : { networkMember: actor.id }),
    });
    const keys = await this.vault.keysFor(page.items.map((item) => item.familyId));
    const stale = await read.staleFamilies(familyListProjection);
    return {
      ...page,
      items: page.items.map((item) => ({
        ...revealPersonalData(item, keys.get(item.familyId)),
        ...(stale.has(item.familyId) ? { stale: true } : {}),
      })),
    };
  }

  @ReadRoute(
    ':familyId/timeline',
    'Timeline',
    'Every event of a family, oldest first: what, when (business and recorded time), who',
    ...RECORD_AUDIENCE,
  )
  @WithDirectoryNames()
  async timeline(
    @FamilyId() familyId: string,
    @Query() query: TimelineQuery,
    @Reading() read: ModelRead,
  ) {
    const tables = await read.tables(timelineProjection, query);
    let timeline;
    try {
      timeline = await familyTimeline(read.database, tables, familyId, query);
    } catch (error) {
      if (error instanceof RangeError)
        throw Problem.badRequest(error.message, [{ field: 'from', message: error.message }]);
      throw error;
    }
    if (!timeline) throw Problem.notFound(`no family ${familyId}`);
    const stale = (await read.staleFamilies(timelineProjection)).has(familyId);
    return {
      ...revealPersonalData(timeline, await this.vault.keyFor(familyId, { create: false })),
      ...(stale ? { stale: true } : {}),
    };
  }
}
