import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';

import { IssuerUnavailableError, PersonalDataErasedError } from '@samenspoor/access';
import {
  FamilyNotFoundError,
  IdempotencyKeyReusedError,
  MemberIdTakenError,
} from '@samenspoor/commands';
import { DomainRuleError } from '@samenspoor/domain';
import { InvalidCursorError } from '@samenspoor/projections';
import {
  EventStoreUnavailableError,
  InvalidPositionError,
  VersionConflictError,
} from '@samenspoor/event-store';
import { correlationIdOf } from '@samenspoor/platform';
import { DatabaseUnavailableError } from '@samenspoor/sql';

import { Problem, PROBLEM_CONTENT_TYPE, problemType, type ProblemBody } from './problem';

/**
 * The one place where errors become HTTP answers, all `application/problem+json`:
 * bad input 400, authentication 401/403, unknown things 404, version conflicts 409, refused domain rules 422,
 * an unreachable store 503, and anything else 500 — logged with its correlation id, never shown to the client.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    // Requests refused before the logging middleware ran (malformed JSON) get their correlation id here.
    const correlationId =
      typeof request.id === 'string' ? request.id : correlationIdOf(request, response);
    const body = { ...problemFor(exception, request), correlationId };
    if (body.status >= 500 && !(exception instanceof Problem)) {
      this.logger.error(
        { err: exception },
        exception instanceof EventStoreUnavailableError
          ? 'event store unavailable'
          : exception instanceof DatabaseUnavailableError
            ? 'database unavailable'
            : 'unhandled error',
      );
    }
    if (body.status === 503 && !response.getHeader('Retry-After'))
      response.setHeader('Retry-After', '5');
    if (response.headersSent) return;
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}

type ProblemAnswer = Omit<ProblemBody, 'correlationId'>;

/** The titles of the statuses this filter answers with (RFC 9110's reason phrases). */
const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A problem of this status and kind, titled by its status. */
function problem(
  status: number,
  kind: string,
  detail: string,
  extras: Pick<ProblemBody, 'rule' | 'errors'> = {},
): ProblemAnswer {
  return { type: problemType(kind), title: TITLES[status] ?? 'Error', status, detail, ...extras };
}

/** A refused domain rule: 422, or 404 when the rule is about something that does not exist. */
function ruleRefused(rule: string, detail: string, notFound = false): ProblemAnswer {
  return notFound
    ? problem(404, 'not-found', detail, { rule })
    : problem(422, `rule/${rule}`, detail, { rule });
}

/**
 * The problem an error is answered with: bad input 400, authentication 401/403, unknown things 404, version
 * conflicts 409, refused domain rules 422, an unreachable store or issuer 503, anything else 500.
 */
