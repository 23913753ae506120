import { Module } from '@nestjs/common';

import { PersonalDataVault } from '@samenspoor/access';
import { FamilyCommands, FamilyCommandsModule } from '@samenspoor/commands';
import { Directory } from '@samenspoor/directory';
import { IjwInbox, IjwIntake } from '@samenspoor/ijw';
import { BlindIndex } from '@samenspoor/search';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { IjwController } from './ijw.controller';

/** The iJw intake (libs/ijw) with its inbox table, and its routes. */
@Module({
  imports: [FamilyCommandsModule],
  controllers: [IjwController],
  // The inbox also feeds the safety team's work list (work/): the messages kept for it to link.
  providers: [
    {
      provide: IjwInbox,
      useFactory: (database: SqlDatabase, config: AppConfig) =>
        IjwInbox.open(database, config.store.schema),
      inject: [SQL_DATABASE, APP_CONFIG],
    },
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
