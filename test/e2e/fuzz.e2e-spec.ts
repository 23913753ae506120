import fc from 'fast-check';

import { FIXTURE_BSNS, jw305 } from '@samenspoor/ijw/testing';

import { ApiClient, describeOnEachStore, startTestApp, type TestApp } from '../support/app';
import { http } from '../support/http';

interface Operation {
  readonly method: string;
  /** The OpenAPI path: `/api/families/{familyId}/signals`. */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  readonly bodyFields: readonly string[];
}

/** Every `/api` operation of the OpenAPI document, with the names of its parameters and body fields. */
function operationsOf(document: any): Operation[] {
  const schemas = (document.components?.schemas ?? {}) as Record<string, any>;
  const fieldsOf = (schema: any): string[] => {
    const ref: unknown = schema?.$ref;
    const resolved = typeof ref === 'string' ? schemas[ref.split('/').pop()!] : schema;
    return Object.keys(resolved?.properties ?? {});
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, any>)) {
    if (!path.startsWith('/api/')) continue;
    for (const [method, operation] of Object.entries(item as Record<string, any>)) {
      const parameters = (operation.parameters ?? []) as { name: string; in: string }[];
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        bodyFields: fieldsOf(operation.requestBody?.content?.['application/json']?.schema),
      });
    }
  }
  return operations;
}

/** Percent-encodes a string's UTF-8 bytes (a lone surrogate becomes U+FFFD, as any client would send it). */
function encode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => `%${byte.toString(16).padStart(2, '0')}`)
    .join('');
}

/** Strings a client can put in a header (fetch refuses the others before sending). */
const HEADER_SAFE = /^[\t\x20-\x7e\x80-\xff]*$/;

const nasty = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfff',
    '\udc00\ud800',
    '😀',
    '',
    ' ',
    '%00',
    '\\u0000',
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ maxLength: 20 }),
);

/** Values of any type, nasty strings, deep nesting and, rarely, a huge string. */
const anyValue = fc.oneof(
  { weight: 6, arbitrary: nasty },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 1_000 }).map((depth) => nest(depth)) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 3 * 1024 * 1024 })
      .map((length) => `${'x'.repeat(length)}\u0000`),
  },
);

