import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';

import { DevTokens, TOKEN_VERIFIER } from '@samenspoor/access';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/event-store';

import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuthenticationGuard } from './authentication.guard';
import { DevTokenController } from './dev-token.controller';

/** Authentication as configured: development tokens (`AUTH_MODE=dev`) or an OpenID Connect issuer. */
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (config.auth.mode !== 'dev') {
      throw new Error('AUTH_MODE=oidc is not available yet: start with AUTH_MODE=dev');
    }
    return {
      module: AuthModule,
      controllers: [DevTokenController],
      providers: [
        {
          provide: DevTokens,
          useFactory: (database: SqlDatabase, appConfig: AppConfig) =>
            DevTokens.open(database, appConfig.store.schema),
          inject: [SQL_DATABASE, APP_CONFIG],
        },
        { provide: TOKEN_VERIFIER, useExisting: DevTokens },
        { provide: APP_GUARD, useClass: AuthenticationGuard },
      ],
    };
  }
}
