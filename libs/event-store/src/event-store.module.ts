import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type InjectionToken,
  type OnApplicationShutdown,
} from '@nestjs/common';

import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { EVENT_STORE } from './event-store';
import { openPgliteEventStore, type PgliteEventStoreOptions } from './pglite/pglite-event-store';
import {
  openPostgresEventStore,
  type PostgresEventStoreOptions,
} from './postgres/postgres-event-store';
import type { OpenedSqlEventStore } from './sql/sql-event-store';

const OPENED_STORE = Symbol('OPENED_SQL_EVENT_STORE');

export interface AsyncOptions<T> {
  readonly useFactory: (...deps: never[]) => T | Promise<T>;
  readonly inject?: InjectionToken[];
}

/** Closes the store, then its database, when the application shuts down. */
@Injectable()
class SqlEventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(OPENED_STORE) private readonly opened: OpenedSqlEventStore<SqlDatabase>) {}

  async onApplicationShutdown(): Promise<void> {
    await this.opened.close();
  }
}

function sqlEventStoreModule<O>(
  module: DynamicModule['module'],
  options: AsyncOptions<O>,
  open: (options: O) => Promise<OpenedSqlEventStore<SqlDatabase>>,
): DynamicModule {
  return {
    module,
    global: true,
    providers: [
      {
        provide: OPENED_STORE,
        useFactory: async (...deps: never[]) => open(await options.useFactory(...deps)),
        inject: options.inject ?? [],
      },
      {
        provide: EVENT_STORE,
        useFactory: (opened: OpenedSqlEventStore<SqlDatabase>) => opened.store,
        inject: [OPENED_STORE],
      },
      {
        provide: SQL_DATABASE,
        useFactory: (opened: OpenedSqlEventStore<SqlDatabase>) => opened.database,
        inject: [OPENED_STORE],
      },
      SqlEventStoreLifecycle,
    ],
    exports: [EVENT_STORE, SQL_DATABASE],
  };
}

/** The PostgreSQL adapter as a Nest module: provides {@link EVENT_STORE} and {@link SQL_DATABASE}. */
@Module({})
export class PostgresEventStoreModule {
  static forRootAsync(options: AsyncOptions<PostgresEventStoreOptions>): DynamicModule {
    return sqlEventStoreModule(PostgresEventStoreModule, options, openPostgresEventStore);
  }
}

/** The embedded PGlite adapter as a Nest module: provides {@link EVENT_STORE} and {@link SQL_DATABASE}. */
@Module({})
export class PgliteEventStoreModule {
  static forRootAsync(options: AsyncOptions<PgliteEventStoreOptions>): DynamicModule {
    return sqlEventStoreModule(PgliteEventStoreModule, options, openPgliteEventStore);
  }
}
