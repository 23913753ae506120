import {
  START,
  WakeSignal,
  type EventBatch,
  type EventStore,
  type Position,
} from '@samenspoor/event-store';
import { type SqlDatabase, type SqlSession } from '@samenspoor/sql';

import { type SetAsideEntry } from './apply-isolated';
import { applyTogether, type ApplyTarget } from './apply-together';
import { deadLetterCounts } from './dead-letters';
import { leaderLock, swapLock } from './locks';
import type { Projection } from './projection';
import type { ProjectionTables } from './projection-tables';
import { rebuildAllInto, swapRebuilt } from './rebuild';

/**
 * The longest wait between two attempts after a failure: short, so that read models resume within a few seconds
 * of the database's return (an attempt against a database that is down fails at once, or after the pool's
 * connection timeout).
 */
const MAX_RETRY_DELAY_MS = 2_000;

/** 250 ms, 500 ms, 1 s, then every 2 s. */
function retryDelay(failures: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, 250 * 2 ** Math.min(Math.max(failures - 1, 0), 6));
}

/** Where the runner reports what it does; the application turns it into logs and metrics. */
export interface RunnerObserver {
  leading?(): void;
  applied?: (projection: string, events: number, position: Position) => void;
  rebuilding?(projection: string, reason: string): void;
  /** Events set aside for a read model in a batch that is committed with them (see {@link applyIsolated}). */
  setAside?(projection: string, entries: readonly SetAsideEntry[]): void;
  failed?(error: unknown): void;
}

export interface ProjectionRunnerOptions {
  readonly schema: string;
  /**
   * Largest number of events in one batch: by default 20,000 on a PostgreSQL server, 5,000 on PGlite (which
   * applies a batch on the thread that answers requests). A catch-up's per-family rows (a family's state, its
   * list entry) are written once per batch the family has events in, so larger batches write fewer of them:
   * measured with bench:projections on a 202,894-event region, three alternated pairs, 20,506-21,272 events/s at
   * 5,000 and 22,815-23,679 at 20,000 (the server's CPU per event 32-34 µs and 26 µs); 50,000 gained nothing.
   * The price is memory while catching up: that region's catch-up peaked at 547-630 MB RSS at 5,000, 616-632 MB
   * at 10,000 and 737-785 MB at 20,000 (a probe, the runner alone in its process, from 170 MB before).
   */
  readonly batchSize?: number;
  /** How often a standby runner asks for the lead (default 1,000 ms). */
  readonly standbyPollMs?: number;
  /**
   * Transactions side by side that a full batch (catching up) is spread over on a PostgreSQL server (default 2:
   * one per core of a small server; 1 applies every batch in one transaction).
   */
  readonly catchUpTransactions?: number;
  /**
   * How long the runner waits after a small batch before it reads the next one, unless a reader waits for a
   * position (`waitFor`) or the runner stops (default 25 ms; 0 reads at once). At a steady trickle of commands the
   * next batch then holds what arrived meanwhile, so that its fixed statements (transaction, lock, checkpoints)
   * are shared by several events instead of paid by each; a read-your-writes read ends the wait at once.
   */
  readonly lingerMs?: number;
  /** How often a batch that fails on an event is tried again before the event is set aside (default 2). */
  readonly applyRetries?: number;
  /** Pause before the first such retry, doubled for each next one (default 50 ms). */
  readonly applyRetryBackoffMs?: number;
  readonly observer?: RunnerObserver;
}

/**
 * Keeps read models up to date from the store's catch-up subscription. Each batch is applied to every projection
 * in one transaction that also moves the projections' checkpoints, so a crash at any moment neither loses nor
 * double-counts an event.
 *
 * Of all runners started against one schema, one leads: it holds a session advisory lock; the others wait and
 * take over when the leader's connection goes. Leading saves work, it is not what makes the count right: every
 * batch reads its checkpoint under a row lock and applies only what lies after it. A projection whose version changed is
 * rebuilt into fresh tables that are swapped in once caught up.
 */
export class ProjectionRunner {
  private readonly batchSize: number;
  private readonly standbyPollMs: number;
  private readonly positions = new Map<string, Position>();
  /** Wakes the runner's pauses and those waiting for a position when it moves (or stops). */
  private readonly signal = new WakeSignal();
  /** Wakes a runner lingering after a small batch: a reader waits for a position, or the runner stops. */
  private readonly demand = new WakeSignal();
  /** Readers waiting in {@link waitFor} now. */
  private waiting = 0;
  private readonly lingerMs: number;
  private stopped = false;
  private loop?: Promise<void>;
  private stopSubscription?: () => Promise<void>;
  private isLeader = false;

