import { randomUUID } from 'node:crypto';

import {
  derivedId,
  FamilyCommands,
  type FamilyKeys,
  type MemberIdClaims,
  type PlaintextEventWriter,
} from '@samenspoor/commands';
import type { RegionConfig } from '@samenspoor/domain';
import type { EventStore } from '@samenspoor/event-store';

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
  readonly memberIds?: MemberIdClaims;
  /** What the API keeps beside the events (the search index), so that seeded families are found as others are. */
  readonly writers?: readonly PlaintextEventWriter[];
}

/**
 * Seeds a synthetic region through the one command path, exactly like commands sent to the API: decided, sealed
 * under the family's new key, with the metadata a real command gets. A family's history is appended in one go.
 */
export async function seedRegion(
  store: EventStore,
  vault: FamilyKeys,
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
  const commands = new FamilyCommands(store, vault, options.memberIds, options.writers);
  let families = 0;
  let events = 0;
  const next = async (): Promise<void> => {
    for (let result = simulation.next(); !result.done; result = simulation.next()) {
      const family = result.value;
      if (family.steps.length > 0) {
        const now = new Date().toISOString();
        const { version } = await commands.run(
          family.familyId,
          family.steps.map((step, i) => ({
            command: step.command,
            context: {
              actor: step.actor,
              commandId: derivedId(family.familyId, `seed-step:${i}`),
              correlationId: randomUUID(),
              requestHash: 'seed',
              now,
            },
          })),
        );
        events += version;
      }
      families++;
      options.onProgress?.(families, events);
    }
  };
  // The generator hands families out one at a time to whichever worker asks first.
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, () => next()));
  return { families, events };
}
