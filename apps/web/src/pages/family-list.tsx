import { useMemo, useState } from 'react';
import { Link } from 'wouter';

import { label, SAFETY_LEVEL_LABELS, STATUS_LABELS } from '@samenspoor/domain/labels-nl';

import { afterOwnWrites } from '../api';
import { RegisterFamilyAction } from '../components/layout';
import { SearchField, SearchForm, SelectField } from '../components/fields';
import {
  AsyncPages,
  Badge,
  MoreButton,
  Notice,
  Page,
  ScrollTable,
  usePages,
  type TableSort,
} from '../components/ui';
import { familyName, professionalText } from '../family-text';
import { days, daysSince, formatDate } from '../format';
import { useRegion } from '../region';
import { useSession } from '../session';
import type { FamilyListItem } from '../types';

const PAGE = 100;

/** The route's phases in their order, for sorting by phase. */
const PHASE_ORDER = Object.keys(STATUS_LABELS);
/** Safety from worst to best; not assessed last. */
const SAFETY_ORDER = ['unsafe', 'concerns', 'safe'];
const NO_DIRECTOR = '-';
const NOT_ASSESSED = '-';

type SortKey =
  'route' | 'name' | 'municipality' | 'phase' | 'waiting' | 'mdo' | 'safety' | 'director';

/** The case director's name as the list shows it, or '' without one. */
function directorName(family: FamilyListItem): string {
  if (!family.caseDirector) return '';
  return family.caseDirector.name ?? professionalText(family, family.caseDirector.professionalId);
}

/** Compares two families by a column; the families still on the route come first by default. */
function compare(key: SortKey, a: FamilyListItem, b: FamilyListItem): number {
  const text = (x: string, y: string) => x.localeCompare(y, 'nl');
  // Empty values (no wait, no MDO date, no director) sort last whatever the direction, see `sorted`.
  const time = (x: string | null, y: string | null) => Date.parse(x ?? '') - Date.parse(y ?? '');
  switch (key) {
    case 'route':
      return Number(a.status === 'outflowed') - Number(b.status === 'outflowed');
    case 'name':
      return text(familyName(a), familyName(b));
    case 'municipality':
      return text(a.municipality, b.municipality);
    case 'phase':
      return PHASE_ORDER.indexOf(a.status) - PHASE_ORDER.indexOf(b.status);
    case 'waiting':
      return time(a.waitingSince, b.waitingSince);
    case 'mdo':
      return time(a.nextMdoDueBy, b.nextMdoDueBy);
    case 'safety':
      return SAFETY_ORDER.indexOf(a.safetyLevel ?? '') - SAFETY_ORDER.indexOf(b.safetyLevel ?? '');
    case 'director':
      return text(directorName(a), directorName(b));
    default: {
      const unknown: never = key;
      return unknown;
    }
  }
}

/** Whether a family has no value to sort by in the column: it goes last. */
function lacks(key: SortKey, family: FamilyListItem): boolean {
  switch (key) {
    case 'waiting':
      return family.waitingSince === null;
    case 'mdo':
      return family.nextMdoDueBy === null;
    case 'safety':
      return family.safetyLevel === null;
    case 'director':
      return family.caseDirector === null;
    default:
      return false;
  }
}

function sorted(
  families: readonly FamilyListItem[],
  key: SortKey,
  direction: 'asc' | 'desc',
): FamilyListItem[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...families].sort(
    (a, b) =>
      Number(lacks(key, a)) - Number(lacks(key, b)) ||
      sign * (compare(key, a, b) || compare('name', a, b)),
  );
}

/** The sortable columns of the family table, by their header. */
const SORT_KEYS: Readonly<Record<string, SortKey>> = {
  Gezin: 'name',
  Gemeente: 'municipality',
  Fase: 'phase',
  Casusregisseur: 'director',
  'Wacht op zorg': 'waiting',
  'Volgend MDO': 'mdo',
  Veiligheid: 'safety',
};

export function statusTone(status: string): string {
  return status === 'outflowed' ? 'muted' : status === 'in-care' ? 'ok' : 'info';
}

export function safetyTone(level: string | null): string | undefined {
  return level === 'unsafe' ? 'danger' : level === 'concerns' ? 'warn' : level ? 'ok' : undefined;
}

/**
 * A professional's own families ("Mijn gezinnen": the API lists the families whose network they are in), or for
 * the safety team every family of the region, with filters. Filters stay in the page's state: nothing about a
 * family goes into the address.
 */
