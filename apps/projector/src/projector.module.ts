import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

import { KurrentDbEventStoreModule, PostgresEventStoreModule } from '@samenspoor/event-store';
import { HealthModule, loggingParams, Metrics, MetricsModule } from '@samenspoor/platform';
import { ALL_PROJECTIONS, ProjectionRunnerModule } from '@samenspoor/projections';

import type { ProjectorConfig } from './projector-config';

/**
 * The projection worker: follows the store and keeps the read models up to date, apart from the API (which then
 * runs with `PROJECTIONS=external`). Several may run; one leads, the others stand by and take over.
 */
@Module({})
export class ProjectorModule {
  static forRoot(config: ProjectorConfig): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        LoggerModule.forRoot(loggingParams(config)),
        config.eventStore === 'kurrentdb'
          ? KurrentDbEventStoreModule.forRootAsync({
              useFactory: () => ({
                connectionString: config.esdbUrl!,
                databaseUrl: config.connectionString,
                schema: config.schema,
              }),
            })
          : PostgresEventStoreModule.forRootAsync({
              useFactory: () => ({
                connectionString: config.connectionString,
                schema: config.schema,
              }),
            }),
        MetricsModule,
        HealthModule.forRoot({ stalledAfterMs: config.readModelStallSeconds * 1000 }),
        ProjectionRunnerModule.forRoot({
          schema: config.schema,
          projections: ALL_PROJECTIONS,
          run: true,
          registry: Metrics,
        }),
      ],
    };
  }
}
