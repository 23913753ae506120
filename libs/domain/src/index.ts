export * from './vocabulary';
export * from './events';
export * from './route-events';
export * from './commands';
export * from './rules';
export * from './family.state';
export * from './family.decider';
export * from './parse-family-event';
export * from './region';
export * from './region-providers';
export * from './bsn';
/** The Dutch words for the vocabularies' values, for what the apps write for people to read. */
export * as dutch from './labels-nl';
export * from './family.summary';
export * from './available-steps';
export * from './personal-data';
export * from './retention';
export { derivedGoalId } from './upcasters';
export * from './family-view/member-access';
