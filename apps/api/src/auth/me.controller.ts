import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { PEOPLE_ROLES, type Role } from '@samenspoor/access';

import { Answer } from '../http/answers';
import { Allow, CurrentActor, type AuthenticatedActor } from './auth.decorators';
import { SignIn } from './sign-in-throttle';

/** The actor as this API reads the token. */
export interface Me {
  readonly id: string;
  readonly name?: string;
  readonly roles: readonly Role[];
  readonly organisation?: string;
}

/**
 * Who the bearer token speaks for, read with the configured claims (`OIDC_ROLES_CLAIM`,
 * `OIDC_ORGANISATION_CLAIM`): clients ask here instead of decoding tokens themselves. A token without any of the
 * four roles gets 403, as on every route.
 */
@ApiTags('authentication')
@Controller('api')
export class MeController {
  @SignIn()
  @Get('me')
  @Answer('Me')
  @Allow(...PEOPLE_ROLES)
  @ApiOperation({
    summary: 'The signed-in user as the API sees the token: id, name, roles, organisation',
  })
  me(@CurrentActor() actor: AuthenticatedActor): Me {
    return {
      id: actor.id,
      ...(actor.name === undefined ? {} : { name: actor.name }),
      roles: actor.roles,
      ...(actor.organisation === undefined ? {} : { organisation: actor.organisation }),
    };
  }
}
