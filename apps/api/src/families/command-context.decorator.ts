import { randomUUID } from 'node:crypto';

import {
  createParamDecorator,
  Injectable,
  SetMetadata,
  type ExecutionContext,
  type PipeTransform,
} from '@nestjs/common';

import { commandIdFor, requestHash, type CommandContext } from '@samenspoor/commands';

import { commandAccessOf, SENDS_COMMAND } from '../access/access.guard';
import { AuditTrail } from '../access/audit-trail';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { isUuid } from '../http/params';
import { Problem } from '../http/problem';

/** Builds a command's context from its request: the actor, `Idempotency-Key`, `If-Match`, ids, the audit entry. */
@Injectable()
export class CommandContextPipe implements PipeTransform<AuthenticatedRequest, CommandContext> {
  constructor(private readonly trail: AuditTrail) {}

  transform(request: AuthenticatedRequest): CommandContext {
    const actor = request.actor;
    // The access guard set the actor on every route that is not public; a command route never is.
    if (!actor) throw new Error('a command route without an authenticated actor');
    const key = idempotencyKey(request);
    const ifMatch = expectedVersion(request);
    return {
      actor: {
        id: actor.id,
        role: actor.actingRole,
        ...(actor.organisation === undefined ? {} : { organisation: actor.organisation }),
      },
      commandId: commandIdFor(actor.id, key),
      correlationId: typeof request.id === 'string' ? request.id : randomUUID(),
      ...(key === undefined ? {} : { idempotencyKey: key }),
      // The body as sent (JSON): what a repeat under the same key must match.
      requestHash: requestHash(request.method, request.path, request.body ?? {}),
      ...(ifMatch === undefined ? {} : { ifMatch }),
      now: new Date().toISOString(),
      audit: this.trail.commandAudit(request),
      access: commandAccessOf(request),
    };
  }
}

const CommandRequest = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  context.switchToHttp().getRequest<unknown>(),
);

/**
 * The command context of the request (a `CommandContext` parameter of a command route). Marks the route as one
 * that sends a command, whose sender the command path judges again (see the access guard).
 */
export const Command =
  (): ParameterDecorator =>
  (target, key, index): void => {
    CommandRequest(CommandContextPipe)(target, key, index);
    const handler: unknown =
      key === undefined ? undefined : (target as Record<string | symbol, unknown>)[key];
    if (typeof handler === 'function') SetMetadata(SENDS_COMMAND, true)(handler);
  };

function header(request: AuthenticatedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The `Idempotency-Key`, lower case; a UUID or a 400. */
function idempotencyKey(request: AuthenticatedRequest): string | undefined {
  const key = header(request, 'idempotency-key');
  if (key === undefined) return undefined;
  if (!isUuid(key)) {
    throw Problem.badRequest('the Idempotency-Key header must be a UUID', [
      { field: 'Idempotency-Key', message: 'must be a UUID' },
    ]);
  }
  return key.toLowerCase();
}

/** The version `If-Match` names (`"5"` or `5`), or a 400. */
function expectedVersion(request: AuthenticatedRequest): number | undefined {
  const ifMatch = header(request, 'if-match');
  if (ifMatch === undefined) return undefined;
  const match = /^"?(\d{1,15})"?$/.exec(ifMatch.trim());
  if (!match?.[1]) {
    throw Problem.badRequest('the If-Match header must be a version in quotes, like "5"', [
      { field: 'If-Match', message: 'must be a stream version, like "5"' },
    ]);
  }
  return Number(match[1]);
}
