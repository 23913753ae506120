import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import {
  actingRole,
  AuthenticationError,
  TOKEN_VERIFIER,
  type Role,
  type TokenVerifier,
} from '@samenspoor/access';

import { Problem } from '../http/problem';
import { ALLOWED_ROLES, PUBLIC_ROUTE, type AuthenticatedRequest } from './auth.decorators';

/**
 * Every `/api` route needs a bearer token that the configured verifier accepts (401 otherwise) and, where the
 * route names roles, one of them (403 otherwise).
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    if (!request.path.startsWith('/api/')) return true;

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

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    const role = allowed ? actingRole(actor, allowed) : actor.roles[0];
    if (!role) {
      request.actor = { ...actor, actingRole: actor.roles[0] ?? 'professional' };
      throw new Problem(
        403,
        'forbidden',
        'Forbidden',
        `this needs one of the roles ${allowed?.join(', ')}; the token has ${actor.roles.join(', ')}`,
      );
    }
    request.actor = { ...actor, actingRole: role };
    return true;
  }
}

function unauthenticated(detail: string): Problem {
  return new Problem(401, 'unauthenticated', 'Unauthorized', detail);
}
