/**
 * `npm run bench:projections [-- --families 100000] [-- --rebuild-events 1000000] [-- --seconds 15] [-- --json]
 *  [-- --no-queries] [-- --in-place] [-- --keep] [-- --database samenspoor_bench_…] [-- --per-model]`
 *
 * On the PostgreSQL server of `DATABASE_URL`, in a database of its own (`samenspoor_bench_<random>`, dropped
 * afterwards; `--in-place` uses the database of `DATABASE_URL` itself), in a fresh schema:
 * 1. seeds a synthetic region until it holds about `--rebuild-events` events;
 * 2. catch-up: one runner applies every read model together from the start; prints events/s;
 * 3. rebuild: every read model rebuilt together from those events into fresh tables and swapped in; prints the
 *    time;
 * 4. seeds on up to `--families` families, lets the runner catch up, then measures the waiting-list,
 *    stacking, outflow and monitor queries over HTTP (the API as its own process, one request at a time):
 *    p50/p99 (left out with `--no-queries`).
 * `--keep` keeps the database (its name is printed); `--database <name>` measures the queries (4) again on a
 * region kept before, without seeding, catch-up or rebuild — the minutes of seeding can run on a busy machine and
 * the queries be timed later on a quiet one. With `--again`, it first times the catch-up (2, the read models
 * emptied and their checkpoints set back to the start) and the rebuild (3) again on that region, `--again 3`
 * three times over: two versions of the code can so be compared on the same events, run after run.
 * With `--per-model`, after the catch-up and rebuild (or on a kept region, after `--again`'s rounds), it times a
 * catch-up of each read model alone from the start, and one of a read model that writes nothing (the events read
 * and handed over, nothing applied): what each read model costs beside reading the events, and reading itself, so
 * that the share of each in the catch-up of all of them shows as a number.
 * Beside the rates it prints the SQL statements per event of the catch-up and the rebuild (every statement the
 * store and the read models send, `begin` and `commit` included), so that a change in round trips shows, and the
 * CPU time per event of this process and of the PostgreSQL server (when it runs on this machine): steadier than
 * the rates on shared cores.
 */
import { randomUUID } from 'node:crypto';

import { PersonalDataVault } from '@samenspoor/access';
import { DEFAULT_REGION } from '@samenspoor/domain';
import { SqlEventStore } from '@samenspoor/event-store';
import { PostgresDatabase } from '@samenspoor/sql';
import {
  ALL_PROJECTIONS,
  ProjectionRunner,
  ProjectionTables,
  type Projection,
  rebuildAllInto,
  swapRebuilt,
} from '@samenspoor/projections';
import { seedRegion } from '@samenspoor/simulation';

import { startBenchApi } from './bench-api';
import { sequentialLatency, type Latency } from './latency';
import { cpuPer, measureCpu, type CpuSeconds } from './cpu';
import { benchDatabase, countingDatabase } from './sql-counting';
import { asJson, hasFlag, keptDatabaseOption, numberOption, say, SERVER_URL } from './bench-args';
import { runBench } from './bench-run';

const totalFamilies = numberOption('--families', 100_000);
const rebuildEvents = numberOption('--rebuild-events', 1_000_000);
const seconds = numberOption('--seconds', 15);
const withQueries = !hasFlag('--no-queries');
const inPlace = hasFlag('--in-place');
const keep = hasFlag('--keep');
const reuse = keptDatabaseOption('samenspoor_bench_');
/** `--again [n]`: with `--database`, the catch-up and the rebuild timed again, n times (1 by default). */
const again = hasFlag('--again') ? Math.max(1, numberOption('--again', 1) || 1) : 0;
const perModel = hasFlag('--per-model');
if (again > 0 && reuse === undefined)
  throw new Error('--again goes with --database <a kept region>');
/** The schema of a kept region: the database is the bench's own, so one fixed name finds it again. */
const KEPT_SCHEMA = 'bench_projections';

/** The server's database named `name`, kept by an earlier run: never dropped here. */
function keptDatabase(name: string): { url: string; drop(): Promise<void> } {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => Promise.resolve() };
}

