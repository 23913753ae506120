import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';

import type { LogLevel } from './config';

export const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const QUIET_ROUTES = /^\/(health|metrics)(\/|$)/;

/**
 * The correlation id of a request: the caller's `X-Correlation-Id` when it is a sane token, a new UUID
 * otherwise. It is echoed in the response header and carried by every log line and event of the request.
 */
export function correlationIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Correlation-Id', id);
  return id;
}

/**
 * Structured JSON logs through pino. A request is logged by method, route path and status only: no headers
 * (they hold tokens), no query string and no body (they may hold personal data).
 */
export function loggingParams(
  config: { readonly logLevel: LogLevel },
  destination?: DestinationStream,
): Params {
  return {
    pinoHttp: [
      {
        level: config.logLevel,
        genReqId: correlationIdOf,
        autoLogging: { ignore: (req) => QUIET_ROUTES.test(req.url ?? '') },
        customLogLevel: (_req, res, error) =>
          error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
        serializers: {
          req: (req: { id?: unknown; method?: string; url?: string }) => ({
            correlationId: req.id,
            method: req.method,
            path: (req.url ?? '').split('?')[0],
          }),
          res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        },
        redact: {
          paths: ['req.headers', 'res.headers', '*.authorization', '*.password'],
          remove: true,
        },
      },
      destination ?? process.stdout,
    ],
  };
}
