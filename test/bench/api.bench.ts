/**
 * `npm run bench:api [-- --json] [-- --rate 100] [-- --seconds 30] [-- --families 300] [-- --counted-seconds 10]`
 *
 * Command latency through HTTP on PostgreSQL: builds and starts the API as its own process on a fresh schema,
 * registers a few hundred families, then sends commands (progress notes, safety assessments, MDOs) to random
 * families in three ways and prints the latency percentiles of each:
 *
 * 1. steady: commands arrive at `rate` per second spread over time (Poisson arrivals, open loop), each timed
 *    from the moment it was due, so a slow answer cannot hide the ones queued behind it (after 10 s of
 *    warm-up at the same rate, which are not counted);
 * 2. autocannon `-R rate -c 1`: one connection sends each second's commands one after the other;
 * 3. autocannon `-R rate -c 16`: 16 connections send each second's commands at once at the start of the second
 *    (autocannon's rate limit works per second) — the worst way to arrive at the same rate;
 * 4. flat out: autocannon `-c 16` without a rate limit, for the throughput the API sustains.
 *
 * First, the machine's reference: the same flat-out load against a bare HTTP server that stores each body with one
 * INSERT (reference-server.ts), so that figures from machines of different speed can be read against each other.
 * Beside each timed run it prints the CPU time per command of the API's process, of the PostgreSQL server's (when
 * it runs on this machine) and of this process, which sends the load: steadier than the rates on shared cores.
 *
 * Beside each rate it prints the SQL statements per command the API sends under that load, counted by a proxy
 * between the API and PostgreSQL that reads the wire protocol (see sql-counting.ts): the command path's own
 * (event stream, audit log, family keys, with their transactions' begin/commit), the read models' upkeep (the
 * catch-up read and the read models' writes), and the total (with the audit seals). The proxy is a hop through
 * this process, which also sends the load: it would add its own delay to every statement (in bursts of 16 it
 * raised the p99 from ~22 to ~37 ms) and its CPU to the machine's. So the runs that are timed go straight to
 * PostgreSQL, and the API is then restarted behind the proxy on the same database for a shorter run of each load
 * that is counted. And the API's peak resident memory (VmHWM of /proc/<pid>/status, read after the flat-out run
 * that is timed). It runs on a database of its own (`samenspoor_bench_<random>` on the server of DATABASE_URL),
 * dropped afterwards.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';

import autocannon from 'autocannon';
import * as hdr from 'hdr-histogram-js';
import { Client } from 'pg';

import { startBenchApi, type BenchApi } from './bench-api';
import { measureCpu, processCpuSeconds } from './cpu';
import { benchDatabase, countingProxy, type StatementCounts } from './sql-counting';
import { asJson, numberOption, say, SERVER_URL } from './bench-args';
import { runBench } from './bench-run';

const rate = numberOption('--rate', 100);
const seconds = numberOption('--seconds', 30);
const families = numberOption('--families', 300);
/** How long each load runs behind the counting proxy. */
const countedSeconds = numberOption('--counted-seconds', 10);
const DATABASE_URL = SERVER_URL;

async function post(base: string, path: string, token: string, body: unknown): Promise<any> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The commands of the load, on a random family each: what professionals log between appointments. */
function commandFor(familyIds: string[], i: number): { path: string; body: unknown } {
  const family = `/api/families/${familyIds[Math.floor(Math.random() * familyIds.length)]}`;
  switch (i % 4) {
    case 0:
      return {
        path: `${family}/progress-notes`,
        body: {
          workstream: 'execution',
          note: 'Huisbezoek: afspraken gemaakt over school en schulden.',
        },
      };
    case 1:
      return {
        path: `${family}/safety-assessments`,
        body: { level: 'concerns', phase: 'stable-safety', notes: 'Situatie stabiel.' },
      };
    case 2:
      return {
        path: `${family}/mdos`,
        body: {
          participants: ['regievoerder', 'Accare', 'school'],
          familyPresent: true,
          decisions: ['traject loopt door'],
          nextMdoDueBy: new Date(Date.now() + 42 * 86_400_000).toISOString(),
        },
      };
    default:
      return {
        path: `${family}/progress-notes`,
        body: { workstream: 'direction', note: 'Overleg met netwerk.' },
      };
  }
}

