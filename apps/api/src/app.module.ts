import {
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';

import { MEMBER_ID_REGISTRY, MemberIdRegistry } from '@samenspoor/commands';
import {
  KurrentDbEventStoreModule,
  PgliteEventStoreModule,
  PostgresEventStoreModule,
} from '@samenspoor/event-store';
import { DemoRegionModule } from '@samenspoor/simulation';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';
import {
  HealthModule,
  HttpMetricsMiddleware,
  loggingParams,
  MetricsModule,
} from '@samenspoor/platform';

import { AccessModule } from './access/access.module';
import { AuthModule } from './auth/auth.module';
import { APP_CONFIG, type AppConfig, type StoreConfig } from './config/app-config';
import { DirectoryModule } from './directory/directory.module';
import { FamiliesModule } from './families/families.module';
import { MyFamilyModule } from './my-family/my-family.module';
import { IjwModule } from './ijw/ijw.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { CsvInterceptor } from './http/csv';
import { StatementTimeoutMiddleware } from './http/statement-timeout.middleware';
import { validationPipe } from './http/validation';
import { ProjectionsModule } from './projections/projections.module';
import { SearchModule } from './search/search.module';

export interface AppModuleOptions {
  /** Where log lines go (default standard output); tests pass a stream to read them. */
  readonly logDestination?: DestinationStream;
}

function eventStoreModule(store: StoreConfig): DynamicModule {
  switch (store.kind) {
    case 'pglite':
      return PgliteEventStoreModule.forRootAsync({
        useFactory: () => ({ dataDir: store.dataDir, schema: store.schema }),
      });
    case 'postgres':
      return PostgresEventStoreModule.forRootAsync({
        // Every connection of the pool open from the start and kept: a burst of requests after a quiet spell does
        // not wait for connections to be opened (see PostgresDatabaseOptions.fixedSize).
        useFactory: () => ({
          connectionString: store.connectionString,
          schema: store.schema,
          fixedSize: true,
        }),
      });
    case 'kurrentdb':
      return KurrentDbEventStoreModule.forRootAsync({
        useFactory: () => ({
          connectionString: store.esdbUrl,
          databaseUrl: store.connectionString,
          schema: store.schema,
          // The PostgreSQL pool of the rest (read models, audit log) as with the PostgreSQL store.
          fixedSize: true,
        }),
      });
    default: {
      const unknown: never = store;
      throw new Error(`unknown store ${JSON.stringify(unknown)}`);
    }
  }
}

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggingParams(config, options.logDestination)),
        eventStoreModule(config.store),
        MetricsModule,
        HealthModule.forRoot({ stalledAfterMs: config.readModelStallSeconds * 1000 }),
        AuthModule.forRoot(config),
        AccessModule,
        SearchModule,
        DirectoryModule,
        IjwModule,
        FamiliesModule,
        MyFamilyModule,
        ProjectionsModule.forRoot(config),
        DemoRegionModule.forRoot({
          seedDemo: config.seedDemo,
          region: config.region,
          schema: config.store.schema,
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: MEMBER_ID_REGISTRY,
          useFactory: (database: SqlDatabase) =>
            MemberIdRegistry.open(database, config.store.schema),
          inject: [SQL_DATABASE],
        },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: CsvInterceptor },
        { provide: APP_PIPE, useFactory: validationPipe },
      ],
      exports: [APP_CONFIG, MEMBER_ID_REGISTRY],
      global: true,
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware, StatementTimeoutMiddleware).forRoutes('*path');
  }
}
