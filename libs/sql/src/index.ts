export * from './errors';
export * from './sql-database';
export * from './migrations';
export * from './postgres-database';
export * from './pglite-database';
export * from './text';
export * from './tokens';
export * from './statement-timeout';
