import fc from 'fast-check';

import type { FamilyCommand } from '../commands';
import type { RegisteredFamilyState, TrajectoryStatus } from '../family.state';
import {
  CARE_END_REASONS,
  CONCERNS,
  CONSULTATION_ADVICE,
  FOLLOW_UP_MONTHS,
  FOLLOW_UP_STATUSES,
  OUTFLOW_DESTINATIONS,
  SAFETY_LEVELS,
  SIGNAL_SOURCES,
  URGENCIES,
} from '../vocabulary';
import { command } from './family-commands';
import {
  ANALYSES,
  CARE_FORMS,
  freshId,
  freshIdAmong,
  GOALS,
  MEMBERS,
  pick,
  PLANS,
  PROFESSIONALS,
  SIGNALS,
  TRAJECTORIES,
  weighted,
} from './random-pools';
import { routeCommands } from './random-route-commands';
import { day } from './family-fixtures';

/*
 * Random histories of one family. After the registration on day 0, every step is a command of any type, with ids
 * drawn from small pools and mostly aimed at what the family has at that moment, or now and then the next step
 * on the route ("where are we with this family, what comes next"), so that histories reach every phase. Business
 * time only moves forward. Each command is decided on the state so far; refused ones append nothing. After every
 * accepted step the invariants of the domain must hold.
 */

/** Mostly members of the family (m-1 and m-2 from the start, m-3 and m-4 once added), sometimes a stranger. */
export const memberIds = fc.oneof(
  { weight: 12, arbitrary: fc.subarray(['m-1', 'm-2']) },
  { weight: 2, arbitrary: fc.subarray([...MEMBERS], { maxLength: 2 }) },
  { weight: 1, arbitrary: fc.constant(['m-stranger']) },
);
export const goals = fc.array(
  fc.record({ description: fc.constant('goal'), memberIds }, { noNullPrototype: true }),
  { minLength: 1, maxLength: 2 },
);
/** A revision's goals: some keep a goal id from the pool (which the plan may not have), the others are new. */
export const revisedGoals = fc.array(
  fc.record(
    {
      goalId: fc.option(fc.constantFrom(...GOALS), { nil: undefined }),
      description: fc.constant('goal'),
      memberIds,
    },
    { noNullPrototype: true },
  ),
  { minLength: 1, maxLength: 3 },
);
/** Ids for the new goals of a revision: one per goal without an id. */
const newGoalIdsFor = (g: readonly { goalId?: string | undefined }[]) =>
  g.filter((x) => x.goalId === undefined).map((_, i) => `g-new-${i + 1}`);
export const careNeeds = fc.array(
  fc.record(
    { memberId: fc.constantFrom('m-1', 'm-1', 'm-2', 'm-3'), need: fc.constant('need') },
    { noNullPrototype: true },
  ),
  { maxLength: 2 },
);

