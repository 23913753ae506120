import {
  applyDecorators,
  Controller,
  Delete,
  HttpCode,
  Injectable,
  Param,
  Post,
  Put,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';

import type { Audience } from '@samenspoor/access';
import type { DraftData, FamilyCommandDraft } from '@samenspoor/commands';
import type { FamilyCommand } from '@samenspoor/domain';

import { Allow } from '../auth/auth.decorators';
import { UUID_PARAM } from '../http/params';
import { Problem } from '../http/problem';
import type { StepBody } from './dto/step.dto';

/** Answers carry the family's stream version as their ETag: the `If-Match` of the client's next change. */
@Injectable()
export class FamilyVersionETag implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((answer: unknown) => {
        const version = (answer as { version?: unknown } | null)?.version;
        if (typeof version === 'number')
          context.switchToHttp().getResponse<Response>().setHeader('ETag', `"${version}"`);
        return answer;
      }),
    );
  }
}

/**
 * What every controller of a family's route shares: its path and the headers it reads. Security and the problem
 * answers are derived per route in the OpenAPI document (`http/openapi.ts`).
 */
export const FamilyRoutes = (): ClassDecorator =>
  applyDecorators(
    ApiTags('families'),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'the stream version the change is based on: "5"',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'a UUID: a repeat returns the first answer',
    }),
    ApiHeader({ name: 'X-Correlation-Id', required: false }),
    UseInterceptors(FamilyVersionETag),
    Controller('api/families'),
  );

const STEP_METHODS = { POST: Post, PUT: Put, DELETE: Delete } as const;

/**
 * A step on a family's route (a command): its method and path, what it does, and who may take it. A `POST`
 * answers 201, a `PUT` or `DELETE` 200; the answer's schema is described in `http/openapi.ts`.
 */
export const CommandRoute = (
  method: keyof typeof STEP_METHODS,
  path: string,
  summary: string,
  ...audiences: Audience[]
): MethodDecorator =>
  applyDecorators(
    STEP_METHODS[method](path),
    ...(method === 'POST' ? [] : [HttpCode(200)]),
    Allow(...audiences),
    ApiOperation({ summary }),
  );

/** A UUID in the address (`:familyId`, `:planId`…), or a 400; described as one in the OpenAPI document. */
export const IdParam =
  (name: string): ParameterDecorator =>
  (target, key, index) => {
    Param(name, UUID_PARAM)(target, key, index);
    describeUuidParam(name, target, key);
  };

/** Describes the id `name` in the address of the handler `key` as a UUID, in the OpenAPI document. */
export function describeUuidParam(name: string, target: object, key: string | symbol | undefined) {
  const handler = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
  if (key !== undefined && handler) ApiParam({ name, format: 'uuid' })(target, key, handler);
}

/** The `:familyId` of the address. */
export const FamilyId = (): ParameterDecorator => IdParam('familyId');

type StepType = Exclude<FamilyCommand['type'], 'RegisterFamily'>;

/** A step on a family's route from its body: the command's data and the business time, checked. */
export function step<T extends StepType>(
  type: T,
  body: StepBody,
  data: DraftData<T>,
): FamilyCommandDraft {
  const occurredAt = body.occurredAt === undefined ? undefined : utc(body.occurredAt);
  // TypeScript cannot narrow the draft union by a generic type; `data` is checked against `type` above.
  return { type, data, occurredAt } as FamilyCommandDraft;
}

/**
 * The command of a step whose body, less its `occurredAt`, is the command's data as it is. Where a route names
 * its body, the body's type is checked against the command's data.
 */
export function bodyAsData<T extends StepType>(type: T) {
  return <B extends StepBody & DraftData<T>>(body: B): FamilyCommandDraft =>
    step(type, body, without(body) as unknown as DraftData<T>);
}

/** A validated ISO-8601 time as UTC; a date beyond what JavaScript can represent is bad input. */
export function utc(iso: string, field = 'occurredAt'): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) {
    throw Problem.badRequest(`${field} is not a representable time`, [
      { field, message: 'must be a valid time' },
    ]);
  }
  return time.toISOString();
}

/** The body's fields without the business time, which every command carries separately. */
export function without<T extends StepBody>(body: T): Omit<T, 'occurredAt'> {
  const { occurredAt: _occurredAt, ...rest } = body;
  return rest;
}
