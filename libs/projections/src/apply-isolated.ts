import { type EventRecord, type Position } from '@samenspoor/event-store';
import { quoteIdentifier, type SqlQueryable } from '@samenspoor/sql';

import { applyBatch, eventsAfter } from './apply-batch';
import {
  describeFailure,
  isTransientFailure,
  setAside,
  streamsSetAside,
  type ApplyFailure,
} from './dead-letters';
import type { Projection, TableNames, TablesContext } from './projection';

export interface IsolationOptions {
  /** The projections' schema, quoted. */
  readonly schema: string;
  /** How often a failing batch is tried again before its failing events are looked for (default 2). */
  readonly retries?: number;
  /** Pause before the first retry, doubled for each next one (default 50 ms). */
  readonly backoffMs?: number;
  /** The dead-letter table, qualified and quoted: the live one by default, a rebuild's own while it rebuilds. */
  readonly deadLetters?: string;
  /** The streams of the batch known to have events set aside for the projection; looked up when omitted. */
  readonly blocked?: ReadonlySet<string>;
  /** Which tables these are: the live ones by default. */
  readonly context?: TablesContext;
}

export interface SetAsideEntry {
  readonly event: EventRecord;
  readonly reason: 'failed' | 'follows';
  readonly failure: ApplyFailure;
}

const FOLLOWS_EARLIER: ApplyFailure = {
  errorClass: 'SetAside',
  message: 'an earlier event of this stream is set aside for this read model',
};

/**
 * Applies a batch to one projection in the caller's transaction (like {@link applyBatch}), but an event that the
 * projection cannot apply does not stop it: after `retries` tries of the whole batch, the events are applied one
 * at a time, each under a savepoint, and an event that fails is set aside (dead-letter table, same transaction)
 * together with every later event of its stream — applying those without it would make the stream's figures
 * silently wrong. Events of streams set aside before are set aside too. Every other stream goes on, in order.
 *
 * The savepoint is named after the projection, so that several projections can share one transaction.
 * A transient failure (the database unavailable, a lost race: {@link isTransientFailure}) is thrown as it is, for
 * the caller to retry the whole batch: it says nothing about the event.
 */
export async function applyIsolated(
  tx: SqlQueryable,
  projection: Projection,
  tables: TableNames,
  events: readonly EventRecord[],
  after: Position,
  options: IsolationOptions,
): Promise<{ applied: number; setAside: SetAsideEntry[] }> {
  const fresh = eventsAfter(events, after);
  if (fresh.length === 0) return { applied: 0, setAside: [] };
  const blocked =
    options.blocked ??
    (await streamsSetAside(
      tx,
      options.schema,
      projection.name,
      [...new Set(fresh.map((event) => event.streamId))],
      options.deadLetters,
    ));
  const { entries, runnable } = splitBlocked(fresh, blocked);
  const savepoint = quoteIdentifier(`apply_${projection.name.replace(/[^A-Za-z0-9]/g, '_')}`);
  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 50;

  let applied: number | undefined;
  for (let attempt = 0; applied === undefined; attempt++) {
    try {
      applied = await withSavepoint(tx, savepoint, () =>
        applyBatch(tx, projection, tables, runnable, after, options.context),
      );
    } catch (error) {
      if (isTransientFailure(error)) throw error;
      if (attempt >= retries) break;
      await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** attempt));
    }
  }

  if (applied === undefined) {
    // Look for the failing events one at a time, in order, so that every other stream keeps its order.
    applied = 0;
    const failed = new Map<string, ApplyFailure>();
    for (const event of runnable) {
      const failure = failed.get(event.streamId);
      if (failure) {
        entries.push({ event, reason: 'follows', failure });
        continue;
      }
      try {
        applied += await withSavepoint(tx, savepoint, () =>
          applyBatch(tx, projection, tables, [event], after, options.context),
        );
      } catch (error) {
        if (isTransientFailure(error)) throw error;
        const described = describeFailure(error);
        failed.set(event.streamId, described);
        entries.push({ event, reason: 'failed', failure: described });
      }
    }
  }
  await setAside(tx, options.schema, projection.name, entries, options.deadLetters);
  return { applied, setAside: entries };
}

/** The events of streams set aside before, as entries that follow them; the others, to apply. */
export function splitBlocked(
  events: readonly EventRecord[],
  blocked: ReadonlySet<string>,
): { entries: SetAsideEntry[]; runnable: readonly EventRecord[] } {
  // None set aside (the usual case): the same array, which the batch's other read models share.
  if (blocked.size === 0) return { entries: [], runnable: events };
  const entries: SetAsideEntry[] = [];
  const runnable: EventRecord[] = [];
  for (const event of events) {
    if (blocked.has(event.streamId))
      entries.push({ event, reason: 'follows', failure: FOLLOWS_EARLIER });
    else runnable.push(event);
  }
  return { entries, runnable };
}

/** Runs `work` under a savepoint: released when it resolves, rolled back to (and the error thrown) when it throws. */
export async function withSavepoint<T>(
  tx: SqlQueryable,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  await tx.query(`savepoint ${name}`);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    // When the connection is gone this fails too; the original error says more.
    await tx.query(`rollback to savepoint ${name}`).catch(() => undefined);
    throw error;
  }
  await tx.query(`release savepoint ${name}`);
  return result;
}
