import type { FamilySummary } from '@samenspoor/domain';

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
    'network',
    'safety-team',
  )
  @WithDirectoryNames()
  get(@FamilyId() familyId: string): Promise<FamilySummary> {
    return this.queries.summary(familyId);
  }
}
