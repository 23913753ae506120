import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

import {
  describeWithPostgres,
  dropSchemas,
  freePort,
  postgresUrl,
  startNode,
  uniqueSchema,
  waitForOk,
  type RunningProcess,
} from '@samenspoor/testing';

import { ApiClient, startTestApp, type TestApp } from '../support/app';

/** 1 when the projector at this port leads, 0 when it stands by. */
async function leads(port: number): Promise<number> {
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const match = /^samenspoor_projection_leader (\d)/m.exec(metrics);
  return Number(match?.[1] ?? -1);
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describeWithPostgres(
  'apps/projector: projections apart from the API, one leader, take-over',
  () => {
    const root = resolve(__dirname, '../..');
    const schema = uniqueSchema('e2e_projector');
    const projectors: { process: RunningProcess; port: number }[] = [];
    let app: TestApp;
    let professional: ApiClient;
    let safetyTeam: ApiClient;
    let beforeAnyProjector: { status: number; type: unknown; retryAfter: string | null };

    async function requestCare(): Promise<string> {
      const registered = await professional.post('/api/families', {
        municipality: 'Veendam',
        members: [{ role: 'youth', displayName: 'K' }],
      });
      const path = `/api/families/${registered.body.familyId}`;
      const answer = await professional.post(`${path}/trajectories`, {
        careForm: 'crisis-care',
        providerId: 'x',
      });
      expect(answer.status).toBe(201);
      return answer.body.position;
    }

    beforeAll(async () => {
      execFileSync(join(root, 'node_modules/.bin/nest'), ['build', 'projector'], {
        cwd: root,
        stdio: 'pipe',
      });
      app = await startTestApp('postgres', {
        env: { DATABASE_SCHEMA: schema, PROJECTIONS: 'external' },
      });
      professional = new ApiClient(app, await app.token('p-anna', ['professional']));
      safetyTeam = new ApiClient(app, await app.token('s-carla', ['safety-team']));
      const early = await safetyTeam.get('/api/projections/waiting-list');
      beforeAnyProjector = {
        status: early.status,
        type: early.body.type,
        retryAfter: early.headers.get('retry-after'),
      };
      for (let i = 0; i < 2; i++) {
        const port = await freePort();
        const process = startNode(
          join(root, 'dist/apps/projector/main.js'),
          {
            PORT: `${port}`,
            DATABASE_URL: postgresUrl(),
            DATABASE_SCHEMA: schema,
            LOG_LEVEL: 'warn',
          },
          root,
        );
        await waitForOk(`http://127.0.0.1:${port}/health`, 60_000, process);
        projectors.push({ process, port });
      }
    }, 120_000);

    afterAll(async () => {
      for (const { process } of projectors) process.child.kill('SIGKILL');
      await app.close();
      await dropSchemas(schema);
    });

    it('answers 503 with Retry-After while no runner has created the read models yet, never 500', () => {
      expect(beforeAnyProjector).toEqual({
        status: 503,
        type: '/problems/projection-not-ready',
        retryAfter: '5',
      });
    });

    it('keeps the read models up to date for an API that leaves projections to it', async () => {
      const position = await requestCare();
      const answer = await safetyTeam.get(`/api/projections/waiting-list?minPosition=${position}`);
      expect(answer.status).toBe(200);
      expect(answer.body.stages.care.waiting).toBe(1);
    });

    it('has exactly one leader, and the other takes over when the leader dies', async () => {
      await until(
        async () => (await leads(projectors[0]!.port)) + (await leads(projectors[1]!.port)) === 1,
        10_000,
      );
      const leaderIndex = (await leads(projectors[0]!.port)) === 1 ? 0 : 1;
      const leader = projectors[leaderIndex]!;
      const standby = projectors[1 - leaderIndex]!;

      leader.process.child.kill('SIGKILL');
      await leader.process.exited;
      await until(async () => (await leads(standby.port)) === 1, 15_000);

      const position = await requestCare();
      const answer = await safetyTeam.get(`/api/projections/waiting-list?minPosition=${position}`);
      expect(answer.status).toBe(200);
      expect(answer.body.stages.care.waiting).toBe(2);
    });
  },
);
