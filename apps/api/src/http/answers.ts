import { applyDecorators, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, type SchemaObject } from '@nestjs/swagger';

import { ROLES, type Audience } from '@samenspoor/access';

import { Allow } from '../auth/auth.decorators';
import { FAMILY_ANSWERS } from '../families/family-answers';
import { FIGURE_ANSWERS } from '../projections/figure-answers';
import { integer, list, nullable, object, oneOfValues, text } from './schema';

const roles = list(oneOfValues(...ROLES));

/** Who signs in and how (`/api/auth/…`, `/api/me`), and the region's configuration. */
const ACCESS_ANSWERS: Record<string, SchemaObject> = {
  AuthSettings: {
    oneOf: [
      object({ mode: oneOfValues('dev') }),
      object({
        mode: oneOfValues('oidc'),
        issuer: text,
        clientId: nullable(text),
        scopes: text,
      }),
    ],
  },
  DevToken: object({ token: text }),
  DevUsers: object({
    users: list(
      object(
        { id: text, roles, organisation: text },
        // `families`: for a professional, how many current families have them in their network.
        { name: text, families: integer },
      ),
    ),
  }),
  Me: object({ id: text, roles }, { name: text, organisation: text }),
  Region: object({
    name: text,
    municipalities: list(text),
    careForms: list(object({ id: text, normDays: integer })),
    workstreams: list(text),
    stageNorms: object({ analysisDays: integer, planDays: integer }),
    safety: object({ noCaseDirectorDays: integer, noPlanDays: integer }),
    stacking: object({
      activeTrajectories: integer,
      distinctProviders: integer,
      networkSize: integer,
    }),
    smallCellThreshold: integer,
  }),
};

/**
 * The schemas of the API's answers, by name, as `components.schemas` of the OpenAPI document: what the web
 * client's types are generated from (`npm run openapi:types`).
 */
export const ANSWER_SCHEMAS: Readonly<Record<string, SchemaObject>> = {
  ...ACCESS_ANSWERS,
  ...FAMILY_ANSWERS,
  ...FIGURE_ANSWERS,
};

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
