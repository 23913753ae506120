import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import {
  AuthenticationError,
  decideAccess,
  TOKEN_VERIFIER,
  type AccessDecision,
  type Actor,
  type Audience,
  type FamilyFacts,
  type TokenVerifier,
} from '@samenspoor/access';
import { FamilyCommands, type CommandAccess } from '@samenspoor/commands';
import type { FamilyState } from '@samenspoor/domain';

import { AUDIENCES, PUBLIC_ROUTE, type AuthenticatedRequest } from '../auth/auth.decorators';
import { isUuid } from '../http/params';
import { Problem } from '../http/problem';
import { AuditTrail } from './audit-trail';

/**
 * Deny by default, decided on the matched route's own metadata and never on the request's path (which can be
 * spelled in many ways): a route marked `@Public()` is open; every other route needs a bearer token the
 * configured verifier accepts (401 otherwise), and the access policy must allow the actor on the route (403
 * otherwise): a role its `@Allow(...)` names, or — for `network` routes about a family — being in that family's
 * network right now, read from its stream. A route that declares no audience is refused to everyone. Every
 * refusal is written to the audit log before it is answered.
 *
 * A command about the family (a route marked {@link SENDS_COMMAND}) is let in on the family as this process last
 * read or appended it, without reading its stream: the command path decides on that state (see FamilyCommands),
 * judges the policy again on it inside the family's queue through {@link commandAccessOf}, and its append proves
 * it current; any refusal, there or here, is judged on a fresh read, audited and answered with 403 alike.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    private readonly commands: FamilyCommands,
    private readonly trail: AuditTrail,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) throw unauthenticated('send a bearer token: Authorization: Bearer <JWT>');
    let actor;
    try {
      actor = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof AuthenticationError) throw unauthenticated(error.message);
      throw error;
    }

    const audiences =
      this.reflector.getAllAndOverride<Audience[] | undefined>(AUDIENCES, targets) ?? [];
    const familyId = (request.params as Record<string, string | undefined>).familyId;
    // A malformed id names no family and cannot exist, so its 400 tells nothing: the route's validation answers it.
    const about =
      familyId !== undefined &&
      isUuid(familyId) &&
      audiences.includes('network') &&
      actor.roles.includes('professional')
        ? familyId
        : undefined;
    // A command is let in on the family as this process last saw it (its command path judges again, on a state its
    // append proves current); a refusal, and every read, on the stream as it is now.
    const sendsCommand =
      this.reflector.get<boolean | undefined>(SENDS_COMMAND, context.getHandler()) === true;
    let family =
      about === undefined
        ? undefined
        : factsOf(
            (await (sendsCommand ? this.commands.lastSeen(about) : this.commands.load(about)))
              .state,
          );
    let decision = decideAccess(actor, audiences, family);
    if (!decision.allowed && sendsCommand && about !== undefined) {
      family = factsOf((await this.commands.load(about)).state);
      decision = decideAccess(actor, audiences, family);
    }
    if (!decision.allowed) return this.refuse(request, actor, decision);
    request.actor = { ...actor, actingRole: decision.role };
    // A command about the family is let in on this read; the command path judges again on the state it decides on.
    if (family)
      commandAccess.set(request, {
        refusal: (state) => {
          const again = decideAccess(actor, audiences, factsOf(state));
          return again.allowed ? undefined : () => this.refuse(request, actor, again);
        },
      });
    return true;
  }

  /** Writes the refusal to the audit log, then answers it with 403. */
  private async refuse(
    request: AuthenticatedRequest,
    actor: Actor,
    decision: Extract<AccessDecision, { allowed: false }>,
  ): Promise<never> {
    await this.trail.recordRefusal(request, {
      actor: {
        id: actor.id,
        role: actor.roles.join(' ') || null,
        organisation: actor.organisation,
      },
      detail: decision.reason,
    });
    throw new Problem(403, 'forbidden', 'Forbidden', decision.detail);
  }
}

/** The access policy's view of a family: whether it exists, and its network. */
function factsOf(state: FamilyState): FamilyFacts {
  return state.status === 'unregistered'
    ? { registered: false }
    : { registered: true, network: state.network.map((member) => member.professionalId) };
}

/** Marks a route whose handler sends a command through the command path (set by the `@Command()` parameter). */
export const SENDS_COMMAND = 'samenspoor:sends-command';

const commandAccess = new WeakMap<AuthenticatedRequest, CommandAccess>();

/** How the command path judges the sender of this request again on the family's state (routes of the network). */
export function commandAccessOf(request: AuthenticatedRequest): CommandAccess | undefined {
  return commandAccess.get(request);
}

function unauthenticated(detail: string): Problem {
  return new Problem(401, 'unauthenticated', 'Unauthorized', detail);
}
