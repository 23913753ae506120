import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

import type { AuthConfig } from '../config/app-config';

/**
 * Paths the API and operations own, in any spelling (`/API/…`, `//api`, `/%61pi`): the web UI never answers
 * them, not even with its SPA fallback, so that a variant of an API path gets a 404 and never a page.
 */
const API_PATHS = /^\/+(api|health|metrics|docs)(\/|-json|$)/i;
/**
 * The pages of the UI have plain addresses (`/gezinnen/<uuid>`): no encoded characters, empty or dot segments.
 * Anything else is not a page, so that no spelling trick turns an API path into one.
 */
const PAGE_PATH = /^(\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*\/?$/;
/** A file that is not there (an asset of an older build): a 404, not the page. */
const FILE_PATHS = /^\/assets\/|\.[a-z0-9]+$/i;

/**
 * Where `npm run build:web` puts the web UI: `dist/web`, beside the built API (`dist/apps/api/main.js`) or,
 * when the API runs from source (tests), under the working directory.
 */
export function webUiFolder(): string | undefined {
  return [resolve(__dirname, '../../web'), resolve(process.cwd(), 'dist/web')].find((folder) =>
    existsSync(join(folder, 'index.html')),
  );
}

/**
 * Without a built web UI, `GET /` says where the UI would be and where the API's documentation is, instead of a
 * 404: the first address a newcomer opens.
 */
export function explainMissingWebUi(app: NestExpressApplication): void {
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || request.path !== '/')
      return next();
    response
      .status(200)
      .type('text/plain')
      .setHeader('Cache-Control', 'no-cache')
      .send(
        'Samenspoor: the web UI is not built here (npm run build:web, or npm start, builds it). ' +
          'The API and its documentation are at /docs.\n',
      );
  });
}

/**
 * Serves the web UI (apps/web, built into `dist/web`) at `/`: its hashed assets with a long cache life, and
 * `index.html` for every other GET that asks for a page (the UI routes in the browser) and for `/` whatever it asks for, with a content security
 * policy that allows scripts from this origin only and requests to this origin and the OpenID issuer. The API,
 * `/health`, `/metrics` and `/docs` keep their own answers. Without a built UI nothing is served.
 */
export function serveWebUi(
  app: NestExpressApplication,
  auth: AuthConfig,
  folder = webUiFolder(),
): boolean {
  if (!folder) return false;
  const index = readFileSync(join(folder, 'index.html'));
  const connect = auth.mode === 'oidc' ? `'self' ${new URL(auth.issuerUrl).origin}` : `'self'`;
  const policy = [
    "default-src 'self'",
    `connect-src ${connect}`,
    "img-src 'self' data:",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');

  app.useStaticAssets(folder, {
    index: false,
    redirect: false,
    setHeaders: (response: Response, path: string) => {
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.setHeader('Content-Security-Policy', policy);
      response.setHeader(
        'Cache-Control',
        path.startsWith(join(folder, 'assets'))
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const page =
      (request.method === 'GET' || request.method === 'HEAD') &&
      PAGE_PATH.test(request.path) &&
      !API_PATHS.test(request.path) &&
      !FILE_PATHS.test(request.path) &&
      // A browser opening a page says so; a client that takes anything (*/*) gets the API's 404 instead —
      // except at `/`, the address `npm start` prints: whoever opens it (curl, a JSON client) finds the UI.
      (request.path === '/' || /\btext\/html\b/.test(request.headers.accept ?? ''));
    if (!page) return next();
    response
      .status(200)
      .type('html')
      .setHeader('Cache-Control', 'no-cache')
      .setHeader('Content-Security-Policy', policy)
      .setHeader('Referrer-Policy', 'no-referrer')
      .setHeader('X-Content-Type-Options', 'nosniff')
      .send(index);
  });
  return true;
}
