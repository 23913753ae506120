import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';

import { PostgresDatabase, SQL_DATABASE } from '@samenspoor/sql';

import { EVENT_STORE } from '../event-store';
import type { AsyncOptions } from '../event-store.module';
import type { Upcaster } from '../upcasting';
import { openKurrentDbEventStore, type OpenedKurrentDbEventStore } from './kurrentdb-event-store';

export interface KurrentDbEventStoreModuleOptions {
  /** The KurrentDB connection string (`ESDB_URL`). */
  readonly connectionString: string;
  /** The PostgreSQL database of the read models, checkpoints and the event-id registry (`DATABASE_URL`). */
  readonly databaseUrl: string;
  /** Schema of the SQL tables (`DATABASE_SCHEMA`). */
  readonly schema: string;
  readonly streamPrefix?: string;
  readonly upcasters?: readonly Upcaster[];
  /** Every connection to PostgreSQL open from the start and kept (see `PostgresDatabaseOptions.fixedSize`). */
  readonly fixedSize?: boolean;
}

const OPENED_STORE = Symbol('OPENED_KURRENTDB_EVENT_STORE');

/** Closes the store, then its database, when the application shuts down. */
@Injectable()
class KurrentDbEventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(OPENED_STORE) private readonly opened: OpenedKurrentDbEventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.opened.close();
  }
}

/**
 * The KurrentDB adapter as a Nest module: provides {@link EVENT_STORE} (events in KurrentDB) and
 * {@link SQL_DATABASE} (PostgreSQL, for everything else: read models, checkpoints, the event-id registry).
 */
@Module({})
export class KurrentDbEventStoreModule {
  static forRootAsync(options: AsyncOptions<KurrentDbEventStoreModuleOptions>): DynamicModule {
    return {
      module: KurrentDbEventStoreModule,
      global: true,
      providers: [
        {
          provide: OPENED_STORE,
          useFactory: async (...deps: never[]) => {
            const settings = await options.useFactory(...deps);
            return openKurrentDbEventStore({
              connectionString: settings.connectionString,
              database: new PostgresDatabase({
                connectionString: settings.databaseUrl,
                fixedSize: settings.fixedSize,
              }),
              schema: settings.schema,
              streamPrefix: settings.streamPrefix,
              upcasters: settings.upcasters,
            });
          },
          inject: options.inject ?? [],
        },
        {
          provide: EVENT_STORE,
          useFactory: (opened: OpenedKurrentDbEventStore) => opened.store,
          inject: [OPENED_STORE],
        },
        {
          provide: SQL_DATABASE,
          useFactory: (opened: OpenedKurrentDbEventStore) => opened.database,
          inject: [OPENED_STORE],
        },
        KurrentDbEventStoreLifecycle,
      ],
      exports: [EVENT_STORE, SQL_DATABASE],
    };
  }
}
