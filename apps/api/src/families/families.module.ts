import { Module } from '@nestjs/common';

import { FamilyCommandsModule } from '@samenspoor/commands';

import { RegionModule } from '../region/region';
import { FamiliesController } from './families.controller';
import { FamilyQueries } from './family-queries';

@Module({
  imports: [RegionModule, FamilyCommandsModule],
  controllers: [FamiliesController],
  providers: [FamilyQueries],
})
export class FamiliesModule {}
