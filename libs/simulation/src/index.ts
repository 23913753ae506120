export * from './region-simulation';
export * from './region-seeder';
export * from './demo-region';
export * from './demo-providers';
export * from './demo-household';
