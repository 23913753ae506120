import {
  currentStatementTimeout,
  withStatementTimeout,
  withStatementTimeoutScope,
  withTightestStatementTimeout,
  type StatementTimeoutScope,
} from './statement-timeout';

/** The scope a piece of work runs in, as a statement of it would see it. */
const scopeOf = (): Promise<StatementTimeoutScope | undefined> =>
  Promise.resolve(currentStatementTimeout());

describe('statement time-outs of work done on behalf of others', () => {
  it('runs work for one request in that very scope, and outside any scope for none', async () => {
    const request = withStatementTimeout(5_000, () => currentStatementTimeout()!);
    await expect(withStatementTimeoutScope(request, scopeOf)).resolves.toBe(request);
    const outside = await withStatementTimeout(5_000, () =>
      withStatementTimeoutScope(undefined, scopeOf),
    );
    expect(outside).toBeUndefined();
  });

  it('bounds a statement of several requests by the tightest, and tells each when it went unanswered', async () => {
    const slow = withStatementTimeout(10_000, () => currentStatementTimeout()!);
    const fast = withStatementTimeout(2_000, () => currentStatementTimeout()!);
    const shared = await withTightestStatementTimeout([slow, undefined, fast], scopeOf);
    expect(shared).toEqual({ timeoutMs: 2_000 });
    expect([shared === slow, shared === fast]).toEqual([false, false]);

    // A statement of the shared work that goes unanswered (the database marks its scope, then fails)…
    const failing = withTightestStatementTimeout([slow, fast], () => {
      currentStatementTimeout()!.unansweredAt = 1234;
      return Promise.reject(new Error('unanswered'));
    });
    await expect(failing).rejects.toThrow('unanswered');
    // …is remembered by each request, whose next statements then fail at once.
    expect([slow.unansweredAt, fast.unansweredAt]).toEqual([1234, 1234]);
  });

  it('runs unbounded when none of the requests is bounded', async () => {
    const scope = await withStatementTimeout(1_000, () =>
      withTightestStatementTimeout([undefined, undefined], scopeOf),
    );
    expect(scope).toBeUndefined();
  });
});
