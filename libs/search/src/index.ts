export * from './normalise';
export * from './search-keys';
export * from './search-tokens';
export * from './blind-index';
export * from './registration-matches';
