import { AsyncLocalStorage } from 'node:async_hooks';

/** The bound on the statements of one piece of work (an HTTP request). */
export interface StatementTimeoutScope {
  readonly timeoutMs: number;
  /** When a statement (or a wait for a connection) of this work last went unanswered for `timeoutMs`. */
  unansweredAt?: number;
}

const scopes = new AsyncLocalStorage<StatementTimeoutScope>();

/**
 * Runs `work` so that every PostgreSQL statement it issues (directly or in anything it awaits), and every wait for
 * a connection, gives up after `timeoutMs` without an answer: the connection is then discarded and the statement
 * fails as the database being unavailable. Once one did, the work's further statements fail at once for the
 * next `timeoutMs`, so that work of several steps answers after one time-out, not one per step.
 *
 * For work done on behalf of a waiting client (an HTTP request), which must answer 503 rather than hang while a
 * network cut without a reset leaves a query unanswered until TCP gives up. Work started outside such a scope —
 * migrations, rebuilds, the projection runner — is not bounded: its statements may be long.
 */
export function withStatementTimeout<T>(timeoutMs: number, work: () => T): T {
  return scopes.run({ timeoutMs }, work);
}

/** The scope the caller runs in, or undefined outside one. */
export function currentStatementTimeout(): StatementTimeoutScope | undefined {
  return scopes.getStore();
}

/**
 * Runs `work` in `scope` (a scope taken with {@link currentStatementTimeout} before, by work done now on its behalf),
 * or unbounded when it is undefined.
 */
export function withStatementTimeoutScope<T>(
  scope: StatementTimeoutScope | undefined,
  work: () => T,
): T {
  return scope ? scopes.run(scope, work) : scopes.exit(work);
}

/**
 * Runs `work` for several pieces of work at once (one statement written on behalf of several requests), bounded by
 * the tightest of their scopes ({@link currentStatementTimeout} of each, taken when it asked; undefined for work
 * outside one), and unbounded when none of them is bounded. When a statement of it goes unanswered, each of those
 * scopes remembers it, as if it had been its own.
 */
export async function withTightestStatementTimeout<T>(
  bounds: readonly (StatementTimeoutScope | undefined)[],
  work: () => Promise<T>,
): Promise<T> {
  const bounded = bounds.filter((scope) => scope !== undefined);
  if (bounded.length === 0) return withStatementTimeoutScope(undefined, work);
  const shared: StatementTimeoutScope = {
    timeoutMs: Math.min(...bounded.map((scope) => scope.timeoutMs)),
  };
  try {
    return await withStatementTimeoutScope(shared, work);
  } finally {
    if (shared.unansweredAt !== undefined)
      for (const scope of bounded) scope.unansweredAt = shared.unansweredAt;
  }
}
