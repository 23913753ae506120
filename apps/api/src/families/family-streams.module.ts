import { Module } from '@nestjs/common';

import { MemberIdRegistry } from '@samenspoor/commands';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/event-store';

import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { FamilyStreams } from './family-streams';

/** The family streams, for the command side and for the access policy, which asks who is in a family's network. */
@Module({
  providers: [
    FamilyStreams,
    {
      provide: MemberIdRegistry,
      useFactory: (database: SqlDatabase, config: AppConfig) =>
        MemberIdRegistry.open(database, config.store.schema),
      inject: [SQL_DATABASE, APP_CONFIG],
    },
  ],
  exports: [FamilyStreams, MemberIdRegistry],
})
export class FamilyStreamsModule {}
