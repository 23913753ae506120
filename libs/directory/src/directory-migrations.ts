import { componentMigrations } from '@samenspoor/sql';

/**
 * The directory's tables. Names are kept beside their search words (lower case, accents dropped) so that a name
 * word prefix is found with an index; the words come from the same function that splits a query.
 */
export const DIRECTORY_MIGRATIONS = componentMigrations('directory', {
  'professionals and providers': (s) => `
      create table ${s}.directory_professionals (
        professional_id text primary key,
        name text not null,
        organisation text not null,
        discipline text,
        email text,
        phone text,
        search_words text[] not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create index directory_professionals_words on ${s}.directory_professionals using gin (search_words);
      create index directory_professionals_organisation on ${s}.directory_professionals (lower(organisation));
      create table ${s}.directory_providers (
        provider_id text primary key,
        agb_code text not null unique check (agb_code ~ '^[0-9]{8}$'),
        name text not null,
        care_forms text[] not null default '{}',
        search_words text[] not null,
        registered_at timestamptz not null default now()
      );
      create index directory_providers_words on ${s}.directory_providers using gin (search_words);
    `,
});
