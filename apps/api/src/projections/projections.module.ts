import {
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';

import {
  EVENT_STORE,
  SQL_DATABASE,
  type EventStore,
  type SqlDatabase,
} from '@samenspoor/event-store';
import { ALL_PROJECTIONS, ProjectionRunner, ProjectionTables } from '@samenspoor/projections';

import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Metrics, MetricsModule } from '../observability/metrics';
import { RegionModule } from '../region/region';
import { ProjectionReads } from './projection-reads';
import { ProjectionsController } from './projections.controller';

/** Starts the runner in this process unless the projections run in `apps/projector`; stops it before the store closes. */
@Injectable()
class ProjectionRunnerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.projections === 'in-process') this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}

@Module({
  imports: [RegionModule, MetricsModule],
  controllers: [ProjectionsController],
  providers: [
    {
      provide: ProjectionTables,
      useFactory: (database: SqlDatabase, config: AppConfig) =>
        ProjectionTables.open(database, config.store.schema),
      inject: [SQL_DATABASE, APP_CONFIG],
    },
    {
      provide: ProjectionRunner,
      useFactory: (
        database: SqlDatabase,
        store: EventStore,
        tables: ProjectionTables,
        config: AppConfig,
        metrics: Metrics,
      ) => {
        const logger = new Logger('Projections');
        const runner = new ProjectionRunner(database, store, ALL_PROJECTIONS, tables, {
          schema: config.store.schema,
          observer: {
            leading: () => logger.log('this process runs the projections'),
            applied: (projection, events) => metrics.projectionEvents.inc({ projection }, events),
            rebuilding: (projection, reason) => logger.warn(`rebuilding ${projection}: ${reason}`),
            failed: (error) =>
              logger.error({ err: error }, 'the projection runner failed; retrying'),
          },
        });
        metrics.watchProjections(
          store,
          runner,
          ALL_PROJECTIONS.map((p) => p.name),
        );
        return runner;
      },
      inject: [SQL_DATABASE, EVENT_STORE, ProjectionTables, APP_CONFIG, Metrics],
    },
    ProjectionRunnerLifecycle,
    ProjectionReads,
  ],
  exports: [ProjectionReads, ProjectionRunner],
})
export class ProjectionsModule {}
