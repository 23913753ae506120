import type { SchemaObject } from '@nestjs/swagger';

import {
  boolean,
  integer,
  keyed,
  list,
  nullable,
  object,
  oneOfValues,
  ref,
  text,
  uuid,
  extend,
  anything,
} from '../http/schema';

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
export const FAMILY_ANSWERS: Record<string, SchemaObject> = {
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
  StepAvailability: object(
    { type: text, available: boolean },
    { choices: list(text), rule: text, message: text },
  ),
  FamilySteps: object({ familyId: uuid, version: integer, steps: list(ref('StepAvailability')) }),
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
 * The parts of a family's state that the route as the region runs it adds (api.md v2): protection measures, the
 * plan's goals with their latest status and the evaluations, the Veilig Thuis step, the members' own views and
 * the informal network.
 */
export const ROUTE_ANSWERS: Record<string, SchemaObject> = {
  ProtectionMeasure: object(
    {
      measureId: text,
      kind: oneOfValues(
        'supervision-order',
        'guardianship',
        'juvenile-probation',
        'out-of-home-authorisation',
      ),
      memberIds: list(text),
      institution: text,
      startedAt: text,
      status: oneOfValues('active', 'ended'),
    },
    { endsBy: text, endedAt: text, endReason: personal },
  ),
  GoalWithStatus: object({
    goalId: text,
    description: personal,
    memberIds: list(text),
    // null before any evaluation named the goal (an enum lists null itself to allow it).
    status: {
      type: 'string',
      nullable: true,
      enum: ['achieved', 'partly-achieved', 'not-achieved', 'ongoing', null],
    },
    evaluatedAt: nullable(text),
  }),
  PlanEvaluation: object(
    {
      evaluationId: text,
      planVersion: integer,
      goals: list(object({ goalId: text, status: text })),
      familyInvolved: boolean,
      at: text,
    },
    { nextEvaluateBy: text },
  ),
  SafeAtHomeReport: object(
    {
      reportId: text,
      kind: oneOfValues('advice', 'report'),
      memberIds: list(text),
      at: text,
    },
    { outcome: personal },
  ),
  MemberView: object(
    {
      viewId: text,
      memberId: text,
      topic: oneOfValues('safety', 'plan', 'care', 'other'),
      text: personal,
      at: text,
    },
    { feelsSafe: integer },
  ),
  InformalSupporter: object({
    supporterId: text,
    displayName: personal,
    relation: personal,
    addedAt: text,
  }),
};
