import type { INestApplication, Type } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import {
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type ReferenceObject,
  type ResponseObject,
  type SchemaObject,
} from '@nestjs/swagger';

import { PUBLIC_ROUTE } from '../auth/auth.decorators';
import { CommandAnswer } from '../families/dto/command-answer.dto';
import { SIGN_IN_ROUTE } from '../auth/sign-in-throttle';
import { ANSWER_SCHEMAS } from './answer-schemas';
import { PROBLEM_CONTENT_TYPE } from './problem';

/**
 * The one description of the API (`GET /docs-json`), complete enough to generate a client from. What every
 * route shares — its operation id, its security, its problem answers — is derived here from each route's own
 * metadata (`@Public()`, `@SignIn()`, its method, its parameters), so that no controller repeats it and a new
 * route is described the moment it exists.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Samenspoor')
      .setDescription(
        'Event-sourced case tracking for the HSJ-MCP youth care network of the Groningen region. ' +
          'Errors are application/problem+json (RFC 9457).',
      )
      .setVersion('1')
      .setLicense(
        'EUPL-1.2',
        'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12',
      )
      .addServer('/', 'this server')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER)
      .build(),
    // A key that names the handler exactly, replaced below by the readable, stable id.
    {
      operationIdFactory: (controller, method) => `${controller}#${method}`,
      extraModels: [CommandAnswer],
    },
  );
  // The builder's default is an empty contact; there is no team address to publish.
  delete document.info.contact;
  const routes = routeMetadata(app);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...ANSWER_SCHEMAS, Problem: PROBLEM_SCHEMA },
  };
  const seen = new Map<string, string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const route = routes.get(operation.operationId ?? '');
      if (!route) throw new Error(`no route metadata for ${method.toUpperCase()} ${path}`);
      const where = `${method.toUpperCase()} ${path}`;
      const operationId = OPERATION_IDS[where] ?? route.handler;
      const earlier = seen.get(operationId);
      if (earlier)
        throw new Error(
          `operationId ${operationId} of ${where} is taken by ${earlier}: name it in OPERATION_IDS`,
        );
      seen.set(operationId, where);
      describe(operation, { ...route, operationId, method, path });
    }
  }
  return document;
}

/** Serves the document at `GET /docs-json` and its UI at `GET /docs`. */
export function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, openApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Samenspoor API',
  });
}

const BEARER = 'bearer';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Where a handler's own name does not say enough or is not unique across controllers, the id it gets, by method
 * and path (both survive moving a route to another controller, as the handler's name does).
 */
const OPERATION_IDS: Readonly<Record<string, string>> = {
  'GET /api/families/{familyId}': 'getFamily',
  'GET /api/families': 'listFamilies',
  'GET /api/region': 'getRegion',
  'GET /api/projections/outflow': 'outflowFigures',
  'GET /health': 'readiness',
  'GET /health/live': 'liveness',
  'GET /metrics': 'metrics',
  'GET /api/auth/config': 'getAuthConfig',
  'GET /api/auth/dev-users': 'listDevUsers',
  'POST /api/auth/dev-token': 'issueDevToken',
  'GET /api/me': 'getMe',
  'GET /api/audit': 'listAuditEntries',
  'GET /api/families/{familyId}/access-log': 'familyAccessLog',
  'GET /api/families/{familyId}/timeline': 'familyTimeline',
  'GET /api/families/{familyId}/steps': 'familySteps',
  'GET /api/families/{familyId}/file.pdf': 'familyFile',
};

const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'An error (RFC 9457).',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', description: 'names the kind of problem: /problems/<kind>' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'what is wrong, for a person' },
    errors: {
      type: 'array',
      description: 'every failing field of the request (400)',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
    rule: {
      type: 'string',
      description: 'the domain rule that refused the command (422, some 409s)',
    },
    correlationId: { type: 'string' },
  },
};

interface RouteMetadata {
  readonly handler: string;
  readonly isPublic: boolean;
  readonly isSignIn: boolean;
}