export function problemFor(exception: unknown, request: Request): ProblemAnswer {
  if (exception instanceof Problem) {
    return {
      type: problemType(exception.kind),
      title: exception.title,
      status: exception.status,
      detail: exception.detail,
      ...exception.extras,
    };
  }
  if (exception instanceof DomainRuleError)
    return ruleRefused(exception.rule, exception.message, Boolean(exception.target));
  if (exception instanceof FamilyNotFoundError) return problem(404, 'not-found', exception.message);
  if (exception instanceof IdempotencyKeyReusedError)
    return problem(422, 'idempotency-key-reused', exception.message, {
      rule: 'idempotency-key-reused',
    });
  if (exception instanceof MemberIdTakenError) {
    // Names the fields, never the family that holds the id: its id would tell the caller that it exists.
    return problem(
      422,
      'member-id-taken',
      'a member id of this request belongs to another family; leave it out to have one made',
      {
        rule: 'member-id-taken',
        errors: exception.fields.map((field) => ({ field, message: 'belongs to another family' })),
      },
    );
  }
  if (exception instanceof VersionConflictError) {
    const detail = `the family was changed by someone else: it is now at version ${exception.actualVersion}`;
    return problem(409, 'version-conflict', detail);
  }
  if (exception instanceof InvalidCursorError) {
    return problem(400, 'validation-error', exception.message, {
      errors: [{ field: 'cursor', message: 'must be the nextCursor of a previous page' }],
    });
  }
  if (exception instanceof InvalidPositionError) {
    return problem(
      400,
      'validation-error',
      'minPosition is not a position this server handed out',
      {
        errors: [
          { field: 'minPosition', message: 'must be a position token returned by a command' },
        ],
      },
    );
  }
  if (exception instanceof PersonalDataErasedError)
    return ruleRefused(
      'case-closed',
      "the family's personal data was erased; its record is closed",
    );
  const unavailable = unavailableService(exception);
  if (unavailable) return problem(503, 'unavailable', `${unavailable}; try again shortly`);
  const unreadable = exception instanceof HttpException ? exception.cause : exception;
  if (isBodyParserError(unreadable)) {
    const detail =
      unreadable.type === 'entity.parse.failed'
        ? 'the request body is not valid JSON'
        : unreadable.type === 'entity.too.large'
          ? 'the request body is larger than 1 MB'
          : `the request body cannot be read (${unreadable.type})`;
    // Every other 4xx of the body parser (an unsupported charset, …) is a bad request.
    const titled = unreadable.status === 413 ? 413 : 400;
    return { ...problem(unreadable.status, 'malformed-request', detail), title: TITLES[titled]! };
  }
  if (exception instanceof HttpException) return fromHttpException(exception, request);
  return problem(
    500,
    'internal-error',
    'something went wrong on our side; quote the correlation id when you report it',
  );
}

/** What cannot be reached, when the error says a service the answer needs is down. */
function unavailableService(exception: unknown): string | undefined {
  if (exception instanceof IssuerUnavailableError)
    return 'the identity provider cannot be reached to check the token';
  if (exception instanceof EventStoreUnavailableError) return 'the event store cannot be reached';
  if (exception instanceof DatabaseUnavailableError) return 'the database cannot be reached';
  return undefined;
}

function fromHttpException(exception: HttpException, request: Request): ProblemAnswer {
  const status = exception.getStatus();
  const kind =
    status === 404
      ? 'not-found'
      : status === 401
        ? 'unauthenticated'
        : status === 403
          ? 'forbidden'
          : 'http';
  const detail =
    status === 404 && exception.message.startsWith('Cannot ')
      ? `no route ${request.method} ${request.path}`
      : exception.message;
  const body = exception.getResponse();
  if (isFailedHealthCheck(body)) {
    const down = Object.keys(body.error);
    return {
      type: problemType('not-ready'),
      title: 'Service Unavailable',
      status,
      detail: `not ready: ${down.join(', ')} down`,
      checks: body.details,
    };
  }
  const title =
    typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string'
      ? body.error
      : (HttpStatus[status] ?? 'Error');
  return { type: problemType(kind), title, status, detail };
}

/** The body of `@nestjs/terminus`'s 503: which checks failed and the state of all of them. */
function isFailedHealthCheck(
  body: unknown,
): body is { status: 'error'; error: Record<string, unknown>; details: Record<string, unknown> } {
  const candidate = body as { status?: unknown; error?: unknown; details?: unknown } | null;
  return (
    candidate?.status === 'error' &&
    typeof candidate.error === 'object' &&
    candidate.error !== null &&
    typeof candidate.details === 'object'
  );
}

interface BodyParserError {
  status: number;
  type: string;
}

/** Errors of Express's body parser (malformed JSON, too large a body) carry a 4xx status and a type. */
function isBodyParserError(error: unknown): error is BodyParserError {
  const candidate = error as Partial<BodyParserError> | null;
  return (
    typeof candidate?.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500 &&
    typeof candidate.type === 'string' &&
    candidate.type.startsWith('entity.')
  );
}
