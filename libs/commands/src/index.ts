export * from './command-context';
export * from './stored-events';
