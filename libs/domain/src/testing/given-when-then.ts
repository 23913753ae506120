/**
 * Everything a family decider spec needs: the generic given/when/then bound to the family decider, and the
 * family's fixtures (ids, times, members, builders of commands and events, histories along the route).
 */
export * from './family-fixtures';
export * from './family-commands';
export * from './family-events';
export * from './family-specification';
