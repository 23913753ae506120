import { Module } from '@nestjs/common';

import { PersonalDataVault } from '@samenspoor/access';
import { EVENT_STORE, type EventStore } from '@samenspoor/event-store';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { FamilyCommands } from './family-commands';
import type { MemberIdRegistry } from './member-ids';

/** The member-id registry of the application (see MemberIdRegistry), provided by the application. */
export const MEMBER_ID_REGISTRY = Symbol('MEMBER_ID_REGISTRY');

/**
 * The command path as a Nest provider, one per application: its per-family queue and stream cache only work when
 * every sender (routes, access checks, the demo seeder) shares it. Needs the event store, the vault, the SQL database and the
 * member-id registry (`MEMBER_ID_REGISTRY`).
 */
@Module({
  providers: [
    {
      provide: FamilyCommands,
      useFactory: (
        store: EventStore,
        vault: PersonalDataVault,
        registry: MemberIdRegistry,
        database: SqlDatabase,
      ) => new FamilyCommands(store, vault, { registry, database }),
      inject: [EVENT_STORE, PersonalDataVault, MEMBER_ID_REGISTRY, SQL_DATABASE],
    },
  ],
  exports: [FamilyCommands],
})
export class FamilyCommandsModule {}