function nest(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString();

/**
 * A valid body of each command (ids filled in later), which the fuzzer spoils in one place: a nasty value in one
 * field reaches that field's own validation and, when it passes, the decider and the store.
 */
const VALID_BODIES: Record<string, Record<string, unknown>> = {
  'POST /api/auth/dev-token': { sub: 'p-9', roles: ['professional'], organisation: 'Accare' },
  'POST /api/families': {
    municipality: 'Pekela',
    members: [{ role: 'youth', displayName: 'Sem', birthYear: 2012 }],
  },
  'POST /api/families/{familyId}/members': { role: 'sibling', displayName: 'Bo' },
  'POST /api/families/{familyId}/signals': {
    source: 'gp',
    concerns: ['trauma'],
    urgency: 'regular',
    referrerOrganisation: 'Huisartsenpraktijk',
    summary: 'zorgen over thuis',
  },
  'POST /api/families/{familyId}/consultations': { advice: 'hsj-mcp-route' },
  'POST /api/families/{familyId}/network': {
    professionalId: 'p-eva',
    organisation: 'Accare',
    discipline: 'psychiater',
  },
  'PUT /api/families/{familyId}/case-director': { professionalId: 'p-anna' },
  'POST /api/families/{familyId}/analyses/{analysisId}/complete': {
    safetyLevel: 'concerns',
    patterns: ['stress'],
    riskFactors: ['schulden'],
    protectiveFactors: ['oma'],
  },
  'POST /api/families/{familyId}/plans': { goals: [{ description: 'rust thuis' }] },
  'POST /api/families/{familyId}/plans/{planId}/revisions': {
    reason: 'evaluatie',
    goals: [{ description: 'naar school' }],
  },
  'POST /api/families/{familyId}/trajectories': { careForm: 'foster-care', providerId: 'accare' },
  'POST /api/families/{familyId}/trajectories/{trajectoryId}/withdraw': { reason: 'elders' },
  'POST /api/families/{familyId}/trajectories/{trajectoryId}/end': { reason: 'completed' },
  'POST /api/families/{familyId}/mdos': {
    participants: ['p-anna'],
    nextMdoDueBy: inAWeek,
    decisions: ['door'],
  },
  'POST /api/families/{familyId}/progress-notes': { workstream: 'execution', note: 'huisbezoek' },
  'POST /api/families/{familyId}/safety-assessments': { level: 'concerns', notes: 'spanning' },
  'POST /api/families/{familyId}/safety-reviews': { outcome: 'besproken', advice: 'volgen' },
  'POST /api/families/{familyId}/follow-ups': { monthsAfterOutflow: 3, outcome: 'gaat goed' },
  'DELETE /api/families/{familyId}/personal-data': { legalBasis: 'AVG art. 17' },
  'POST /api/families/{familyId}/running-care': {
    careForm: 'foster-care',
    providerId: 'pleegzorg',
    startedAt: '2025-01-01T00:00:00Z',
    memberIds: ['{memberId}'],
    allocationNumber: 'TOEW-1',
  },
  'POST /api/families/{familyId}/protection-measures': {
    kind: 'supervision-order',
    memberIds: ['{memberId}'],
    institution: 'Jeugdbescherming Noord',
    startedAt: '2025-06-01T00:00:00Z',
    endsBy: '2027-06-01T00:00:00Z',
  },
  'POST /api/families/{familyId}/protection-measures/{measureId}/end': { reason: 'niet verlengd' },
  'POST /api/families/{familyId}/safe-at-home-reports': {
    kind: 'advice',
    memberIds: ['{memberId}'],
    outcome: 'advies',
  },
  'POST /api/families/{familyId}/plans/{planId}/evaluations': {
    goals: [{ goalId: '{goalId}', status: 'ongoing' }],
    familyInvolved: true,
    nextEvaluateBy: inAWeek,
  },
  'POST /api/families/{familyId}/voices': {
    memberId: '{memberId}',
    topic: 'safety',
    text: 'veilig bij oma',
    feelsSafe: 6,
  },
  'POST /api/families/{familyId}/informal-network': { displayName: 'Oma', relation: 'oma' },
};

/** A template with each `{name}` string replaced by the id of that name. */
function withIds(template: unknown, ids: Readonly<Record<string, string>>): unknown {
  return JSON.parse(
    JSON.stringify(template, (_key, value: unknown) =>
      typeof value === 'string' && /^\{\w+\}$/.test(value)
        ? (ids[value.slice(1, -1)] ?? value)
        : value,
    ),
  );
}

/** The paths of every leaf of a JSON value: `members[0].displayName`. */
function leavesOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leavesOf(v, [...path, i]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => leavesOf(v, [...path, k]));
  return [path];
}

/** A copy of `value` with `replacement` at `path` (a field name made nasty when `asKey`). */
function spoil(
  value: unknown,
  path: (string | number)[],
  replacement: unknown,
  asKey: boolean,
): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let target: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) target = target[step] as Record<string | number, unknown>;
  const last = path.at(-1);
  if (last === undefined) return replacement;
  if (asKey) target[String(replacement)] = target[last];
  else target[last] = replacement;
  return copy;
}

/** Which of the four clients a route is meant for, so that most requests get past the access guard. */
function meantFor(path: string): number {
  if (/audit|access-log|personal-data/.test(path)) return 3;
  if (/safety-reviews|safety-overview|entries/.test(path)) return 1;
  if (path.startsWith('/api/projections')) return 2;
  return 0;
}

/**
 * Fuzzes every command and query route the OpenAPI document lists, with a valid token of each role: bodies,
 * query strings, path parameters and headers with NUL characters, lone surrogates, deep nesting, huge strings,
 * wrong types and random unicode. Never a 5xx; a refused request appends nothing; every read model catches up.
 */