/** Any command; its business time is set by the history it is part of. */
export const anyCommand: fc.Arbitrary<FamilyCommand> = fc.oneof(
  weighted(1, fc.constant(command.registerFamily())),
  pick(3, ['m-3', 'm-4', 'm-1'], (memberId) =>
    command.addFamilyMember({ member: { memberId, role: 'sibling', displayName: memberId } }),
  ),
  pick(2, ['m-1', 'm-2', 'm-3'], (memberId) =>
    command.recordMemberBsn({ memberId, bsn: '999990019' }),
  ),
  weighted(
    12,
    fc
      .record({
        signalId: fc.constantFrom(...SIGNALS),
        source: fc.constantFrom(...SIGNAL_SOURCES),
        concerns: fc.subarray([...CONCERNS], { minLength: 1, maxLength: 3 }),
        urgency: fc.constantFrom(...URGENCIES),
        concernedMemberIds: memberIds,
      })
      .map((data) => command.receiveSignal(data)),
  ),
  weighted(
    3,
    fc
      .record({
        consultationId: fc.constantFrom('c-1', 'c-2'),
        advice: fc.constantFrom(...CONSULTATION_ADVICE),
      })
      .map((data) => command.holdConsultation(data)),
  ),
  pick(6, PROFESSIONALS, (professionalId) =>
    command.joinNetwork({ professionalId, organisation: 'org' }),
  ),
  pick(5, PROFESSIONALS, (professionalId) => command.leaveNetwork({ professionalId })),
  pick(8, PROFESSIONALS, (professionalId) => command.assignCaseDirector({ professionalId })),
  pick(10, ANALYSES, (analysisId) => command.startExplanatoryAnalysis({ analysisId })),
  weighted(
    10,
    fc
      .record({
        analysisId: fc.constantFrom(...ANALYSES),
        safetyLevel: fc.constantFrom(...SAFETY_LEVELS),
        careNeeds,
      })
      .map((data) => command.completeExplanatoryAnalysis(data)),
  ),
  weighted(
    10,
    fc
      .record({
        planId: fc.constantFrom(...PLANS),
        analysisId: fc.constantFrom(...ANALYSES),
        goals,
      })
      .map((data) =>
        command.adoptTreatmentPlan({ ...data, goalIds: data.goals.map((_, i) => GOALS[i]!) }),
      ),
  ),
  weighted(
    5,
    fc
      .record({ planId: fc.constantFrom(...PLANS), goals: revisedGoals })
      .map((data) =>
        command.reviseTreatmentPlan({ ...data, newGoalIds: newGoalIdsFor(data.goals) }),
      ),
  ),
  ...routeCommands,
  weighted(
    12,
    fc
      .record({
        trajectoryId: fc.constantFrom(...TRAJECTORIES),
        careForm: fc.constantFrom(...CARE_FORMS),
        providerId: fc.constantFrom('provider-1', 'provider-2'),
        memberIds,
      })
      .map((data) => command.requestCare(data)),
  ),
  weighted(
    3,
    // A request the iJw chain reports (a JW315): rule 4 does not refuse it.
    fc
      .record({
        trajectoryId: fc.constantFrom(...TRAJECTORIES),
        careForm: fc.constantFrom(...CARE_FORMS),
        providerId: fc.constantFrom('provider-1', 'provider-2'),
      })
      .map((data) => command.requestCare({ ...data, origin: 'ijw', reference: 'REF-1' })),
  ),
  weighted(
    4,
    // The municipality's allocation (a JW301), of a known trajectory or opening one.
    fc
      .record({
        trajectoryId: fc.constantFrom(...TRAJECTORIES),
        allocationNumber: fc.constantFrom('a-1', 'a-2'),
        opens: fc.boolean(),
      })
      .map(({ trajectoryId, allocationNumber, opens }) =>
        command.allocateCare({
          trajectoryId,
          allocationNumber,
          ...(opens
            ? { request: { careForm: 'intensive-ambulatory-family', providerId: 'provider-1' } }
            : {}),
        }),
      ),
  ),
  pick(10, TRAJECTORIES, (trajectoryId) => command.startCare({ trajectoryId })),
  weighted(
    10,
    fc
      .record({
        trajectoryId: fc.constantFrom(...TRAJECTORIES),
        reason: fc.constantFrom(...CARE_END_REASONS),
      })
      .map((data) => command.endCare(data)),
  ),
  pick(5, TRAJECTORIES, (trajectoryId) => command.withdrawCareRequest({ trajectoryId })),
  weighted(
    4,
    // Every history lies within its first year: day 1000 is always after the MDO, day -1 never.
    fc
      .record({
        mdoId: fc.constantFrom('mdo-1', 'mdo-2'),
        nextMdoDueBy: fc.constantFrom(day(1000), day(1000), day(-1)),
      })
      .map((data) => command.holdMdo(data)),
  ),
  weighted(2, fc.constant(command.noteProgress())),
  pick(2, SAFETY_LEVELS, (level) => command.assessSafety({ level })),
  weighted(2, fc.constant(command.reviewSafety())),
  pick(6, OUTFLOW_DESTINATIONS, (destination) => command.registerOutflow({ destination })),
  pick(4, FOLLOW_UP_MONTHS, (monthsAfterOutflow) =>
    command.recordFollowUp({
      monthsAfterOutflow,
      status: FOLLOW_UP_STATUSES[monthsAfterOutflow % FOLLOW_UP_STATUSES.length]!,
    }),
  ),
  weighted(
    3,
    fc
      .subarray([...TRAJECTORIES], { minLength: 1, maxLength: 2 })
      .map((continuingTrajectoryIds) => command.registerOutflow({ continuingTrajectoryIds })),
  ),
  weighted(1, fc.constant(command.erasePersonalData())),
);

/**
 * One step of a random history: how many minutes after the previous step it happens (0: at the same moment), the
 * command, or `next-on-route` for the step that moves the family on from where it is, and an aim. With an aim the
 * command is pointed at what the family has at that moment (the n-th network member, in-progress analysis,
 * requested trajectory…) or given an id the family has not used yet; without one it keeps the ids drawn from the
 * pools, which may not exist.
 */
