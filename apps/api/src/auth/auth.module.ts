import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';

import { DevTokens, OidcTokens, TOKEN_VERIFIER } from '@samenspoor/access';
import { BlindIndex } from '@samenspoor/search';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuthConfigController } from './auth-config.controller';
import { DevTokenController } from './dev-token.controller';
import { MeController } from './me.controller';

/**
 * Authentication as configured: tokens of an OpenID Connect issuer (`AUTH_MODE=oidc`), or development tokens
 * that this server hands anyone who asks (`AUTH_MODE=dev`, whose route does not exist in `oidc` mode). The
 * development sign-in's list of demo users reads a read model, so `ProjectionsModule` registers it.
 */
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    const auth = config.auth;
    const providers: Provider[] =
      auth.mode === 'dev'
        ? [
            {
              provide: DevTokens,
              useFactory: (database: SqlDatabase, appConfig: AppConfig) =>
                DevTokens.open(database, appConfig.store.schema),
              inject: [SQL_DATABASE, APP_CONFIG],
            },
            { provide: TOKEN_VERIFIER, useExisting: DevTokens },
          ]
        : [
            {
              provide: TOKEN_VERIFIER,
              // A household member is found from the token's BSN claim through the blind index, only.
              useFactory: (index: BlindIndex) =>
                new OidcTokens({
                  issuerUrl: auth.issuerUrl,
                  audience: auth.audience,
                  claims: auth.claims,
                  bsnClaim: auth.bsnClaim,
                  memberByBsn: (bsn) => index.memberWithBsn(bsn),
                  ...(auth.jwksUrl ? { jwksUrl: auth.jwksUrl } : {}),
                }),
              inject: [BlindIndex],
            },
          ];
    const { limit, windowMs } = config.http.signInRateLimit;
    return {
      module: AuthModule,
      global: true,
      imports: [ThrottlerModule.forRoot({ throttlers: [{ limit, ttl: windowMs }] })],
      controllers:
        auth.mode === 'dev'
          ? [AuthConfigController, DevTokenController, MeController]
          : [AuthConfigController, MeController],
      providers,
      exports: [TOKEN_VERIFIER],
    };
  }
}
