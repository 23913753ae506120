import {
  completeState,
  routeStatus,
  type Family,
  type Outflow,
  type RegisteredFamilyState,
  type RouteStatus,
} from './family.state';
import type { GoalStatus } from './vocabulary';

/**
 * A family as the API shows it (`GET /api/families/{id}` and the family list): where it is on its route, who is
 * involved and what runs. Personal fields are passed through as they are in the state.
 */
export interface FamilySummary {
  familyId: string;
  municipality: string;
  status: RouteStatus;
  registeredAt: string;
  caseNumber: number;
  members: {
    memberId: string;
    role: string;
    birthYear: number | null;
    displayName: string;
    hasBsn: boolean;
  }[];
  caseDirector: { professionalId: string; since: string } | null;
  network: {
    professionalId: string;
    organisation: string;
    discipline: string | null;
    joinedAt: string;
  }[];
  signals: Family['signals'];
  analyses: Family['analyses'];
  plan: Family['plan'] | null;
  /** The trajectories requested through the route (care already running is under `runningCare`). */
  trajectories: Family['trajectories'];
  /** Care that already ran, or was allocated outside the plan, recorded as such. */
  runningCare: Family['trajectories'];
  protectionMeasures: Family['protectionMeasures'];
  /** The goals of the current plan version, each with the status of its latest evaluation. */
  goals: SummaryGoal[];
  informalNetwork: Family['informalNetwork'];
  safeAtHomeReports: Family['safeAtHomeReports'];
  voices: Family['voices'];
  lastMdoAt: string | null;
  nextMdoDueBy: string | null;
  safetyLevel: string | null;
  safety: Family['safety'] | null;
  lastSafetyReviewAt: string | null;
  /** The outflow of the current case, or of the previous one after a re-entry. */
  outflow: Outflow | null;
  erasedAt: string | null;
  /** The stream version: send it back as If-Match. */
  version: number;
}

export interface SummaryGoal {
  goalId: string;
  description: string;
  memberIds: readonly string[];
  status: GoalStatus | null;
  evaluatedAt: string | null;
}

/** The goals of the current plan's version with the latest status an evaluation gave each. */
export function goalsWithStatus(state: Family): SummaryGoal[] {
  const plan = state.plan && state.plan.caseNumber === state.caseNumber ? state.plan : undefined;
  if (!plan) return [];
  return plan.goals.map((goal) => {
    const latest = plan.evaluations.findLast((e) => e.goals.some((g) => g.goalId === goal.goalId));
    return {
      goalId: goal.goalId,
      description: goal.description,
      memberIds: goal.memberIds,
      status: latest?.goals.find((g) => g.goalId === goal.goalId)?.status ?? null,
      evaluatedAt: latest?.at ?? null,
    };
  });
}

export function familySummary(stored: RegisteredFamilyState, version: number): FamilySummary {
  const state = completeState(stored);
  return {
    familyId: state.familyId,
    municipality: state.municipality,
    status: routeStatus(state),
    registeredAt: state.registeredAt,
    caseNumber: state.caseNumber,
    members: state.members.map((m) => ({
      memberId: m.memberId,
      role: m.role,
      birthYear: m.birthYear ?? null,
      displayName: m.displayName,
      // After erasure no member has a readable BSN, also in states evolved before erasure forgot it.
      hasBsn: m.bsn !== undefined && m.bsn !== null && state.erasedAt === undefined,
    })),
    caseDirector: state.caseDirector ?? null,
    network: state.network.map((p) => ({
      professionalId: p.professionalId,
      organisation: p.organisation,
      discipline: p.discipline ?? null,
      joinedAt: p.joinedAt,
    })),
    signals: state.signals,
    analyses: state.analyses,
    plan: state.plan ?? null,
    trajectories: state.trajectories.filter((t) => !t.runningCare),
    runningCare: state.trajectories.filter((t) => t.runningCare),
    protectionMeasures: state.protectionMeasures,
    goals: goalsWithStatus(state),
    informalNetwork: state.informalNetwork,
    safeAtHomeReports: state.safeAtHomeReports,
    voices: state.voices,
    lastMdoAt: state.lastMdoAt ?? null,
    nextMdoDueBy: state.nextMdoDueBy ?? null,
    safetyLevel: state.safety?.level ?? null,
    safety: state.safety ?? null,
    lastSafetyReviewAt: state.lastSafetyReviewAt ?? null,
    outflow: state.outflow ?? null,
    erasedAt: state.erasedAt ?? null,
    version,
  };
}
