import type { FamilyCommand } from '../commands';
import type { RegionConfig } from '../region';
import { FamilyHistory } from './family-history';
import { RegionModel } from './region-model';

/**
 * A synthetic region: families along the HSJ-MCP route, as the commands professionals would have sent, to seed
 * a demo region (`npm run seed -- --families N`) and to feed benchmarks. Pure: the same options give the same
 * region, with no clock, no I/O and no `Math.random`.
 */
export interface SimulationOptions {
  /** How many families. */
  readonly families: number;
  /** Any safe integer; the same seed gives the same region. */
  readonly seed: number;
  /**
   * The "now" of the simulation (ISO-8601): every command is decided at this moment (`metadata.now`) and
   * nothing happens after it; families still on their route are cut off here.
   */
  readonly end: string;
  /** How many years of history before `end` (default 2): families register evenly over them. */
  readonly years?: number;
  /** Municipalities, care forms and workstreams to use (default {@link DEFAULT_REGION}). */
  readonly region?: RegionConfig;
}

/** Who sends a step: a professional of the family's network, a safety-team member or an auditor. */
export interface SimulatedActor {
  readonly id: string;
  readonly role: 'professional' | 'safety-team' | 'auditor';
  readonly organisation: string;
}

export interface SimulatedStep {
  readonly command: FamilyCommand;
  readonly actor: SimulatedActor;
}

/** One family's history: its commands in business-time order, each accepted by `decide` in turn. */
export interface SimulatedFamily {
  readonly familyId: string;
  readonly steps: SimulatedStep[];
}

/**
 * Generates the families of a synthetic region one at a time, in the order they register, so that even a
 * hundred thousand families stream in constant memory. Options are checked at once (a `RangeError` for a bad
 * count, seed, end or region), not on the first `next()`.
 *
 * Every command carries `metadata.now` = `end`, a business time `occurredAt` ≤ `end` that strictly increases
 * within the family, and UUIDs (v4 format) derived from the seed. The registrar is a professional; reviews
 * are sent by the regional safety team and erasures by an auditor; every other step by a professional in the
 * family's network at that moment.
 */
export function simulateRegion(options: SimulationOptions): Generator<SimulatedFamily> {
  return families(new RegionModel(options));
}

function* families(region: RegionModel): Generator<SimulatedFamily> {
  for (let index = 0; index < region.families; index++) {
    const prng = region.familyPrng(index);
    const registeredAt = region.registrationTime(index, prng);
    yield new FamilyHistory(region, prng, registeredAt).tell();
  }
}
