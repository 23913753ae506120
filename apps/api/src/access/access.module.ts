import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';

import { AuditLog, PersonalDataVault } from '@samenspoor/access';
import { FamilyCommandsModule } from '@samenspoor/commands';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { SignInThrottlerGuard } from '../auth/sign-in-throttle';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AccessGuard } from './access.guard';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditSealer } from './audit-sealer';
import { AUDIT_LOG, AuditTrail } from './audit-trail';

/**
 * Access, audit and privacy: the access policy on every route, the audit log of every request, and the
 * families' data keys (crypto-shredding).
 */
@Global()
@Module({
  imports: [FamilyCommandsModule],
  controllers: [AuditController],
  providers: [
    {
      provide: AUDIT_LOG,
      useFactory: (database: SqlDatabase, config: AppConfig) =>
        AuditLog.open(database, config.store.schema),
      inject: [SQL_DATABASE, APP_CONFIG],
    },
    {
      provide: PersonalDataVault,
      useFactory: (database: SqlDatabase, config: AppConfig) =>
        PersonalDataVault.open(database, config.store.schema),
      inject: [SQL_DATABASE, APP_CONFIG],
    },
    AuditTrail,
    AuditSealer,
    // The sign-in rate limit runs first, so that it counts requests before any token is looked at.
    { provide: APP_GUARD, useClass: SignInThrottlerGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [PersonalDataVault, AuditTrail],
})
export class AccessModule {}
