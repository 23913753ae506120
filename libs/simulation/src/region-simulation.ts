import { FamilyHistory } from './family-history';
import { RegionModel } from './region-model';
import type { SimulatedFamily, SimulationOptions } from './simulation.types';

export type {
  SimulatedActor,
  SimulatedFamily,
  SimulatedStep,
  SimulationOptions,
} from './simulation.types';

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