function run(
  base: string,
  token: string,
  familyIds: string[],
  overallRate?: number,
  connections = 16,
  duration = seconds,
): Promise<autocannon.Result> {
  let i = 0;
  return autocannon({
    url: base,
    connections,
    duration,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { path, body } = commandFor(familyIds, i++);
          return {
            ...request,
            path,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(body),
          };
        },
      },
    ],
  });
}

interface Figures {
  readonly requests: number;
  /**
   * CPU time per command in the timed run, in ms: of the API's process (or the reference server's), of the
   * PostgreSQL server's processes and of this process (the load generator); undefined where /proc does not show
   * them (or the server runs elsewhere).
   */
  readonly cpuPerCommandMs?: {
    api: number | undefined;
    postgres: number | undefined;
    loadGenerator: number;
  };
  /** SQL statements per command (per append to the event table) in the run, by kind (set once the run is counted). */
  readonly statementsPerCommand?: { command: number; readModel: number; total: number };
  readonly commandsPerSecond: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly latencyMs: { p50: number; p90: number; p99: number; max: number };
}

/**
 * Open-loop load: commands are due at Poisson-distributed moments averaging `perSecond`, and each is sent when
 * due, whatever the answers to earlier ones. Latency runs from the moment a command was due to its answer.
 */
async function steady(
  base: string,
  token: string,
  familyIds: string[],
  perSecond: number,
  duration = seconds,
): Promise<Figures> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
  let non2xx = 0;
  let errors = 0;
  const started = performance.now();
  const end = started + duration * 1000;
  const pending: Promise<void>[] = [];
  let due = started;
  for (let i = 0; ; i++) {
    due += (-Math.log(1 - Math.random()) / perSecond) * 1000;
    if (due >= end) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { path, body } = commandFor(familyIds, i);
    const dueAt = due;
    pending.push(
      new Promise<void>((resolve) => {
        const payload = JSON.stringify(body);
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path,
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
              authorization: `Bearer ${token}`,
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              if ((res.statusCode ?? 0) >= 300) non2xx++;
              histogram.recordValue(Math.max(1, Math.round((performance.now() - dueAt) * 1000)));
              resolve();
            });
          },
        );
        req.on('error', () => {
          errors++;
          resolve();
        });
        req.end(payload);
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  const ms = (p: number) => Math.round(histogram.getValueAtPercentile(p) / 100) / 10;
  return {
    requests: pending.length,
    commandsPerSecond: Math.round(pending.length / duration),
    non2xx,
    errors,
    latencyMs: {
      p50: ms(50),
      p90: ms(90),
      p99: ms(99),
      max: Math.round(histogram.maxValue / 100) / 10,
    },
  };
}

function figures(result: autocannon.Result): Figures {
  return {
    requests: result.requests.total,
    commandsPerSecond: Math.round(result.requests.average),
    non2xx: result.non2xx,
    errors: result.errors,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
  };
}

/**
 * Statements per command of a run, from the proxy's counts during it: per append to the event table (each command
 * of the load stores its events in one append, on its own or in a statement with others' appends), so that
 * commands still queued when a run ends do not count.
 */
function perCommand(
  counts: StatementCounts,
  f: Figures,
): NonNullable<Figures['statementsPerCommand']> {
  if (f.non2xx + f.errors > 0) process.exitCode = 1;
  const commands = Math.max(1, counts.appends);
  const round = (n: number) => Math.round((n / commands) * 100) / 100;
  return {
    command: round(counts.command),
    readModel: round(counts['read-model']),
    total: round(counts.command + counts['read-model'] + counts.other),
  };
}

/** A timed run with the CPU time it cost per command (see {@link Figures.cpuPerCommandMs}). */
async function withCpu(pid: number | undefined, run: () => Promise<Figures>): Promise<Figures> {
  const server = processCpuSeconds(pid);
  const meter = measureCpu(DATABASE_URL);
  const result = await run();
  const used = meter.stop();
  const serverAfter = processCpuSeconds(pid);
  const perCommand = (cpuSeconds: number) =>
    Math.round((cpuSeconds / Math.max(1, result.requests)) * 1e5) / 100;
  return {
    ...result,
    cpuPerCommandMs: {
      api:
        server === undefined || serverAfter === undefined
          ? undefined
          : perCommand(serverAfter - server),
      postgres: used.postgres === undefined ? undefined : perCommand(used.postgres),
      loadGenerator: perCommand(used.node),
    },
  };
}

