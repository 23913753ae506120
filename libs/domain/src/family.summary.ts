import {
  routeStatus,
  type Family,
  type Outflow,
  type RegisteredFamilyState,
  type RouteStatus,
} from './family.state';

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
  trajectories: Family['trajectories'];
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

export function familySummary(state: RegisteredFamilyState, version: number): FamilySummary {
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
    trajectories: state.trajectories,
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
