import type { SchemaObject } from '@nestjs/swagger';

import { ROLES } from '@samenspoor/access';

import {
  anything,
  boolean,
  extend,
  integer,
  keyed,
  list,
  nullable,
  object,
  oneOfValues,
  ref,
  text,
  uuid,
} from './schema';
import { DIRECTORY_ANSWERS } from '../directory/directory-answers';
import { ROUTE_ANSWERS } from '../families/route-answers';
import { FIGURE_ANSWERS, MONITOR_ANSWERS } from '../projections/figure-answers';

const roles = list(oneOfValues(...ROLES));

/** Who signs in and how (`/api/auth/…`, `/api/me`), and the region's configuration. */
const ACCESS_ANSWERS: Record<string, SchemaObject> = {
  AuthSettings: {
    oneOf: [
      object({ mode: oneOfValues('dev') }),
      object({
        mode: oneOfValues('oidc'),
        issuer: text,
        clientId: nullable(text),
        scopes: text,
      }),
    ],
  },
  DevToken: object({ token: text }),
  DevUsers: object({
    users: list(
      object(
        { id: text, roles, organisation: text },
        // `families`: for a professional, how many current families have them in their network.
        { name: text, families: integer },
      ),
    ),
  }),
  Me: object({ id: text, roles }, { name: text, organisation: text }),
  Region: object(
    {
      name: text,
      municipalities: list(text),
      careForms: list(object({ id: text, normDays: integer }, { outOfHome: boolean })),
      workstreams: list(text),
      stageNorms: object({ analysisDays: integer, planDays: integer }),
      safety: object({
        noCaseDirectorDays: integer,
        noPlanDays: integer,
        inCareWithoutMdoDays: integer,
        planWithoutCareDays: integer,
        openCrisisDays: integer,
        reassessmentDays: integer,
      }),
      stacking: object({
        activeTrajectories: integer,
        distinctProviders: integer,
        networkSize: integer,
      }),
      smallCellThreshold: integer,
    },
    // The providers REGION_CONFIG lists (the directory holds them, and those managers add).
    { providers: list(ref('DirectoryProvider')) },
  ),
};

/** The audit log (NEN 7513): its entries hold ids, never names; `actorName` is joined from the directory when read. */
const AUDIT_ANSWERS: Record<string, SchemaObject> = {
  AuditItem: object(
    {
      seq: integer,
      at: text,
      actor: text,
      role: nullable(text),
      organisation: nullable(text),
      action: text,
      familyId: nullable(uuid),
      outcome: text,
      status: integer,
      detail: nullable(text),
      correlationId: nullable(text),
      hash: text,
    },
    // From the directory, at read time, when it knows the actor.
    { actorName: text },
  ),
  AuditPage: object({ items: list(ref('AuditItem')), nextCursor: nullable(text) }),
  FamilyAccessLog: extend('AuditPage', object({ familyId: uuid })),
};

/** A professional's name and work contacts from the directory, beside their id when the directory knows them. */
const contacts = { name: text, email: text, phone: text };

/** Personal text: readable for those allowed to see it, `null` once the family's data is erased. */
const personal = nullable(text);

/** Present (and `true`) on a family whose read model has an event set aside: it may be behind. */
const staleFamily = oneOfValues(true);

/**
 * The answers about families (api.md, "Queries"), for the OpenAPI document: a family's state (`GET
 * /api/families/{familyId}`, and each item of the family list) and its timeline.
 */
