import type { EventRecord, Position } from '@samenspoor/event-store';
import type { SqlDatabase, SqlQueryable } from '@samenspoor/sql';

import { applyBatch, eventsAfter } from './apply-batch';
import { applyIsolated, splitBlocked, type SetAsideEntry } from './apply-isolated';
import { isTransientFailure, setAside, streamsSetAsideByProjection } from './dead-letters';
import type { Projection, TableNames, TablesContext } from './projection';

/** One read model to apply a batch to: into which tables, and after which position. */
export interface ApplyTarget {
  readonly projection: Projection;
  readonly tables: TableNames;
  /** Events at or before this position are already applied and are skipped. */
  readonly after: Position;
  /** The streams of the batch with events set aside for this read model, when the caller looked them up. */
  readonly blocked?: ReadonlySet<string>;
  /** Which tables these are: the live ones by default. */
  readonly context?: TablesContext;
}

export interface TargetOutcome {
  readonly applied: number;
  readonly setAside: readonly SetAsideEntry[];
}

/** What a caller does around the read models, in the same transaction. */
export interface TogetherPlan<T> {
  /** First in the transaction (locks, checkpoints): the read models to apply the batch to. */
  prepare(tx: SqlQueryable): Promise<readonly ApplyTarget[]>;
  /** Last in the transaction, with what each read model (by name) did: checkpoints. */
  finish(tx: SqlQueryable, outcomes: ReadonlyMap<string, TargetOutcome>): Promise<T>;
}

export interface TogetherOptions {
  /** The projections' schema, quoted. */
  readonly schema: string;
  /** The dead-letter table, qualified and quoted: the live one by default, a rebuild's own while it rebuilds. */
  readonly deadLetters?: string;
  /** See {@link IsolationOptions.retries}. */
  readonly retries?: number;
  readonly backoffMs?: number;
}

/**
 * Applies a batch to several read models in ONE transaction, with what the caller does around them (`plan`):
 * one commit, one checkpoint statement, one look-up of set-aside streams for all of them, and no savepoints.
 *
 * When any read model fails on the batch (other than transiently: {@link isTransientFailure} is thrown as it is,
 * for the caller to retry), that transaction is rolled back whole, and the batch is applied again in a new one
 * with every read model under a savepoint of its own ({@link applyIsolated}): the failing events are found and
 * set aside with the rest of their streams, every other stream and every other read model goes on. Either way
 * the batch is committed once, together with the caller's checkpoints.
 */
export async function applyTogether<T>(
  database: SqlDatabase,
  events: readonly EventRecord[],
  plan: TogetherPlan<T>,
  options: TogetherOptions,
): Promise<T> {
  try {
    return await database.transaction(async (tx) => {
      const targets = await plan.prepare(tx);
      const outcomes = new Map<string, TargetOutcome>();
      const blocked = await blockedStreams(tx, targets, events, options);
      for (const target of targets) {
        const fresh = eventsAfter(events, target.after);
        const { entries, runnable } = splitBlocked(
          fresh,
          target.blocked ?? blocked.get(target.projection.name) ?? new Set(),
        );
        const applied = await applyBatch(
          tx,
          target.projection,
          target.tables,
          runnable,
          target.after,
          target.context,
        );
        await setAside(tx, options.schema, target.projection.name, entries, options.deadLetters);
        outcomes.set(target.projection.name, { applied, setAside: entries });
      }
      return plan.finish(tx, outcomes);
    });
  } catch (error) {
    if (isTransientFailure(error)) throw error;
  }
  return database.transaction(async (tx) => {
    const targets = await plan.prepare(tx);
    const outcomes = new Map<string, TargetOutcome>();
    for (const target of targets) {
      outcomes.set(
        target.projection.name,
        await applyIsolated(tx, target.projection, target.tables, events, target.after, {
          blocked: target.blocked,
          context: target.context,
          schema: options.schema,
          deadLetters: options.deadLetters,
          retries: options.retries,
          backoffMs: options.backoffMs,
        }),
      );
    }
    return plan.finish(tx, outcomes);
  });
}

/**
 * Per read model whose caller did not look them up, the streams of the batch that have events set aside for it:
 * one statement for all.
 */
async function blockedStreams(
  tx: SqlQueryable,
  all: readonly ApplyTarget[],
  events: readonly EventRecord[],
  options: TogetherOptions,
): Promise<Map<string, Set<string>>> {
  const targets = all.filter((target) => target.blocked === undefined);
  const earliest = targets.reduce<Position | undefined>(
    (a, t) => (a === undefined || t.after < a ? t.after : a),
    undefined,
  );
  if (earliest === undefined) return new Map();
  const streams = new Set<string>();
  for (const event of events) if (event.position > earliest) streams.add(event.streamId);
  return streamsSetAsideByProjection(
    tx,
    options.schema,
    targets.map((t) => t.projection.name),
    [...streams],
    options.deadLetters,
  );
}
