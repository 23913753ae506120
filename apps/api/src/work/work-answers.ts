import type { SchemaObject } from '@nestjs/swagger';

import { WORK_KINDS } from '@samenspoor/projections';

import * as schema from '../http/schema';

/** The professional's work list (`GET /api/my-work`, "Mijn werk"). */
export const WORK_ANSWERS: Record<string, SchemaObject> = {
  WorkItem: schema.object(
    {
      // null for an iJw message no family is linked to yet (`ijw-unlinked`, the safety team's).
      familyId: schema.nullable(schema.uuid),
      // The family's members' names as the UI shows them, youths first; null once erased (or no family).
      displayName: schema.nullable(schema.text),
      kind: schema.oneOfValues(...WORK_KINDS),
      dueAt: schema.text,
      overdueDays: schema.integer,
      overdue: schema.boolean,
      // The step that resolves it: the web UI's step key (`mdo`, `plan-evaluation`, …), `contact` for a match.
      step: schema.text,
    },
    {
      trajectoryId: schema.uuid,
      planId: schema.uuid,
      monthsAfterOutflow: schema.integer,
      registrarId: schema.text,
      registrarOrganisation: schema.nullable(schema.text),
      messageId: schema.text,
    },
  ),
  MyWork: schema.object({
    asOf: schema.text,
    items: schema.list(schema.ref('WorkItem')),
    counts: schema.object({ due: schema.integer, overdue: schema.integer }),
  }),
};
