import type { SchemaObject } from '@nestjs/swagger';

import * as schema from '../http/schema';

/** The directory's answers (api.md "People and organisations"): work contact data, never family data. */
export const DIRECTORY_ANSWERS: Record<string, SchemaObject> = {
  DirectoryProfessional: schema.object(
    {
      professionalId: schema.text,
      name: schema.text,
      organisation: schema.text,
      discipline: schema.nullable(schema.text),
    },
    { email: schema.text, phone: schema.text },
  ),
  DirectoryProfessionals: schema.object({
    items: schema.list(schema.ref('DirectoryProfessional')),
  }),
  /** `listed: false`: not in the directory yet; the rest is a draft from the token. */
  DirectoryMyEntry: schema.extend(
    'DirectoryProfessional',
    schema.object({ listed: schema.boolean }),
  ),
  DirectoryProfessionalWritten: schema.extend(
    'DirectoryProfessional',
    schema.object({ position: schema.text }),
  ),
  DirectoryProvider: schema.object({
    providerId: schema.text,
    agbCode: schema.text,
    name: schema.text,
    careForms: schema.list(schema.text),
  }),
  DirectoryProviders: schema.object(
    { items: schema.list(schema.ref('DirectoryProvider')) },
    // With `unlisted=true` (manager): provider ids in use that the directory does not know, with their uses.
    { unlisted: schema.list(schema.object({ providerId: schema.text, uses: schema.integer })) },
  ),
  ProviderRegistered: schema.object({ providerId: schema.text, position: schema.text }),
};
