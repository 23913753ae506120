import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { RegionModule } from '../region/region';
import { FamiliesController } from './families.controller';
import { FamilyQueries } from './family-queries';
import { FamilyStreamsModule } from './family-streams.module';
import { TakeFamilyStepHandler } from './take-family-step.handler';

@Module({
  imports: [CqrsModule.forRoot(), RegionModule, FamilyStreamsModule],
  controllers: [FamiliesController],
  providers: [FamilyQueries, TakeFamilyStepHandler],
})
export class FamiliesModule {}
