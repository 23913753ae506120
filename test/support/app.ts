import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INestApplication } from '@nestjs/common';
import type { DestinationStream } from 'pino';

import { EVENT_STORE, type EventStore } from '@samenspoor/event-store';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig, type AppConfig } from '../../apps/api/src/config/app-config';
import { devToken, http, listen, type HttpAnswer } from './http';
import { seedPgliteDataDir } from './pglite-template';
import { describeWithPostgres, dropSchemas, postgresUrl, uniqueSchema } from './postgres';

export type StoreKind = 'pglite' | 'postgres';

/** A running API over real HTTP, on a store of its own, for end-to-end tests. */
export interface TestApp {
  readonly kind: StoreKind;
  readonly base: string;
  readonly app: INestApplication;
  readonly store: EventStore;
  /**
   * Every event stored, committed or not yet readable in global order: what "nothing was appended" is checked
   * with (the head position can lag behind on a busy PostgreSQL server).
   */
  eventCount(): Promise<number>;
  /** A development token for a user with these roles. */
  token(sub: string, roles: string[], organisation?: string): Promise<string>;
  /** Stops the process's app and starts a new one on the same data, as after a restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  readonly env?: Record<string, string>;
  readonly logDestination?: DestinationStream;
  /** A folder holding a built web UI (an `index.html`) to serve instead of `dist/web`. */
  readonly webUiFolder?: string;
}

export async function startTestApp(
  kind: StoreKind,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const dataDir = kind === 'pglite' ? mkdtempSync(join(tmpdir(), 'samenspoor-e2e-')) : undefined;
  // A made cluster, not a new one: the app starts in a second instead of several (a fresh folder is boot's test).
  if (dataDir) seedPgliteDataDir(options.env?.DATA_DIR ?? dataDir);
  const sharedSchema = options.env?.DATABASE_SCHEMA;
  const schema = kind === 'postgres' ? (sharedSchema ?? uniqueSchema('e2e')) : undefined;
  const config: AppConfig = loadConfig({
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    AUTH_MODE: 'dev',
    ...(dataDir
      ? { DATA_DIR: dataDir }
      : { DATABASE_URL: postgresUrl(), DATABASE_SCHEMA: schema! }),
    ...options.env,
  });
  const boot = async () => {
    const app = await createApp(config, {
      logDestination: options.logDestination,
      ...(options.webUiFolder ? { webUiFolder: options.webUiFolder } : {}),
    });
    return { app, base: await listen(app) };
  };
  let current = await boot();
  const testApp: TestApp = {
    kind,
    get base() {
      return current.base;
    },
    get app() {
      return current.app;
    },
    get store() {
      return current.app.get<EventStore>(EVENT_STORE);
    },
    async eventCount() {
      const database = current.app.get<SqlDatabase>(SQL_DATABASE);
      const [row] = await database.query<{ n: number }>(
        `select count(*)::int as n from "${config.store.schema}".events`,
      );
      return row?.n ?? 0;
    },
    token(sub, roles, organisation) {
      return devToken(current.base, sub, roles, organisation);
    },
    async restart() {
      await current.app.close();
      current = await boot();
    },
    async close() {
      await current.app.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (schema && !sharedSchema) await dropSchemas(schema);
    },
  };
  return testApp;
}

/**
 * Runs the same end-to-end suite on the embedded store and on the PostgreSQL server (skipped, saying why,
 * when the server is unreachable outside CI).
 */
export function describeOnEachStore(name: string, body: (kind: StoreKind) => void): void {
  describe(`${name} (embedded PGlite)`, () => body('pglite'));
  describeWithPostgres(`${name} (PostgreSQL)`, () => body('postgres'));
}

/** A client of the API acting with one token. */
export class ApiClient {
  private readonly tokenOf: () => string;

  /** `token` is the token itself, or where to find it once it is issued (see `useTestApp`). */
  constructor(
    private readonly app: Pick<TestApp, 'base'>,
    token: string | (() => string),
  ) {
    this.tokenOf = typeof token === 'string' ? () => token : token;
  }

  get token(): string {
    return this.tokenOf();
  }

  request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpAnswer<T>> {
    return http<T>(this.app.base, method, path, {
      ...(body === undefined ? {} : { body }),
      headers: { authorization: `Bearer ${this.token}`, ...headers },
    });
  }

  post<T = any>(path: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }

  put<T = any>(path: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, body, headers);
  }

  delete<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, body, headers);
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
}