describeOnEachStore('fuzzing every route of the OpenAPI document', (kind) => {
  let app: TestApp;
  let clients: ApiClient[];
  let operations: Operation[];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp(kind);
    const professional = new ApiClient(app, await app.token('p-anna', ['professional']));
    clients = [
      professional,
      new ApiClient(app, await app.token('st-1', ['safety-team'], 'Veiligheidsteam')),
      new ApiClient(app, await app.token('m-1', ['manager'], 'Gemeente Pekela')),
      new ApiClient(app, await app.token('a-1', ['auditor'], 'Privacy')),
      new ApiClient(app, await app.token('i-1', ['integration'], 'Gemeente Pekela')),
    ];
    const registered = await professional.post('/api/families', {
      municipality: 'Pekela',
      members: [{ role: 'youth', displayName: 'Noor' }],
      occurredAt: new Date(Date.now() - 60 * 86_400_000).toISOString(),
    });
    const family = `/api/families/${registered.body.familyId}`;
    ids.familyId = registered.body.familyId;
    ids.professionalId = 'p-anna';
    ids.erasableFamilyId = (
      await professional.post('/api/families', {
        municipality: 'Veendam',
        members: [{ role: 'parent', displayName: 'Els' }],
      })
    ).body.familyId;
    await professional.post(`${family}/signals`, {
      source: 'gp',
      concerns: ['trauma'],
      urgency: 'regular',
    });
    ids.analysisId = (await professional.post(`${family}/analyses`)).body.analysisId;
    await professional.post(`${family}/analyses/${ids.analysisId}/complete`, {
      safetyLevel: 'concerns',
    });
    const plan = await professional.post(`${family}/plans`, {
      analysisId: ids.analysisId,
      goals: [{ description: 'rust thuis' }],
    });
    ids.planId = plan.body.planId;
    ids.goalId = plan.body.goalIds[0];
    ids.memberId = registered.body.memberIds[0];
    ids.measureId = (
      await professional.post(`${family}/protection-measures`, {
        kind: 'guardianship',
        memberIds: [ids.memberId],
        institution: 'Jeugdbescherming Noord',
        startedAt: new Date(Date.now() - 90 * 86_400_000).toISOString(),
      })
    ).body.measureId;
    ids.trajectoryId = (
      await professional.post(`${family}/trajectories`, {
        careForm: 'crisis-care',
        providerId: 'accare',
      })
    ).body.trajectoryId;
    // An iJw message kept for the safety team (no family has its BSN), for the link route.
    const kept = await http(app.base, 'POST', '/api/ijw/messages', {
      rawBody: jw305({ messageId: 'FUZZ-1', bsn: FIXTURE_BSNS[3] }),
      headers: {
        authorization: `Bearer ${clients.at(-1)!.token}`,
        'content-type': 'application/xml',
      },
    });
    ids.messageId = kept.body.messageId;
    const document = await http(app.base, 'GET', '/docs-json');
    operations = operationsOf(document.body);
  });
  afterAll(() => app.close());

  it('finds the command and query routes in the OpenAPI document', () => {
    const names = operations.map((o) => `${o.method} ${o.path}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/families',
        'POST /api/families/{familyId}/network',
        'DELETE /api/families/{familyId}/personal-data',
        'GET /api/audit',
        'GET /api/projections/waiting-list',
      ]),
    );
    for (const operation of operations)
      for (const name of operation.pathParams) expect(Object.keys(ids)).toContain(name);
    for (const route of Object.keys(VALID_BODIES)) expect(names).toContain(route);
  });

  it('never answers 5xx, appends nothing on a refusal, and leaves every read model caught up', async () => {
    /** `arbitrary` in `percent` of the runs, `null` (left alone) in the others. */
    const sometimes = <T>(arbitrary: fc.Arbitrary<T>, percent: number) =>
      fc.oneof(
        { weight: 100 - percent, arbitrary: fc.constant(null) },
        { weight: percent, arbitrary },
      );
    const request = fc.record({
      operation: fc.constantFrom(...operations),
      client: sometimes(fc.nat({ max: 3 }), 25),
      pathValue: sometimes(nasty, 20),
      queryName: fc.nat(),
      queryValue: sometimes(fc.oneof(nasty, anyValue.map(String)), 60),
      extraQuery: fc.dictionary(nasty, nasty, { maxKeys: 2 }),
      spoilAt: fc.nat(),
      spoilWith: sometimes(anyValue, 85),
      spoilKey: fc.boolean(),
      randomBody: sometimes(
        fc.oneof(fc.dictionary(fc.string({ maxLength: 12 }), anyValue, { maxKeys: 4 }), anyValue),
        20,
      ),
      rawBody: sometimes(
        fc.constantFrom('{"a":', '[', '{"note":"\\ud800"}', '\u0000', '{"\\u0000":1}'),
        10,
      ),
      idempotencyKey: sometimes(fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })), 20),
      ifMatch: sometimes(
        fc.oneof(
          fc.nat({ max: 20 }).map((n) => `"${n}"`),
          fc.string({ maxLength: 20 }),
        ),
        15,
      ),
    });
    let answered = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const { operation } = r;
        const pathIds = operation.path.endsWith('personal-data')
          ? { ...ids, familyId: ids.erasableFamilyId! }
          : ids;
        const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
          r.pathValue !== null && operation.pathParams.at(-1) === name
            ? encode(r.pathValue)
            : (pathIds[name] ?? 'x'),
        );
        const query = new URLSearchParams();
        for (const [name, value] of Object.entries(r.extraQuery)) query.append(name, value);
        const known = operation.queryParams;
        if (known.length > 0 && r.queryValue !== null)
          query.append(known[r.queryName % known.length]!, r.queryValue);

        // Mostly a valid body spoilt in one place (a value, or a field name), sometimes anything at all.
        const template = VALID_BODIES[`${operation.method} ${operation.path}`];
        let body: unknown = r.randomBody ?? undefined;
        if (template && r.randomBody === null) {
          const valid = {
            ...(withIds(template, ids) as Record<string, unknown>),
            ...(operation.path.endsWith('/plans') ? { analysisId: ids.analysisId } : {}),
          };
          const leaves = leavesOf(valid);
          body =
            r.spoilWith === null
              ? valid
              : spoil(valid, leaves[r.spoilAt % leaves.length]!, r.spoilWith, r.spoilKey);
        }
        const client = clients[r.client ?? meantFor(operation.path)]!;
        const headers: Record<string, string> = { authorization: `Bearer ${client.token}` };
        if (r.idempotencyKey !== null && HEADER_SAFE.test(r.idempotencyKey))
          headers['idempotency-key'] = r.idempotencyKey;
        if (r.ifMatch !== null && HEADER_SAFE.test(r.ifMatch)) headers['if-match'] = r.ifMatch;
        const hasBody = operation.method !== 'GET' && (body !== undefined || r.rawBody !== null);
        if (hasBody) headers['content-type'] = 'application/json';

        const before = await app.eventCount();
        const answer = await http(app.base, operation.method, `${path}?${query.toString()}`, {
          headers,
          ...(hasBody ? { rawBody: r.rawBody ?? JSON.stringify(body) } : {}),
        });
        const what = `${operation.method} ${operation.path} → ${answer.status} ${answer.text.slice(0, 300)}`;
        expect({ what, server: answer.status >= 500 }).toEqual({ what, server: false });
        if (answer.status >= 400) {
          const type = answer.headers.get('content-type') ?? '';
          expect({ what, problem: type.startsWith('application/problem+json') }).toEqual({
            what,
            problem: true,
          });
          expect({ what, appended: (await app.eventCount()) - before }).toEqual({
            what,
            appended: 0,
          });
        } else if (operation.method !== 'GET') accepted++;
        answered++;
      }),
      {
        numRuns: 300,
        interruptAfterTimeLimit: 15_000,
        // A valid progress note first, so that the read models always have something to catch up with.
        examples: [
          [
            {
              operation: operations.find((o) => o.path.endsWith('/progress-notes'))!,
              client: null,
              pathValue: null,
              queryName: 0,
              queryValue: null,
              extraQuery: {},
              spoilAt: 0,
              spoilWith: null,
              spoilKey: false,
              randomBody: null,
              rawBody: null,
              idempotencyKey: null,
              ifMatch: null,
            },
          ],
        ],
      },
    );
    expect(answered).toBeGreaterThan(50);
    expect(accepted).toBeGreaterThan(0);

    // Every read model applied every event that got in: none of them holds an event it could not store.
    const lags = async () => {
      const metrics = await http<string>(app.base, 'GET', '/metrics');
      return [
        ...metrics.text.matchAll(
          /^samenspoor_projection_lag_events\{projection="([^"]+)"\} (\d+)$/gm,
        ),
      ].map(([, projection, lag]) => ({ projection, lag: Number(lag) }));
    };
    const deadline = Date.now() + 15_000;
    let current = await lags();
    while (current.some((l) => l.lag > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      current = await lags();
    }
    expect(current.length).toBeGreaterThan(0);
    expect(current.filter((l) => l.lag > 0)).toEqual([]);
  }, 90_000);
});
