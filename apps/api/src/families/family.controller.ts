import type { FamilySummary, StepAvailability } from '@samenspoor/domain';

import { RECORD_AUDIENCE } from '../auth/auth.decorators';
import { WithDirectoryNames } from '../directory/directory-names';
import { ReadRoute } from '../http/answers';
import { FamilyQueries } from './family-queries';
import { FamilyId, FamilyRoutes } from './family-routes';

/** A family's current state, read from its stream. */
@FamilyRoutes()
export class FamilyController {
  constructor(private readonly queries: FamilyQueries) {}

  @ReadRoute(
    ':familyId',
    'FamilySummary',
    "The family's current state, read from its stream (strongly consistent)",
    ...RECORD_AUDIENCE,
  )
  @WithDirectoryNames()
  get(@FamilyId() familyId: string): Promise<FamilySummary> {
    return this.queries.summary(familyId);
  }

  @ReadRoute(
    ':familyId/steps',
    'FamilySteps',
    'The steps the domain would accept on the family now: per step whether it is available, the records or values it may act on (`choices`), or the rule that refuses it (`nothing-to-choose` when there is nothing to act on)',
    ...RECORD_AUDIENCE,
  )
  steps(
    @FamilyId() familyId: string,
  ): Promise<{ familyId: string; version: number; steps: StepAvailability[] }> {
    return this.queries.steps(familyId);
  }
}
