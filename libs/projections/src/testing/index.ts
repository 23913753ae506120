// Test helpers of the read models, for the tests of other packages (`@samenspoor/projections/testing`).
// The runner worker beside them is started as a process, never imported.
export * from './family-commands';
export * from './projection-harness';
export * from './simulated-region';
export * from './table-snapshot';
