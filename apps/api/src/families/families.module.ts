import { Module } from '@nestjs/common';

import { FamilyCommandsModule } from '@samenspoor/commands';

import { RegionModule } from '../region/region';
import { AnalysisAndPlanController } from './analysis-and-plan.controller';
import { CareController } from './care.controller';
import { CaseWorkController } from './case-work.controller';
import { CommandContextPipe, FamilyStepPipe } from './command-context.decorator';
import { ErasureController } from './erasure.controller';
import { FamilyController } from './family.controller';
import { FamilyQueries } from './family-queries';
import { FamilyVoiceController } from './family-voice.controller';
import { ProtectionController } from './protection.controller';
import { NetworkController } from './network.controller';
import { OutflowController } from './outflow.controller';
import { RegistrationController } from './registration.controller';

/** A family's route over HTTP: one controller per area of the route, all sending to the one command path. */
@Module({
  imports: [RegionModule, FamilyCommandsModule],
  controllers: [
    RegistrationController,
    FamilyController,
    NetworkController,
    AnalysisAndPlanController,
    CareController,
    CaseWorkController,
    OutflowController,
    ProtectionController,
    FamilyVoiceController,
    ErasureController,
  ],
  providers: [FamilyQueries, CommandContextPipe, FamilyStepPipe],
})
export class FamiliesModule {}
