/**
 * `npm run bench:store [-- --json] [-- --only postgres|pglite] [-- --events N]`
 *
 * Measures the event store on the PostgreSQL server and on embedded PGlite, and the same shapes written with plain
 * SQL into a minimal table (the raw baseline: the limit this machine's database sets). Prints each figure and its
 * ratio to the baseline: the ratio is what the store's design costs. Beside each figure: the SQL statements the
 * store sent per event (counted by a wrapper around its SqlDatabase; the raw baseline sends one per append). On
 * PostgreSQL it runs on a database of its own (`samenspoor_bench_<random>` on the server of DATABASE_URL),
 * dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';

import { SqlEventStore, START, type EventStore, type NewEvent } from '@samenspoor/event-store';
import { PgliteDatabase, PostgresDatabase } from '@samenspoor/sql';

import { benchDatabase, countingDatabase } from './sql-counting';
import { asJson, numberOption, option, say, SERVER_URL } from './bench-args';
import { runBench } from './bench-run';

interface Figure {
  readonly store: 'postgres' | 'pglite';
  readonly test: string;
  readonly eventsPerSecond: number;
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  readonly baselineEventsPerSecond: number;
  readonly ratio: number;
  readonly events: number;
  /** SQL statements the store sent per event. */
  readonly statementsPerEvent: number;
}

/** The same workloads, once through the event store and once as raw SQL. */
interface Target {
  /** Appends `batch` events to `streamId`, whose current version the writer knows. */
  append(streamId: string, version: number, batch: readonly NewEvent[]): Promise<void>;
  /** Reads every event from the start in pages; returns the number read and the distinct ids seen. */
  readAll(): Promise<{ count: number; distinct: number }>;
  /** Events appended through this target so far. */
  readonly appended: () => number;
}

const only = option('--only');
const catchUpEvents = numberOption('--events', 200_000);
const DATABASE_URL = SERVER_URL;

