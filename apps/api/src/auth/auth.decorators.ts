import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import type { Actor, Audience, Role } from '@samenspoor/access';

export const PUBLIC_ROUTE = 'samenspoor:public';
export const AUDIENCES = 'samenspoor:audiences';

/** A route that needs no token. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Who may call a route (the access policy of `api.md`): roles, or `network` — a professional in the network of
 * the family the route is about. Anyone else gets 403, and the refusal is audited.
 */
export const Allow = (...audiences: Audience[]) => SetMetadata(AUDIENCES, audiences);

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
