import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import type { Actor, Role } from '@samenspoor/access';

export const PUBLIC_ROUTE = 'samenspoor:public';
export const ALLOWED_ROLES = 'samenspoor:roles';

/** A route that needs no token. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The roles that may call a route; anyone else gets 403. */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** The request's authenticated actor, with the role it acts in on this route. */
export interface AuthenticatedActor extends Actor {
  readonly actingRole: Role;
}

export interface AuthenticatedRequest extends Request {
  actor?: AuthenticatedActor;
}

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
