import fc from 'fast-check';

import {
  GOAL_STATUSES,
  PROTECTION_MEASURE_KINDS,
  SAFE_AT_HOME_REPORT_KINDS,
  VOICE_TOPICS,
} from '../vocabulary';
import { command } from './family-commands';
import { day } from './family-fixtures';
import { CARE_FORMS, GOALS, MEASURES, pick, PLANS, TRAJECTORIES, weighted } from './random-pools';

/*
 * The random commands of the route as the region runs it (running care, protection measures, the Meldcode step,
 * evaluations, voices, the informal network), for the random histories of `random-family-commands.ts`. Ids come
 * from small pools; `aimAtFamily` there points them at what the family has.
 */

const memberIds = fc.oneof(
  { weight: 12, arbitrary: fc.subarray(['m-1', 'm-2']) },
  { weight: 1, arbitrary: fc.constant(['m-stranger']) },
);

export const routeCommands = [
  weighted(
    4,
    fc
      .record({
        planId: fc.constantFrom(...PLANS),
        goals: fc.array(
          fc.record(
            { goalId: fc.constantFrom(...GOALS), status: fc.constantFrom(...GOAL_STATUSES) },
            { noNullPrototype: true },
          ),
          { minLength: 1, maxLength: 2 },
        ),
        familyInvolved: fc.boolean(),
        nextEvaluateBy: fc.constantFrom(day(1000), day(-1), undefined),
      })
      .map(({ nextEvaluateBy, ...data }) =>
        command.evaluatePlan({ ...data, ...(nextEvaluateBy ? { nextEvaluateBy } : {}) }),
      ),
  ),
  weighted(
    4,
    fc
      .record({
        trajectoryId: fc.constantFrom(...TRAJECTORIES),
        careForm: fc.constantFrom(...CARE_FORMS),
        startedAt: fc.constantFrom(day(-400), day(0), day(2000)),
        memberIds,
      })
      .map((data) => command.recordRunningCare(data)),
  ),
  weighted(
    3,
    fc
      .record({
        measureId: fc.constantFrom(...MEASURES),
        kind: fc.constantFrom(...PROTECTION_MEASURE_KINDS),
        memberIds,
        startedAt: fc.constantFrom(day(-100), day(1), day(2000)),
        endsBy: fc.constantFrom(day(500), day(-200), undefined),
      })
      .map(({ endsBy, ...data }) =>
        command.imposeProtectionMeasure({ ...data, ...(endsBy ? { endsBy } : {}) }),
      ),
  ),
  pick(2, MEASURES, (measureId) => command.endProtectionMeasure({ measureId })),
  pick(2, SAFE_AT_HOME_REPORT_KINDS, (kind) => command.makeSafeAtHomeReport({ kind })),
  pick(2, VOICE_TOPICS, (topic) =>
    command.recordMemberView({ topic, memberId: topic === 'other' ? 'm-stranger' : 'm-1' }),
  ),
  weighted(1, fc.constant(command.addInformalSupporter())),
  pick(2, [true, false], (agreed) => command.recordPlanAgreement({ agreed })),
  pick(1, [['m-2'], ['m-1']], (holderMemberIds) =>
    command.recordParentalAuthority({ holderMemberIds }),
  ),
  // Histories lie in 2025, when the youth (born 2010) may be 15: the parent shares and withdraws, the youth
  // does not decide yet, and nobody shares with themself.
  pick(
    2,
    [
      ['m-2', 'm-1', true],
      ['m-2', 'm-1', false],
      ['m-1', 'm-2', true],
      ['m-2', 'm-2', true],
    ] as const,
    ([memberId, withMemberId, shared]) =>
      command.recordDataSharing({ memberId, withMemberId, shared }),
  ),
];