/**
 * The machine's reference (see reference-server.ts): the bare server started on a table of its own in the bench's
 * database, 5 s of warm-up, then `seconds` of the flat-out load (autocannon -c 16, the body of a progress note).
 */
async function reference(url: string): Promise<Figures> {
  const table = `reference_${randomUUID().slice(0, 8)}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(
      `create table ${table} (id bigint generated always as identity primary key, path text not null,
         body jsonb not null, at timestamptz not null default now())`,
    );
  } finally {
    await admin.end();
  }
  const server = fork(join(__dirname, 'reference-server.ts'), [], {
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, REFERENCE_DATABASE_URL: url, REFERENCE_TABLE: table },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolveExit) => server.once('exit', resolveExit));
  try {
    const port = await new Promise<number>((resolvePort, rejectPort) => {
      server.once('message', (message) => resolvePort(Number(message)));
      server.once('exit', (code) => rejectPort(new Error(`the reference server ended (${code})`)));
    });
    const flatOut = (duration: number) =>
      autocannon({
        url: `http://127.0.0.1:${port}`,
        connections: 16,
        duration,
        requests: [
          {
            method: 'POST',
            path: '/api/families/reference/progress-notes',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              workstream: 'execution',
              note: 'Huisbezoek: afspraken gemaakt over school en schulden.',
            }),
          },
        ],
      });
    await flatOut(5);
    return await withCpu(server.pid, async () => figures(await flatOut(seconds)));
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
}

