export * from './vocabulary';
export * from './events';
export * from './commands';
export * from './rules';
export * from './family.state';
export * from './family.decider';
export * from './region';
export * from './bsn';
