import { randomUUID } from 'node:crypto';

import { Client } from 'pg';

import {
  nestBuild,
  startWritingApi,
  stopProcess,
  timedRequest,
  type RunningProcess,
  type TimedAnswer,
} from '@samenspoor/testing';

import { commandIdFor } from '@samenspoor/commands';
import { describeWithPgCluster, startPgCluster, type PgCluster } from '../support/pg-cluster';

/**
 * The built API as its own process on a PostgreSQL cluster of this test's own, which the test restarts, kills and
 * whose connections it terminates while 16 writers send commands over HTTP. (The embedded PGlite store runs in
 * the API process and has no connection to lose: there is nothing to cut, so this suite runs on PostgreSQL only.)
 */
describeWithPgCluster('the API when its PostgreSQL server goes away (a cluster of its own)', () => {
  const schema = 'outage';
  const writers = 16;
  const writer = 'p-writer';
  let cluster: PgCluster;
  let api: RunningProcess;
  let base: string;
  let professional: string;
  let safetyTeam: string;
  const families: string[] = [];
  /** Every command acknowledged (2xx), by Idempotency-Key, with the family it was for. */
  const acknowledged = new Map<string, string>();
  /** Commands given up on unanswered (only when the API is gone or the test ends): stored at most once. */
  const abandoned = new Set<string>();

  const call = (
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => timedRequest(base, method, path, token, body, headers);

  interface LoadReport {
    /** Answers other than 2xx, each with what it was. */
    failures: { status: number; at: number; retryAfter: string | null; type: string; ms: number }[];
    /** Network errors (connection refused, reset, time-outs): the process must never cause one. */
    networkErrors: string[];
    /** When each command was acknowledged. */
    successes: number[];
    slowest: number;
  }

  /**
   * 16 writers, each adding progress notes to its own family, until `stop` resolves. A command answered 503 (or
   * not answered) is sent again with the same Idempotency-Key until it is acknowledged, as a client should.
   */
  function load(stop: Promise<void>): Promise<LoadReport> {
    const report: LoadReport = { failures: [], networkErrors: [], successes: [], slowest: 0 };
    let stopping = false;
    let giveUpAt = Infinity;
    void stop.then(() => {
      stopping = true;
      giveUpAt = Date.now() + 10_000;
    });
    const one = async (familyId: string) => {
      while (!stopping) {
        const key = randomUUID();
        for (;;) {
          if (
            api.child.exitCode !== null ||
            api.child.signalCode !== null ||
            Date.now() > giveUpAt
          ) {
            abandoned.add(key);
            return;
          }
          let answer: TimedAnswer;
          try {
            answer = await call(
              'POST',
              `/api/families/${familyId}/progress-notes`,
              professional,
              { workstream: 'execution', note: 'Gesprek met moeder' },
              { 'idempotency-key': key },
            );
          } catch (error) {
            const cause = (error as { cause?: { code?: string } }).cause;
            report.networkErrors.push(cause?.code ?? String(error));
            await new Promise((r) => setTimeout(r, 200));
            continue;
          }
          report.slowest = Math.max(report.slowest, answer.ms);
          if (answer.status >= 200 && answer.status < 300) {
            acknowledged.set(key, familyId);
            report.successes.push(Date.now());
            break;
          }
          report.failures.push({
            status: answer.status,
            at: Date.now(),
            retryAfter: answer.headers.get('retry-after'),
            type: answer.headers.get('content-type') ?? '',
            ms: answer.ms,
          });
          // Sooner than Retry-After asks, to measure how soon the API is back.
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    return Promise.all(families.map(one)).then(() => report);
  }

  /** Readiness answers seen while `stop` has not resolved. */
  async function watchHealth(stop: Promise<void>): Promise<number[]> {
    const statuses: number[] = [];
    let stopping = false;
    void stop.then(() => (stopping = true));
    while (!stopping) {
      const started = Date.now();
      const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(10_000) });
      await response.text();
      statuses.push(response.status);
      expect(Date.now() - started).toBeLessThan(5_000);
      await new Promise((r) => setTimeout(r, 200));
    }
    return statuses;
  }

  /**
   * Runs the load around a fault: a second of normal traffic, the fault, then traffic until 6 s after the
   * server is back. Returns the load's report and when the server was back.
   */
  /** How far the timeline read model is, as every query answer says. */
  async function projectionPosition(): Promise<string | undefined> {
    try {
      const answer = await call('GET', `/api/families/${families[0]}/timeline`, safetyTeam);
      return answer.status === 200
        ? (answer.headers.get('x-projection-position') ?? undefined)
        : undefined;
    } catch {
      return undefined;
    }
  }

  /** Milliseconds until the read model moves past where it stood when the server came back. */
  async function readModelResumes(backAt: number): Promise<number> {
    let stood: string | undefined;
    while (stood === undefined && Date.now() - backAt < 20_000) stood = await projectionPosition();
    for (;;) {
      const now = await projectionPosition();
      if (now !== undefined && stood !== undefined && now > stood) return Date.now() - backAt;
      if (Date.now() - backAt > 20_000) return Infinity;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function underLoad(
    fault: () => Promise<void>,
  ): Promise<{ report: LoadReport; backAt: number; health: number[]; resumedMs: number }> {
    let finish!: () => void;
    const stop = new Promise<void>((r) => (finish = r));
    const running = load(stop);
    let healthStop!: () => void;
    const healthDone = new Promise<void>((r) => (healthStop = r));
    await new Promise((r) => setTimeout(r, 1_000));
    const health = watchHealth(healthDone);
    await fault();
    const backAt = Date.now();
    healthStop();
    const [resumedMs] = await Promise.all([
      readModelResumes(backAt),
      new Promise((r) => setTimeout(r, 6_000)),
    ]);
    finish();
    const report = await running;
    return { report, backAt, health: await health, resumedMs };
  }

  function expectSurvived(report: LoadReport, backAt: number): void {
    // The process is still there and never refused or dropped a connection.
    expect(api.child.exitCode).toBeNull();
    expect(api.child.signalCode).toBeNull();
    expect(report.networkErrors).toEqual([]);
    // Every refusal was a 503 with Retry-After, as problem+json, and came within a few seconds.
    for (const failure of report.failures) {
      expect(failure).toMatchObject({
        status: 503,
        retryAfter: expect.stringMatching(/^\d+$/),
        type: expect.stringContaining('application/problem+json'),
      });
    }
    expect(report.slowest).toBeLessThan(7_000);
    // Commands succeed again within 5 s of the server's return.
    const firstAfter = report.successes.filter((at) => at >= backAt).sort((a, b) => a - b)[0];
    expect(firstAfter).toBeDefined();
    expect(firstAfter! - backAt).toBeLessThan(5_000);
  }

  /**
   * The entries of a family's timeline, over all its pages (a page holds 1,000 at most: a fast machine writes more
   * than that to one family over the three outages), or -1 while the API answers 503.
   */
  async function timelineLength(familyId: string): Promise<number> {
    let entries = 0;
    let cursor: string | null = null;
    do {
      const page = await call(
        'GET',
        `/api/families/${familyId}/timeline${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
        safetyTeam,
      );
      expect([200, 503]).toContain(page.status);
      if (page.status !== 200) return -1;
      entries += (page.body.entries as unknown[]).length;
      cursor = (page.body.nextCursor as string | null | undefined) ?? null;
    } while (cursor);
    return entries;
  }

  /** Nothing acknowledged is lost, nothing is stored twice, and the read model holds what the store holds. */
  async function expectExactlyOnce(): Promise<void> {
    const db = new Client({ connectionString: cluster.url });
    await db.connect();
    try {
      const { rows: notes } = await db.query<{ command_id: string; n: number }>(
        `select metadata->>'commandId' as command_id, count(*)::int as n
         from ${schema}.events where type = 'ProgressNoted' group by 1`,
      );
      const stored = new Map(notes.map((row) => [row.command_id, row.n]));
      const lost = [...acknowledged.keys()].filter(
        (key) => stored.get(commandIdFor(writer, key)) === undefined,
      );
      expect(lost).toEqual([]);
      expect(notes.filter((row) => row.n !== 1)).toEqual([]);
      // Every note stored was acknowledged (or given up on unanswered, and then stored once at most).
      const known = new Set(
        [...acknowledged.keys(), ...abandoned].map((key) => commandIdFor(writer, key)),
      );
      expect(notes.filter((row) => !known.has(row.command_id))).toEqual([]);
      expect(abandoned.size).toBe(0);
      const { rows: streams } = await db.query<{ stream_id: string; n: number; top: string }>(
        `select stream_id, count(*)::int as n, max(version)::text as top
         from ${schema}.events group by stream_id`,
      );
      for (const stream of streams) expect(String(stream.n)).toBe(stream.top);
      // The read models caught up: each family's timeline has exactly the events of its stream.
      for (const stream of streams) {
        const familyId = stream.stream_id.replace(/^family-/, '');
        const deadline = Date.now() + 15_000;
        let entries = -1;
        while (Date.now() < deadline) {
          entries = await timelineLength(familyId);
          if (entries === stream.n) break;
          await new Promise((r) => setTimeout(r, 250));
        }
        expect(entries).toBe(stream.n);
      }
    } finally {
      await db.end();
    }
  }

  beforeAll(async () => {
    nestBuild('api');
    cluster = await startPgCluster();
    const started = await startWritingApi(
      { DATABASE_URL: cluster.url, DATABASE_SCHEMA: schema },
      writer,
      writers,
    );
    ({ api, base, professional, safetyTeam } = started);
    families.push(...started.families);
  }, 90_000);

  afterAll(async () => {
    await stopProcess(api);
    await cluster?.destroy();
  });

  /** `expectSurvived`, naming the API's output and the first failures when it does not hold. */
  function expectSurvivedExplained(report: LoadReport, backAt: number): void {
    try {
      expectSurvived(report, backAt);
    } catch (error) {
      const failures = JSON.stringify(report.failures.slice(0, 5));
      throw new Error(
        `${String(error)}\nAPI output:\n${api.output().slice(-4_000)}\nfailures: ${failures}`,
        { cause: error },
      );
    }
  }

  it('keeps answering through a restart (pg_ctl restart -m fast): 503 meanwhile, back within 5 s, nothing lost or doubled', async () => {
    const { report, backAt, health, resumedMs } = await underLoad(() => cluster.restart());
    expect(report.successes.length).toBeGreaterThan(writers);
    expect(resumedMs).toBeLessThan(5_000);
    expectSurvivedExplained(report, backAt);
    expect(health.every((status) => status === 200 || status === 503)).toBe(true);
    await expectExactlyOnce();
  }, 90_000);

  it('keeps answering through a crash (pg_ctl stop -m immediate, 12 s down, start): 503 and /health 503 meanwhile, read models resume within 5 s', async () => {
    // Down long enough for a growing retry delay to pass 5 s.
    const { report, backAt, health, resumedMs } = await underLoad(async () => {
      await cluster.stop('immediate');
      await new Promise((r) => setTimeout(r, 12_000));
      await cluster.start();
    });
    // The projection runner resumed by itself within 5 s of the server's return.
    expect(resumedMs).toBeLessThan(5_000);
    expectSurvivedExplained(report, backAt);
    // The outage was seen: commands were refused with 503 and readiness said so.
    expect(report.failures.length).toBeGreaterThan(0);
    expect(health).toContain(503);
    await expectExactlyOnce();
  }, 90_000);

  it('keeps answering when every connection is terminated (pg_terminate_backend), twice', async () => {
    const { report, backAt, resumedMs } = await underLoad(async () => {
      expect(await cluster.terminateBackends()).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 1_000));
      await cluster.terminateBackends();
    });
    expect(resumedMs).toBeLessThan(5_000);
    expectSurvivedExplained(report, backAt);
    await expectExactlyOnce();
  }, 90_000);
});
