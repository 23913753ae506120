/** Injection token of the {@link SqlDatabase} the event store (on SQL) and the read models live in. */
export const SQL_DATABASE = Symbol('SQL_DATABASE');
