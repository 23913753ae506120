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
