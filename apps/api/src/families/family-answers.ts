import type { SchemaObject } from '@nestjs/swagger';

import * as schema from '../http/schema';

/** A professional's name and work contacts from the directory, beside their id when the directory knows them. */
const contacts = { name: schema.text, email: schema.text, phone: schema.text };

/** Personal text: readable for those allowed to see it, `null` once the family's data is erased. */
const personal = schema.nullable(schema.text);

/** Present (and `true`) on a family whose read model has an event set aside: it may be behind. */
const staleFamily = schema.oneOfValues(true);

/**
 * The answers about families (api.md, "Queries"), for the OpenAPI document: a family's state (`GET
 * /api/families/{familyId}`, and each item of the family list) and its timeline.
 */
export const FAMILY_ANSWERS: Record<string, SchemaObject> = {
  Member: schema.object({
    memberId: schema.text,
    role: schema.text,
    birthYear: schema.nullable(schema.integer),
    displayName: personal,
    hasBsn: schema.boolean,
  }),
  NetworkMember: schema.object(
    {
      professionalId: schema.text,
      organisation: schema.text,
      discipline: schema.nullable(schema.text),
      joinedAt: schema.text,
    },
    contacts,
  ),
  Signal: schema.object({
    signalId: schema.text,
    caseNumber: schema.integer,
    receivedAt: schema.text,
    urgency: schema.text,
    source: schema.text,
    reentry: schema.boolean,
  }),
  Analysis: schema.object(
    {
      analysisId: schema.text,
      caseNumber: schema.integer,
      status: schema.oneOfValues('in-progress', 'completed'),
      startedAt: schema.text,
    },
    {
      completedAt: schema.text,
      safetyLevel: schema.text,
      patterns: schema.list(personal),
      riskFactors: schema.list(personal),
      protectiveFactors: schema.list(personal),
      careNeeds: schema.list(schema.object({ memberId: schema.text, need: personal })),
    },
  ),
  Plan: schema.object(
    {
      planId: schema.text,
      caseNumber: schema.integer,
      version: schema.integer,
      basedOnAnalysisId: schema.text,
      goals: schema.list(
        schema.object({
          goalId: schema.text,
          description: personal,
          memberIds: schema.list(schema.text),
        }),
      ),
      agreedWithFamily: schema.boolean,
      adoptedAt: schema.text,
      allGoalIds: schema.list(schema.text),
      evaluations: schema.list(schema.ref('PlanEvaluation')),
    },
    { evaluateBy: schema.text, revisedAt: schema.text },
  ),
  Trajectory: schema.object(
    {
      trajectoryId: schema.text,
      caseNumber: schema.integer,
      careForm: schema.text,
      providerId: schema.text,
      memberIds: schema.list(schema.text),
      status: schema.oneOfValues('requested', 'started', 'ended', 'withdrawn'),
      requestedAt: schema.text,
    },
    {
      providerName: schema.text,
      planId: schema.text,
      startedAt: schema.text,
      endedAt: schema.text,
      endReason: schema.text,
      withdrawnAt: schema.text,
      runningCare: schema.oneOfValues(true),
      outsidePlan: schema.boolean,
      allocationNumber: schema.text,
      handedOver: schema.object({ at: schema.text }, { handoverTo: schema.text }),
    },
  ),
  FamilyOutflow: schema.object(
    {
      caseNumber: schema.integer,
      destination: schema.text,
      at: schema.text,
      followUps: schema.list(
        schema.object(
          { monthsAfterOutflow: schema.integer, at: schema.text },
          { status: schema.text },
        ),
      ),
    },
    { reason: personal, handoverTo: schema.nullable(schema.text) },
  ),
  FamilySummary: schema.object({
    familyId: schema.uuid,
    municipality: schema.text,
    status: schema.text,
    registeredAt: schema.text,
    caseNumber: schema.integer,
    members: schema.list(schema.ref('Member')),
    caseDirector: schema.nullable(
      schema.object({ professionalId: schema.text, since: schema.text }, contacts),
    ),
    network: schema.list(schema.ref('NetworkMember')),
    signals: schema.list(schema.ref('Signal')),
    analyses: schema.list(schema.ref('Analysis')),
    plan: schema.nullable(schema.ref('Plan')),
    trajectories: schema.list(schema.ref('Trajectory')),
    runningCare: schema.list(schema.ref('Trajectory')),
    protectionMeasures: schema.list(schema.ref('ProtectionMeasure')),
    goals: schema.list(schema.ref('GoalWithStatus')),
    informalNetwork: schema.list(schema.ref('InformalSupporter')),
    safeAtHomeReports: schema.list(schema.ref('SafeAtHomeReport')),
    voices: schema.list(schema.ref('MemberView')),
    lastMdoAt: schema.nullable(schema.text),
    nextMdoDueBy: schema.nullable(schema.text),
    safetyLevel: schema.nullable(schema.text),
    safety: schema.nullable(
      schema.object({ level: schema.text, assessedAt: schema.text }, { phase: schema.text }),
    ),
    lastSafetyReviewAt: schema.nullable(schema.text),
    outflow: schema.nullable(schema.ref('FamilyOutflow')),
    erasedAt: schema.nullable(schema.text),
    version: schema.integer,
  }),
  StepAvailability: schema.object(
    { type: schema.text, available: schema.boolean },
    { choices: schema.list(schema.text), rule: schema.text, message: schema.text },
  ),
  FamilySteps: schema.object({
    familyId: schema.uuid,
    version: schema.integer,
    steps: schema.list(schema.ref('StepAvailability')),
  }),
  FamilyListItem: schema.extend(
    'FamilySummary',
    schema.object({ waitingSince: schema.nullable(schema.text) }, { stale: staleFamily }),
  ),
  FamilyPage: schema.object({
    items: schema.list(schema.ref('FamilyListItem')),
    nextCursor: schema.nullable(schema.text),
  }),
  TimelineEntry: schema.object({
    version: schema.integer,
    position: schema.text,
    type: schema.text,
    occurredAt: schema.text,
    recordedAt: schema.text,
    actor: schema.object(
      {
        id: schema.nullable(schema.text),
        role: schema.nullable(schema.text),
        organisation: schema.nullable(schema.text),
      },
      { name: schema.text },
    ),
    summary: schema.text,
    data: schema.nullable(schema.keyed(schema.anything)),
  }),
  Timeline: schema.object(
    {
      familyId: schema.uuid,
      entries: schema.list(schema.ref('TimelineEntry')),
      nextCursor: schema.nullable(schema.text),
    },
    { stale: staleFamily },
  ),
};

