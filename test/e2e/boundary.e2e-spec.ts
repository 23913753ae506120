import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { APP_CONFIG, type AppConfig } from '../../apps/api/src/config/app-config';
import {
  ApiClient,
  describeOnEachStore,
  startTestApp,
  useTestApp,
  type TestApp,
} from '../support/app';
import { familyOnRoute } from '../support/route';
import { documentedRoutes, http } from '../support/http';

/**
 * A request whose path goes on the wire exactly as written: `fetch` would resolve `..`, and some clients fold
 * `//`, which would hide the variants this file is about.
 */
function raw(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: hostname,
        port,
        method,
        path,
        headers: {
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Other spellings of a path: each one must never be let in where the exact path is refused. */
function variants(path: string): string[] {
  const [, first = '', rest = ''] = /^\/([^/]+)(.*)$/.exec(path) ?? [];
  const capital = first.charAt(0).toUpperCase() + first.slice(1);
  const encodedFirst = `%${first.charCodeAt(0).toString(16).toUpperCase()}${first.slice(1)}`;
  const second = /^\/([^/]+)(.*)$/.exec(rest);
  return [
    path.toUpperCase(),
    `/${first.toUpperCase()}${rest}`,
    `/${capital}${rest}`,
    ...(second?.[1]
      ? [`/${first}/${second[1].toUpperCase()}${second[2]}`, `/${first}%2F${second[1]}${second[2]}`]
      : []),
    `${path}/`,
    `/${path}`,
    `/${first}/${rest}`,
    `/${encodedFirst}${rest}`,
    `/%${first.charCodeAt(0).toString(16).toUpperCase()}${first.slice(1).toUpperCase()}${rest}`,
    `/${first}/x/..${rest}`,
    `/${first}/.${rest}`,
    `/${first}/%2E%2E/${first}${rest}`,
  ];
}

type Caller = 'no token' | 'professional in the network' | 'professional outside it' | Role;
type Role = 'safety-team' | 'manager' | 'auditor';

const PEOPLE: Record<Exclude<Caller, 'no token'>, { sub: string; roles: string[] }> = {
  'professional in the network': { sub: 'p-in', roles: ['professional'] },
  'professional outside it': { sub: 'p-out', roles: ['professional'] },
  'safety-team': { sub: 'st-1', roles: ['safety-team'] },
  manager: { sub: 'm-1', roles: ['manager'] },
  auditor: { sub: 'a-1', roles: ['auditor'] },
};

/**
 * The attack test of issue 11, item 1: routing is case-sensitive and strict, and the access guard decides on the
 * matched route, so no spelling of a path (case, trailing or double slashes, percent-encoding, dot segments)
 * reaches data that the exact path refuses; nothing answers 5xx; every refusal is audited.
 */
describe('the HTTP boundary: every route in every spelling', () => {
  let app: TestApp;
  let uiFolder: string;
  const headers = {} as Record<Caller, Record<string, string>>;
  let familyId: string;

  beforeAll(async () => {
    uiFolder = mkdtempSync(join(tmpdir(), 'samenspoor-ui-'));
    writeFileSync(join(uiFolder, 'index.html'), '<!doctype html><title>Samenspoor UI</title>');
    app = await startTestApp('pglite', { webUiFolder: uiFolder });
    headers['no token'] = {};
    for (const [who, person] of Object.entries(PEOPLE)) {
      const token = await app.token(person.sub, person.roles);
      headers[who as Caller] = { authorization: `Bearer ${token}` };
    }
    const registered = await new ApiClient(
      app,
      headers['professional in the network'].authorization!.slice(7),
    ).post('/api/families', {
      municipality: 'Groningen',
      members: [{ role: 'youth', displayName: 'Grensgeval' }],
    });
    expect(registered.status).toBe(201);
    familyId = registered.body.familyId;
  });
  afterAll(async () => {
    await app.close();
    rmSync(uiFolder, { recursive: true, force: true });
  });

  async function deniedInAuditLog(): Promise<number> {
    const database = app.app.get<SqlDatabase>(SQL_DATABASE);
    const schema = app.app.get<AppConfig>(APP_CONFIG).store.schema;
    const [row] = await database.query<{ n: number }>(
      `select count(*)::int as n from "${schema}".audit_log where status = 403 and outcome = 'denied'`,
    );
    return row?.n ?? 0;
  }

  it('never lets a variant in where the exact path is refused, never answers 5xx, audits every 403', async () => {
    const routes = await documentedRoutes(app.base);
    expect(routes.length).toBeGreaterThan(30);
    // The operations routes the document leaves out are walked too.
    routes.push({ method: 'GET', template: '/metrics' });

    const before = await deniedInAuditLog();
    let refused = 0;
    const wrong: string[] = [];
    for (const { method, template } of routes) {
      const path = template
        .replace('{familyId}', familyId)
        .replace('{professionalId}', 'p-nobody')
        .replace(/\{\w+\}/g, () => randomUUID());
      // An empty body: an allowed command fails validation, and nothing changes.
      const body = method === 'GET' ? undefined : '{}';
      for (const caller of Object.keys(headers) as Caller[]) {
        const exact = await raw(app.base, method, path, headers[caller], body);
        if (exact.status === 403) refused++;
        if (exact.status >= 500) wrong.push(`${caller} ${method} ${path}: ${exact.status}`);
        const shut = exact.status === 401 || exact.status === 403 || exact.status === 404;
        for (const variant of variants(path)) {
          for (const accept of ['application/json', 'text/html']) {
            const answer = await raw(
              app.base,
              method,
              variant,
              { ...headers[caller], accept },
              body,
            );
            if (answer.status === 403) refused++;
            const letIn = answer.status >= 200 && answer.status < 300;
            if (
              answer.status >= 500 ||
              (shut && letIn) ||
              (letIn && /familyId|Grensgeval/.test(answer.text))
            )
              wrong.push(
                `${caller} ${method} ${variant} (${accept}): ${answer.status} where ${path} is ${exact.status}`,
              );
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(refused).toBeGreaterThan(0);
    expect((await deniedInAuditLog()) - before).toBe(refused);
  });

  it.each([
    ['/API/families/{id}'],
    ['/API/audit'],
    ['/API/families/{id}/timeline'],
    ['/API/families/{id}/access-log'],
    ['/API/projections/safety-overview'],
    ['/API/projections/waiting-list/entries'],
  ])(
    'answers %s without a token with no data (the findings of the attack test)',
    async (template) => {
      const path = template.replace('{id}', familyId);
      for (const accept of ['application/json', 'text/html', '*/*']) {
        const answer = await raw(app.base, 'GET', path, { accept });
        expect([path, accept, answer.status]).toEqual([path, accept, 404]);
        // A problem that names the path asked for, nothing of the family.
        expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(answer.text).not.toContain('Grensgeval');
        expect(answer.text).not.toContain('municipality');
      }
    },
  );

  it('sends nosniff and no-store everywhere, and no HSTS when neither TRUST_PROXY nor TLS is set', async () => {
    const answer = await raw(app.base, 'GET', `/api/families/${familyId}`, headers['safety-team']);
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['strict-transport-security']).toBeUndefined();
  });

  it('still serves the web UI for its pages, and its fallback never for a spelling of an API path', async () => {
    const page = await raw(app.base, 'GET', `/gezinnen/${familyId}`, { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Samenspoor UI');
    // The start address leads to the UI whoever asks for it; another page only for a browser.
    for (const accept of ['text/html', '*/*', 'application/json', '']) {
      const start = await raw(app.base, 'GET', '/', accept ? { accept } : {});
      expect([accept, start.status, start.text]).toEqual([
        accept,
        200,
        '<!doctype html><title>Samenspoor UI</title>',
      ]);
    }
    expect((await raw(app.base, 'GET', '/gezinnen', { accept: '*/*' })).status).toBe(404);
    for (const path of [
      '/API/audit',
      '/Api/me',
      '//api/audit',
      '/%61pi/audit',
      '/api%2Faudit',
      '/x/../api/audit',
      '/HEALTH',
      '/Docs',
    ]) {
      const answer = await raw(app.base, 'GET', path, { accept: 'text/html' });
      expect([path, answer.status]).toEqual([path, 404]);
    }
  });
});

describeOnEachStore('one answer for "not yours" and "not there"', (kind) => {
  const app = useTestApp(kind);
  const inside = app.as('p-in', ['professional']);
  const outside = app.as('p-out', ['professional']);
  const safetyTeam = app.as('st-1', ['safety-team']);
  const auditor = app.as('a-1', ['auditor']);
  let familyId: string;

  beforeAll(async () => {
    const registered = { municipality: 'Groningen', displayName: 'Orakel' };
    familyId = (await familyOnRoute(inside, registered)).familyId;
  });

  it('gives a professional outside the network the same 403 for an existing and a missing family', async () => {
    const missing = randomUUID();
    for (const suffix of ['', '/timeline']) {
      const existing = await outside.get(`/api/families/${familyId}${suffix}`);
      const unknown = await outside.get(`/api/families/${missing}${suffix}`);
      expect([suffix, existing.status, unknown.status]).toEqual([suffix, 403, 403]);
      expect(unknown.body.detail).toBe(existing.body.detail);
      expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const before = await app.eventCount();
    const note = { workstream: 'execution', note: 'x' };
    expect((await outside.post(`/api/families/${missing}/progress-notes`, note)).status).toBe(403);
    expect((await outside.post(`/api/families/${familyId}/progress-notes`, note)).status).toBe(403);
    expect(await app.eventCount()).toBe(before);

    // Both refusals are audited alike, the missing family's id included.
    const audit = await auditor.get(`/api/audit?familyId=${missing}`);
    expect(audit.body.items.map((e: { outcome: string }) => e.outcome)).toEqual([
      'denied',
      'denied',
      'denied',
    ]);
  });

  it('keeps 404 for callers who may see the family: the safety team, and network members for sub-resources', async () => {
    expect((await safetyTeam.get(`/api/families/${randomUUID()}`)).status).toBe(404);
    expect((await safetyTeam.get(`/api/families/${randomUUID()}/timeline`)).status).toBe(404);
    expect((await inside.get(`/api/families/${familyId}`)).status).toBe(200);
    const unknownAnalysis = await inside.post(
      `/api/families/${familyId}/analyses/${randomUUID()}/complete`,
      { safetyLevel: 'safe' },
    );
    expect([unknownAnalysis.status, unknownAnalysis.body.rule]).toEqual([404, 'unknown-reference']);
  });
});

describeOnEachStore('erasure and hasBsn', (kind) => {
  const app = useTestApp(kind);
  const professional = app.as('p-1', ['professional']);
  const safetyTeam = app.as('st-1', ['safety-team']);
  const auditor = app.as('a-1', ['auditor']);

  it('answers hasBsn false in the summary and the family list once the personal data is erased', async () => {
    const registered = await familyOnRoute(professional, {
      municipality: 'Groningen',
      displayName: 'Wisbaar',
      bsn: '111222333',
    });
    const { familyId } = registered;
    const hasBsn = async (position: string) => {
      const summary = await safetyTeam.get(`/api/families/${familyId}`);
      const list = await safetyTeam.get(`/api/families?minPosition=${position}`);
      const listed = list.body.items.find((f: { familyId: string }) => f.familyId === familyId);
      return [summary.body.members[0].hasBsn, listed.members[0].hasBsn];
    };
    expect(await hasBsn(registered.position)).toEqual([true, true]);
    const erased = await auditor.delete(`/api/families/${familyId}/personal-data`, {
      legalBasis: 'AVG art. 17',
    });
    expect(erased.status).toBe(200);
    expect(await hasBsn(erased.body.position)).toEqual([false, false]);
  });
});

describe('security headers and the sign-in rate limit (behind a proxy: TRUST_PROXY)', () => {
  const WINDOW_SECONDS = 2;
  const LIMIT = 5;
  const app = useTestApp('pglite', {
    env: {
      TRUST_PROXY: 'loopback',
      SIGN_IN_RATE_LIMIT: String(LIMIT),
      SIGN_IN_RATE_WINDOW_SECONDS: String(WINDOW_SECONDS),
    },
  });

  /** A request as from the client address `from`, as the proxy in front of the API reports it. */
  const from = (address: string, method: string, path: string, body?: unknown, token?: string) =>
    http(app.base, method, path, {
      ...(body === undefined ? {} : { body }),
      headers: {
        'x-forwarded-for': address,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });

  it('marks answers with personal data no-store and nosniff, and sends HSTS', async () => {
    const token = await from('10.1.0.1', 'POST', '/api/auth/dev-token', {
      sub: 'p-1',
      roles: ['professional'],
      organisation: 'WIJ Groningen',
    });
    expect(token.status).toBe(200);
    const professional = (token.body as { token: string }).token;
    const registered = await from(
      '10.1.0.2',
      'POST',
      '/api/families',
      { municipality: 'Groningen', members: [{ role: 'youth', displayName: 'Kopregel' }] },
      professional,
    );
    expect(registered.status).toBe(201);
    const familyId = (registered.body as { familyId: string }).familyId;
    for (const answer of [
      await from('10.1.0.2', 'GET', `/api/families/${familyId}`, undefined, professional),
      await from('10.1.0.2', 'GET', `/api/families/${familyId}/timeline`, undefined, professional),
      await from('10.1.0.2', 'GET', `/api/families/${familyId}`),
      await from('10.1.0.2', 'GET', '/api/nothing-here'),
      await from('10.1.0.2', 'GET', '/health/live'),
    ]) {
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
    }
  });

  it('gives /docs a content security policy under which Swagger UI still loads', async () => {
    const page = await http<string>(app.base, 'GET', '/docs');
    expect(page.status).toBe(200);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    // Every script is a file of this origin (an inline one would be blocked by script-src 'self').
    const scripts = [...page.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? '');
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toMatch(/\bsrc=/);
    const assets = [...page.text.matchAll(/(?:src|href)=["']([^"']+\.(?:js|css))["']/g)].map(
      (m) => m[1]!,
    );
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      const url = new URL(asset, `${app.base}/docs`);
      expect(url.origin).toBe(app.base);
      const answer = await http(app.base, 'GET', url.pathname);
      expect([asset, answer.status]).toEqual([asset, 200]);
      expect(answer.headers.get('content-type')).toMatch(/javascript|css/);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const init = await http<string>(app.base, 'GET', '/docs/swagger-ui-init.js');
    expect(init.text).toContain('Samenspoor');
  });

  it('limits the sign-in routes per address with 429 and Retry-After; another address, or the next window, is unaffected', async () => {
    for (let i = 0; i < LIMIT; i++) {
      expect((await from('10.2.0.1', 'GET', '/api/auth/config')).status).toBe(200);
    }
    const limited = await from('10.2.0.1', 'GET', '/api/auth/config');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(WINDOW_SECONDS);
    // Every sign-in route shares the limit, a token or none (counted before any token is looked at).
    expect((await from('10.2.0.1', 'GET', '/api/me')).status).toBe(429);
    expect((await from('10.2.0.1', 'GET', '/api/auth/dev-users')).status).toBe(429);
    expect(
      (await from('10.2.0.1', 'POST', '/api/auth/dev-token', { sub: 'x', roles: ['manager'] }))
        .status,
    ).toBe(429);
    // Other routes are not limited.
    expect((await from('10.2.0.1', 'GET', '/health/live')).status).toBe(200);
    // Another address is unaffected.
    expect((await from('10.2.0.2', 'GET', '/api/auth/config')).status).toBe(200);
    // The next window lets the first address in again.
    await new Promise((resolve) => setTimeout(resolve, (WINDOW_SECONDS + 0.5) * 1000));
    expect((await from('10.2.0.1', 'GET', '/api/auth/config')).status).toBe(200);
  });
});
