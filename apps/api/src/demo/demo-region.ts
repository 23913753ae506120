import { Inject, Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';

import { PersonalDataVault } from '@samenspoor/access';
import { EVENT_STORE, START, type EventStore } from '@samenspoor/event-store';

import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { seedRegion } from './region-seeder';

/** Families in the demo region a newcomer's `npm start` gets on an empty store. */
export const DEMO_FAMILIES = 150;

/** Seeds the demo region when the store is empty and `SEED_DEMO` is not `false`. */
@Injectable()
class DemoRegion implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoRegion');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly vault: PersonalDataVault,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo || (await this.store.headPosition()) !== START) return;
    const started = Date.now();
    const seeded = await seedRegion(this.store, this.vault, {
      families: DEMO_FAMILIES,
      region: this.config.region,
      seed: 2026,
    });
    this.logger.log(
      `seeded a demo region of ${seeded.families} families (${seeded.events} events) in ${Date.now() - started} ms; SEED_DEMO=false starts empty`,
    );
  }
}

@Module({ providers: [DemoRegion] })
export class DemoRegionModule {}
