export * from './command-context';
export * from './member-ids';
export * from './stored-events';
