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

/**
 * The problem an error is answered with: bad input 400, authentication 401/403, unknown things 404, version
 * conflicts 409, refused domain rules 422, an unreachable store or issuer 503, anything else 500.
 */
export function problemFor(
  exception: unknown,
  request: Request,
): Omit<ProblemBody, 'correlationId'> {
  if (exception instanceof Problem) {
    return {
      type: problemType(exception.kind),
      title: exception.title,
      status: exception.status,
      detail: exception.detail,
      ...exception.extras,
    };
  }
  if (exception instanceof DomainRuleError) {
    return exception.target
      ? {
          type: problemType('not-found'),
          title: 'Not Found',
          status: 404,
          detail: exception.message,
          rule: exception.rule,
        }
      : {
          type: problemType(`rule/${exception.rule}`),
          title: 'Unprocessable Content',
          status: 422,
          detail: exception.message,
          rule: exception.rule,
        };
  }
  if (exception instanceof FamilyNotFoundError) {
    return {
      type: problemType('not-found'),
      title: 'Not Found',
      status: 404,
      detail: exception.message,
    };
  }
  if (exception instanceof IdempotencyKeyReusedError) {
    return {
      type: problemType('idempotency-key-reused'),
      title: 'Unprocessable Content',
      status: 422,
      detail: exception.message,
      rule: 'idempotency-key-reused',
    };
  }
  if (exception instanceof MemberIdTakenError) {
    // Names the fields, never the family that holds the id: its id would tell the caller that it exists.
    return {
      type: problemType('member-id-taken'),
      title: 'Unprocessable Content',
      status: 422,
      detail:
        'a member id of this request belongs to another family; leave it out to have one made',
      rule: 'member-id-taken',
      errors: exception.fields.map((field) => ({ field, message: 'belongs to another family' })),
    };
  }
  if (exception instanceof VersionConflictError) {
    return {
      type: problemType('version-conflict'),
      title: 'Conflict',
      status: 409,
      detail: `the family was changed by someone else: it is now at version ${exception.actualVersion}`,
    };
  }
  if (exception instanceof InvalidCursorError) {
    return {
      type: problemType('validation-error'),
      title: 'Bad Request',
      status: 400,
      detail: exception.message,
      errors: [{ field: 'cursor', message: 'must be the nextCursor of a previous page' }],
    };
  }
  if (exception instanceof InvalidPositionError) {
    return {
      type: problemType('validation-error'),
      title: 'Bad Request',
      status: 400,
      detail: 'minPosition is not a position this server handed out',
      errors: [{ field: 'minPosition', message: 'must be a position token returned by a command' }],
    };
  }
  if (exception instanceof PersonalDataErasedError) {
    return {
      type: problemType('rule/case-closed'),
      title: 'Unprocessable Content',
      status: 422,
      detail: "the family's personal data was erased; its record is closed",
      rule: 'case-closed',
    };
  }
  if (exception instanceof IssuerUnavailableError) {
    return {
      type: problemType('unavailable'),
      title: 'Service Unavailable',
      status: 503,
      detail: 'the identity provider cannot be reached to check the token; try again shortly',
    };
  }
  if (exception instanceof EventStoreUnavailableError) {
    return {
      type: problemType('unavailable'),
      title: 'Service Unavailable',
      status: 503,
      detail: 'the event store cannot be reached; try again shortly',
    };
  }
  if (exception instanceof DatabaseUnavailableError) {
    return {
      type: problemType('unavailable'),
      title: 'Service Unavailable',
      status: 503,
      detail: 'the database cannot be reached; try again shortly',
    };
  }
  const unreadable = exception instanceof HttpException ? exception.cause : exception;
  if (isBodyParserError(unreadable)) {
    return {
      type: problemType('malformed-request'),
      title: unreadable.status === 413 ? 'Content Too Large' : 'Bad Request',
      status: unreadable.status,
      detail:
        unreadable.type === 'entity.parse.failed'
          ? 'the request body is not valid JSON'
          : unreadable.type === 'entity.too.large'
            ? 'the request body is larger than 1 MB'
            : `the request body cannot be read (${unreadable.type})`,
    };
  }
  if (exception instanceof HttpException) return fromHttpException(exception, request);
  return {
    type: problemType('internal-error'),
    title: 'Internal Server Error',
    status: 500,
    detail: 'something went wrong on our side; quote the correlation id when you report it',
  };
}

function fromHttpException(
  exception: HttpException,
  request: Request,
): Omit<ProblemBody, 'correlationId'> {
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
