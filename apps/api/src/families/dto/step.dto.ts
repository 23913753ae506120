import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  registerDecorator,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';

import { isValidBsn } from '@samenspoor/domain';

/** Limits on free text: generous for notes, tight for names and identifiers. */
export const NAME = 200;
export const IDENTIFIER = 100;
export const TEXT = 4_000;
export const NOTE = 10_000;
export const LIST = 50;

/**
 * Several property decorators as one, written top to bottom as they would be stacked: applied bottom-up like a
 * stack, so that class-validator checks (and reports) in the same order.
 */
export function stack(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => {
    for (const decorator of [...decorators].reverse()) decorator(target, property);
  };
}

/** A BSN passing the elfproef. The message never repeats the value. */
export function IsBsn(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isBsn',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be a valid BSN (nine digits passing the elfproef)`,
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidBsn(value) },
    });
}

/** A time as ISO-8601, strictly. */
export const IsTime = (): PropertyDecorator => IsISO8601({ strict: true, strictSeparator: true });

/** Text of 1 to `max` characters. */
export const Text = (max: number): PropertyDecorator => stack(IsString(), Length(1, max));

/** Optional text of 1 to `max` characters. */
export const OptionalText = (max: number): PropertyDecorator => stack(IsOptional(), Text(max));

/** Personal text of 1 to `max` characters (sealed under the family's key, erased on request). */
export const PersonalText = (max: number): PropertyDecorator =>
  stack(ApiProperty({ description: 'personal data' }), Text(max));

/** Optional personal text of 1 to `max` characters. */
export const OptionalPersonalText = (max: number): PropertyDecorator =>
  stack(ApiPropertyOptional({ description: 'personal data' }), OptionalText(max));

/** An optional time as ISO-8601, documented with an example. */
export const OptionalTime = (example: string): PropertyDecorator =>
  stack(ApiPropertyOptional({ example }), IsOptional(), IsTime());

/** One of a vocabulary's values. */
export const OneOf = (values: readonly string[] | readonly number[]): PropertyDecorator =>
  stack(ApiProperty({ enum: values }), IsIn(values));

/** An optional list of texts (patterns, decisions…). */
export const TextList = (): PropertyDecorator =>
  stack(
    ApiPropertyOptional({ type: [String] }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(LIST),
    IsString({ each: true }),
    Length(1, TEXT, { each: true }),
  );

/** An optional list of distinct member ids. */
export const MemberIds = (): PropertyDecorator =>
  stack(
    ApiPropertyOptional({ type: [String], format: 'uuid' }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(30),
    ArrayUnique(),
    IsUUID('all', { each: true }),
  );

/** A list of 1 to `max` nested bodies. */
export const NestedList = (type: () => new () => object, max = LIST): PropertyDecorator =>
  stack(IsArray(), ArrayMinSize(1), ArrayMaxSize(max), ValidateNested({ each: true }), Type(type));

/** Every command may say when the step happened (business time); by default it happened now. */
export class StepBody {
  @ApiPropertyOptional({
    description: 'when the step happened (ISO-8601); default now; not in the future',
    example: '2026-11-20T09:30:00Z',
  })
  @IsOptional()
  @IsTime()
  occurredAt?: string;
}