  constructor(
    private readonly database: SqlDatabase,
    private readonly store: EventStore,
    readonly projections: readonly Projection[],
    private readonly tables: ProjectionTables,
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.batchSize = options.batchSize ?? (database.kind === 'postgres' ? 20_000 : 5_000);
    this.standbyPollMs = options.standbyPollMs ?? 1_000;
    this.lingerMs = options.lingerMs ?? 25;
    const names = new Set<string>();
    for (const projection of projections) {
      if (names.has(projection.name))
        throw new Error(`two projections are named ${projection.name}`);
      names.add(projection.name);
    }
  }

  get leading(): boolean {
    return this.isLeader;
  }

  /** Starts following the store in the background. */
  start(): void {
    if (this.loop) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** Stops after the batch in progress; resolves when the runner let go of its connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.stopSubscription?.();
    this.wake();
    await this.loop;
    this.loop = undefined;
  }

  /** The position up to which a projection is known to be applied (by this runner or, read back, by another). */
  async position(name: string): Promise<Position> {
    if (this.isLeader) return this.positions.get(name) ?? START;
    const checkpoint = (await this.tables.checkpoints(this.database, [name])).get(name);
    return checkpoint?.position ?? START;
  }

  /** Per read model with events set aside: how many events, of how many streams. */
  setAsideCounts(): Promise<Map<string, { events: number; streams: number }>> {
    return deadLetterCounts(this.database, this.tables.schema);
  }

  /** Whether the projection's tables exist: created with its first checkpoint, by whichever runner leads. */
  async isReady(name: string): Promise<boolean> {
    if (this.isLeader && this.positions.has(name)) return true;
    return (await this.tables.checkpoints(this.database, [name])).has(name);
  }

