import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import type { Actor, Audience, Role } from '@samenspoor/access';

export const AUDIENCES = 'samenspoor:audiences';

// Health and metrics routes, shared with the projector, are made public in the platform library.
export { Public, PUBLIC_ROUTE } from '@samenspoor/platform';

/**
 * Who may call a route (the access policy of `api.md`): roles, or `network` — a professional in the network of
 * the family the route is about. Anyone else gets 403, and the refusal is audited.
 */
export const Allow = (...audiences: Audience[]) => SetMetadata(AUDIENCES, audiences);

/** Who may read the region's figures: the managers (under disclosure control) and the safety team. */
export const FIGURES_AUDIENCE = ['manager', 'safety-team'] as const satisfies readonly Audience[];

/** Who may read a family's record: its network and the safety team. */
export const RECORD_AUDIENCE = ['network', 'safety-team'] as const satisfies readonly Audience[];

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
