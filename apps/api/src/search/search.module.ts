import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';

import { PersonalDataVault } from '@samenspoor/access';
import { FamilyCommandsModule, PLAINTEXT_EVENT_WRITERS } from '@samenspoor/commands';
import { EVENT_STORE, type EventStore } from '@samenspoor/event-store';
import { BlindIndex, RegistrationMatches } from '@samenspoor/search';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { openedInSchema } from '../config/schema-provider';
import { ModelReadPipe } from '../projections/model-read';
import { ProjectionReads } from '../projections/projection-reads';
import { RegionModule } from '../region/region';
import { CONTACT_DIRECTORY, DirectoryContacts } from './contacts';
import { FamilySearchController } from './family-search.controller';
import { RegistrationMatch } from './registration-match';

/**
 * Brings the blind index up to date with the store at start-up: families registered before the index existed,
 * by another process without it (a tool), or before the search key changed.
 */
@Injectable()
class BlindIndexCatchUp implements OnApplicationBootstrap {
  private readonly logger = new Logger('BlindIndex');

  constructor(
    private readonly index: BlindIndex,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const started = Date.now();
    const read = await this.index.catchUp(this.store, (ids) => this.vault.keysFor(ids));
    if (read > 0)
      this.logger.log(`search index caught up over ${read} events in ${Date.now() - started} ms`);
  }
}

/**
 * Region-wide search and the match on registration: the blind index (written by the command path as a
 * PlaintextEventWriter), the search route, the registration match and where matches are kept. Global, so that
 * the command path and the registration route find them.
 */
@Global()
@Module({
  imports: [FamilyCommandsModule, RegionModule],
  controllers: [FamilySearchController],
  providers: [
    {
      provide: BlindIndex,
      useFactory: (database: SqlDatabase, config: AppConfig) =>
        BlindIndex.open(database, config.store.schema, config.search.keys),
      inject: [SQL_DATABASE, APP_CONFIG],
    },
    {
      provide: PLAINTEXT_EVENT_WRITERS,
      useFactory: (index: BlindIndex) => [index],
      inject: [BlindIndex],
    },
    openedInSchema(RegistrationMatches),
    { provide: CONTACT_DIRECTORY, useClass: DirectoryContacts },
    ProjectionReads,
    ModelReadPipe,
    RegistrationMatch,
    BlindIndexCatchUp,
  ],
  exports: [BlindIndex, PLAINTEXT_EVENT_WRITERS, RegistrationMatches, RegistrationMatch],
})
export class SearchModule {}
