import { applyDecorators, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';

import type { Audience } from '@samenspoor/access';

import { Allow } from '../auth/auth.decorators';
import { ANSWER_SCHEMAS } from './answer-schemas';
import { CSV_ANSWERS, CsvAnswer } from './csv';

/** A route's 200 answer: the schema of `ANSWER_SCHEMAS` by that name; also as CSV for `CSV_ANSWERS`. */
export const Answer = (name: string): MethodDecorator => {
  if (!(name in ANSWER_SCHEMAS)) throw new Error(`no answer schema ${name}`);
  const json = ApiOkResponse({ schema: { $ref: `#/components/schemas/${name}` } });
  if (!CSV_ANSWERS.has(name)) return json;
  return applyDecorators(json, ApiProduces('application/json', 'text/csv'), CsvAnswer(name));
};

/** A read (`GET`): its path, the name of its answer's schema, what it answers, and who may read it. */
export const ReadRoute = (
  path: string,
  answer: string,
  summary: string,
  ...audiences: Audience[]
): MethodDecorator =>
  applyDecorators(Get(path), Allow(...audiences), ApiOperation({ summary }), Answer(answer));

/** A read (`GET`) whose answer is a PDF: its path, what it answers, and who may read it. */
export const PdfRoute = (
  path: string,
  summary: string,
  ...audiences: Audience[]
): MethodDecorator =>
  applyDecorators(
    Get(path),
    Allow(...audiences),
    ApiOperation({ summary }),
    ApiProduces('application/pdf'),
    ApiOkResponse({
      description: 'A PDF',
      content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    }),
  );
