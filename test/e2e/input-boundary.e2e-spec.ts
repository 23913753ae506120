import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';

import { DevTokens } from '@samenspoor/access';

import { ApiClient, describeOnEachStore, expectProblem, useTestApp } from '../support/app';
import { familyOnRoute } from '../support/route';
import { http, type HttpAnswer } from '../support/http';

/**
 * What PostgreSQL cannot hold (a NUL character, a lone surrogate) and what would overflow the stack (deep JSON)
 * never passes the boundary: a 400 naming the field (401 in a token), nothing appended, never a 5xx.
 */
describeOnEachStore('input the database cannot hold never gets in', (kind) => {
  const app = useTestApp(kind);
  const professional = app.as('p-anna', ['professional']);
  const auditor = app.as('a-1', ['auditor']);
  const manager = app.as('m-1', ['manager']);
  let family: string;

  beforeAll(async () => {
    family = (await familyOnRoute(professional, { municipality: 'Pekela', displayName: 'Noor' }))
      .path;
  });

  /** Sends, and expects a 400 problem naming exactly these fields, with nothing appended. */
  const expectRefused = (send: () => Promise<HttpAnswer<any>>, fields: string[], status = 400) =>
    expectProblem(app, send, { status, fields });

  /** Posts each body (to `family` + step, or `/api/families`) and expects 400 naming exactly its fields. */
  async function expectRefusedBodies(...cases: [path: string, body: object, fields: string[]][]) {
    for (const [path, body, fields] of cases) {
      const to = path.startsWith('/api/') ? path : `${family}${path}`;
      await expectRefused(() => professional.post(to, body), fields);
    }
  }

  it('refuses a NUL character in a body field, the organisation and the professional id included', async () => {
    const members = [
      { role: 'youth', displayName: 'Bo' },
      { role: 'parent', displayName: 'A\u0000' },
    ];
    await expectRefusedBodies(
      ['/network', { professionalId: 'p-x', organisation: 'Org\u0000' }, ['organisation']],
      ['/network', { professionalId: 'p\u0000x', organisation: 'Accare' }, ['professionalId']],
      ['/api/families', { municipality: 'Pekela', members }, ['members[1].displayName']],
    );
  });

  it('refuses lone surrogates, but accepts the pairs that make up emoji and other astral characters', async () => {
    await expectRefusedBodies(
      ['/progress-notes', { workstream: 'execution', note: 'x\ud800' }, ['note']],
      ['/progress-notes', { workstream: 'execution', note: '\udfffx' }, ['note']],
    );
    const paired = await professional.post(`${family}/progress-notes`, {
      workstream: 'execution',
      note: 'goed gesprek 😀 𝄞',
    });
    expect(paired.status).toBe(201);
  });

  it('refuses such characters in field names at any depth, before any other validation', async () => {
    const answer = await expectRefused(
      () =>
        professional.post('/api/families', {
          municipality: 'Pekela',
          members: [{ role: 'youth', displayName: 'Bo', ['x\u0000']: 1 }],
        }),
      ['members[0]'],
    );
    expect(answer.body.errors[0].message).toMatch(/field name/);
    await expectRefused(
      () => professional.post(`${family}/progress-notes`, { ['\ud800']: 'x' }),
      ['body'],
    );
  });

  it('refuses a NUL character in a query parameter and in an address', async () => {
    await expectRefused(() => auditor.get('/api/audit?actor=%00'), ['actor']);
    await expectRefused(() => auditor.get('/api/audit?actor=p-anna%00x'), ['actor']);
    await expectRefused(
      () => manager.get('/api/projections/waiting-list?providerId=%00'),
      ['providerId'],
    );
    await expectRefused(() => professional.delete(`${family}/network/p%00x`), ['professionalId']);
  });

  it('refuses JSON nested deeper than 64 levels with a 400, never a stack overflow', async () => {
    const deep = (depth: number, inner: string) => '['.repeat(depth) + inner + ']'.repeat(depth);
    const headers = {
      authorization: `Bearer ${professional.token}`,
      'content-type': 'application/json',
    };
    for (const rawBody of [
      `{"workstream":"execution","note":"x","extra":${deep(5_000, '1')}}`,
      `{"municipality":"Pekela","members":${deep(5_000, '{}')}}`,
      deep(100_000, ''),
      '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
    ]) {
      const path = rawBody.startsWith('{"municipality"')
        ? '/api/families'
        : `${family}/progress-notes`;
      const answer = await expectRefused(
        () => http(app.base, 'POST', path, { rawBody, headers }),
        [],
      );
      expect(answer.body.detail).toMatch(/nested deeper than 64/);
    }
    const deepToken = await http(app.base, 'POST', '/api/auth/dev-token', {
      rawBody: `{"sub":"x","roles":["auditor"],"name":${deep(5_000, '1')}}`,
    });
    expect(deepToken.status).toBe(400);
  });

  it('answers a NUL character in a header, or an address too long, as a problem from the HTTP parser', async () => {
    const url = new URL(app.base);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          `POST ${family}/progress-notes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${professional.token}\r\n` +
            `Idempotency-Key: ${randomUUID()}\u0000\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
        );
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect(raw).toMatch(/\r\nContent-Type: application\/problem\+json\r\n/);
    const longAddress = await auditor.get(`/api/audit?actor=${'x'.repeat(100_000)}`);
    expect(longAddress.status).toBe(431);
    expect(longAddress.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('refuses such characters in the claims of POST /api/auth/dev-token with 400', async () => {
    for (const [claims, field] of [
      [{ sub: 'p\u0000', roles: ['professional'] }, 'sub'],
      [{ sub: 'p-1', name: 'An\ud800', roles: ['professional'] }, 'name'],
      [{ sub: 'p-1', organisation: 'Org\u0000', roles: ['professional'] }, 'organisation'],
      [{ sub: 'p-1', roles: ['professional\u0000'] }, 'roles[0]'],
    ] as const) {
      await expectRefused(
        () => http(app.base, 'POST', '/api/auth/dev-token', { body: claims }),
        [field],
      );
    }
  });

  it('refuses a signed token whose claims hold such characters with 401, and audits nothing broken', async () => {
    const tokens = app.app.get(DevTokens, { strict: false });
    for (const claims of [
      { sub: 'p-anna\u0000', roles: ['professional'] as const },
      { sub: 'p-anna', roles: ['professional'] as const, organisation: 'Org\u0000' },
      { sub: 'p-anna', roles: ['professional'] as const, name: 'An\udc00' },
    ]) {
      const client = new ApiClient(app, await tokens.issue(claims));
      const answer = await expectRefused(() => client.get('/api/me'), [], 401);
      expect(answer.body.detail).toMatch(/claim/);
      await expectRefused(
        () => client.post(`${family}/network`, { professionalId: 'p-x', organisation: 'Accare' }),
        [],
        401,
      );
    }
    // The audit log still answers: no entry it cannot hold was attempted.
    expect((await auditor.get('/api/audit')).status).toBe(200);
  });

  it('answers 422 idempotency-key-reused for a key reused on another family, appending nothing', async () => {
    const other = await professional.post('/api/families', {
      municipality: 'Veendam',
      members: [{ role: 'parent', displayName: 'Els' }],
    });
    const otherFamily = `/api/families/${other.body.familyId}`;
    const key = randomUUID();
    const note = { workstream: 'execution', note: 'huisbezoek' };
    const first = await professional.post(`${family}/progress-notes`, note, {
      'Idempotency-Key': key,
    });
    expect(first.status).toBe(201);

    const elsewhere = await expectRefused(
      () => professional.post(`${otherFamily}/progress-notes`, note, { 'Idempotency-Key': key }),
      [],
      422,
    );
    expect(elsewhere.body).toMatchObject({
      rule: 'idempotency-key-reused',
      type: '/problems/idempotency-key-reused',
    });
    const otherRoute = await expectRefused(
      () =>
        professional.post(
          `${family}/consultations`,
          { advice: 'hsj-mcp-route' },
          { 'Idempotency-Key': key },
        ),
      [],
      422,
    );
    expect(otherRoute.body.rule).toBe('idempotency-key-reused');
    const otherBody = await expectRefused(
      () =>
        professional.post(
          `${family}/progress-notes`,
          { ...note, note: 'anders' },
          { 'Idempotency-Key': key },
        ),
      [],
      422,
    );
    expect(otherBody.body.rule).toBe('idempotency-key-reused');

    // A registration key reused on an existing family's step is refused too.
    const registrationKey = randomUUID();
    const registered = await professional.post(
      '/api/families',
      { municipality: 'Oldambt', members: [{ role: 'youth', displayName: 'Jip' }] },
      { 'Idempotency-Key': registrationKey },
    );
    expect(registered.status).toBe(201);
    const onStep = await expectRefused(
      () =>
        professional.post(`${family}/progress-notes`, note, { 'Idempotency-Key': registrationKey }),
      [],
      422,
    );
    expect(onStep.body.rule).toBe('idempotency-key-reused');

    const before = await app.eventCount();
    const repeat = await professional.post(`${family}/progress-notes`, note, {
      'Idempotency-Key': key,
    });
    expect({ status: repeat.status, body: repeat.body }).toEqual({ status: 201, body: first.body });
    expect(await app.eventCount()).toBe(before);
  });
});
