import type { AddressInfo } from 'node:net';

import type { INestApplication } from '@nestjs/common';

/** Starts an application on a free port and returns its base URL. */
export async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

export interface HttpAnswer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

/** A request over real HTTP; the body is parsed as JSON when it is JSON. */
export async function http<T = any>(
  base: string,
  method: string,
  path: string,
  options: {
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  } = {},
): Promise<HttpAnswer<T>> {
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body:
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  if (/json/.test(response.headers.get('content-type') ?? '')) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: body as T, text };
}

/** A development token from a running API (`AUTH_MODE=dev`) for a user with these roles. */
export async function devToken(
  base: string,
  sub: string,
  roles: readonly string[],
  organisation = 'WIJ Groningen',
): Promise<string> {
  const answer = await http<{ token: string }>(base, 'POST', '/api/auth/dev-token', {
    body: { sub, roles, organisation },
  });
  if (answer.status !== 200) throw new Error(`dev-token: ${answer.status} ${answer.text}`);
  return answer.body.token;
}

/**
 * A development token for a household member (role `family`): the member's family and id as claims, which only
 * development tokens may carry.
 */
export async function familyToken(
  base: string,
  sub: string,
  member: { readonly familyId: string; readonly memberId: string },
): Promise<string> {
  const answer = await http<{ token: string }>(base, 'POST', '/api/auth/dev-token', {
    body: { sub, roles: ['family'], familyId: member.familyId, memberId: member.memberId },
  });
  if (answer.status !== 200) throw new Error(`dev-token: ${answer.status} ${answer.text}`);
  return answer.body.token;
}

/** An answer and how long it took. */
export interface TimedAnswer<T = any> extends HttpAnswer<T> {
  readonly ms: number;
}

/**
 * A request with a bearer token, timed. It gives up after 20 s, far longer than any answer may take, so that a
 * hang shows as a rejected request, not as a test time-out.
 */
export async function timedRequest<T = any>(
  base: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<TimedAnswer<T>> {
  const started = Date.now();
  const answer = await http<T>(base, method, path, {
    ...(body === undefined ? {} : { body }),
    headers: { authorization: `Bearer ${token}`, ...headers },
    signal: AbortSignal.timeout(20_000),
  });
  return { ...answer, ms: Date.now() - started };
}

/** Every operation of the OpenAPI document a running API serves (`GET /docs-json`): method and path template. */
export async function documentedRoutes(
  base: string,
): Promise<{ method: string; template: string }[]> {
  const doc = await http<{ paths: Record<string, Record<string, unknown>> }>(
    base,
    'GET',
    '/docs-json',
  );
  return Object.entries(doc.body.paths).flatMap(([template, operations]) =>
    Object.keys(operations).map((method) => ({ method: method.toUpperCase(), template })),
  );
}