export function FamilyListPage() {
  const { session } = useSession();
  const region = useRegion();
  const safetyTeam = session?.user.roles.includes('safety-team') ?? false;
  const [municipality, setMunicipality] = useState('');
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const [director, setDirector] = useState('');
  const [safety, setSafety] = useState('');
  const [sortBy, setSortBy] = useState<SortKey>('route');
  const [direction, setDirection] = useState<'asc' | 'desc'>('asc');
  const params = new URLSearchParams({ limit: String(PAGE) });
  if (municipality) params.set('municipality', municipality);
  if (status) params.set('status', status);
  // After a step of the user's own, the list waits until the read model has it (minPosition).
  const pages = usePages<FamilyListItem>(afterOwnWrites(`/api/families?${params.toString()}`));
  const { items } = pages;

  // The case directors of the families loaded, for the filter: by name.
  const directors = useMemo(() => {
    const found = new Map<string, string>();
    for (const family of items ?? [])
      if (family.caseDirector) found.set(family.caseDirector.professionalId, directorName(family));
    return [...found.entries()].sort((a, b) => a[1].localeCompare(b[1], 'nl'));
  }, [items]);

  // By default the families still on the route first; those that flowed out (followed up after) below them.
  const shown = useMemo(() => {
    if (!items) return items;
    const needle = search.trim().toLowerCase();
    const found = items.filter(
      (family) =>
        (!needle || familyName(family).toLowerCase().includes(needle)) &&
        (!director ||
          (director === NO_DIRECTOR
            ? family.caseDirector === null
            : family.caseDirector?.professionalId === director)) &&
        (!safety ||
          (safety === NOT_ASSESSED ? family.safetyLevel === null : family.safetyLevel === safety)),
    );
    return sorted(found, sortBy, direction);
  }, [items, search, director, safety, sortBy, direction]);
  const filtered = Boolean(search.trim() || director || safety);

  const sort: TableSort = {
    keys: SORT_KEYS,
    by: sortBy,
    direction,
    onSort: (key) => {
      if (key === sortBy) setDirection(direction === 'asc' ? 'desc' : 'asc');
      else {
        setSortBy(key as SortKey);
        setDirection('asc');
      }
    },
  };

  return (
    <Page
      title={safetyTeam ? 'Gezinnen in de regio' : 'Mijn gezinnen'}
      actions={<RegisterFamilyAction />}
    >
      <Notice />
      <p className="lead">
        {safetyTeam
          ? `Alle gezinnen van regio ${region.name}. Elke keer dat u een gezin opent, wordt dat vastgelegd.`
          : 'De gezinnen in wier netwerk u zit: waar ze staan, hoe lang ze wachten en wanneer het volgende MDO is.'}
      </p>
      <SearchForm label="Gezinnen filteren">
        <SearchField id="filter-search" label="Zoek op naam" value={search} onChange={setSearch} />
        {safetyTeam && (
          <SelectField
            id="filter-municipality"
            label="Gemeente"
            value={municipality}
            onChange={setMunicipality}
            values={region.municipalities}
            empty="Alle gemeenten"
          />
        )}
        <SelectField
          id="filter-status"
          label="Fase"
          value={status}
          onChange={setStatus}
          values={Object.entries(STATUS_LABELS)}
          empty="Alle fasen"
        />
        <SelectField
          id="filter-director"
          label="Casusregisseur"
          value={director}
          onChange={setDirector}
          values={[
            ...(session && directors.some(([id]) => id === session.user.id)
              ? [[session.user.id, 'Ikzelf'] as const]
              : []),
            ...directors.filter(([id]) => id !== session?.user.id),
            [NO_DIRECTOR, 'Nog geen casusregisseur'] as const,
          ]}
          empty="Iedereen"
        />
        <SelectField
          id="filter-safety"
          label="Veiligheid"
          value={safety}
          onChange={setSafety}
          values={[
            ...SAFETY_ORDER.map((level) => [level, label(SAFETY_LEVEL_LABELS, level)] as const),
            [NOT_ASSESSED, 'Nog niet ingeschat'] as const,
          ]}
          empty="Alle"
        />
      </SearchForm>
      <AsyncPages
        pages={pages}
        items={shown}
        what="Gezinnen"
        empty={
          items?.length === 0
            ? safetyTeam
              ? 'Geen gezinnen met deze filters.'
              : 'U zit (nog) niet in het netwerk van een gezin. Met "Gezin aanmelden" meldt u een nieuw gezin aan.'
            : filtered
              ? 'Geen gezin met deze filters op deze pagina.'
              : 'Geen gezinnen.'
        }
      >
        {(shown) => (
          <>
            <p className="count" role="status">
              {shown.length} {shown.length === 1 ? 'gezin' : 'gezinnen'}
              {pages.more ? ' (er zijn er meer)' : ''}
            </p>
            <FamilyTable families={shown} sort={sort} />
            <MoreButton pages={pages} label="Meer gezinnen laden" />
          </>
        )}
      </AsyncPages>
    </Page>
  );
}

function FamilyTable({ families, sort }: { families: FamilyListItem[]; sort: TableSort }) {
  const now = Date.now();
  return (
    <ScrollTable
      name="Gezinnen"
      columns={[
        'Gezin',
        'Gemeente',
        'Fase',
        'Casusregisseur',
        'Wacht op zorg',
        'Volgend MDO',
        'Veiligheid',
      ]}
      sort={sort}
    >
      <tbody>
        {families.map((family) => {
          const mdoLate =
            family.status !== 'outflowed' &&
            family.nextMdoDueBy !== null &&
            Date.parse(family.nextMdoDueBy) < now;
          return (
            <tr key={family.familyId}>
              <th scope="row">
                <Link href={`/gezinnen/${family.familyId}`}>{familyName(family)}</Link>
              </th>
              <td>{family.municipality}</td>
              <td>
                <Badge tone={statusTone(family.status)}>
                  {label(STATUS_LABELS, family.status)}
                </Badge>
              </td>
              <td>{family.caseDirector ? directorName(family) : '—'}</td>
              <td>{family.waitingSince ? days(daysSince(family.waitingSince, now)) : '—'}</td>
              <td>
                {family.nextMdoDueBy ? (
                  <span className={mdoLate ? 'late' : undefined}>
                    {formatDate(family.nextMdoDueBy)}
                    {mdoLate ? ' (te laat)' : ''}
                  </span>
                ) : (
                  '—'
                )}
              </td>
              <td>
                {family.safetyLevel ? (
                  <Badge tone={safetyTone(family.safetyLevel)}>
                    {label(SAFETY_LEVEL_LABELS, family.safetyLevel)}
                  </Badge>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}
