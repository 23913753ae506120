import { randomUUID } from 'node:crypto';

import { Client } from 'pg';

import {
  nestBuild,
  startWritingApi,
  stopProcess,
  timedRequest,
  type RunningProcess,
} from '@samenspoor/testing';

import { commandIdFor } from '@samenspoor/commands';
import { startFreezingProxy, type FreezingProxy } from '../support/freezing-proxy';
import { describeWithPgCluster, startPgCluster, type PgCluster } from '../support/pg-cluster';

/**
 * The built API on a PostgreSQL cluster of this test's own, reached through a TCP proxy that can stop forwarding
 * without closing anything — a network cut that sends no reset, where nothing tells the API that its queries will
 * never be answered. (PGlite runs inside the API process: there is no network to cut, so PostgreSQL only.)
 */
describeWithPgCluster(
  'the API when the network to its PostgreSQL server is cut without a reset',
  () => {
    const schema = 'netcut';
    const writer = 'p-writer';
    /** What the API is configured with (DATABASE_QUERY_TIMEOUT_MS); every answer must come soon after it. */
    const queryTimeoutMs = 2_000;
    let cluster: PgCluster;
    let proxy: FreezingProxy;
    let api: RunningProcess;
    let base: string;
    let professional: string;
    let safetyTeam: string;
    const families: string[] = [];

    interface Answer {
      status: number;
      body: any;
      retryAfter: string | null;
      type: string;
      ms: number;
    }

    async function call(
      method: string,
      path: string,
      token: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<Answer> {
      const started = Date.now();
      try {
        // A hang shows as status 0, not as a test time-out.
        const answer = await timedRequest(base, method, path, token, body, headers);
        return {
          status: answer.status,
          body: answer.body,
          retryAfter: answer.headers.get('retry-after'),
          type: answer.headers.get('content-type') ?? '',
          ms: answer.ms,
        };
      } catch (error) {
        return {
          status: 0,
          body: String(error),
          retryAfter: null,
          type: '',
          ms: Date.now() - started,
        };
      }
    }

    const note = (familyId: string, key: string) =>
      call(
        'POST',
        `/api/families/${familyId}/progress-notes`,
        professional,
        { workstream: 'execution', note: 'Gesprek met moeder' },
        { 'idempotency-key': key },
      );

    const addMember = (familyId: string, key: string) =>
      call(
        'POST',
        `/api/families/${familyId}/members`,
        professional,
        { role: 'sibling', displayName: 'Broer' },
        { 'idempotency-key': key },
      );

    /** Sends the command again, as a client does after a 503, until it is acknowledged. */
    async function retryUntilAcknowledged(
      familyId: string,
      key: string,
      send = note,
    ): Promise<Answer> {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const answer = await send(familyId, key);
        if ((answer.status >= 200 && answer.status < 300) || Date.now() > deadline) return answer;
        expect(answer).toMatchObject({ status: 503 });
        await new Promise((r) => setTimeout(r, 250));
      }
    }

    /** How often each command id was stored as an event of a type. */
    async function storedCommands(type = 'ProgressNoted'): Promise<Map<string, number>> {
      const db = new Client({ connectionString: cluster.url });
      await db.connect();
      try {
        const { rows } = await db.query<{ command_id: string; n: number }>(
          `select metadata->>'commandId' as command_id, count(*)::int as n
         from ${schema}.events where type = $1 group by 1`,
          [type],
        );
        return new Map(rows.map((row) => [row.command_id, row.n]));
      } finally {
        await db.end();
      }
    }

    function expectUnavailable(answer: Answer): void {
      expect(answer).toMatchObject({
        status: 503,
        retryAfter: expect.stringMatching(/^\d+$/),
        type: expect.stringContaining('application/problem+json'),
        body: { status: 503, type: expect.stringContaining('unavailable') },
      });
      // The statement's own time-out, or the pool's connection time-out (5 s), and a little more.
      expect(answer.ms).toBeLessThan(8_000);
    }

    beforeAll(async () => {
      nestBuild('api');
      cluster = await startPgCluster();
      proxy = await startFreezingProxy({ host: '127.0.0.1', port: cluster.port });
      const started = await startWritingApi(
        {
          DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}/postgres`,
          DATABASE_SCHEMA: schema,
          DATABASE_QUERY_TIMEOUT_MS: `${queryTimeoutMs}`,
        },
        writer,
        4,
      );
      ({ api, base, professional, safetyTeam } = started);
      families.push(...started.families);
    }, 90_000);

    afterAll(async () => {
      proxy?.thaw();
      await stopProcess(api);
      await proxy?.close();
      await cluster?.destroy();
    });

    afterEach(() => proxy.thaw());

    it('answers commands and queries 503 with Retry-After within seconds while the network is cut, and stores each retried command once', async () => {
      const keys = families.map(() => randomUUID());
      proxy.freeze('both');
      const answers = await Promise.all([
        ...families.map((familyId, i) => note(familyId, keys[i]!)),
        ...families.map((familyId) =>
          call('GET', `/api/families/${familyId}/timeline`, safetyTeam),
        ),
        call('GET', `/api/families/${families[0]}`, safetyTeam),
        call('GET', '/api/families', safetyTeam),
        call('GET', '/api/projections/safety-overview', safetyTeam),
        // A second round, when the pool's connections are the ones the first round left behind.
        ...families.map((familyId) =>
          call('GET', `/api/families/${familyId}/timeline`, safetyTeam),
        ),
      ]);
      const second = await call('GET', `/api/families/${families[1]}/timeline`, safetyTeam);
      const health = await call('GET', '/health', safetyTeam);
      proxy.thaw();
      try {
        for (const answer of [...answers, second]) expectUnavailable(answer);
        expect(health.status).toBe(503);
      } catch (error) {
        throw new Error(
          `${String(error)}\nanswers: ${JSON.stringify([...answers, second].map(({ status, ms }) => ({ status, ms })))}\n${api.output().slice(-3_000)}`,
          { cause: error },
        );
      }
      // Once the network is back, the same commands are stored, each once.
      for (const [i, familyId] of families.entries()) {
        const answer = await retryUntilAcknowledged(familyId, keys[i]!);
        expect(answer.status).toBe(201);
      }
      const stored = await storedCommands();
      for (const key of keys) expect(stored.get(commandIdFor(writer, key))).toBe(1);
      // The read models resume too: each family's timeline shows its note.
      for (const familyId of families) {
        const deadline = Date.now() + 10_000;
        let timeline: Answer;
        do {
          timeline = await call('GET', `/api/families/${familyId}/timeline`, safetyTeam);
          if (timeline.status === 200 && JSON.stringify(timeline.body).includes('ProgressNoted'))
            break;
          await new Promise((r) => setTimeout(r, 250));
        } while (Date.now() < deadline);
        if (timeline.status !== 200)
          console.log(JSON.stringify(timeline), api.output().slice(-5000));
        expect(timeline.status).toBe(200);
        expect(JSON.stringify(timeline.body)).toContain('ProgressNoted');
      }
    }, 120_000);

    it('answers 503 for a step that committed in one statement while its answer was held, and the retry with the same Idempotency-Key answers as the first time, stored once', async () => {
      const key = randomUUID();
      const familyId = families[2]!;
      // A step on a family whose audit chain this process knows (it has written to it) commits in one statement:
      // the append (its event type is one of its parameters), which also writes the command's audit entry. The
      // server runs and commits it; the API never hears that it did.
      expect((await note(familyId, randomUUID())).status).toBe(201);
      proxy.freezeRepliesAfter('ProgressNoted');
      const first = await note(familyId, key);
      expectUnavailable(first);
      // Stored although the client was told 503 …
      expect((await storedCommands()).get(commandIdFor(writer, key))).toBe(1);
      proxy.thaw();
      const retried = await retryUntilAcknowledged(familyId, key);
      expect(retried.status).toBe(201);
      const again = await note(familyId, key);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(retried.body);
      expect((await storedCommands()).get(commandIdFor(writer, key))).toBe(1);
    }, 120_000);

    it('answers 503 for an append whose transaction committed while its answer was held, and the retry with the same Idempotency-Key answers as the first time, stored once', async () => {
      const key = randomUUID();
      const familyId = families[3]!;
      // A member added writes more beside its events (the member id's claim, the search index), so it is a
      // transaction: the append, the rest and the command's audit entry, then the commit; the API never hears
      // that it committed.
      proxy.freezeRepliesAfter('FamilyMemberAdded', 'commit');
      const first = await addMember(familyId, key);
      expectUnavailable(first);
      expect((await storedCommands('FamilyMemberAdded')).get(commandIdFor(writer, key))).toBe(1);
      proxy.thaw();
      const retried = await retryUntilAcknowledged(familyId, key, addMember);
      expect(retried.status).toBe(201);
      const again = await addMember(familyId, key);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(retried.body);
      expect((await storedCommands('FamilyMemberAdded')).get(commandIdFor(writer, key))).toBe(1);
    }, 120_000);
  },
);