/** The peak resident memory of a process so far, in MB (VmHWM); undefined where /proc is not there. */
function peakRssMb(pid: number | undefined): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const schema = `bench_api_${randomUUID().slice(0, 8)}`;
  say('creating a database of its own');
  const own = await benchDatabase(DATABASE_URL);
  const ownUrl = new URL(own.url);
  const proxy = await countingProxy({
    host: ownUrl.hostname,
    port: Number(ownUrl.port || 5432),
  });
  const viaProxy = new URL(own.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  let api: BenchApi | undefined;
  try {
    say(
      `${seconds} s of the machine's reference: a bare HTTP server storing each body with one INSERT`,
    );
    const machine = await reference(own.url);
    say('building and starting the API');
    api = await startBenchApi({ DATABASE_URL: own.url, DATABASE_SCHEMA: schema });
    let { base } = api;
    const token = await api.token('p-bench', ['professional']);

    say(`registering ${families} families with a signal each`);
    const familyIds: string[] = [];
    for (let i = 0; i < families; i++) {
      const { familyId } = await post(base, '/api/families', token, {
        municipality: 'Groningen',
        members: [
          { role: 'youth', displayName: `Kind ${i}` },
          { role: 'parent', displayName: `Ouder ${i}` },
        ],
      });
      await post(base, `/api/families/${familyId}/signals`, token, {
        source: 'gp',
        concerns: ['trauma'],
        urgency: 'regular',
      });
      familyIds.push(familyId);
    }

    // The first seconds of a fresh process are slower (code is compiled, connections opened, statements
    // prepared); a service runs warm, so those seconds are not counted.
    say(`warming up: 10 s of commands at ${rate}/s, not counted`);
    await steady(base, token, familyIds, rate, 10);
    const loads: [string, (duration: number) => Promise<Figures>][] = [
      [
        `commands arriving steadily at ${rate}/s`,
        (duration) => steady(base, token, familyIds, rate, duration),
      ],
      [
        `commands from one connection at ${rate}/s (autocannon -R ${rate} -c 1)`,
        async (duration) => figures(await run(base, token, familyIds, rate, 1, duration)),
      ],
      [
        `commands in bursts of ${rate} at each second (autocannon -R ${rate} -c 16)`,
        async (duration) => figures(await run(base, token, familyIds, rate, 16, duration)),
      ],
      [
        'commands as fast as the API takes them (autocannon -c 16)',
        async (duration) => figures(await run(base, token, familyIds, undefined, 16, duration)),
      ],
    ];
    const timed: Figures[] = [];
    for (const [name, load] of loads) {
      say(`${seconds} s of ${name}`);
      timed.push(await withCpu(api.process.pid, () => load(seconds)));
    }
    const peakRss = peakRssMb(api.process.pid);

    say('restarting the API behind the counting proxy');
    await api.stop();
    api = await startBenchApi({ DATABASE_URL: viaProxy.toString(), DATABASE_SCHEMA: schema });
    base = api.base;
    say(`warming up: 10 s of commands at ${rate}/s, not counted`);
    await steady(base, token, familyIds, rate, 10);
    const counted: Figures[] = [];
    for (const [i, [name, load]] of loads.entries()) {
      say(`${countedSeconds} s of ${name}, counted`);
      proxy.reset();
      const result = await load(countedSeconds);
      counted.push({ ...timed[i]!, statementsPerCommand: perCommand(proxy.counts(), result) });
    }
    const [atRate, oneConnection, bursts, flatOut] = counted as [
      Figures,
      Figures,
      Figures,
      Figures,
    ];

    const report = {
      postgres: DATABASE_URL.replace(/\/\/[^@]*@/, '//'),
      node: process.version,
      families,
      seconds,
      steady: { rate, ...atRate },
      oneConnection: { rate, ...oneConnection },
      bursts: { rate, ...bursts },
      flatOut,
      peakRssMb: peakRss ?? null,
      reference: machine,
    };
    if (asJson) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      console.log(
        `\nAPI command latency over HTTP on PostgreSQL — node ${process.version}, ${families} families, ${seconds} s per run`,
      );
      /** `serving`: the process that answered the load, as the CPU figure names it. */
      const line = (name: string, f: Figures, serving = 'API') => {
        const sql = f.statementsPerCommand;
        console.log(
          `${name.padEnd(22)} ${String(f.commandsPerSecond).padStart(6)} commands/s  p50 ${f.latencyMs.p50} ms  p90 ${f.latencyMs.p90} ms  p99 ${f.latencyMs.p99} ms  max ${f.latencyMs.max} ms  (${f.requests} commands, ${f.non2xx} non-2xx, ${f.errors} errors)` +
            (sql
              ? `\n${''.padEnd(22)} SQL statements/command ${sql.total}: command path ${sql.command}, read-model upkeep ${sql.readModel}`
              : '') +
            (f.cpuPerCommandMs
              ? `\n${''.padEnd(22)} CPU per command: ${serving} ${f.cpuPerCommandMs.api ?? 'n/a'} ms, PostgreSQL ${f.cpuPerCommandMs.postgres ?? 'n/a'} ms, load generator ${f.cpuPerCommandMs.loadGenerator} ms`
              : ''),
        );
      };
      line('machine reference', machine, 'server');
      line(`steady ${rate}/s`, atRate);
      line(`autocannon -R ${rate} -c 1`, oneConnection);
      line(`autocannon -R ${rate} -c 16`, bursts);
      line('flat out', flatOut);
      console.log(
        `flat out against the machine's reference: ${Math.round((flatOut.commandsPerSecond / Math.max(1, machine.commandsPerSecond)) * 100)}% of its requests/s`,
      );
      console.log(
        `peak RSS of the API (VmHWM, after the flat-out run): ${peakRss === undefined ? 'n/a' : `${peakRss} MB`}`,
      );
      console.log(
        `SQL statements counted by a wire-protocol proxy between the API and PostgreSQL, per command (per append\n` +
          `to the event table; begin/commit included; the audit seals count in the total only), in a run of ${countedSeconds} s of\n` +
          'each load after the timed ones, with the API restarted behind the proxy: the timed runs go straight to PostgreSQL.',
      );
    }
    if (atRate.non2xx + oneConnection.non2xx + bursts.non2xx + flatOut.non2xx > 0)
      process.exitCode = 1;
  } finally {
    await api?.stop();
    await proxy.close();
    await own.drop();
  }
}

runBench(main);