/** About 400 bytes of data and metadata, shaped like a CareRequested event. */
function payload(streamId: string, i: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'CareRequested',
    schemaVersion: 1,
    data: {
      familyId: streamId.slice(7),
      trajectoryId: randomUUID(),
      careForm: 'intensive-ambulatory-family',
      providerId: 'accare-groningen',
      memberIds: [randomUUID()],
      requestedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    },
    metadata: {
      actor: { id: 'p-1042', role: 'professional', organisation: 'WIJ Groningen' },
      commandId: randomUUID(),
      correlationId: randomUUID(),
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

/**
 * `writers` concurrent writers, each on its own 50 streams (so no writer conflicts with another), append
 * `appends` times in all, `eventsPerAppend` events each. Returns throughput and latency.
 */
async function appendWorkload(
  target: Target,
  writers: number,
  appends: number,
  eventsPerAppend: number,
): Promise<{ eventsPerSecond: number; p50Ms: number; p99Ms: number; events: number }> {
  const latencies: number[] = [];
  const run = randomUUID().slice(0, 8);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const versions = new Map<string, number>();
      for (let i = w; i < appends; i += writers) {
        const streamId = `family-${run}-${w}-${i % 50}`;
        const version = versions.get(streamId) ?? 0;
        const batch = Array.from({ length: eventsPerAppend }, (_, k) => payload(streamId, i + k));
        const t0 = performance.now();
        await target.append(streamId, version, batch);
        latencies.push(performance.now() - t0);
        versions.set(streamId, version + eventsPerAppend);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const events = appends * eventsPerAppend;
  return {
    eventsPerSecond: events / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    events,
  };
}

/** The event store as a benchmark target; reads through the catch-up subscription. */
function storeTarget(store: EventStore): Target {
  let appended = 0;
  return {
    appended: () => appended,
    async append(streamId, version, batch) {
      await store.appendToStream(streamId, batch, {
        expectedVersion: version === 0 ? 'no-stream' : version,
      });
      appended += batch.length;
    },
    async readAll() {
      const head = await store.headPosition();
      const ids = new Set<string>();
      let count = 0;
      if (head === START) return { count, distinct: 0 };
      const subscription = store.subscribe({ batchSize: 1_000 });
      for await (const batch of subscription) {
        for (const event of batch.events) ids.add(event.eventId);
        count += batch.events.length;
        if (batch.position >= head) break;
      }
      return { count, distinct: ids.size };
    },
  };
}

const RAW_TABLE = `
  create table raw_events (
    id bigserial primary key,
    stream_id text not null,
    version integer not null,
    type text not null,
    data jsonb not null,
    unique (stream_id, version)
  )`;

/** Plain SQL into a minimal table: the baseline. `query` is a pool's or PGlite's. */
function rawTarget(query: (text: string, params?: unknown[]) => Promise<{ rows: any[] }>): Target {
  let appended = 0;
  return {
    appended: () => appended,
    async append(streamId, version, batch) {
      appended += batch.length;
      const params: unknown[] = [];
      const rows = batch.map((event, k) => {
        params.push(
          streamId,
          version + k + 1,
          event.type,
          JSON.stringify({ ...event.data, ...event.metadata }),
        );
        const n = params.length;
        return `($${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
      });
      await query(
        `insert into raw_events (stream_id, version, type, data) values ${rows.join(', ')}`,
        params,
      );
    },
    async readAll() {
      let after = 0;
      let count = 0;
      const ids = new Set<string>();
      for (;;) {
        const { rows } = await query(
          `select id, stream_id, version, type, data from raw_events where id > $1 order by id limit 1000`,
          [after],
        );
        if (rows.length === 0) return { count, distinct: ids.size };
        for (const row of rows as { id: string }[]) ids.add(String(row.id));
        count += rows.length;
        after = Number(rows[rows.length - 1].id);
      }
    },
  };
}

/** Appends with 16 writers until the target holds `total` events in all. */
async function fillTo(target: Target, already: number, total: number): Promise<void> {
  const missing = total - already;
  if (missing <= 0) return;
  const perAppend = 100;
  await appendWorkload(target, 16, Math.ceil(missing / perAppend), perAppend);
}

/** How many appends each shape makes, per store (an embedded store is slower: fewer appends say as much). */
const APPENDS: Record<Figure['store'], { single1: number; single16: number; batch16: number }> = {
  postgres: { single1: 3_000, single16: 20_000, batch16: 4_000 },
  pglite: { single1: 2_000, single16: 5_000, batch16: 2_000 },
};

/**
 * The figures of one store: the event store on `database` (whose statements are counted) against raw inserts
 * through `rawQuery` on the same kind of database.
 */
async function measure(
  store: Figure['store'],
  eventStore: EventStore,
  database: { statements: () => number },
  rawQuery: (text: string, params?: unknown[]) => Promise<{ rows: any[] }>,
): Promise<Figure[]> {
  const subject = storeTarget(eventStore);
  const baseline = rawTarget(rawQuery);
  const sizes = APPENDS[store];
  const statements = database.statements;
  const figures: Figure[] = [];
  const shapes = [
    { test: 'append 1 event, 1 writer', writers: 1, appends: sizes.single1, per: 1 },
    { test: 'append 1 event, 16 writers', writers: 16, appends: sizes.single16, per: 1 },
    { test: 'append 10 events, 16 writers', writers: 16, appends: sizes.batch16, per: 10 },
  ];
  let written = 0;
  for (const shape of shapes) {
    say(`${store}: ${shape.test} (${shape.appends} appends)`);
    const base = await appendWorkload(baseline, shape.writers, shape.appends, shape.per);
    const sent = statements();
    const mine = await appendWorkload(subject, shape.writers, shape.appends, shape.per);
    const statementsPerEvent = (statements() - sent) / mine.events;
    written += mine.events;
    figures.push({
      store,
      test: shape.test,
      eventsPerSecond: mine.eventsPerSecond,
      p50Ms: mine.p50Ms,
      p99Ms: mine.p99Ms,
      baselineEventsPerSecond: base.eventsPerSecond,
      ratio: mine.eventsPerSecond / base.eventsPerSecond,
      events: mine.events,
      statementsPerEvent,
    });
  }
  say(`${store}: filling both to ${catchUpEvents} events for the catch-up read`);
  await fillTo(subject, written, catchUpEvents);
  await fillTo(baseline, written, catchUpEvents);
  say(`${store}: catch-up read`);
  const timed = async (target: Target) => {
    const t0 = performance.now();
    const result = await target.readAll();
    return { ...result, eventsPerSecond: result.count / ((performance.now() - t0) / 1000) };
  };
  const base = await timed(baseline);
  const sent = statements();
  const mine = await timed(subject);
  const statementsPerEvent = (statements() - sent) / mine.count;
  if (mine.count !== subject.appended() || mine.distinct !== mine.count) {
    throw new Error(
      `catch-up read delivered ${mine.count} events (${mine.distinct} distinct) of ${subject.appended()} appended`,
    );
  }
  say(`${store}: catch-up delivered ${mine.count} of ${subject.appended()} events, all distinct`);
  figures.push({
    store,
    test: `catch-up read (subscription, ${mine.count} events)`,
    eventsPerSecond: mine.eventsPerSecond,
    baselineEventsPerSecond: base.eventsPerSecond,
    ratio: mine.eventsPerSecond / base.eventsPerSecond,
    events: mine.count,
    statementsPerEvent,
  });
  return figures;
}

async function benchPostgres(): Promise<Figure[]> {
  const schema = `bench_${randomUUID().slice(0, 8)}`;
  const own = await benchDatabase(DATABASE_URL);
  const database = countingDatabase(
    new PostgresDatabase({ connectionString: own.url, maxConnections: 16 }),
  );
  const raw = new Pool({
    connectionString: own.url,
    max: 16,
    options: `-c search_path=${schema}_raw`,
  });
  // An idle connection the server ends (the database dropped with its connections once the bench is done, or
  // after a failure) must not end the process before the failure itself is reported.
  raw.on('error', () => undefined);
  try {
    await database.query(`create schema ${schema}_raw`);
    await database.query(RAW_TABLE.replace('raw_events', `${schema}_raw.raw_events`));
    const store = await SqlEventStore.create(database, { schema });
    return await measure('postgres', store, database, (t, p) => raw.query(t, p));
  } finally {
    await raw.end();
    await database.close();
    await own.drop();
  }
}

async function benchPglite(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'samenspoor-bench-'));
  const database = countingDatabase(await PgliteDatabase.open({ dataDir: join(dir, 'store') }));
  const raw = await PGlite.create(join(dir, 'raw'));
  try {
    await raw.exec(RAW_TABLE);
    const store = await SqlEventStore.create(database);
    return await measure('pglite', store, database, (t, p) => raw.query(t, p));
  } finally {
    await raw.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(figures: Figure[], runtime: Record<string, string>): void {
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ runtime, figures }, null, 2)}\n`);
    return;
  }
  const rows = figures.map((f) => [
    f.store,
    f.test,
    Math.round(f.eventsPerSecond).toLocaleString('en'),
    Math.round(f.baselineEventsPerSecond).toLocaleString('en'),
    `${Math.round(f.ratio * 100)}%`,
    f.p50Ms === undefined ? '' : f.p50Ms.toFixed(2),
    f.p99Ms === undefined ? '' : f.p99Ms.toFixed(2),
    f.statementsPerEvent.toFixed(3),
  ]);
  const header = [
    'store',
    'workload',
    'events/s',
    'raw SQL events/s',
    'of raw',
    'p50 ms',
    'p99 ms',
    'SQL/event',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(
    `\nEvent store benchmark — ${Object.entries(runtime)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log(
    '\nEvery catch-up read delivered each appended event exactly once (checked by event id).',
  );
  console.log(
    'raw SQL = plain INSERTs into a table (id bigserial, stream_id, version, type, jsonb data,',
  );
  console.log(
    'unique (stream_id, version)), read back by primary key; same payloads (~400 bytes), same writers.',
  );
  console.log(
    'SQL/event = statements the store sent per event (a transaction counts begin and commit), counted by a\n' +
      'wrapper around its SqlDatabase; raw SQL sends one statement per append.',
  );
}

async function main(): Promise<void> {
  const figures: Figure[] = [];
  let serverVersion = 'n/a';
  if (only !== 'pglite') {
    const probe = new Pool({ connectionString: DATABASE_URL, max: 1 });
    serverVersion = String(
      (await probe.query<{ server_version: string }>('show server_version')).rows[0]
        ?.server_version,
    );
    await probe.end();
    figures.push(...(await benchPostgres()));
  }
  if (only !== 'postgres') figures.push(...(await benchPglite()));
  print(figures, { node: process.version, postgres: serverVersion, cpus: String(cpus().length) });
}

runBench(main);
