/**
 * The shapes of the API's answers that the UI reads (api.md). Personal fields may be null after erasure.
 * Shapes the OpenAPI document describes are taken from `api-types.ts` (generated: `npm run openapi:types`); the
 * rest are still written here until their routes declare a response schema.
 */
import type { components } from './api-types';

type Schemas = components['schemas'];

/** An entry of the audit log (NEN 7513): who, in which role and on whose behalf, did what, to which family. */
export type AuditItem = Schemas['AuditItem'];

/** A page of the audit log (`GET /api/audit`). */
export type AuditPage = Schemas['AuditPage'];

export interface Member {
  memberId: string;
  role: string;
  birthYear: number | null;
  displayName: string | null;
  hasBsn: boolean;
}

export interface NetworkMember {
  professionalId: string;
  organisation: string | null;
  discipline: string | null;
  joinedAt: string;
}

export interface Analysis {
  analysisId: string;
  caseNumber: number;
  status: 'in-progress' | 'completed';
  startedAt: string;
  completedAt?: string;
  safetyLevel?: string;
}

export interface Plan {
  planId: string;
  caseNumber: number;
  version: number;
  basedOnAnalysisId: string;
  goals: { description: string | null; memberIds: string[] }[];
  agreedWithFamily: boolean;
  evaluateBy?: string;
  adoptedAt: string;
  revisedAt?: string;
}

export interface Trajectory {
  trajectoryId: string;
  caseNumber: number;
  careForm: string;
  providerId: string;
  memberIds: string[];
  status: 'requested' | 'started' | 'ended' | 'withdrawn';
  requestedAt: string;
  startedAt?: string;
  endedAt?: string;
  endReason?: string;
  withdrawnAt?: string;
}

export interface FamilySummary {
  familyId: string;
  municipality: string;
  status: string;
  registeredAt: string;
  caseNumber: number;
  members: Member[];
  caseDirector: { professionalId: string; since: string } | null;
  network: NetworkMember[];
  signals: {
    signalId: string;
    caseNumber: number;
    receivedAt: string;
    urgency: string;
    source: string;
    reentry: boolean;
  }[];
  analyses: Analysis[];
  plan: Plan | null;
  trajectories: Trajectory[];
  lastMdoAt: string | null;
  nextMdoDueBy: string | null;
  safetyLevel: string | null;
  safety: { level: string; phase?: string; assessedAt: string } | null;
  lastSafetyReviewAt: string | null;
  outflow: {
    caseNumber: number;
    destination: string;
    at: string;
    handoverTo?: string | null;
    followUps: { monthsAfterOutflow: number; at: string }[];
  } | null;
  erasedAt: string | null;
  version: number;
  /** In the family list only: since when the family waits for care that has not started. */
  waitingSince?: string | null;
}

export interface FamilyPage {
  items: FamilySummary[];
  nextCursor: string | null;
}

export interface TimelineEntry {
  version: number;
  position: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string | null; role: string | null; organisation: string | null };
  summary: string;
  data: Record<string, unknown> | null;
}

export interface Timeline {
  familyId: string;
  entries: TimelineEntry[];
  nextCursor: string | null;
}

/** `GET /api/region`. */
export interface Region {
  name: string;
  municipalities: string[];
  careForms: { id: string; normDays: number }[];
  workstreams: string[];
  stageNorms: { analysisDays: number; planDays: number };
  safety: { noCaseDirectorDays: number; noPlanDays: number };
  stacking: { activeTrajectories: number; distinctProviders: number; networkSize: number };
  smallCellThreshold: number;
}

/** A figure block; counts and day figures are null when suppressed for managers. */
export interface FigureBlock {
  waiting: number | null;
  medianDays: number | null;
  p90Days: number | null;
  maxDays: number | null;
  overNorm: number | null;
  norm?: number;
  suppressed?: true;
}

/** What a manager's answer hid or rounded (disclosure control); absent for other roles. */
export interface Disclosure {
  threshold: number;
  suppressed: boolean;
  rounded?: number;
}

export interface WaitingList {
  asOf: string;
  disclosure?: Disclosure;
  stages: { analysis: FigureBlock; plan: FigureBlock; care: FigureBlock };
  byCareForm: (FigureBlock & { careForm: string })[];
  byProvider: (FigureBlock & { providerId: string })[];
  byMunicipality: (FigureBlock & {
    municipality: string;
    stages: { analysis: FigureBlock; plan: FigureBlock; care: FigureBlock };
  })[];
}

export interface WaitingHistory {
  from: string;
  to: string;
  stage: string;
  disclosure?: Disclosure;
  series: {
    date: string;
    waiting: number | null;
    medianDays: number | null;
    overNorm: number | null;
    suppressed?: true;
  }[];
}

export interface Stacking {
  asOf: string;
  families: number | null;
  flagged: number | null;
  thresholds: { activeTrajectories: number; distinctProviders: number; networkSize: number };
  distribution: Record<string, Record<string, number | null>>;
  suppressed?: true;
}

export interface Outflow {
  from: string;
  to: string;
  outflows: number | null;
  reentries: number | null;
  byMunicipality: {
    municipality: string;
    outflows: number | null;
    reentriesWithin12Months: number | null;
    suppressed?: true;
  }[];
  byDestination: Record<string, number | null>;
  followUpsDone: number | null;
  followUpsDue: number | null;
  reentriesWithin12Months: number | null;
  suppressed?: true;
}

export type SafetyOverview = Record<
  'noCaseDirector' | 'planOverdue' | 'mdoOverdue' | 'unsafeWithoutReview' | 'followUpDue',
  { familyId: string; since: string }[]
>;