export interface Draft {
  readonly minutesLater: number;
  readonly command: FamilyCommand | 'next-on-route';
  readonly aim: number | null;
}

export const drafts: fc.Arbitrary<Draft[]> = fc.array(
  fc.record({
    minutesLater: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 * 24 * 60 })),
    command: fc.oneof(
      { weight: 3, arbitrary: anyCommand },
      { weight: 1, arbitrary: fc.constant('next-on-route' as const) },
    ),
    aim: fc.oneof(
      { weight: 3, arbitrary: fc.nat({ max: 5 }) },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
  }),
  { maxLength: 80, size: 'max' },
);

export const withData = <C extends FamilyCommand>(c: C, data: Partial<C['data']>): C => ({
  ...c,
  data: { ...c.data, ...data },
});

/** The command pointed at what the family has: see {@link Draft}. */
export function aimAtFamily(
  cmd: FamilyCommand,
  state: RegisteredFamilyState,
  aim: number,
): FamilyCommand {
  const nth = (ids: readonly string[]): string | undefined => ids[aim % Math.max(ids.length, 1)];
  const trajectories = (status: TrajectoryStatus) =>
    state.trajectories.filter((t) => t.status === status).map((t) => t.trajectoryId);
  const network = state.network.map((p) => p.professionalId);

  switch (cmd.type) {
    case 'AddFamilyMember': {
      const memberId = freshIdAmong(state.members, 'memberId', 'm');
      return withData(cmd, { member: { ...cmd.data.member, memberId } });
    }
    case 'ReceiveSignal':
      return withData(cmd, { signalId: freshIdAmong(state.signals, 'signalId', 's') });
    case 'HoldConsultation':
      return withData(cmd, {
        consultationId: freshIdAmong(state.consultations, 'consultationId', 'c'),
      });
    case 'JoinNetwork':
      return withData(cmd, { professionalId: freshId('prof', network) });
    case 'LeaveNetwork':
    case 'AssignCaseDirector':
      return withData(cmd, { professionalId: nth(network) ?? cmd.data.professionalId });
    case 'StartExplanatoryAnalysis':
      return withData(cmd, { analysisId: freshIdAmong(state.analyses, 'analysisId', 'a') });
    case 'CompleteExplanatoryAnalysis': {
      const inProgress = state.analyses.filter((a) => a.status === 'in-progress');
      return withData(cmd, {
        analysisId: nth(inProgress.map((a) => a.analysisId)) ?? cmd.data.analysisId,
      });
    }
    case 'AdoptTreatmentPlan': {
      const completed = state.analyses.filter((a) => a.status === 'completed');
      const current = completed.filter((a) => a.caseNumber === state.caseNumber);
      // Mostly an analysis of the current case; now and then one of an earlier case.
      const candidates = aim < 4 && current.length > 0 ? current : completed;
      return withData(cmd, {
        analysisId: nth(candidates.map((a) => a.analysisId)) ?? cmd.data.analysisId,
      });
    }
    case 'RequestCare':
      return withData(cmd, { trajectoryId: freshIdAmong(state.trajectories, 'trajectoryId', 't') });
    case 'StartCare':
    case 'WithdrawCareRequest':
      return withData(cmd, {
        trajectoryId: nth(trajectories('requested')) ?? cmd.data.trajectoryId,
      });
    case 'EndCare':
      return withData(cmd, { trajectoryId: nth(trajectories('started')) ?? cmd.data.trajectoryId });
    case 'AllocateCare': {
      // Aimed: mostly a trajectory that waits or runs; now and then one the chain opens itself.
      const open = [...trajectories('requested'), ...trajectories('started')];
      const fresh = freshIdAmong(state.trajectories, 'trajectoryId', 't');
      const numbers = state.trajectories.map((t) => t.allocationNumber ?? '');
      const allocationNumber = freshId('a', numbers);
      return aim % 3 === 0 || open.length === 0
        ? withData(cmd, {
            trajectoryId: fresh,
            allocationNumber,
            request: { careForm: 'intensive-ambulatory-family', providerId: 'provider-1' },
          })
        : withData(cmd, { trajectoryId: nth(open) ?? cmd.data.trajectoryId, allocationNumber });
    }
    case 'ReviseTreatmentPlan': {
      // Aimed: kept goals are goals of the plan, the new ones take ids it never had.
      const plan = state.plan;
      if (!plan) return cmd;
      const kept = cmd.data.goals.map((g, i) =>
        g.goalId === undefined ? g : { ...g, goalId: plan.goals[i]?.goalId ?? g.goalId },
      );
      const used = [...plan.allGoalIds];
      const newGoalIds = cmd.data.newGoalIds.map(() => {
        const id = freshId('g', used);
        used.push(id);
        return id;
      });
      return withData(cmd, { planId: plan.planId, goals: kept, newGoalIds });
    }
    case 'EvaluatePlan': {
      const plan = state.plan;
      if (!plan) return cmd;
      return withData(cmd, {
        planId: plan.planId,
        evaluationId: freshIdAmong(plan.evaluations, 'evaluationId', 'ev'),
        goals: plan.goals.slice(0, 1 + (aim % 2)).map((g, i) => ({
          goalId: g.goalId,
          status: cmd.data.goals[i]?.status ?? 'ongoing',
        })),
      });
    }
    case 'RecordRunningCare':
      return withData(cmd, { trajectoryId: freshIdAmong(state.trajectories, 'trajectoryId', 't') });
    case 'ImposeProtectionMeasure':
      return withData(cmd, {
        measureId: freshIdAmong(state.protectionMeasures, 'measureId', 'pm'),
      });
    case 'EndProtectionMeasure': {
      const active = state.protectionMeasures.filter((m) => m.status === 'active');
      return withData(cmd, {
        measureId: nth(active.map((m) => m.measureId)) ?? cmd.data.measureId,
      });
    }
    case 'RegisterOutflow': {
      const started = trajectories('started');
      return aim % 2 === 0 ? withData(cmd, { continuingTrajectoryIds: started }) : cmd;
    }
    case 'MakeSafeAtHomeReport':
    case 'RecordMemberBsn':
    case 'RecordMemberView':
    case 'AddInformalSupporter':
    case 'RecordPlanAgreement':
      return withData(cmd, {
        agreementId: freshIdAmong(state.planAgreements, 'agreementId', 'ag'),
      });
    case 'RecordParentalAuthority':
    case 'RecordDataSharing':
    case 'RegisterFamily':
    case 'HoldMdo':
    case 'NoteProgress':
    case 'AssessSafety':
    case 'ReviewSafety':
    case 'RecordFollowUp':
    case 'ErasePersonalData':
      return cmd;
    default: {
      const unknown: never = cmd;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

/** The step that moves the family on along the route from where it is now. */
export function nextOnRoute(state: RegisteredFamilyState, aim: number): FamilyCommand {
  const newSignal = () =>
    command.receiveSignal({
      signalId: freshIdAmong(state.signals, 'signalId', 's'),
    });
  if (state.status === 'outflowed') {
    const months = FOLLOW_UP_MONTHS[aim % FOLLOW_UP_MONTHS.length] ?? 3;
    return aim % 2 === 0 ? command.recordFollowUp({ monthsAfterOutflow: months }) : newSignal();
  }
  if (state.caseNumber === 0) return newSignal();
  const inProgress = state.analyses.find((a) => a.status === 'in-progress');
  if (inProgress) {
    return command.completeExplanatoryAnalysis({ analysisId: inProgress.analysisId });
  }
  const understood = state.analyses.find(
    (a) => a.status === 'completed' && a.caseNumber === state.caseNumber,
  );
  if (!understood) {
    return command.startExplanatoryAnalysis({
      analysisId: freshIdAmong(state.analyses, 'analysisId', 'a'),
    });
  }
  if (!state.plan) {
    return command.adoptTreatmentPlan({
      planId: `p-case-${state.caseNumber}`,
      analysisId: understood.analysisId,
    });
  }
  const requested = state.trajectories.find((t) => t.status === 'requested');
  if (requested) {
    const trajectoryId = requested.trajectoryId;
    return aim === 0
      ? command.withdrawCareRequest({ trajectoryId })
      : command.startCare({ trajectoryId });
  }
  const started = state.trajectories.find((t) => t.status === 'started');
  const ofThisCase = state.trajectories.filter((t) => t.caseNumber === state.caseNumber);
  if (ofThisCase.length === 0 || (started && aim < 2)) {
    return command.requestCare({
      trajectoryId: freshIdAmong(state.trajectories, 'trajectoryId', 't'),
      careForm: aim < 3 ? 'trauma-treatment' : 'family-home',
    });
  }
  if (started) return command.endCare({ trajectoryId: started.trajectoryId });
  return command.registerOutflow();
}
