import { useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'wouter';

import { label, MEMBER_ROLE_LABELS, STATUS_LABELS } from '@samenspoor/domain/labels-nl';

import { api, ApiError } from '../api';
import { MemberSearchInput, SearchForm } from '../components/fields';
import { Badge, ErrorAlert, Page, ScrollTable } from '../components/ui';
import { rememberFound } from '../found-families';
import { formatDate, personal } from '../format';
import { useSession } from '../session';
import type { FamilySearchAnswer, FoundFamily } from '../types';
import { statusTone } from './family-list';

/** "Sanne de Vries (jeugdige, 2011)": a member of a family found. */
export function foundMemberText(member: FoundFamily['members'][number]): string {
  const details = [label(MEMBER_ROLE_LABELS, member.role ?? '').toLowerCase()];
  if (member.birthYear) details.push(String(member.birthYear));
  return `${personal(member.displayName ?? null)} (${details.join(', ')})`;
}

/**
 * Region-wide search of a family by a member's name words, a birth year beside them, or a whole BSN, for the
 * safety team (opens the family) and the auditor (opens its access log and erasure, with the minimal identity
 * the API gives an auditor). The search text goes only in the body of a POST: never in an address.
 */
export function FamilySearchPage() {
  const { session } = useSession();
  const auditor = session?.user.roles.includes('auditor') ?? false;
  const [q, setQ] = useState('');
  const [problem, setProblem] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [answer, setAnswer] = useState<FamilySearchAnswer>();
  const [busy, setBusy] = useState(false);
  const results = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    if (answer) results.current?.focus();
  }, [answer]);

  const search = async () => {
    setFailure(undefined);
    const text = q.trim();
    if (!text) return setProblem('Vul een naam, een naam met geboortejaar of een BSN in.');
    setProblem(undefined);
    setAnswer(undefined);
    setBusy(true);
    try {
      const found = await api<FamilySearchAnswer>('/api/families/search', {
        method: 'POST',
        body: { q: text },
      });
      rememberFound(found.items);
      setAnswer(found);
    } catch (error) {
      setAnswer(undefined);
      if (error instanceof ApiError && error.status === 400)
        setProblem(
          'Zoek met woorden van ten minste 3 letters uit een naam (eventueel met een geboortejaar), of met een volledig BSN van 9 cijfers.',
        );
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Gezin zoeken">
      <p className="lead">
        {auditor
          ? 'Zoek het gezin dat om inzage of vernietiging vraagt, op de naam van een gezinslid of op BSN. U ziet alleen wat nodig is om het juiste gezin te kiezen. Elke zoekvraag wordt vastgelegd.'
          : 'Zoek in de hele regio op de naam van een gezinslid (eventueel met geboortejaar) of op BSN. Elke zoekvraag en elk gevonden gezin wordt vastgelegd.'}
      </p>
      <SearchForm label="Gezin zoeken" onSearch={search}>
        <div className={`field${problem ? ' has-error' : ''}`}>
          <label htmlFor="search-q">Naam, geboortejaar of BSN</label>
          <p className="hint" id="search-q-hint">
            Bijvoorbeeld: “sanne jong 2011” of een BSN. Hoofdletters en accenten maken niet uit.
          </p>
          {problem && (
            <p className="field-error" id="search-q-error">
              {problem}
            </p>
          )}
          <MemberSearchInput
            id="search-q"
            value={q}
            onChange={setQ}
            aria-invalid={problem ? true : undefined}
            aria-describedby={`search-q-hint${problem ? ' search-q-error' : ''}`}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Bezig met zoeken…' : 'Zoeken'}
        </button>
      </SearchForm>
      {failure !== undefined && <ErrorAlert error={failure} />}
      {answer && (
        <>
          <p className="count" role="status" tabIndex={-1} ref={results}>
            {answer.items.length === 0
              ? 'Geen gezin gevonden.'
              : `${answer.items.length} ${answer.items.length === 1 ? 'gezin' : 'gezinnen'} gevonden${answer.more ? '; er zijn er meer: maak de zoekvraag preciezer' : ''}.`}
          </p>
          {answer.items.length > 0 && <FoundTable families={answer.items} auditor={auditor} />}
        </>
      )}
    </Page>
  );
}

function FoundTable({ families, auditor }: { families: FoundFamily[]; auditor: boolean }) {
  return (
    <ScrollTable
      name="Gevonden gezinnen"
      columns={['Gezinsleden', 'Gemeente', 'Aangemeld op', 'Fase', auditor ? 'Verzoek' : 'Dossier']}
    >
      <tbody>
        {families.map((family) => (
          <tr key={family.familyId}>
            <th scope="row">
              <ul className="plain">
                {family.members.map((member, i) => (
                  <li key={i}>{foundMemberText(member)}</li>
                ))}
              </ul>
            </th>
            <td>{family.municipality}</td>
            <td>{formatDate(family.registeredAt)}</td>
            <td>
              <Badge tone={statusTone(family.status)}>{label(STATUS_LABELS, family.status)}</Badge>
            </td>
            <td>
              {auditor ? (
                <Link
                  href={`/auditor/gezinnen/${family.familyId}`}
                  aria-label={`Toegangslog en vernietiging van het gezin uit ${family.municipality}, aangemeld op ${formatDate(family.registeredAt)}`}
                >
                  Toegangslog en vernietiging
                </Link>
              ) : (
                <Link href={`/gezinnen/${family.familyId}`}>Gezin openen</Link>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
