import {
  applyDecorators,
  Controller,
  Injectable,
  Param,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';

import type { DraftData, FamilyCommandDraft } from '@samenspoor/commands';
import type { FamilyCommand } from '@samenspoor/domain';

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

/** What every controller of a family's route shares: its path, the headers it reads, the answers it may give. */
export const FamilyRoutes = (): ClassDecorator =>
  applyDecorators(
    ApiTags('families'),
    ApiBearerAuth(),
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
    ApiResponse({ status: 400, description: 'invalid input: every failing field is listed' }),
    ApiResponse({
      status: 404,
      description: 'unknown family, analysis, plan, trajectory or professional',
    }),
    ApiResponse({ status: 409, description: 'If-Match differs from the family’s version' }),
    ApiResponse({ status: 422, description: 'a domain rule refuses the step; `rule` names it' }),
    UseInterceptors(FamilyVersionETag),
    Controller('api/families'),
  );

/** A UUID in the address (`:familyId`, `:planId`…), or a 400. */
export const IdParam = (name: string): ParameterDecorator => Param(name, UUID_PARAM);

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
