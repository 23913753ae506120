import { Module } from '@nestjs/common';

import { PersonalDataVault } from '@samenspoor/access';
import { EVENT_STORE, type EventStore } from '@samenspoor/event-store';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { FamilyCommands } from './family-commands';
import type { PlaintextEventWriter } from './family-streams';
import type { MemberIdRegistry } from './member-ids';

/** The member-id registry of the application (see MemberIdRegistry), provided by the application. */
export const MEMBER_ID_REGISTRY = Symbol('MEMBER_ID_REGISTRY');

/** What the application keeps beside the events from their plaintext (PlaintextEventWriter[]); optional. */
export const PLAINTEXT_EVENT_WRITERS = Symbol('PLAINTEXT_EVENT_WRITERS');

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
        writers: readonly PlaintextEventWriter[] | undefined,
      ) => new FamilyCommands(store, vault, { registry, database }, writers ?? []),
      inject: [
        EVENT_STORE,
        PersonalDataVault,
        MEMBER_ID_REGISTRY,
        SQL_DATABASE,
        { token: PLAINTEXT_EVENT_WRITERS, optional: true },
      ],
    },
  ],
  exports: [FamilyCommands],
})
export class FamilyCommandsModule {}