  /**
   * Waits until a projection has applied `position`, for read-your-writes. Resolves with the projection's position
   * then, or undefined when `timeoutMs` passed first.
   */
  async waitFor(
    name: string,
    position: Position,
    timeoutMs: number,
  ): Promise<Position | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = await this.confirmedPosition(name, position);
      if (current >= position) return current;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      this.waiting++;
      this.demand.notify();
      try {
        await this.pause(Math.min(left, this.isLeader ? 1_000 : 50));
      } finally {
        this.waiting--;
      }
    }
  }

  /**
   * For read-your-writes: the projection's position, and when this runner leads and believes it has reached
   * `wanted`, that belief checked against the stored checkpoint. A rebuild swapped in elsewhere (a tool, another
   * process) may have moved the checkpoint back under the runner — to tables that lack events the runner had
   * applied to the old ones — and the runner only notices with its next batch, which may never come while the
   * store is quiet. Then the stored position counts, and the runner starts reading again from it at once.
   */
  private async confirmedPosition(name: string, wanted: Position): Promise<Position> {
    if (!this.isLeader) return this.position(name);
    const known = this.positions.get(name) ?? START;
    if (known < wanted) return known;
    const stored = (await this.tables.checkpoints(this.database, [name])).get(name)?.position;
    if (stored === undefined || stored >= known || !this.isLeader) return known;
    // Behind what this runner applied: catch up from the stored checkpoint (a new subscription from the lowest).
    this.positions.set(name, stored);
    void this.stopSubscription?.();
    this.wake();
    return stored;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const started = Date.now();
      try {
        await this.database.session((session) => this.leadWhenPossible(session));
        failures = 0;
      } catch (error) {
        this.options.observer?.failed?.(error);
        // A runner that had been leading a while recovered from whatever came before: this failure (the database
        // went away again) starts from the shortest delay, while a failure that repeats at once backs off.
        failures = this.isLeader && Date.now() - started > MAX_RETRY_DELAY_MS ? 1 : failures + 1;
        await this.pause(retryDelay(failures));
      } finally {
        this.isLeader = false;
      }
    }
  }

  private async leadWhenPossible(session: SqlSession): Promise<void> {
    while (!this.stopped) {
      const [row] = await session.query<{ locked: boolean }>(
        `select pg_try_advisory_lock(hashtext($1)) as locked`,
        [leaderLock(this.options.schema)],
      );
      if (row?.locked) break;
      await this.pause(this.standbyPollMs);
    }
    if (this.stopped) return;
    this.isLeader = true;
    this.options.observer?.leading?.();
    await this.prepare(session);
    await this.follow(session.lost);
  }

  /** Creates missing tables, and rebuilds projections whose version changed (together, in one pass). */
  private async prepare(session: SqlSession): Promise<void> {
    const stored = await this.tables.checkpoints(
      session,
      this.projections.map((p) => p.name),
    );
    const changed: Projection[] = [];
    for (const projection of this.projections) {
      const checkpoint = stored.get(projection.name);
      if (!checkpoint) {
        const created = await session.transaction(async (tx) => {
          // Under the swap lock, and only if still missing: a rebuild (a tool, a test) may have swapped its tables
          // in meanwhile — creating the live tables beside its swap would collide on their names.
          await tx.query(`select pg_advisory_xact_lock(hashtext($1))`, [
            swapLock(this.options.schema),
          ]);
          const now = await this.tables.checkpoint(tx, projection.name, true);
          if (now) return now.position;
          await this.tables.create(tx, projection, false);
          await this.tables.saveCheckpoint(tx, projection.name, {
            position: START,
            version: projection.version,
          });
          return START;
        });
        this.positions.set(projection.name, created);
      } else if (checkpoint.version !== projection.version) {
        this.options.observer?.rebuilding?.(
          projection.name,
          `version ${checkpoint.version} in the database, ${projection.version} in the code`,
        );
        changed.push(projection);
      } else {
        this.positions.set(projection.name, checkpoint.position);
      }
    }
    if (changed.length === 0) return;
    const setAside = new Map<string, SetAsideEntry[]>();
    const rebuilt = await rebuildAllInto(this.database, this.store, this.tables, changed, {
      batchSize: this.batchSize,
      onSetAside: (name, entries) =>
        setAside.set(name, [...(setAside.get(name) ?? []), ...entries]),
    });
    for (const projection of changed) {
      await session.transaction((tx) => swapRebuilt(tx, this.tables, projection, rebuilt));
      // Reported once swapped in: until then they were only the rebuild's.
      const entries = setAside.get(projection.name) ?? [];
      if (entries.length > 0) this.options.observer?.setAside?.(projection.name, entries);
      this.positions.set(projection.name, rebuilt);
    }
  }

  /**
   * Applies batches until stopped. When a checkpoint moved back under it (a rebuild swapped fresh tables in), it
   * subscribes again from the earliest checkpoint; projections that are further along skip what they have.
   */
  private async follow(lost: AbortSignal): Promise<void> {
    // The lead is the advisory lock of the session's connection: when that connection goes (pg_terminate_backend,
    // a network cut), the lock goes with it and a standby takes over, while this runner's batches would still
    // succeed on other connections. So it stops at once — the batch in flight still commits exactly once, under
    // its checkpoint's row lock — and asks for the lead again on a new session.
    const onLost = () => {
      this.isLeader = false;
      void this.stopSubscription?.();
      this.wake();
    };
    lost.addEventListener('abort', onLost);
    try {
      await this.followWhileLeading(lost);
    } finally {
      lost.removeEventListener('abort', onLost);
    }
    if (lost.aborted && !this.stopped)
      throw new Error('the connection holding the projections lead was lost; asking for it again');
  }

  private async followWhileLeading(lost: AbortSignal): Promise<void> {
    while (!this.stopped && !lost.aborted) {
      const from = [...this.positions.values()].reduce<Position>(
        (a, b) => (b < a ? b : a),
        this.latest(),
      );
      const subscription = this.store.subscribe({
        after: from,
        batchSize: this.batchSize,
        idleMs: 50,
      });
      this.stopSubscription = () => subscription.close();
      const batches = subscription[Symbol.asyncIterator]();
      let next = batches.next();
      try {
        for (;;) {
          const step = await next;
          if (step.done === true || this.stopped || lost.aborted) break;
          const batch = step.value;
          // A full batch means more events wait (catching up): the next one is read while this one is applied.
          // Otherwise it is read once this one is applied and a short linger passed (ended at once by a reader
          // waiting for a position), and holds what arrived meanwhile: under load batches grow, so that their
          // statements are shared by more events; the first event after a quiet spell is applied on its own.
          const prefetched = batch.events.length >= this.batchSize;
          if (prefetched) next = batches.next();
          const rewind = await this.applyToAll(batch);
          this.wake();
          if (rewind) break;
          if (!prefetched) {
            if (batch.events.length > 0) await this.linger();
            if (this.stopped || lost.aborted) break;
            next = batches.next();
          }
        }
      } finally {
        // A batch read ahead is dropped: the next subscription starts from the checkpoints.
        next.catch(() => undefined);
        await subscription.close();
        this.stopSubscription = undefined;
      }
    }
  }

  /**
   * Applies a batch to every projection in ONE transaction ({@link applyTogether}) that also moves their
   * checkpoints (one row each). Each checkpoint row is read `for update` and only what lies after it is applied:
   * whatever another runner (one that lost the lead without knowing yet) or a rebuild did in between, each event is
   * applied once. True when a projection's checkpoint moved back (a rebuild) and it must catch up.
   */
  private async applyToAll(batch: EventBatch): Promise<boolean> {
    const groups = this.groupsFor(batch);
    if (groups.length === 1) return this.applyTo(groups[0]!, batch);
    // Each group commits on its own; a failing one is retried (the next subscription starts from the lowest
    // checkpoint) once every other has settled, so that no transaction of this batch is still running then.
    const settled = await Promise.allSettled(groups.map((group) => this.applyTo(group, batch)));
    const failure = settled.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    return settled.some((result) => result.status === 'fulfilled' && result.value);
  }

  /**
   * The read models in groups, each group applied in a transaction of its own. One group, all of them in one
   * transaction, unless a full batch on a PostgreSQL server (catching up): then two transactions side by side,
   * the read models spread over them by their {@link Projection.cost}, so that the server works on one while
   * this process prepares the other's statements (in one transaction the two take turns: measured, each was
   * idle about half the time). Exactly once holds per read model: each group's checkpoints move in its own
   * transaction with its rows.
   */
  private groupsFor(batch: EventBatch): (readonly Projection[])[] {
    const split = this.options.catchUpTransactions ?? 2;
    if (
      split < 2 ||
      this.database.kind !== 'postgres' ||
      batch.events.length < this.batchSize ||
      this.projections.length < 2
    )
      return [this.projections];
    const groups = Array.from({ length: Math.min(split, this.projections.length) }, () => ({
      cost: 0,
      projections: [] as Projection[],
    }));
    const heaviestFirst = [...this.projections].sort((a, b) => (b.cost ?? 1) - (a.cost ?? 1));
    for (const projection of heaviestFirst) {
      const lightest = groups.reduce((a, b) => (b.cost < a.cost ? b : a));
      lightest.projections.push(projection);
      lightest.cost += projection.cost ?? 1;
    }
    return groups.map((group) => group.projections);
  }

  private async applyTo(projections: readonly Projection[], batch: EventBatch): Promise<boolean> {
    const names = projections.map((projection) => projection.name);
    const first = batch.events[0]?.position ?? batch.position;
    let decided = new Map<string, { position: Position; rewind: boolean }>();
    let versions = new Map<string, number>();
    const outcomes = await applyTogether(
      this.database,
      batch.events,
      {
        prepare: async (tx) => {
          decided = new Map();
          versions = new Map();
          // A rebuild swaps tables and moves a checkpoint under the exclusive form of this lock.
          await tx.query(
            `select pg_advisory_xact_lock_shared(hashtext($1))${this.tables.transactionSettings}`,
            [swapLock(this.options.schema)],
          );
          // Set-aside streams are looked up after this (applyTogether), once the rows are ours: a statement
          // that waited for a row lock still sees what was committed before it started.
          const stored = await this.tables.checkpointsForUpdate(tx, names);
          const targets: ApplyTarget[] = [];
          for (const projection of projections) {
            const checkpoint = stored.get(projection.name);
            const at = checkpoint?.position ?? START;
            const known = this.positions.get(projection.name) ?? START;
            if (at < known && at < first) {
              // Events between its checkpoint and this batch were never read for it: leave it for the rewind.
              decided.set(projection.name, { position: at, rewind: true });
            } else if (at >= batch.position) {
              decided.set(projection.name, { position: at, rewind: false });
            } else {
              decided.set(projection.name, { position: batch.position, rewind: false });
              versions.set(projection.name, checkpoint?.version ?? projection.version);
              targets.push({
                projection,
                tables: this.tables.live(projection),
                after: at,
              });
            }
          }
          return targets;
        },
        finish: async (tx, done) => {
          await this.tables.saveCheckpoints(
            tx,
            [...versions].map(([name, version]) => ({ name, position: batch.position, version })),
          );
          return done;
        },
      },
      {
        schema: this.tables.schema,
        retries: this.options.applyRetries,
        backoffMs: this.options.applyRetryBackoffMs,
      },
    );
    for (const [name, { position }] of decided) this.positions.set(name, position);
    for (const [name, { applied, setAside }] of outcomes) {
      this.options.observer?.applied?.(name, applied, batch.position);
      // Reported once committed, so that a log line never tells of a set-aside that was rolled back.
      if (setAside.length > 0) this.options.observer?.setAside?.(name, setAside);
    }
    return [...decided.values()].some(({ rewind }) => rewind);
  }

  private latest(): Position {
    return [...this.positions.values()].reduce<Position>((a, b) => (b > a ? b : a), START);
  }

  /** See {@link ProjectionRunnerOptions.lingerMs}: not while a reader waits for a position. */
  private async linger(): Promise<void> {
    if (this.lingerMs <= 0 || this.waiting > 0) return;
    await this.demand.wait(this.lingerMs).promise;
  }

  private wake(): void {
    this.signal.notify();
    this.demand.notify();
  }

  private pause(ms: number): Promise<void> {
    return this.signal.wait(ms).promise;
  }
}