/**
 * The parts of a family's state that the route as the region runs it adds (api.md v2): protection measures, the
 * plan's goals with their latest status and the evaluations, the Veilig Thuis step, the members' own views and
 * the informal network.
 */
export const ROUTE_ANSWERS: Record<string, SchemaObject> = {
  ProtectionMeasure: schema.object(
    {
      measureId: schema.text,
      kind: schema.oneOfValues(
        'supervision-order',
        'guardianship',
        'juvenile-probation',
        'out-of-home-authorisation',
      ),
      memberIds: schema.list(schema.text),
      institution: schema.text,
      startedAt: schema.text,
      status: schema.oneOfValues('active', 'ended'),
    },
    { endsBy: schema.text, endedAt: schema.text, endReason: personal },
  ),
  GoalWithStatus: schema.object({
    goalId: schema.text,
    description: personal,
    memberIds: schema.list(schema.text),
    // null before any evaluation named the goal (an enum lists null itself to allow it).
    status: {
      type: 'string',
      nullable: true,
      enum: ['achieved', 'partly-achieved', 'not-achieved', 'ongoing', null],
    },
    evaluatedAt: schema.nullable(schema.text),
  }),
  PlanEvaluation: schema.object(
    {
      evaluationId: schema.text,
      planVersion: schema.integer,
      goals: schema.list(schema.object({ goalId: schema.text, status: schema.text })),
      familyInvolved: schema.boolean,
      at: schema.text,
    },
    { nextEvaluateBy: schema.text },
  ),
  SafeAtHomeReport: schema.object(
    {
      reportId: schema.text,
      kind: schema.oneOfValues('advice', 'report'),
      memberIds: schema.list(schema.text),
      at: schema.text,
    },
    { outcome: personal },
  ),
  MemberView: schema.object(
    {
      viewId: schema.text,
      memberId: schema.text,
      topic: schema.oneOfValues('safety', 'plan', 'care', 'other'),
      text: personal,
      at: schema.text,
    },
    { feelsSafe: schema.integer },
  ),
  InformalSupporter: schema.object({
    supporterId: schema.text,
    displayName: personal,
    relation: personal,
    addedAt: schema.text,
  }),
};
