export * from './command-context';
export * from './command-drafts';
export * from './errors';
export * from './family-commands';
export * from './family-commands.module';
export * from './family-streams';
export * from './member-ids';
export * from './stored-events';
