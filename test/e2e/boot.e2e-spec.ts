import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INestApplication } from '@nestjs/common';

import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';
import {
  describeWithPostgres,
  dropSchemas,
  http,
  listen,
  postgresUrl,
  uniqueSchema,
} from '@samenspoor/testing';

import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig, type AppConfig } from '../../apps/api/src/config/app-config';

function baseOf(app: INestApplication): string {
  const address = app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

function operationalChecks(setUp: () => Promise<{ app: INestApplication; base: string }>) {
  let app: INestApplication;
  let base: string;
  beforeAll(async () => ({ app, base } = await setUp()));
  afterAll(() => app.close());

  it('answers /health with the store up, and /health/live', async () => {
    const health = await http(base, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up' } } });
    expect((await http(base, 'GET', '/health/live')).body).toEqual({ status: 'ok' });
  });

  it('exports Prometheus metrics with route templates, never concrete URLs', async () => {
    await http(base, 'GET', '/health');
    const metrics = await http<string>(base, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(metrics.body).toMatch(
      /samenspoor_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} \d+/,
    );
    expect(metrics.body).toMatch(/samenspoor_process_cpu_seconds_total/);
  });

  it('serves the OpenAPI document and its UI', async () => {
    const json = await http(base, 'GET', '/docs-json');
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      openapi: expect.stringMatching(/^3\./),
      info: { title: 'Samenspoor' },
    });
    const ui = await http<string>(base, 'GET', '/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toMatch(/swagger-ui/i);
  });

  it('answers an unknown route with problem+json and echoes a sane correlation id', async () => {
    const answer = await http(base, 'GET', '/api/nothing-here', {
      headers: { 'X-Correlation-Id': 'req-42' },
    });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status: 404, title: 'Not Found', correlationId: 'req-42' });
    expect(answer.headers.get('x-correlation-id')).toBe('req-42');
    const replaced = await http(base, 'GET', '/x', {
      headers: { 'X-Correlation-Id': 'bad id with spaces' },
    });
    expect(replaced.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  return () => app;
}

describe('the API on the embedded store', () => {
  let dataDir: string;
  const app = operationalChecks(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'samenspoor-e2e-'));
    const config: AppConfig = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const created = await createApp(config);
    return { app: created, base: await listen(created) };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds a demo region on an empty store, whose figures the read models show', async () => {
    const created = app();
    const token = (
      await http<{ token: string }>(baseOf(created), 'POST', '/api/auth/dev-token', {
        body: { sub: 's-demo', roles: ['safety-team'] },
      })
    ).body.token;
    const headers = { authorization: `Bearer ${token}` };
    const deadline = Date.now() + 60_000;
    let families: unknown[] = [];
    while (families.length === 0 && Date.now() < deadline) {
      families = (
        await http<{ items: unknown[] }>(baseOf(created), 'GET', '/api/families?limit=500', {
          headers,
        })
      ).body.items;
      if (families.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(families.length).toBeGreaterThan(100);
    const figures = await http<any>(baseOf(created), 'GET', '/api/projections/waiting-list', {
      headers,
    });
    expect(
      figures.body.byCareForm.reduce((sum: number, b: any) => sum + b.waiting, 0),
    ).toBeGreaterThan(0);
  });

  it('keeps its data in DATA_DIR', () => {
    expect(app()).toBeDefined();
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['pglite', 'samenspoor.lock']));
  });
});

describeWithPostgres('the API on a PostgreSQL server', () => {
  const schema = uniqueSchema('api_boot');
  let base: string;
  const app = operationalChecks(async () => {
    const config = loadConfig({
      DATABASE_URL: postgresUrl(),
      DATABASE_SCHEMA: schema,
      AUTH_MODE: 'dev',
      LOG_LEVEL: 'silent',
    });
    const created = await createApp(config);
    base = await listen(created);
    return { app: created, base };
  });
  afterAll(() => dropSchemas(schema));

  it('reports not ready (503) when the database is gone', async () => {
    await app().get<SqlDatabase>(SQL_DATABASE).close();
    const health = await http(base, 'GET', '/health');
    expect(health.status).toBe(503);
    expect(health.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(health.body).toMatchObject({
      status: 503,
      detail: 'not ready: eventStore down',
      checks: { eventStore: { status: 'down' } },
    });
    expect((await http(base, 'GET', '/health/live')).status).toBe(200);
  });
});
