import { randomUUID } from 'node:crypto';

import type { PersonalDataVault } from '@samenspoor/access';
import {
  derivedId,
  memberIdsIntroducedBy,
  toStoredEvents,
  type MemberIdRegistry,
} from '@samenspoor/commands';
import {
  decide,
  evolve,
  familyStreamId,
  initialState,
  type FamilyState,
  type RegionConfig,
} from '@samenspoor/domain';
import type { EventStore, NewEvent, SqlQueryable } from '@samenspoor/event-store';

import { simulateRegion } from './region-simulation';

export interface SeedOptions {
  readonly families: number;
  readonly seed?: number;
  readonly years?: number;
  readonly region: RegionConfig;
  /** The simulation's "now" (default: the current time). */
  readonly end?: string;
  /** Families appended side by side (default 8). */
  readonly concurrency?: number;
  readonly onProgress?: (families: number, events: number) => void;
  /**
   * Where the seeded families' member ids are claimed, as a command over the API claims them, so that no later
   * registration can take one (claimed before each family's append).
   */
  readonly memberIds?: { readonly registry: MemberIdRegistry; readonly database: SqlQueryable };
}

/**
 * Seeds a synthetic region: every simulated command goes through the decider, exactly like a command sent to
 * the API, and the resulting events of a family are appended in one go, with the metadata a real command gets
 * and the personal fields sealed under the family's new key.
 */
export async function seedRegion(
  store: EventStore,
  vault: PersonalDataVault,
  options: SeedOptions,
): Promise<{ families: number; events: number }> {
  const end = options.end ?? new Date().toISOString();
  const simulation = simulateRegion({
    families: options.families,
    seed: options.seed ?? 1,
    years: options.years,
    end,
    region: options.region,
  });
  let families = 0;
  let events = 0;
  const next = async (): Promise<void> => {
    for (let result = simulation.next(); !result.done; result = simulation.next()) {
      const family = result.value;
      let state: FamilyState = initialState;
      const stored: NewEvent[] = [];
      const key = await vault.keyFor(family.familyId, { create: true });
      const introduced: string[] = [];
      family.steps.forEach((step, i) => {
        const decided = decide(step.command, state);
        introduced.push(...memberIdsIntroducedBy(decided));
        for (const event of decided) state = evolve(state, event);
        const commandId = derivedId(family.familyId, `seed-step:${i}`);
        stored.push(
          ...toStoredEvents(
            decided,
            {
              actor: step.actor,
              commandId,
              correlationId: randomUUID(),
              requestHash: 'seed',
              now: new Date().toISOString(),
            },
            key,
          ),
        );
      });
      if (stored.length > 0) {
        const claims = options.memberIds;
        if (claims) await claims.registry.claim(claims.database, family.familyId, introduced);
        await store.appendToStream(familyStreamId(family.familyId), stored, {
          expectedVersion: 'no-stream',
        });
      }
      families++;
      events += stored.length;
      options.onProgress?.(families, events);
    }
  };
  // The generator hands families out one at a time to whichever worker asks first.
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, () => next()));
  return { families, events };
}
