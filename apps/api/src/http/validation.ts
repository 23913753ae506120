import { ValidationPipe, type ValidationError } from '@nestjs/common';

import { Problem, type FieldError } from './problem';

/** Flattens class-validator's tree into one entry per failing field: `members[0].role`. */
export function fieldErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property (\S+) should not exist$/, 'is not a known field'),
    }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/**
 * Validates every body and query against its DTO: unknown fields are refused, nothing is converted implicitly
 * ("5" stays a string), and the answer is a 400 problem listing every failing field.
 */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = fieldErrors(errors);
      return Problem.badRequest(
        `the request has ${fields.length} invalid field${fields.length === 1 ? '' : 's'}`,
        fields,
      );
    },
  });
}
