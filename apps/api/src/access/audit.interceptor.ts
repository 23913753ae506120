import {
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, concatMap, type Observable } from 'rxjs';

import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { problemFor } from '../http/problem-details.filter';
import { AuditTrail } from './audit-trail';

/** The methods of the routes that send commands. */
const COMMAND_METHODS = new Set(['POST', 'PUT', 'DELETE']);
const AUDIT_LISTED = 'samenspoor:audit-listed';
/** Where `@HttpCode` keeps a route's status (Nest's own metadata key). */
const HTTP_CODE = '__httpCode__';

/**
 * The answer shows several families' records (names, state): each family shown gets an audit entry of its own,
 * so that its access log answers "who looked at us". Overviews of ids and figures (waits, stacking, the safety
 * overview) are one entry for the request.
 */
export const AuditListedFamilies = () => SetMetadata(AUDIT_LISTED, true);

/**
 * Audits every authenticated `/api` request that passed the access guard — commands, reads of family data, reads
 * of figures and of the audit log itself — with its outcome: the answer's status, and for a refused command the
 * rule. The entry is committed before the answer is sent; when it cannot be, the request fails. A command that
 * stores events on a SQL store has its entry written in the same transaction as the events (see CommandAudit).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly trail: AuditTrail,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.actor) return next.handle();
    const targets = [context.getHandler(), context.getClass()];
    const listsFamilies = this.reflector.getAllAndOverride<boolean>(AUDIT_LISTED, targets) ?? false;
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE, context.getHandler()) ??
      (request.method === 'POST' ? 201 : 200);
    const command = COMMAND_METHODS.has(request.method)
      ? this.trail.expectCommand(request, status)
      : undefined;
    return next.handle().pipe(
      concatMap(async (result: unknown) => {
        // A command's entry committed with its events: writing it again would count the command twice.
        if (command?.isCommitted) return result;
        const familyId = familyOfAnswer(result);
        await this.trail.record(request, status, {
          ...(familyId ? { familyId } : {}),
          listed: listsFamilies ? familyIdsIn(result) : [],
        });
        return result;
      }),
      catchError(async (error: unknown) => {
        // Refused by the access policy on the state the command was decided on: recorded as the guard records.
        if (this.trail.isRefused(request)) throw error;
        const problem = problemFor(error, request);
        await this.trail.record(request, problem.status, { detail: problem.rule ?? null });
        throw error;
      }),
    );
  }
}

/** The family an answer is about: the `familyId` of a command's answer (a registration's new family). */
function familyOfAnswer(result: unknown): string | undefined {
  const familyId = (result as { familyId?: unknown } | null)?.familyId;
  return typeof familyId === 'string' ? familyId : undefined;
}

/** Every `familyId` in an answer (a few levels deep: lists, lists in blocks). */
function familyIdsIn(value: unknown, depth = 0, found = new Set<string>()): string[] {
  if (depth > 4 || typeof value !== 'object' || value === null) return [...found];
  if (Array.isArray(value)) {
    for (const element of value) familyIdsIn(element, depth + 1, found);
    return [...found];
  }
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'familyId' && typeof inner === 'string') found.add(inner);
    else familyIdsIn(inner, depth + 1, found);
  }
  return [...found];
}