async function main(): Promise<void> {
  const own =
    reuse !== undefined
      ? keptDatabase(reuse)
      : inPlace
        ? undefined
        : await benchDatabase(SERVER_URL);
  const DATABASE_URL = own?.url ?? SERVER_URL;
  const kept = !inPlace && (keep || reuse !== undefined);
  const schema = kept ? KEPT_SCHEMA : `bench_proj_${randomUUID().slice(0, 8)}`;
  const database = countingDatabase(
    new PostgresDatabase({ connectionString: DATABASE_URL, maxConnections: 24 }),
  );
  const store = await SqlEventStore.create(database, { schema });
  const tables = await ProjectionTables.open(database, schema);
  const vault = await PersonalDataVault.open(database, schema);
  const end = new Date().toISOString();
  let seededFamilies = 0;
  let seed = 1;
  const seedFamilies = async (families: number) => {
    const started = performance.now();
    let last = 0;
    const result = await seedRegion(store, vault, {
      families,
      seed: seed++,
      end,
      region: DEFAULT_REGION,
      concurrency: 12,
      onProgress: (done, events) => {
        if (done - last >= 5_000) {
          last = done;
          say(`seeded ${seededFamilies + done} families, ${events} events this round`);
        }
      },
    });
    seededFamilies += result.families;
    return { ...result, seconds: (performance.now() - started) / 1000 };
  };

  try {
    const runner = new ProjectionRunner(database, store, ALL_PROJECTIONS, tables, { schema });
    let firstEvents = 0;
    let seeding: { events: number; seconds: number } | undefined;
    /** Each catch-up and rebuild timed, for `--again`. */
    const timings: { catchUp: Timed; rebuild: Timed }[] = [];
    if (reuse === undefined) {
      await seed();
      await catchUpAndRebuild();
    } else {
      const [row] = await database.query<{ n: number }>(
        `select count(*)::int as n from ${tables.live(ALL_PROJECTIONS.find((p) => p.name === 'family-list')!).fl_families}`,
      );
      seededFamilies = row?.n ?? 0;
      firstEvents = await store.countEvents();
      say(
        `region ${reuse}: ${seededFamilies.toLocaleString('en')} families, ${firstEvents.toLocaleString('en')} events`,
      );
      for (let round = 1; round <= again; round++) {
        say(`again, ${round} of ${again}: the read models emptied, then caught up and rebuilt`);
        await emptyReadModels(ALL_PROJECTIONS);
        await catchUpAndRebuild();
      }
    }
    async function seed(): Promise<void> {
      // 1. A region of about `rebuildEvents` events: families of ~30 events, first a probe to learn the ratio.
      say(`seeding about ${rebuildEvents.toLocaleString('en')} events`);
      const probe = await seedFamilies(1_000);
      const perFamily = probe.events / probe.families;
      const more = Math.max(0, Math.round((rebuildEvents - probe.events) / perFamily));
      const rest = await seedFamilies(Math.min(more, Math.max(0, totalFamilies - 1_000)));
      firstEvents = await store.countEvents();
      seeding = { events: probe.events + rest.events, seconds: probe.seconds + rest.seconds };
      // The catch-up is timed on a store at rest, as a real one meets it: without this, the server's autovacuum
      // works through the freshly seeded tables during the catch-up and takes a varying share of the two cores.
      await database.query(`vacuum (analyze) "${schema}".events`);
      await database.query(`vacuum (analyze) "${schema}".personal_data_keys`);
    }
    /** Read models as before their first catch-up: empty, with no checkpoint (so at the start). */
    async function emptyReadModels(projections: readonly Projection[]): Promise<void> {
      const names = projections.map((p) => p.name);
      for (const projection of projections)
        for (const table of Object.values<string>(tables.live(projection)))
          await database.query(`truncate ${table}`);
      await database.query(
        `delete from "${schema}".projection_checkpoints where name = any($1::text[])`,
        [names],
      );
      await database.query(
        `delete from "${schema}".projection_dead_letters where projection = any($1::text[])`,
        [names],
      );
      for (const projection of projections)
        for (const table of Object.values<string>(tables.live(projection)))
          await database.query(`vacuum (analyze) ${table}`);
    }
    /** Starts `catchingUp` and times it until every one of `projections` is at the store's head; stops it. */
    async function timedCatchUp(
      catchingUp: ProjectionRunner,
      projections: readonly Projection[],
    ): Promise<Timed> {
      const started = performance.now();
      const cpuMeter = measureCpu(DATABASE_URL);
      const statementsBefore = database.statements();
      catchingUp.start();
      let seconds: number;
      let cpu: CpuSeconds;
      try {
        const head = await store.headPosition();
        for (const projection of projections) {
          if ((await catchingUp.waitFor(projection.name, head, 3_600_000)) === undefined)
            throw new Error(`catch-up of ${projection.name} timed out`);
        }
        seconds = (performance.now() - started) / 1000;
        cpu = cpuMeter.stop();
      } finally {
        await catchingUp.stop();
      }
      return timed(firstEvents, seconds, database.statements() - statementsBefore, cpu);
    }
    async function catchUpAndRebuild(): Promise<void> {
      // 2. Catch-up of every read model together, from the start.
      say(
        `catch-up of ${ALL_PROJECTIONS.length} read models over ${firstEvents.toLocaleString('en')} events`,
      );
      // A runner of its own each round: one that ran before still knows the positions it reached, and may take
      // them for the (deleted) checkpoints before it has read them again (a round of `--again` then timed 0 s).
      const catchUp = await timedCatchUp(
        new ProjectionRunner(database, store, ALL_PROJECTIONS, tables, { schema }),
        ALL_PROJECTIONS,
      );

      // 3. Rebuild of every read model from the same events, swapped in; timed at rest as well: the tables the
      //    catch-up just filled are vacuumed and analysed first, which a server with autovacuum on (the stock
      //    setting) would otherwise do during the rebuild.
      for (const projection of ALL_PROJECTIONS)
        for (const table of Object.values<string>(tables.live(projection)))
          await database.query(`vacuum (analyze) ${table}`);
      say('rebuilding every read model');
      const rebuildStarted = performance.now();
      const rebuildCpuMeter = measureCpu(DATABASE_URL);
      const rebuildStatementsBefore = database.statements();
      const position = await rebuildAllInto(database, store, tables, ALL_PROJECTIONS);
      for (const projection of ALL_PROJECTIONS) {
        await database.session((session) =>
          session.transaction((tx) => swapRebuilt(tx, tables, projection, position)),
        );
      }
      const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
      const rebuildCpu = rebuildCpuMeter.stop();
      const rebuildStatements = database.statements() - rebuildStatementsBefore;
      timings.push({
        catchUp,
        rebuild: timed(firstEvents, rebuildSeconds, rebuildStatements, rebuildCpu),
      });
    }

    // With --per-model: each read model caught up alone, and reading alone (a read model that writes nothing).
    const alone: { name: string; catchUp: Timed }[] = [];
    if (perModel) {
      const readingOnly: Projection = {
        name: READING_ONLY,
        version: 1,
        tables: [],
        createTables: () => [],
        apply: () => Promise.resolve(),
      };
      // Reading once untimed first: in a fresh process (a kept region without --again) the first catch-up also
      // pays for compiling the code that reads, which would then show as a read model's gain over reading.
      say('warming up: reading every event once');
      await catchUpAlone(readingOnly);
      for (const projection of [readingOnly, ...ALL_PROJECTIONS]) {
        say(`catch-up of ${projection.name} alone`);
        alone.push({ name: projection.name, catchUp: await catchUpAlone(projection) });
      }
      await database.query(`delete from "${schema}".projection_checkpoints where name = $1`, [
        READING_ONLY,
      ]);
    }
    /** One read model emptied and caught up from the start by a runner of its own. */
    async function catchUpAlone(projection: Projection): Promise<Timed> {
      await emptyReadModels([projection]);
      return timedCatchUp(new ProjectionRunner(database, store, [projection], tables, { schema }), [
        projection,
      ]);
    }

    // 4. The region grows to `totalFamilies`; the runner keeps up; queries over HTTP.
    const queries: Record<string, Latency> = {};
    if (withQueries) await measureQueries();
    async function measureQueries(): Promise<void> {
      if (seededFamilies < totalFamilies) {
        say(`seeding on to ${totalFamilies.toLocaleString('en')} families`);
        await seedFamilies(totalFamilies - seededFamilies);
      }
      runner.start();
      const finalHead = await store.headPosition();
      for (const projection of ALL_PROJECTIONS) {
        if ((await runner.waitFor(projection.name, finalHead, 3_600_000)) === undefined)
          throw new Error('catch-up timed out');
      }
      // The runner stays on as the API's projector (PROJECTIONS=external): the API's reads wait for the read
      // models to reach what the API itself appends meanwhile (directory entries of the first sign-ins).

      say('starting the API and measuring the queries');
      const api = await startBenchApi({
        DATABASE_URL,
        DATABASE_SCHEMA: schema,
        PROJECTIONS: 'external',
      });
      const { base } = api;
      try {
        const token = (roles: string[]) => api.token('bench', roles, 'RIGG');
        const manager = await token(['manager']);
        const safetyTeam = await token(['safety-team']);
        const today = new Date().toISOString().slice(0, 10);
        const yearAgo = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
        // 24 calendar months: from the first day of the month 23 months back.
        const now = new Date();
        const twoYearsAgo = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 23, 1))
          .toISOString()
          .slice(0, 10);
        const routes: [string, string, string][] = [
          ['waiting-list (manager)', '/api/projections/waiting-list', manager],
          [
            'waiting-list, one municipality',
            '/api/projections/waiting-list?municipality=Pekela',
            manager,
          ],
          ['stacking (manager)', '/api/projections/stacking', manager],
          ['stacking with flagged families', '/api/projections/stacking', safetyTeam],
          [
            'outflow (manager), a year',
            `/api/projections/outflow?from=${yearAgo}&to=${today}`,
            manager,
          ],
          [
            'monitor (manager), a year',
            `/api/projections/monitor?from=${yearAgo}&to=${today}`,
            manager,
          ],
          [
            'monitor (safety team), a year',
            `/api/projections/monitor?from=${yearAgo}&to=${today}`,
            safetyTeam,
          ],
          [
            'monitor history (manager), 24 months',
            `/api/projections/monitor/history?from=${twoYearsAgo}&to=${today}&interval=month`,
            manager,
          ],
        ];
        for (const [name, path, bearer] of routes)
          queries[name] = await sequentialLatency(
            `${base}${path}`,
            { authorization: `Bearer ${bearer}` },
            seconds,
          );
      } finally {
        await api.stop();
        await runner.stop();
      }
    }
    const totalEvents = await store.countEvents();

    const report = {
      postgres: DATABASE_URL.replace(/\/\/[^@]*@/, '//'),
      node: process.version,
      projections: ALL_PROJECTIONS.map((p) => p.name),
      kept: kept ? new URL(DATABASE_URL).pathname.slice(1) : null,
      seeding: seeding && {
        events: seeding.events,
        eventsPerSecond: Math.round(seeding.events / seeding.seconds),
      },
      catchUp: timings.at(-1)?.catchUp,
      rebuild: timings.at(-1)?.rebuild,
      /** With `--again n`: every round, the last of which is `catchUp` and `rebuild`. */
      rounds: timings.length > 1 ? timings : undefined,
      /** With `--per-model`: reading alone (`bench-reading-only`), then each read model caught up alone. */
      alone: perModel ? alone : undefined,
      queries: { families: seededFamilies, events: totalEvents, latencyMs: queries },
    };
    if (asJson) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    console.log(
      `\nProjections benchmark on PostgreSQL — node ${process.version}, ${ALL_PROJECTIONS.length} read models`,
    );
    for (const { catchUp, rebuild } of timings) {
      console.log(
        `catch-up, all read models together: ${catchUp.events.toLocaleString('en')} events in ${catchUp.seconds.toFixed(1)} s = ${catchUp.eventsPerSecond.toLocaleString('en')} events/s, ${catchUp.statementsPerEvent.toFixed(3)} SQL statements per event; CPU per event: ${cpuPer(catchUp.cpuSeconds, catchUp.events)}`,
      );
      console.log(
        `rebuild of every read model from ${rebuild.events.toLocaleString('en')} events: ${rebuild.seconds.toFixed(1)} s = ${rebuild.eventsPerSecond.toLocaleString('en')} events/s, ${rebuild.statementsPerEvent.toFixed(3)} SQL statements per event; CPU per event: ${cpuPer(rebuild.cpuSeconds, rebuild.events)}`,
      );
    }
    const reading = alone.find((a) => a.name === READING_ONLY)?.catchUp;
    if (reading) {
      console.log(`catch-up of each alone (the CPU beside reading, per event, in brackets):`);
      for (const { name, catchUp } of alone) {
        const beside =
          name === READING_ONLY
            ? ''
            : `  (${cpuBeside(catchUp.cpuSeconds, reading.cpuSeconds, catchUp.events)})`;
        console.log(
          `  ${(name === READING_ONLY ? 'reading only' : name).padEnd(16)} ${catchUp.seconds.toFixed(1).padStart(5)} s = ${catchUp.eventsPerSecond.toLocaleString('en').padStart(7)} events/s, ${catchUp.statementsPerEvent.toFixed(3)} SQL statements per event; CPU per event: ${cpuPer(catchUp.cpuSeconds, catchUp.events)}${beside}`,
        );
      }
    }
    if (withQueries)
      console.log(
        `queries over HTTP with ${seededFamilies.toLocaleString('en')} families (${totalEvents.toLocaleString('en')} events), one connection, ${seconds} s each:`,
      );
    for (const [name, q] of Object.entries(queries)) {
      console.log(
        `  ${name.padEnd(32)} p50 ${q.p50} ms  p90 ${q.p90} ms  p99 ${q.p99} ms  max ${q.max} ms  (${q.requests} requests, ${q.non2xx} non-2xx)`,
      );
    }
    if (report.seeding)
      console.log(
        `(seeding ran at ${report.seeding.eventsPerSecond.toLocaleString('en')} events/s)`,
      );
    if (report.kept)
      console.log(
        `kept: measure again with -- --database ${report.kept} (the queries; with --again, the catch-up and rebuild first)`,
      );
  } finally {
    await store.close();
    if (!kept) {
      await database.query(`drop schema if exists "${schema}" cascade`).catch(() => undefined);
    }
    await database.close();
    if (!kept) await own?.drop();
  }
}

/** The name of `--per-model`'s read model that writes nothing. */
const READING_ONLY = 'bench-reading-only';

/** `Node +11 µs, PostgreSQL +8 µs`: what a read model alone costs per event beside reading alone. */
function cpuBeside(used: CpuSeconds, reading: CpuSeconds, events: number): string {
  const micros = (a: number, b: number) => {
    const d = Math.round(((a - b) / events) * 1e6);
    return `${d >= 0 ? '+' : ''}${d} µs`;
  };
  const postgres =
    used.postgres === undefined || reading.postgres === undefined
      ? 'n/a'
      : micros(used.postgres, reading.postgres);
  return `Node ${micros(used.node, reading.node)}, PostgreSQL ${postgres}`;
}

/** A catch-up or a rebuild, as the report gives it. */
interface Timed {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly statementsPerEvent: number;
  readonly cpuSeconds: CpuSeconds;
}

function timed(events: number, seconds: number, statements: number, cpuSeconds: CpuSeconds): Timed {
  return {
    events,
    seconds,
    eventsPerSecond: Math.round(events / seconds),
    statementsPerEvent: statements / events,
    cpuSeconds,
  };
}

runBench(main);
