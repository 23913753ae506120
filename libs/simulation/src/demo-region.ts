import {
  Inject,
  Injectable,
  Optional,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';

import { PersonalDataVault } from '@samenspoor/access';
import type { RegionConfig } from '@samenspoor/domain';
import {
  FamilyCommands,
  MemberIdRegistry,
  PLAINTEXT_EVENT_WRITERS,
  type PlaintextEventWriter,
} from '@samenspoor/commands';
import { Directory } from '@samenspoor/directory';
import { EVENT_STORE, START, type EventStore } from '@samenspoor/event-store';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { DEMO_CASE_DIRECTOR, seedDemoHousehold } from './demo-household';
import { demoProfessionals } from './demo-professionals';
import { DEMO_PROVIDERS } from './demo-providers';
import { seedRegion } from './region-seeder';

/** Families in the demo region a newcomer's `npm start` gets on an empty store. */
export const DEMO_FAMILIES = 150;

/** What the demo region needs from the app's configuration (`SEED_DEMO`, `REGION_CONFIG`). */
export interface DemoRegionOptions {
  readonly seedDemo: boolean;
  readonly region: RegionConfig;
  /** The schema of the store's tables, where the seeded member ids are claimed. */
  readonly schema: string;
}

const DEMO_REGION_OPTIONS = Symbol('DEMO_REGION_OPTIONS');

/** Seeds the demo region when the store is empty and `SEED_DEMO` is not `false`. */
@Injectable()
class DemoRegion implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoRegion');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DEMO_REGION_OPTIONS) private readonly options: DemoRegionOptions,
    private readonly vault: PersonalDataVault,
    @Inject(SQL_DATABASE) private readonly database: SqlDatabase,
    @Optional()
    @Inject(PLAINTEXT_EVENT_WRITERS)
    private readonly writers: readonly PlaintextEventWriter[] = [],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.seedDemo || (await this.store.headPosition()) !== START) return;
    const started = Date.now();
    const memberIds = {
      registry: await MemberIdRegistry.open(this.database, this.options.schema),
      database: this.database,
    };
    const seeded = await seedRegion(this.store, this.vault, {
      families: DEMO_FAMILIES,
      region: this.options.region,
      seed: 2026,
      memberIds,
      writers: this.writers,
    });
    // A household whose members sign in to their own view in development ("Mijn gezin").
    await seedDemoHousehold(new FamilyCommands(this.store, this.vault, memberIds, this.writers));
    // The demo's providers and professionals are directory entries, so that it names them everywhere.
    const directory = await Directory.open(this.database, this.options.schema);
    await directory.listProviders(DEMO_PROVIDERS);
    for (const entry of await demoProfessionals(this.store)) await directory.putProfessional(entry);
    await directory.putProfessional(DEMO_CASE_DIRECTOR);
    this.logger.log(
      `seeded a demo region of ${seeded.families} families (${seeded.events} events) in ${Date.now() - started} ms; SEED_DEMO=false starts empty`,
    );
  }
}

/**
 * The demo region as a Nest module. The options are passed in rather than read from the app's configuration
 * token, because a library never imports an app.
 */
@Module({})
export class DemoRegionModule {
  static forRoot(options: DemoRegionOptions): DynamicModule {
    return {
      module: DemoRegionModule,
      providers: [{ provide: DEMO_REGION_OPTIONS, useValue: options }, DemoRegion],
    };
  }
}
