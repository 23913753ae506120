import type { Projection } from './projection';
import { familyListProjection } from './family-list/family-list.projection';
import { monitorProjection } from './monitor/monitor.projection';
import { outflowProjection } from './outflow/outflow.projection';
import { safetyOverviewProjection } from './safety-overview/safety-overview.projection';
import { stackingProjection } from './stacking/stacking.projection';
import { timelineProjection } from './timeline/timeline.projection';
import { waitingListProjection } from './waiting-list/waiting-list.projection';

/** Every read model of the product, in the order the runner applies them. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  waitingListProjection,
  stackingProjection,
  safetyOverviewProjection,
  outflowProjection,
  timelineProjection,
  familyListProjection,
  monitorProjection,
];

export function projectionNamed(name: string): Projection | undefined {
  return ALL_PROJECTIONS.find((projection) => projection.name === name);
}
