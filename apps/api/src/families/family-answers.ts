import type { SchemaObject } from '@nestjs/swagger';

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
} from '../http/schema';

/** Personal text: readable for those allowed to see it, `null` once the family's data is erased. */
const personal = nullable(text);

/** Present (and `true`) on a family whose read model has an event set aside: it may be behind. */
const stale = oneOfValues(true);

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
  NetworkMember: object({
    professionalId: text,
    organisation: text,
    discipline: nullable(text),
    joinedAt: text,
  }),
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
      goals: list(object({ description: personal, memberIds: list(text) })),
      agreedWithFamily: boolean,
      adoptedAt: text,
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
    { planId: text, startedAt: text, endedAt: text, endReason: text, withdrawnAt: text },
  ),
  FamilyOutflow: object(
    {
      caseNumber: integer,
      destination: text,
      at: text,
      followUps: list(object({ monthsAfterOutflow: integer, at: text })),
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
    caseDirector: nullable(object({ professionalId: text, since: text })),
    network: list(ref('NetworkMember')),
    signals: list(ref('Signal')),
    analyses: list(ref('Analysis')),
    plan: nullable(ref('Plan')),
    trajectories: list(ref('Trajectory')),
    lastMdoAt: nullable(text),
    nextMdoDueBy: nullable(text),
    safetyLevel: nullable(text),
    safety: nullable(object({ level: text, assessedAt: text }, { phase: text })),
    lastSafetyReviewAt: nullable(text),
    outflow: nullable(ref('FamilyOutflow')),
    erasedAt: nullable(text),
    version: integer,
  }),
  FamilyListItem: extend('FamilySummary', object({ waitingSince: nullable(text) }, { stale })),
  FamilyPage: object({ items: list(ref('FamilyListItem')), nextCursor: nullable(text) }),
  TimelineEntry: object({
    version: integer,
    position: text,
    type: text,
    occurredAt: text,
    recordedAt: text,
    actor: object({ id: nullable(text), role: nullable(text), organisation: nullable(text) }),
    summary: text,
    data: nullable(keyed(anything)),
  }),
  Timeline: object(
    { familyId: uuid, entries: list(ref('TimelineEntry')), nextCursor: nullable(text) },
    { stale },
  ),
};
