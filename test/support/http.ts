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
  options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<HttpAnswer<T>> {
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body:
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
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
