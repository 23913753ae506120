import { useMemo, useState } from 'react';
import { Link } from 'wouter';

import { afterOwnWrites } from '../api';
import {
  Badge,
  ErrorAlert,
  Loading,
  MoreButton,
  Notice,
  Page,
  ScrollTable,
  SearchInput,
  SelectField,
  usePages,
} from '../components/ui';
import { familyName } from '../family-text';
import { days, daysSince, formatDate } from '../format';
import { label, SAFETY_LEVEL_LABELS, STATUS_LABELS } from '../labels';
import { useRegion } from '../region';
import { useSession } from '../session';
import type { FamilyListItem } from '../types';

const PAGE = 100;

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
  const professional = session?.user.roles.includes('professional') ?? false;
  const [municipality, setMunicipality] = useState('');
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const params = new URLSearchParams({ limit: String(PAGE) });
  if (municipality) params.set('municipality', municipality);
  if (status) params.set('status', status);
  // After a step of the user's own, the list waits until the read model has it (minPosition).
  const pages = usePages<FamilyListItem>(afterOwnWrites(`/api/families?${params.toString()}`));
  const { items } = pages;

  // Families still on the route first; those that flowed out (followed up after) below them.
  const shown = useMemo(() => {
    if (!items) return items;
    const needle = search.trim().toLowerCase();
    const found = needle
      ? items.filter((family) => familyName(family).toLowerCase().includes(needle))
      : items;
    return [...found].sort(
      (a, b) => Number(a.status === 'outflowed') - Number(b.status === 'outflowed'),
    );
  }, [items, search]);

  return (
    <Page
      title={safetyTeam ? 'Gezinnen in de regio' : 'Mijn gezinnen'}
      actions={
        professional && (
          <Link className="button" href="/gezinnen/nieuw">
            Gezin aanmelden
          </Link>
        )
      }
    >
      <Notice />
      <p className="lead">
        {safetyTeam
          ? `Alle gezinnen van regio ${region.name}. Elke keer dat u een gezin opent, wordt dat vastgelegd.`
          : 'De gezinnen in wier netwerk u zit: waar ze staan, hoe lang ze wachten en wanneer het volgende MDO is.'}
      </p>
      <form
        className="filters"
        role="search"
        aria-label="Gezinnen filteren"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field">
          <label htmlFor="filter-search">Zoek op naam</label>
          <SearchInput id="filter-search" value={search} onChange={setSearch} />
        </div>
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
      </form>
      {pages.error !== undefined ? (
        <ErrorAlert error={pages.error} retry={pages.reload} />
      ) : !shown ? (
        <Loading what="Gezinnen" />
      ) : shown.length === 0 ? (
        <p className="empty">
          {items?.length === 0
            ? safetyTeam
              ? 'Geen gezinnen met deze filters.'
              : 'U zit (nog) niet in het netwerk van een gezin. Met "Gezin aanmelden" meldt u een nieuw gezin aan.'
            : 'Geen gezin met die naam op deze pagina.'}
        </p>
      ) : (
        <>
          <p className="count" role="status">
            {shown.length} {shown.length === 1 ? 'gezin' : 'gezinnen'}
            {pages.more ? ' (er zijn er meer)' : ''}
          </p>
          <FamilyTable families={shown} />
          <MoreButton pages={pages} label="Meer gezinnen laden" />
        </>
      )}
    </Page>
  );
}

function FamilyTable({ families }: { families: FamilyListItem[] }) {
  const now = Date.now();
  return (
    <ScrollTable
      name="Gezinnen"
      columns={['Gezin', 'Gemeente', 'Fase', 'Wacht op zorg', 'Volgend MDO', 'Veiligheid']}
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