const FAMILY_ANSWERS: Record<string, SchemaObject> = {
  Member: object({
    memberId: text,
    role: text,
    birthYear: nullable(integer),
    displayName: personal,
    hasBsn: boolean,
  }),
  NetworkMember: object(
    {
      professionalId: text,
      organisation: text,
      discipline: nullable(text),
      joinedAt: text,
    },
    contacts,
  ),
  Signal: object({
    signalId: text,
    caseNumber: integer,
    receivedAt: text,
    urgency: text,
    source: text,
    reentry: boolean,
  }),
  Analysis: object(
    {
      analysisId: text,
      caseNumber: integer,
      status: oneOfValues('in-progress', 'completed'),
      startedAt: text,
    },
    {
      completedAt: text,
      safetyLevel: text,
      patterns: list(personal),
      riskFactors: list(personal),
      protectiveFactors: list(personal),
      careNeeds: list(object({ memberId: text, need: personal })),
    },
  ),
  Plan: object(
    {
      planId: text,
      caseNumber: integer,
      version: integer,
      basedOnAnalysisId: text,
      goals: list(object({ goalId: text, description: personal, memberIds: list(text) })),
      agreedWithFamily: boolean,
      adoptedAt: text,
      allGoalIds: list(text),
      evaluations: list(ref('PlanEvaluation')),
    },
    { evaluateBy: text, revisedAt: text },
  ),
  Trajectory: object(
    {
      trajectoryId: text,
      caseNumber: integer,
      careForm: text,
      providerId: text,
      memberIds: list(text),
      status: oneOfValues('requested', 'started', 'ended', 'withdrawn'),
      requestedAt: text,
    },
    {
      providerName: text,
      planId: text,
      startedAt: text,
      endedAt: text,
      endReason: text,
      withdrawnAt: text,
      runningCare: oneOfValues(true),
      outsidePlan: boolean,
      allocationNumber: text,
      handedOver: object({ at: text }, { handoverTo: text }),
    },
  ),
  FamilyOutflow: object(
    {
      caseNumber: integer,
      destination: text,
      at: text,
      followUps: list(object({ monthsAfterOutflow: integer, at: text }, { status: text })),
    },
    { reason: personal, handoverTo: nullable(text) },
  ),
  FamilySummary: object({
    familyId: uuid,
    municipality: text,
    status: text,
    registeredAt: text,
    caseNumber: integer,
    members: list(ref('Member')),
    caseDirector: nullable(object({ professionalId: text, since: text }, contacts)),
    network: list(ref('NetworkMember')),
    signals: list(ref('Signal')),
    analyses: list(ref('Analysis')),
    plan: nullable(ref('Plan')),
    trajectories: list(ref('Trajectory')),
    runningCare: list(ref('Trajectory')),
    protectionMeasures: list(ref('ProtectionMeasure')),
    goals: list(ref('GoalWithStatus')),
    informalNetwork: list(ref('InformalSupporter')),
    safeAtHomeReports: list(ref('SafeAtHomeReport')),
    voices: list(ref('MemberView')),
    lastMdoAt: nullable(text),
    nextMdoDueBy: nullable(text),
    safetyLevel: nullable(text),
    safety: nullable(object({ level: text, assessedAt: text }, { phase: text })),
    lastSafetyReviewAt: nullable(text),
    outflow: nullable(ref('FamilyOutflow')),
    erasedAt: nullable(text),
    version: integer,
  }),
  FamilyListItem: extend(
    'FamilySummary',
    object({ waitingSince: nullable(text) }, { stale: staleFamily }),
  ),
  FamilyPage: object({ items: list(ref('FamilyListItem')), nextCursor: nullable(text) }),
  TimelineEntry: object({
    version: integer,
    position: text,
    type: text,
    occurredAt: text,
    recordedAt: text,
    actor: object(
      { id: nullable(text), role: nullable(text), organisation: nullable(text) },
      { name: text },
    ),
    summary: text,
    data: nullable(keyed(anything)),
  }),
  Timeline: object(
    { familyId: uuid, entries: list(ref('TimelineEntry')), nextCursor: nullable(text) },
    { stale: staleFamily },
  ),
};

/**
 * The schemas of the API's answers, by name, as `components.schemas` of the OpenAPI document: what the web
 * client's types are generated from (`npm run openapi:types`).
 */
export const ANSWER_SCHEMAS: Readonly<Record<string, SchemaObject>> = {
  ...ACCESS_ANSWERS,
  ...AUDIT_ANSWERS,
  ...FAMILY_ANSWERS,
  ...ROUTE_ANSWERS,
  ...FIGURE_ANSWERS,
  ...DIRECTORY_ANSWERS,
  ...MONITOR_ANSWERS,
};
