import { v5 as uuidv5 } from 'uuid';

import { EVENT_SCHEMA_VERSIONS, type FamilyEventType } from './events';

/** The namespace of goal ids given to goals stored before goals had ids (schema version 1 of the plan events). */
const LEGACY_GOAL_NAMESPACE = '3f0e3c2e-6d1f-4c59-9a51-5b3c7a1d2e40';

/**
 * The id a goal stored without one reads with: the same every time it is read (a UUID derived from the plan, the
 * version and the goal's place). Goals of an adopted plan are named by their place in it; goals of a revision
 * stored before ids existed cannot be told apart from new goals, so each gets an id of its own version.
 */
export function derivedGoalId(planId: string, version: number, index: number): string {
  return uuidv5(`${planId}/v${version}/goal/${index}`, LEGACY_GOAL_NAMESPACE);
}

type Data = Readonly<Record<string, unknown>>;

/** Turns the data of one schema version of a type into the next; stored events are never rewritten. */
const UPCASTERS: {
  readonly [T in FamilyEventType]?: Readonly<Record<number, (data: Data) => Data>>;
} = {
  TreatmentPlanAdopted: { 1: (data) => withGoalIds(data, 1) },
  TreatmentPlanRevised: {
    1: (data) => withGoalIds(data, typeof data.version === 'number' ? data.version : 0),
  },
};

function withGoalIds(data: Data, version: number): Data {
  const { goals, planId } = data;
  if (!Array.isArray(goals) || typeof planId !== 'string') return data;
  return {
    ...data,
    goals: goals.map((goal: unknown, index) =>
      typeof goal === 'object' && goal !== null && !Array.isArray(goal)
        ? { goalId: derivedGoalId(planId, version, index), ...goal }
        : goal,
    ),
  };
}

/**
 * The data of an event of `type` stored at `schemaVersion`, upcast to the current schema version; undefined when
 * the version is one this code cannot read (newer than it knows, or older without an upcaster).
 */
export function upcast(type: FamilyEventType, schemaVersion: number, data: unknown): unknown {
  const current = EVENT_SCHEMA_VERSIONS[type];
  if (schemaVersion === current) return data;
  if (schemaVersion > current || schemaVersion < 1) return undefined;
  let upcast: unknown = data;
  for (let version = schemaVersion; version < current; version++) {
    const step = UPCASTERS[type]?.[version];
    if (!step) return undefined;
    if (typeof upcast !== 'object' || upcast === null || Array.isArray(upcast)) return upcast;
    upcast = step(upcast as Data);
  }
  return upcast;
}
