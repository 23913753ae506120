import type { SchemaObject } from '@nestjs/swagger';

import { boolean, integer, list, nullable, object, oneOfValues, text } from '../http/schema';

/** Personal text: readable for those allowed to see it, `null` once the family's data is erased. */
const personal = nullable(text);

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