/** Every route's metadata, by `Controller#handler` (the key the operation id factory gave each operation). */
function routeMetadata(app: INestApplication): Map<string, RouteMetadata> {
  const routes = new Map<string, RouteMetadata>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const flag = (key: string) =>
          Boolean(Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller));
        routes.set(`${controller.name}#${name}`, {
          handler: name,
          isPublic: flag(PUBLIC_ROUTE),
          isSignIn: flag(SIGN_IN_ROUTE),
        });
      }
    }
  }
  return routes;
}

/**
 * Security and the problem answers of one operation (api.md, "Errors"): 400 for input (a body, a query or an id
 * in the path), 401/403 on every route that needs a token, 404 for routes about something named in the path,
 * 409 and 422 for commands, 429 for the sign-in routes, 503 where the answer needs the database.
 */
function describe(
  operation: OperationObject,
  route: RouteMetadata & { operationId: string; method: string; path: string },
): void {
  operation.operationId = route.operationId;
  operation.security = route.isPublic ? [] : [{ [BEARER]: [] }];
  if (isFamilyCommand(route)) answerCommand(operation);
  const parameters = (operation.parameters ?? []).filter(isParameter);
  const inPath = parameters.some((p) => p.in === 'path');
  const inQuery = parameters.some((p) => p.in === 'query');
  const isCommand = route.method !== 'get' && !route.isPublic;
  const problems: [number, string][] = [];
  if (operation.requestBody || inQuery || inPath)
    problems.push([400, 'invalid input: every failing field is listed in `errors`']);
  if (!route.isPublic) {
    problems.push([401, 'no token, or a token that is not valid']);
    problems.push([403, 'the caller may not do this (the refusal is audited)']);
  }
  if (inPath) problems.push([404, 'nothing known by the id in the path']);
  if (isCommand && parameters.some((p) => p.in === 'header' && p.name === 'If-Match'))
    problems.push([409, 'If-Match differs from the version of the stream']);
  if (isCommand) problems.push([422, 'a domain rule refuses the command; `rule` names it']);
  if (route.isSignIn)
    problems.push([429, 'too many sign-in requests; Retry-After says when to retry']);
  if (!route.isPublic || inQuery || route.path === '/health')
    problems.push([
      503,
      'the database or a read model is not available in time; Retry-After says when to retry',
    ]);
  // The problem answers are derived here and nowhere else: a status a controller declares for all its routes
  // (without a body) stays only where this route can answer it — a read never answers 409 or 422.
  const derived = new Set(problems.map(([status]) => String(status)));
  for (const [status, response] of Object.entries(operation.responses)) {
    if (/^[45]/.test(status) && !(response as ResponseObject).content && !derived.has(status))
      delete operation.responses[status];
  }
  for (const [status, description] of problems) {
    const existing = operation.responses[String(status)] as ResponseObject | undefined;
    if (existing?.content) continue;
    operation.responses[String(status)] = {
      description: existing?.description ?? description,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
}

function isFamilyCommand(route: { method: string; path: string; isPublic: boolean }): boolean {
  return (
    route.method !== 'get' &&
    !route.isPublic &&
    (route.path.startsWith('/api/families') || route.path.startsWith('/api/my-family'))
  );
}

/**
 * Every family command answers the same shape, with the ids it created beside it: described once here rather
 * than on each route.
 */
function answerCommand(operation: OperationObject): void {
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!/^2/.test(status) || (response as ResponseObject).content) continue;
    operation.responses[status] = {
      ...(response as ResponseObject),
      content: {
        'application/json': {
          schema: {
            allOf: [{ $ref: `#/components/schemas/${CommandAnswer.name}` }],
            // The created ids (`signalId`, `memberIds`, …) vary per command; typed as unknown beside the rest.
            additionalProperties: true,
          },
        },
      },
    };
  }
}

function isParameter(parameter: ParameterObject | ReferenceObject): parameter is ParameterObject {
  return 'in' in parameter;
}
