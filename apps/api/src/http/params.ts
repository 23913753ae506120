import { ParseUUIDPipe } from '@nestjs/common';

import { Problem } from './problem';

/** Ids in the address are UUIDs; anything else is a 400 naming the path. */
export const UUID_PARAM = new ParseUUIDPipe({
  exceptionFactory: () =>
    Problem.badRequest('the address names an id that is not a UUID', [
      { field: 'path', message: 'ids in the address must be UUIDs' },
    ]),
});
