import { applyDecorators, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';

import type { Audience } from '@samenspoor/access';

import { Allow } from '../auth/auth.decorators';
import { ANSWER_SCHEMAS } from './answer-schemas';

/** A route's 200 answer: the schema of `ANSWER_SCHEMAS` by that name. */
export const Answer = (name: string): MethodDecorator & ClassDecorator => {
  if (!(name in ANSWER_SCHEMAS)) throw new Error(`no answer schema ${name}`);
  return ApiOkResponse({ schema: { $ref: `#/components/schemas/${name}` } });
};

/** A read (`GET`): its path, the name of its answer's schema, what it answers, and who may read it. */
export const ReadRoute = (
  path: string,
  answer: string,
  summary: string,
  ...audiences: Audience[]
): MethodDecorator =>
  applyDecorators(Get(path), Allow(...audiences), ApiOperation({ summary }), Answer(answer));
