import type { SchemaObject } from '@nestjs/swagger';

import { boolean, extend, integer, list, nullable, object, ref, text } from '../http/schema';

/** The directory's answers (api.md "People and organisations"): work contact data, never family data. */
export const DIRECTORY_ANSWERS: Record<string, SchemaObject> = {
  DirectoryProfessional: object(
    { professionalId: text, name: text, organisation: text, discipline: nullable(text) },
    { email: text, phone: text },
  ),
  DirectoryProfessionals: object({ items: list(ref('DirectoryProfessional')) }),
  /** `listed: false`: not in the directory yet; the rest is a draft from the token. */
  DirectoryMyEntry: extend('DirectoryProfessional', object({ listed: boolean })),
  DirectoryProfessionalWritten: extend('DirectoryProfessional', object({ position: text })),
  DirectoryProvider: object({
    providerId: text,
    agbCode: text,
    name: text,
    careForms: list(text),
  }),
  DirectoryProviders: object(
    { items: list(ref('DirectoryProvider')) },
    // With `unlisted=true` (manager): provider ids in use that the directory does not know, with their uses.
    { unlisted: list(object({ providerId: text, uses: integer })) },
  ),
  ProviderRegistered: object({ providerId: text, position: text }),
};
