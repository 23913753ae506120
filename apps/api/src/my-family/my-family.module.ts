import { Module } from '@nestjs/common';

import { FamilyCommandsModule } from '@samenspoor/commands';

import { CommandContextPipe } from '../families/command-context.decorator';
import { MyFamilyController } from './my-family.controller';
import { MemberStepPipe, SignedInPipe } from './member-step';
import { MyFamilyReads } from './my-family.reads';

/** The family's own view ("Mijn gezin"), for the `family` role. */
@Module({
  imports: [FamilyCommandsModule],
  controllers: [MyFamilyController],
  providers: [MyFamilyReads, CommandContextPipe, SignedInPipe, MemberStepPipe],
})
export class MyFamilyModule {}
