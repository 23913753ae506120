import { Get } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';

import type { FamilySummary } from '@samenspoor/domain';

import { Allow } from '../auth/auth.decorators';
import { FamilyQueries } from './family-queries';
import { FamilyId, FamilyRoutes } from './family-routes';

/** A family's current state, read from its stream. */
@FamilyRoutes()
export class FamilyController {
  constructor(private readonly queries: FamilyQueries) {}

  @Get(':familyId')
  @Allow('network', 'safety-team')
  @ApiOperation({
    summary: "The family's current state, read from its stream (strongly consistent)",
  })
  @ApiParam({ name: 'familyId', format: 'uuid' })
  get(@FamilyId() familyId: string): Promise<FamilySummary> {
    return this.queries.summary(familyId);
  }
}
