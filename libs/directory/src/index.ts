export * from './directory';
export * from './directory-migrations';
export * from './search-words';
