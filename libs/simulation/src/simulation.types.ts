import type { FamilyCommand, RegionConfig } from '@samenspoor/domain';

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
