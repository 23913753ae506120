import { Module } from '@nestjs/common';

import { PersonalDataVault } from '@samenspoor/access';
import { EVENT_STORE, type EventStore } from '@samenspoor/event-store';

import { FamilyCommands } from './family-commands';

/**
 * The command path as a Nest provider, one per application: its per-family queue and stream cache only work when
 * every sender (routes, access checks, the demo seeder) shares it. Needs the event store and the vault.
 */
@Module({
  providers: [
    {
      provide: FamilyCommands,
      useFactory: (store: EventStore, vault: PersonalDataVault) => new FamilyCommands(store, vault),
      inject: [EVENT_STORE, PersonalDataVault],
    },
  ],
  exports: [FamilyCommands],
})
export class FamilyCommandsModule {}
