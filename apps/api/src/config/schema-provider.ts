import type { FactoryProvider, InjectionToken } from '@nestjs/common';

import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { APP_CONFIG, type AppConfig } from './app-config';

/** A service kept in the database, opened in a schema (its tables created when missing). */
interface InSchema<T> {
  open(database: SqlDatabase, schema: string): T | Promise<T>;
}

/**
 * The provider of a service kept in the database, opened in the configured schema (`DATABASE_SCHEMA`), under
 * its own class or under `provide`: `openedInSchema(IjwInbox)`, `openedInSchema(AuditLog, AUDIT_LOG)`.
 */
export const openedInSchema = <T>(
  service: InSchema<T>,
  // The class itself, by default: a class is its own injection token.
  provide: InjectionToken = service as unknown as InjectionToken,
): FactoryProvider<T | Promise<T>> => ({
  provide,
  useFactory: (database: SqlDatabase, config: AppConfig) =>
    service.open(database, config.store.schema),
  inject: [SQL_DATABASE, APP_CONFIG],
});
