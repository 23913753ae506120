import { randomUUID } from 'node:crypto';

import {
  createParamDecorator,
  Injectable,
  SetMetadata,
  type ExecutionContext,
  type PipeTransform,
} from '@nestjs/common';

import {
  commandIdFor,
  FamilyCommands,
  requestHash,
  type CommandContext,
  type CommandResult,
  type FamilyCommandDraft,
} from '@samenspoor/commands';

import { commandAccessOf, SENDS_COMMAND } from '../access/access.guard';
import { AuditTrail } from '../access/audit-trail';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { isUuid, UUID_PARAM } from '../http/params';
import { Problem } from '../http/problem';
import { describeUuidParam } from './family-routes';

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
    sendsCommand(target, key);
  };

/** Marks the route as one that sends a command, whose sender the command path judges again (see the access guard). */
function sendsCommand(target: object, key: string | symbol | undefined): void {
  const handler: unknown =
    key === undefined ? undefined : (target as Record<string | symbol, unknown>)[key];
  if (typeof handler === 'function') SetMetadata(SENDS_COMMAND, true)(handler);
}

/** A step on one family's route as the request asks for it: the family, and the command's context. */
export interface FamilyStep {
  readonly familyId: string;
  readonly context: CommandContext;
  /** Takes the step: sends the command for the family down the one command path. */
  take(command: FamilyCommandDraft): Promise<CommandResult>;
}

/** Reads a step's family from the address (a UUID, or a 400) and its context from the request. */
@Injectable()
export class FamilyStepPipe implements PipeTransform<AuthenticatedRequest, Promise<FamilyStep>> {
  constructor(
    private readonly contexts: CommandContextPipe,
    private readonly commands: FamilyCommands,
  ) {}

  async transform(request: AuthenticatedRequest): Promise<FamilyStep> {
    const address = request.params.familyId;
    const familyId = typeof address === 'string' ? address : '';
    // The same check, and the same 400, as an id parameter of the address (`IdParam`).
    await UUID_PARAM.transform(familyId, { type: 'param', data: 'familyId' });
    const context = this.contexts.transform(request);
    return {
      familyId,
      context,
      take: (command) => this.commands.execute({ familyId, command, context }),
    };
  }
}

/**
 * The step a command route about one family (`:familyId`) takes (a `FamilyStep` parameter). Marks the route as one
 * that sends a command, as `Command` does: the access guard then lets the sender in on the family as this process
 * last saw it, without reading the stream a second time.
 */
export const OnFamily =
  (): ParameterDecorator =>
  (target, key, index): void => {
    CommandRequest(FamilyStepPipe)(target, key, index);
    describeUuidParam('familyId', target, key);
    sendsCommand(target, key);
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
