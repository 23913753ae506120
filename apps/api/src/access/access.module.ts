import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';

import { AuditLog, PersonalDataVault } from '@samenspoor/access';
import { FamilyCommandsModule } from '@samenspoor/commands';

import { SignInThrottlerGuard } from '../auth/sign-in-throttle';
import { openedInSchema } from '../config/schema-provider';
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
    openedInSchema(AuditLog, AUDIT_LOG),
    openedInSchema(PersonalDataVault),
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
