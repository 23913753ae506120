import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import { describeWithPostgres } from '@samenspoor/testing';

import { ApiClient, startTestApp, type TestApp } from '../support/app';
import { familyToken, http } from '../support/http';

type Schema = Record<string, unknown>;

/**
 * The OpenAPI document is the one description of the API (the web client's types are generated from it), so
 * every answer must match the schema it declares: read on a seeded demo region, by every role, with fields the
 * schema does not name counted as errors. An answer that drifts from its schema (a field added, renamed or
 * nullable where the document says it is not) fails here, not in a client.
 */
describeWithPostgres('answers match the schemas of the OpenAPI document', () => {
  let app: TestApp;
  let document: {
    paths: Record<string, Record<string, { responses: Record<string, Schema> }>>;
    components: { schemas: Record<string, Schema> };
  };
  const clients = new Map<string, ApiClient>();
  const validators = new Map<string, ValidateFunction>();
  /** Operations that answer a document (a PDF), not JSON. */
  const documents = new Set<string>();

  beforeAll(async () => {
    app = await startTestApp('postgres', { env: { SEED_DEMO: 'true' } });
    document = (await http(app.base, 'GET', '/docs-json')).body;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations)) {
        const ok = Object.entries(operation.responses).find(([status]) => status.startsWith('2'));
        const content = (ok?.[1] as { content?: Record<string, { schema?: Schema }> } | undefined)
          ?.content;
        if (content?.['application/pdf']) documents.add(`${method.toUpperCase()} ${path}`);
        const schema = content?.['application/json']?.schema;
        if (!schema) continue;
        validators.set(
          `${method.toUpperCase()} ${path}`,
          ajv.compile(closed(schema, document.components.schemas) as Schema),
        );
      }
    // The demo region is seeded at start-up; its professionals show once the read models caught up.
    let users: { id: string; roles: string[] }[] = [];
    for (let tries = 0; !users.some((u) => u.roles.includes('professional')); tries++) {
      if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 500));
      expect(tries).toBeLessThan(240);
      users = (
        await http<{ users: { id: string; roles: string[] }[] }>(
          app.base,
          'GET',
          '/api/auth/dev-users',
        )
      ).body.users;
    }
    for (const role of ['professional', 'safety-team', 'manager', 'auditor']) {
      const user = users.find((u) => u.roles.includes(role))!;
      clients.set(role, new ApiClient(app, await app.token(user.id, [role])));
    }
    // A member of the demo household, for the family's own view.
    const member = (
      users as { id: string; roles: string[]; familyId?: string; memberId?: string }[]
    ).find((u) => u.roles.includes('family') && u.familyId && u.memberId)!;
    clients.set(
      'family',
      new ApiClient(
        app,
        await familyToken(app.base, member.id, {
          familyId: member.familyId!,
          memberId: member.memberId!,
        }),
      ),
    );
  }, 180_000);
  afterAll(() => app?.close());

  /** What is wrong with an answer, as `operation: path message` lines (none when it matches). */
  function mismatches(operation: string, body: unknown): string[] {
    const validate = validators.get(operation);
    if (!validate) return [`${operation}: no answer schema`];
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${operation}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
    );
  }

  it('declares an answer schema for every operation that answers JSON', () => {
    const missing = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .map((method) => `${method.toUpperCase()} ${path}`)
        .filter((operation) => !validators.has(operation) && !documents.has(operation)),
    );
    expect(missing).toEqual([]);
  });

  it('answers every read, for every role that may make it, as its schema says', async () => {
    const validated = new Set<string>();
    const wrong: string[] = [];
    // A family of the region, for roles that may not list families (the auditor reads access logs by id).
    const anyFamily = (await clients.get('safety-team')!.get('/api/families')).body.items[0]
      .familyId;
    for (const [role, client] of clients) {
      const families = await client.get<{ items: { familyId: string }[] }>('/api/families');
      const familyId: string = families.body?.items?.[0]?.familyId ?? anyFamily;
      for (const [path, operations] of Object.entries(document.paths)) {
        if (!operations.get) continue;
        const address = path.replace('{familyId}', familyId);
        const query = path.startsWith('/api/projections/outflow')
          ? '?from=2026-01-01&to=2026-11-30'
          : path === '/api/reports/monthly'
            ? '?month=2026-10'
            : '';
        const answer = await client.get(address + query);
        if (answer.status !== 200) {
          // A role the route is not for: refused, never an error.
          expect({ path, role, status: answer.status }).toEqual({ path, role, status: 403 });
          continue;
        }
        if (documents.has(`GET ${path}`)) {
          expect(answer.headers.get('content-type')).toBe('application/pdf');
          expect(answer.text.startsWith('%PDF-')).toBe(true);
          validated.add(`GET ${path}`);
          continue;
        }
        wrong.push(...mismatches(`GET ${path}`, answer.body).map((m) => `${role} ${m}`));
        validated.add(`GET ${path}`);
      }
    }
    const reads = Object.entries(document.paths)
      .filter(([, operations]) => operations.get)
      .map(([path]) => `GET ${path}`);
    expect([...new Set(wrong)]).toEqual([]);
    expect([...reads].filter((read) => !validated.has(read))).toEqual([]);
  }, 120_000);

  it('answers a registration as its schema says', async () => {
    const professional = clients.get('professional')!;
    const registered = await professional.post('/api/families', {
      municipality: 'Groningen',
      members: [{ role: 'youth', displayName: 'Schema', birthYear: 2012 }],
    });
    expect(registered.status).toBe(201);
    const family = await professional.get(`/api/families/${registered.body.familyId}`);
    expect([
      ...mismatches('POST /api/families', registered.body),
      ...mismatches('GET /api/families/{familyId}', family.body),
    ]).toEqual([]);
  });
});

/**
 * The schema with every reference into the document inlined, every `allOf` of objects merged into one object, and
 * `additionalProperties: false` on every object that names its properties and says nothing about others, so that
 * an undocumented field is an error. (The answer schemas hold no cycles.)
 */
function closed(schema: unknown, schemas: Record<string, Schema>): unknown {
  if (Array.isArray(schema)) return schema.map((item) => closed(item, schemas));
  if (typeof schema !== 'object' || schema === null) return schema;
  const { $ref, allOf, ...rest } = schema as Schema & { $ref?: string; allOf?: unknown[] };
  if (typeof $ref === 'string') {
    const target = schemas[$ref.replace('#/components/schemas/', '')];
    if (!target) throw new Error(`unknown reference ${$ref}`);
    return closed({ ...target, ...rest }, schemas);
  }
  const copy: Schema = {};
  for (const [key, value] of Object.entries(rest))
    copy[key] =
      key === 'properties'
        ? Object.fromEntries(
            Object.entries(value as Schema).map(([name, property]) => [
              name,
              closed(property, schemas),
            ]),
          )
        : closed(value, schemas);
  if (Array.isArray(allOf)) {
    const parts = allOf.map((part) => closed(part, schemas) as Schema);
    if (!parts.every((part) => part.properties)) return { ...copy, allOf: parts };
    return {
      ...copy,
      type: 'object',
      properties: Object.assign({}, copy.properties, ...parts.map((part) => part.properties)),
      required: [...new Set(parts.flatMap((part) => (part.required as string[]) ?? []))],
      additionalProperties: copy.additionalProperties ?? false,
    };
  }
  if (copy.properties && copy.additionalProperties === undefined) copy.additionalProperties = false;
  return copy;
}
