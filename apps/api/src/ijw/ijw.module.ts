import { Module } from '@nestjs/common';

import { PersonalDataVault } from '@samenspoor/access';
import { FamilyCommands, FamilyCommandsModule } from '@samenspoor/commands';
import { Directory } from '@samenspoor/directory';
import { IjwInbox, IjwIntake } from '@samenspoor/ijw';
import { BlindIndex } from '@samenspoor/search';

import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { openedInSchema } from '../config/schema-provider';
import { IjwController } from './ijw.controller';

/** The iJw intake (libs/ijw) with its inbox table, and its routes. */
@Module({
  imports: [FamilyCommandsModule],
  controllers: [IjwController],
  // The inbox also feeds the safety team's work list (work/): the messages kept for it to link.
  providers: [
    openedInSchema(IjwInbox),
    {
      provide: IjwIntake,
      useFactory: (
        commands: FamilyCommands,
        index: BlindIndex,
        directory: Directory,
        vault: PersonalDataVault,
        inbox: IjwInbox,
        config: AppConfig,
      ) => new IjwIntake(commands, index, directory, vault, inbox, config.region),
      inject: [FamilyCommands, BlindIndex, Directory, PersonalDataVault, IjwInbox, APP_CONFIG],
    },
  ],
  exports: [IjwInbox],
})
export class IjwModule {}
