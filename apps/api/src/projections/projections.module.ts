import { Module, type DynamicModule } from '@nestjs/common';

import { FamilyCommandsModule } from '@samenspoor/commands';
import { Metrics, MetricsModule } from '@samenspoor/platform';
import { ALL_PROJECTIONS, ProjectionRunnerModule } from '@samenspoor/projections';

import { DevUsersController } from '../auth/dev-users.controller';
import type { AppConfig } from '../config/app-config';
import { FamilyQueries } from '../families/family-queries';
import { IjwModule } from '../ijw/ijw.module';
import { RegionModule } from '../region/region';
import { FamilyFileController } from '../reports/family-file.controller';
import { FamilyReadsController } from './family-reads.controller';
import { ModelReadPipe } from './model-read';
import { MonitorController, ReportsController } from './monitor.controller';
import { ProjectionReads } from './projection-reads';
import { ProjectionsController } from './projections.controller';
import { MyWorkController } from '../work/my-work.controller';
import { RemindersDigest } from '../work/reminders-digest';
import { WorkList } from '../work/work-list';

/** How long the API's own runner waits after a small batch for more events (ProjectionRunnerOptions.lingerMs). */
const IN_PROCESS_LINGER_MS = 100;

/** The read models' queries; the runner follows the store here unless `PROJECTIONS=external`. */
@Module({})
export class ProjectionsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ProjectionsModule,
      imports: [
        RegionModule,
        MetricsModule,
        FamilyCommandsModule,
        IjwModule,
        ProjectionRunnerModule.forRoot({
          schema: config.store.schema,
          projections: ALL_PROJECTIONS,
          run: config.projections === 'in-process',
          // In this process a read that waits for its own write ends the linger at once, so it can be longer than
          // a projector's (25 ms), whose readers in another process would wait it out. Measured with bench:api at
          // a steady 100 commands/s (two runs each): 100 ms instead of 25 took the read models' statements from
          // 2.2-2.4 to 1.1-1.2 per command, and the CPU per command from 2.9-3.0 to 2.4-2.6 ms in the API and from
          // 2.7-2.8 to 1.8-1.9 ms in PostgreSQL. A read not waiting for a position may see the store up to 75 ms later.
          lingerMs: IN_PROCESS_LINGER_MS,
          registry: Metrics,
        }),
      ],
      controllers: [
        ProjectionsController,
        FamilyReadsController,
        MonitorController,
        ReportsController,
        FamilyFileController,
        // The work list reads the family list's read model (work/).
        MyWorkController,
        // Development mode's demo users come from the family list (auth/dev-users.controller.ts).
        ...(config.auth.mode === 'dev' ? [DevUsersController] : []),
      ],
      providers: [ProjectionReads, ModelReadPipe, FamilyQueries, WorkList, RemindersDigest],
      exports: [RemindersDigest],
    };
  }
}