/** The test app of a describe block (see `useTestApp`). */
export interface SuiteApp extends TestApp {
  /**
   * A client acting as this user (organisation `WIJ Groningen` unless named). Declare users in the describe body:
   * their tokens are issued once the app has started, before the suite's own `beforeAll` hooks run.
   */
  as(sub: string, roles: readonly string[], organisation?: string): ApiClient;
}

/**
 * Starts a test app for the enclosing describe block in a `beforeAll` and closes it in an `afterAll`, both
 * registered where this is called (so hooks declared after it see the app started, and after-hooks declared
 * after it run once it is closed). The handle answers for the running app inside hooks and tests.
 */
export function useTestApp(kind: StoreKind, options: TestAppOptions = {}): SuiteApp {
  let started: TestApp | undefined;
  const users: { sub: string; roles: readonly string[]; organisation?: string; token?: string }[] =
    [];
  const running = (): TestApp => {
    if (!started) throw new Error('the suite app runs from its beforeAll to its afterAll');
    return started;
  };
  // Starting an app takes seconds, and far longer on a busy machine: more than the default test time-out.
  beforeAll(async () => {
    started = await startTestApp(kind, options);
    for (const user of users)
      user.token = await started.token(user.sub, [...user.roles], user.organisation);
  }, 180_000);
  afterAll(async () => {
    await started?.close();
    started = undefined;
  });
  const suite: SuiteApp = {
    kind,
    get base() {
      return running().base;
    },
    get app() {
      return running().app;
    },
    get store() {
      return running().store;
    },
    eventCount: () => running().eventCount(),
    token: (sub, roles, organisation) => running().token(sub, roles, organisation),
    restart: () => running().restart(),
    close: () => running().close(),
    as(sub, roles, organisation) {
      if (started) throw new Error(`declare ${sub} in the describe body, before the app starts`);
      const user: (typeof users)[number] = {
        sub,
        roles,
        ...(organisation ? { organisation } : {}),
      };
      users.push(user);
      return new ApiClient(suite, () => {
        if (user.token === undefined) throw new Error(`${sub} has no token before the app starts`);
        return user.token;
      });
    },
  };
  return suite;
}

/**
 * The people of the figures' suites, declared on `app` (see `SuiteApp.as`): a professional of WIJ Groningen who
 * takes families along the route, a manager of the municipality of Groningen and the regional safety team.
 */
export function figuresPeople(
  app: SuiteApp,
): Record<'professional' | 'manager' | 'safetyTeam', ApiClient> {
  return {
    professional: app.as('p-anna', ['professional']),
    manager: app.as('m-fleur', ['manager'], 'Gemeente Groningen'),
    safetyTeam: app.as('s-carla', ['safety-team']),
  };
}

/**
 * The test app of a describe block on the PostgreSQL server, in a schema of its own (dropped afterwards) that
 * the tools and other processes reach with `env`.
 */
export function useSchemaApp(prefix: string): {
  readonly app: SuiteApp;
  readonly schema: string;
  readonly env: Record<string, string>;
} {
  const schema = uniqueSchema(prefix);
  const app = useTestApp('postgres', { env: { DATABASE_SCHEMA: schema } });
  afterAll(() => dropSchemas(schema));
  return { app, schema, env: { DATABASE_URL: postgresUrl(), DATABASE_SCHEMA: schema } };
}

/** Sends a request and expects a problem answer with nothing appended to the store. */
export async function expectProblem(
  app: Pick<TestApp, 'eventCount'>,
  send: () => Promise<HttpAnswer<any>>,
  expected: {
    readonly status: number;
    /** The fields the problem names (each once, in any order); left out or empty: not checked. */
    readonly fields?: readonly string[];
    /** The broken rule, with a `detail` that explains it. */
    readonly rule?: string;
  },
): Promise<HttpAnswer<any>> {
  const before = await app.eventCount();
  const answer = await send();
  const { status, fields = [], rule } = expected;
  expect({ status: answer.status, body: answer.body }).toMatchObject({
    status,
    ...(rule === undefined ? {} : { body: { rule } }),
  });
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  if (rule !== undefined) expect(answer.body.detail).toEqual(expect.any(String));
  if (fields.length > 0) {
    const named = (answer.body.errors as { field: string }[]).map((e) => e.field);
    expect([...new Set(named)].sort()).toEqual([...fields].sort());
  }
  expect(await app.eventCount()).toBe(before);
  return answer;
}
