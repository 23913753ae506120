// The store's contract suite and fakes, for the tests of other packages (`@samenspoor/event-store/testing`).
// The worker scripts beside them are started as processes, never imported.
export * from './event-store.contract';
export * from './fake-kurrentdb';
