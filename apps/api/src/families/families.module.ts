import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { RegionModule } from '../region/region';
import { FamiliesController } from './families.controller';
import { FamilyQueries } from './family-queries';
import { FamilyStreams } from './family-streams';
import { TakeFamilyStepHandler } from './take-family-step.handler';

@Module({
  imports: [CqrsModule.forRoot(), RegionModule],
  controllers: [FamiliesController],
  providers: [FamilyStreams, FamilyQueries, TakeFamilyStepHandler],
})
export class FamiliesModule {}
