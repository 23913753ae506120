import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';

import { findUnstorableJson, MAX_JSON_DEPTH } from '@samenspoor/sql';

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
 * Refuses what no table can hold and what would overflow the stack, wherever it comes from — body (values and
 * field names, at any depth), query or address — before class-transformer or class-validator see it: a NUL
 * character or a lone surrogate in any string, and JSON nested deeper than {@link MAX_JSON_DEPTH} levels.
 */
export function assertStorableInput(value: unknown, metadata: ArgumentMetadata): void {
  if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return;
  const location = metadata.type === 'param' ? 'path' : metadata.type;
  const problems = findUnstorableJson(value);
  if (problems.length === 0) return;
  // `@Query('name')` and `@Param('name')` hand over one value: its field is the name.
  const fieldOf = (path: string) =>
    metadata.data
      ? `${metadata.data}${path && !path.startsWith('[') ? '.' : ''}${path}`
      : path || location;
  const first = problems[0];
  if (first?.kind === 'too-deep') {
    throw Problem.badRequest(
      `the request ${location} is nested deeper than ${MAX_JSON_DEPTH} levels`,
      [
        {
          field: fieldOf(first.path),
          message: `must not be nested deeper than ${MAX_JSON_DEPTH} levels`,
        },
      ],
    );
  }
  const fields = problems.map((problem) => ({
    field: fieldOf(problem.path),
    message:
      problem.kind === 'unstorable-key'
        ? 'has a field name with a NUL character or a lone surrogate'
        : 'must not hold a NUL character or a lone surrogate',
  }));
  throw Problem.badRequest(
    `the request has ${fields.length} value${fields.length === 1 ? '' : 's'} with a NUL character or a lone surrogate`,
    fields,
  );
}

/** Nest's validation pipe, after {@link assertStorableInput}: the one check of every value from outside. */
class BoundaryValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    assertStorableInput(value, metadata);
    return (await super.transform(value, metadata)) as unknown;
  }
}

/**
 * Validates every body and query against its DTO: unknown fields are refused, nothing is converted implicitly
 * ("5" stays a string), and the answer is a 400 problem listing every failing field. Before that, every string
 * of the body, query and address must be storable and the body not nested too deep (see
 * {@link assertStorableInput}).
 */
export function validationPipe(): ValidationPipe {
  return new BoundaryValidationPipe({
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
