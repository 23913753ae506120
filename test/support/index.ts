// Generic test support. The API harness (./app) is imported by the end-to-end tests directly, so that library
// tests do not load the application.
export * from './http';
export * from './postgres';
export * from './process';
export * from './kurrentdb';
export * from './kurrentdb-store';
export * from './oidc-provider';
export * from './region-cells';
export * from './tools';
export * from './databases';
export * from './pglite-template';
export * from './store-reading';
