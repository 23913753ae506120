import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';

/**
 * Small builders of the JSON schemas that describe the API's answers in the OpenAPI document: an answer's shape
 * reads as one line a field, close to the TypeScript type it describes.
 */
export type Schema = SchemaObject | ReferenceObject;

export const text: SchemaObject = { type: 'string' };
export const uuid: SchemaObject = { type: 'string', format: 'uuid' };
export const integer: SchemaObject = { type: 'integer' };
export const number: SchemaObject = { type: 'number' };
export const boolean: SchemaObject = { type: 'boolean' };
/** Any JSON value. */
export const anything: SchemaObject = {};

/**
 * `T | null`. A reference is offered beside `null` (OpenAPI 3.0 ignores siblings of `$ref`, and `nullable` does
 * not reach into an `allOf`).
 */
export function nullable(schema: Schema): SchemaObject {
  return '$ref' in schema
    ? { anyOf: [schema, { type: 'string', nullable: true, enum: [null] }] }
    : { ...schema, nullable: true };
}

/** One of these strings (or `true`: a flag that is present only when set). */
export function oneOfValues(...values: readonly (string | true)[]): SchemaObject {
  return { type: typeof values[0] === 'boolean' ? 'boolean' : 'string', enum: [...values] };
}

export function list(items: Schema): SchemaObject {
  return { type: 'array', items };
}

/** An object keyed by names that vary (care forms, destinations, counts), each holding `values`. */
export function keyed(values: Schema): SchemaObject {
  return { type: 'object', additionalProperties: values };
}

/** A schema of `components.schemas`, by name. */
export function ref(name: string): ReferenceObject {
  return { $ref: `#/components/schemas/${name}` };
}

/** An object with these `required` properties, and these `optional` ones (absent when they do not apply). */
export function object(
  required: Record<string, Schema>,
  optional: Record<string, Schema> = {},
): SchemaObject {
  return {
    type: 'object',
    required: Object.keys(required),
    properties: { ...required, ...optional },
  };
}

/** `base` with more properties beside it. */
export function extend(base: string, more: SchemaObject): SchemaObject {
  return { allOf: [ref(base), more] };
}
