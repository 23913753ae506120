// Test fixtures of the family stream, for the tests of other libraries (`@samenspoor/domain/testing`).
export * from './given-when-then';
export * from './decider-specification';
