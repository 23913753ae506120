import type { SchemaObject } from '@nestjs/swagger';

import { WORK_KINDS } from '@samenspoor/projections';

import {
  boolean,
  integer,
  list,
  nullable,
  object,
  oneOfValues,
  ref,
  text,
  uuid,
} from '../http/schema';

/** The professional's work list (`GET /api/my-work`, "Mijn werk"). */
export const WORK_ANSWERS: Record<string, SchemaObject> = {
  WorkItem: object(
    {
      // null for an iJw message no family is linked to yet (`ijw-unlinked`, the safety team's).
      familyId: nullable(uuid),
      // The family's members' names as the UI shows them, youths first; null once erased (or no family).
      displayName: nullable(text),
      kind: oneOfValues(...WORK_KINDS),
      dueAt: text,
      overdueDays: integer,
      overdue: boolean,
      // The step that resolves it: the web UI's step key (`mdo`, `plan-evaluation`, …), `contact` for a match.
      step: text,
    },
    {
      trajectoryId: uuid,
      planId: uuid,
      monthsAfterOutflow: integer,
      registrarId: text,
      registrarOrganisation: nullable(text),
      messageId: text,
    },
  ),
  MyWork: object({
    asOf: text,
    items: list(ref('WorkItem')),
    counts: object({ due: integer, overdue: integer }),
  }),
};
