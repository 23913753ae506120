import type { SchemaObject } from '@nestjs/swagger';

import { IJW_RESOLUTIONS } from '@samenspoor/ijw';

import * as schema from '../http/schema';

/** The answers of the iJw routes (api.md "iJw messages"): ids, types and codes, never a BSN or a name. */
export const IJW_ANSWERS: Record<string, SchemaObject> = {
  IjwAnswer: schema.object(
    {
      messageId: schema.text,
      type: schema.oneOfValues('JW315', 'JW301', 'JW305', 'JW307'),
      outcome: schema.oneOfValues('applied', 'unmatched', 'duplicate', 'unmapped', 'refused'),
      events: schema.list(schema.object({ type: schema.text, trajectoryId: schema.text })),
    },
    { rule: schema.text, familyId: schema.text, position: schema.text },
  ),
  IjwProduct: schema.object({ category: schema.text }, { code: schema.text }),
  IjwUnmatchedItem: schema.object({
    messageId: schema.text,
    type: schema.text,
    receivedAt: schema.text,
    outcome: schema.text,
    rule: schema.nullable(schema.text),
    municipality: schema.text,
    provider: schema.text,
    products: schema.list(schema.ref('IjwProduct')),
  }),
  IjwUnmatched: schema.object({ items: schema.list(schema.ref('IjwUnmatchedItem')) }),
  IjwResolved: schema.object({
    messageId: schema.text,
    outcome: schema.oneOfValues('resolved'),
    resolution: schema.oneOfValues(...IJW_RESOLUTIONS),
  }),
};
