import {
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Registry } from 'prom-client';

import { EVENT_STORE, type EventStore } from '@samenspoor/event-store';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import type { Projection } from './projection';
import { projectionMetrics } from './projection-metrics';
import { ProjectionRunner, type RunnerObserver } from './projection-runner';
import { ProjectionTables } from './projection-tables';

export interface ProjectionRunnerModuleOptions {
  readonly schema: string;
  readonly projections: readonly Projection[];
  /** Follow the store in this process (false: another process does; this one only reads positions). */
  readonly run: boolean;
  /** See {@link ProjectionRunnerOptions.lingerMs} (the runner's default when left out). */
  readonly lingerMs?: number;
  /** The Prometheus registry to report to (token of a provider). */
  readonly registry: symbol | string | (abstract new (...args: never[]) => { registry: Registry });
}

const OPTIONS = Symbol('PROJECTION_RUNNER_OPTIONS');

@Injectable()
class RunnerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(OPTIONS) private readonly options: ProjectionRunnerModuleOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.run) this.runner.start();
  }

  /** Before the store and database close (their modules shut down in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}

/** The projection runner as a Nest module: provides {@link ProjectionRunner} and {@link ProjectionTables}. */
@Module({})
export class ProjectionRunnerModule {
  static forRoot(options: ProjectionRunnerModuleOptions): DynamicModule {
    return {
      module: ProjectionRunnerModule,
      // Global so that /health (in the API and in the projector) can ask the runner how the read models stand.
      global: true,
      providers: [
        { provide: OPTIONS, useValue: options },
        {
          provide: ProjectionTables,
          useFactory: (database: SqlDatabase) => ProjectionTables.open(database, options.schema),
          inject: [SQL_DATABASE],
        },
        {
          provide: ProjectionRunner,
          useFactory: (
            database: SqlDatabase,
            store: EventStore,
            tables: ProjectionTables,
            metrics: { registry: Registry },
          ) => {
            const logger = new Logger('Projections');
            const observer: RunnerObserver = {
              leading: () => logger.log('this process runs the projections'),
              rebuilding: (projection, reason) =>
                logger.warn(`rebuilding ${projection}: ${reason}`),
              // Ids, types, positions and codes only: never the event's data or the database's error text.
              setAside: (projection, entries) => {
                for (const { event, reason, failure } of entries) {
                  const fields = {
                    projection,
                    streamId: event.streamId,
                    eventType: event.type,
                    position: event.position,
                    version: event.version,
                    errorCode: failure.code ?? failure.errorClass,
                  };
                  if (reason === 'failed')
                    logger.error(fields, 'an event failed to apply; set aside with its stream');
                  else logger.warn(fields, 'event set aside: an earlier event of its stream is');
                }
              },
              failed: (error) =>
                logger.error({ err: error }, 'the projection runner failed; retrying'),
            };
            const runner = new ProjectionRunner(database, store, options.projections, tables, {
              schema: options.schema,
              observer,
              ...(options.lingerMs === undefined ? {} : { lingerMs: options.lingerMs }),
            });
            observer.applied = projectionMetrics(
              metrics.registry,
              store,
              runner,
              options.projections.map((p) => p.name),
            ).applied;
            return runner;
          },
          inject: [SQL_DATABASE, EVENT_STORE, ProjectionTables, options.registry],
        },
        RunnerLifecycle,
      ],
      exports: [ProjectionRunner, ProjectionTables],
    };
  }
}
