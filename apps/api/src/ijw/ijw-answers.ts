import type { SchemaObject } from '@nestjs/swagger';

import { IJW_RESOLUTIONS } from '@samenspoor/ijw';

import { list, nullable, object, oneOfValues, ref, text } from '../http/schema';

/** The answers of the iJw routes (api.md "iJw messages"): ids, types and codes, never a BSN or a name. */
export const IJW_ANSWERS: Record<string, SchemaObject> = {
  IjwAnswer: object(
    {
      messageId: text,
      type: oneOfValues('JW315', 'JW301', 'JW305', 'JW307'),
      outcome: oneOfValues('applied', 'unmatched', 'duplicate', 'unmapped', 'refused'),
      events: list(object({ type: text, trajectoryId: text })),
    },
    { rule: text, familyId: text, position: text },
  ),
  IjwProduct: object({ category: text }, { code: text }),
  IjwUnmatchedItem: object({
    messageId: text,
    type: text,
    receivedAt: text,
    outcome: text,
    rule: nullable(text),
    municipality: text,
    provider: text,
    products: list(ref('IjwProduct')),
  }),
  IjwUnmatched: object({ items: list(ref('IjwUnmatchedItem')) }),
  IjwResolved: object({
    messageId: text,
    outcome: oneOfValues('resolved'),
    resolution: oneOfValues(...IJW_RESOLUTIONS),
  }),
};
