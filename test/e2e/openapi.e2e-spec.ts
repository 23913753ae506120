import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';

import { http } from '@samenspoor/testing';

import { startTestApp, type TestApp } from '../support/app';
import { buildOpenApiDocument } from '../support/openapi';

const run = promisify(execFile);
const root = resolve(__dirname, '../..');
/** Where `redocly.yaml`'s ignore file expects the document (and `npm run openapi` writes it). */
const documentFile = resolve(root, 'dist/openapi.json');

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}
type Document = { paths: Record<string, Record<string, Operation>>; servers?: unknown[] };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function operations(document: Document): { method: string; path: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ method, path, operation })),
  );
}

describe('the OpenAPI document (GET /docs-json)', () => {
  let api: TestApp;
  let document: Document;
  let served: string;

  beforeAll(async () => {
    api = await startTestApp('pglite');
    const answer = await http<Document>(api.base, 'GET', '/docs-json');
    expect(answer.status).toBe(200);
    document = answer.body;
    served = `${JSON.stringify(document, null, 2)}\n`;
    mkdirSync(dirname(documentFile), { recursive: true });
    writeFileSync(documentFile, served);
  });
  afterAll(() => api.close());

  it('gives every operation a unique operationId named for its handler', () => {
    const ids = operations(document).map(({ operation }) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.paths['/api/families/{familyId}/trajectories']?.post?.operationId).toBe(
      'requestCare',
    );
    expect(document.paths['/api/families/{familyId}']?.get?.operationId).toBe('getFamily');
  });

  it('declares security on every operation as the access guard enforces it', async () => {
    for (const { method, path, operation } of operations(document)) {
      expect({ method, path, security: operation.security }).toEqual({
        method,
        path,
        security: expect.any(Array),
      });
      const address = path.replace(/\{[^}]+\}/g, () => randomUUID());
      const answer = await http(api.base, method.toUpperCase(), address, {
        ...(method === 'get' || method === 'delete' ? {} : { body: {} }),
      });
      // Without a token a protected route answers 401, a public one anything but 401.
      const isPublic = operation.security!.length === 0;
      expect({ method, path, isPublic, unauthenticated: answer.status === 401 }).toEqual({
        method,
        path,
        isPublic,
        unauthenticated: !isPublic,
      });
      if (!isPublic) {
        expect(operation.security).toEqual([{ bearer: [] }]);
        expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(operation.responses['401']?.content).toHaveProperty(['application/problem+json']);
      }
    }
  });

  it('documents the problem answers of commands and the Problem schema', () => {
    const requestCare = document.paths['/api/families/{familyId}/trajectories']!.post!;
    expect(Object.keys(requestCare.responses).sort()).toEqual(
      ['201', '400', '401', '403', '404', '409', '422', '503'].sort(),
    );
    expect(requestCare.responses['422']!.content).toEqual({
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    });
    const read = document.paths['/api/families/{familyId}']!.get!;
    expect(read.responses).not.toHaveProperty('409');
    expect(read.responses).not.toHaveProperty('422');
    expect(document.paths['/api/auth/dev-token']!.post!.responses).toHaveProperty('429');
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('passes redocly lint with the recommended rules: no error, no warning', async () => {
    const { stdout } = await run(
      resolve(root, 'node_modules/.bin/redocly'),
      ['lint', documentFile, '--format=json'],
      { cwd: root },
    ).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string }[];
    };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('is the document the web client’s types are generated from (npm run openapi, in npm run lint)', async () => {
    expect(await buildOpenApiDocument()).toEqual(document);
  });
});
