import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { Answer } from '../http/answers';

import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Public } from './auth.decorators';
import { SignIn } from './sign-in-throttle';

/** How clients sign in: what the web UI asks before it shows a sign-in page. */
export type AuthSettings =
  | { readonly mode: 'dev' }
  | {
      readonly mode: 'oidc';
      readonly issuer: string;
      readonly clientId: string | null;
      readonly scopes: string;
    };

@ApiTags('authentication')
@Controller('api/auth')
export class AuthConfigController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @SignIn()
  @Public()
  @Get('config')
  @Answer('AuthSettings')
  @ApiOperation({
    summary: 'How to sign in: development tokens, or the OpenID Connect issuer and client id',
  })
  settings(): AuthSettings {
    const auth = this.config.auth;
    return auth.mode === 'dev'
      ? { mode: 'dev' }
      : {
          mode: 'oidc',
          issuer: auth.issuerUrl,
          clientId: auth.clientId ?? null,
          scopes: 'openid profile',
        };
  }
}
