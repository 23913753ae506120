import type { ProfessionalEntry } from '@samenspoor/directory';
import type { EventStore } from '@samenspoor/event-store';

import { NAMES } from './catalogue';
import { hash32 } from './prng';

/** Surnames of the demo's professionals: common in the north, none of them a real person's entry. */
const SURNAMES = [
  'de Vries',
  'Bos',
  'Smit',
  'Visser',
  'Dijkstra',
  'Mulder',
  'Bakker',
  'Hoekstra',
  'Jansen',
  'de Boer',
  'Meijer',
  'Postma',
  'Kuipers',
  'Wiersma',
  'van der Meer',
  'Huisman',
  'Veenstra',
  'Kramer',
  'Zijlstra',
  'Boersma',
];

/**
 * Directory entries for every professional of the demo region's networks, so that the demo shows people by name:
 * a fictitious name, work e-mail and phone number derived from the professional's id (the same on every start),
 * with the organisation and discipline they joined a network with.
 */
export async function demoProfessionals(store: EventStore): Promise<ProfessionalEntry[]> {
  const found = new Map<string, { organisation: string; discipline: string | null }>();
  for (
    let after = undefined as Awaited<ReturnType<EventStore['readAll']>>['position'] | undefined;
    ;
  ) {
    const page = await store.readAll({ after, limit: 1_000 });
    for (const event of page.events) {
      if (event.type !== 'ProfessionalJoinedNetwork') continue;
      const { professionalId, organisation, discipline } = event.data as {
        professionalId: string;
        organisation: string;
        discipline?: string;
      };
      found.set(professionalId, { organisation, discipline: discipline ?? null });
    }
    if (page.events.length === 0) break;
    after = page.position;
  }
  return [...found].map(([professionalId, { organisation, discipline }]) =>
    demoEntry(professionalId, organisation, discipline),
  );
}

export function demoEntry(
  professionalId: string,
  organisation: string,
  discipline: string | null,
): ProfessionalEntry {
  const hash = hash32(professionalId);
  const firstNames = hash % 2 === 0 ? NAMES.women : NAMES.men;
  const first = firstNames[(hash >>> 1) % firstNames.length]!;
  const surname = SURNAMES[(hash >>> 8) % SURNAMES.length]!;
  const domain = organisation
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const local = `${first}.${surname}`.toLowerCase().replace(/[^a-z.]+/g, '');
  return {
    professionalId,
    name: `${first} ${surname}`,
    organisation,
    discipline,
    // Addresses at example.org and numbers of no one: fictitious contact details.
    email: `${local}@${domain || 'organisatie'}.example.org`,
    phone: `050 ${String(5_000_000 + (hash % 1_000_000)).replace(/^(\d{3})(\d{2})(\d{2})$/, '$1 $2 $3')}`,
  };
}
