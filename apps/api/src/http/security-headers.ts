import type { NextFunction, Request, Response } from 'express';

import type { HttpConfig } from '../config/app-config';

/**
 * The OpenAPI page (Swagger UI): its scripts are files of this origin (no inline script), its page has an
 * inline style block and inline SVG images.
 */
const DOCS_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Headers on every answer, set before any route runs so that errors, 404s and the OpenAPI pages carry them too:
 * - `X-Content-Type-Options: nosniff`, so that no answer is read as another type than it says;
 * - `Cache-Control: no-store`, since answers hold children's case data and must not stay in a browser's or a
 *   proxy's cache (the web UI's own files set their own cache life);
 * - a content security policy on `/docs`;
 * - HSTS when the API runs behind a TLS-terminating proxy (`TRUST_PROXY`) or the request came over TLS.
 */
export function securityHeaders(config: HttpConfig) {
  const behindTls = config.trustProxy !== false;
  return (request: Request, response: Response, next: NextFunction): void => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Referrer-Policy', 'no-referrer');
    if (/^\/docs(\/|-json|$)/.test(request.path)) {
      response.setHeader('Content-Security-Policy', DOCS_POLICY);
    }
    if (behindTls || request.secure) {
      response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
    next();
  };
}
