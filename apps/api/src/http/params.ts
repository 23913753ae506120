import { ParseUUIDPipe } from '@nestjs/common';

import { Problem } from './problem';

/** Ids in the address are UUIDs; anything else is a 400 naming the path. */
export const UUID_PARAM = new ParseUUIDPipe({
  exceptionFactory: () =>
    Problem.badRequest('the address names an id that is not a UUID', [
      { field: 'path', message: 'ids in the address must be UUIDs' },
    ]),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a UUID, as ids in addresses and filters must be. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
