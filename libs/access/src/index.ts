export * from './actor';
export * from './authentication/authentication';
export * from './authentication/dev-tokens';
