import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';

import {
  AUDIT_ACTION_LABELS,
  AUDIT_DETAIL_LABELS,
  AUDIT_MATCH_DETAILS,
  AUDIT_OUTCOME_LABELS,
  label,
  ROLE_LABELS,
} from '@samenspoor/domain/labels-nl';

import { api, newUuid } from '../api';
import { SearchField, SearchForm, SelectField } from '../components/fields';
import {
  AsyncPages,
  ErrorAlert,
  FocusedAlert,
  MoreButton,
  Page,
  ScrollTable,
  usePages,
  type Pages,
  type TableSort,
} from '../components/ui';
import { useDirectorySearch } from '../components/directory-fields';
import { formatDate, formatMoment } from '../format';
import { foundFamily } from '../found-families';
import type { AuditItem, FoundFamily } from '../types';
import { foundMemberText } from './family-search';

const PAGE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The start (`from`) or the end (`to`) of a day in the person's own time zone, as an ISO moment. */
function dayBoundary(day: string, end: boolean): string {
  return new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString();
}

function roleText(role: string | null): string {
  if (!role) return 'geen rol';
  return role
    .split(' ')
    .map((r) => label(ROLE_LABELS, r))
    .join(', ');
}

/** The entries as a table: when, who (role, organisation), what, which family, with what outcome. */
function AuditTable({
  items,
  caption,
  showFamily,
  sort,
}: {
  items: readonly AuditItem[];
  caption: string;
  showFamily: boolean;
  sort: TableSort;
}) {
  return (
    <ScrollTable
      name={caption}
      className="table audit-table"
      caption={caption}
      columns={['Tijdstip', 'Gebruiker', 'Handeling', ...(showFamily ? ['Gezin'] : []), 'Uitkomst']}
      sort={sort}
    >
      <tbody>
        {items.map((item) => (
          <tr key={item.seq}>
            <td>{formatMoment(item.at)}</td>
            <th scope="row" data-actor={item.actor}>
              {item.actorName ?? item.actor}
              <span className="cell-detail">
                {item.actorName ? `${item.actor} · ` : ''}
                {roleText(item.role)}
                {item.organisation ? ` · ${item.organisation}` : ''}
              </span>
            </th>
            <td>
              {label(AUDIT_ACTION_LABELS, item.action)}
              {item.detail === 'listed' ? ` (${AUDIT_DETAIL_LABELS.listed})` : ''}
              <span className="cell-detail">{item.action}</span>
            </td>
            {showFamily && (
              <td>
                {item.familyId ? (
                  <Link
                    href={`/auditor/gezinnen/${item.familyId}`}
                    aria-label={`Toegangslog van gezin ${item.familyId}`}
                  >
                    {item.familyId.slice(0, 8)}
                  </Link>
                ) : (
                  '—'
                )}
              </td>
            )}
            <td>
              {item.detail && AUDIT_MATCH_DETAILS.has(item.detail)
                ? 'Niet aangemeld: gezin al bekend'
                : label(AUDIT_OUTCOME_LABELS, item.outcome)}
              {item.status >= 400 ? ` (${item.status})` : ''}
              {item.detail && item.detail !== 'listed' && (
                <span className="cell-detail">{label(AUDIT_DETAIL_LABELS, item.detail)}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** A page of entries with its states: loading, an error with "try again", empty, or the table and "more". */
function AuditEntries({
  pages,
  caption,
  showFamily,
  empty,
  sort,
}: {
  pages: Pages<AuditItem>;
  caption: string;
  showFamily: boolean;
  empty: string;
  sort: TableSort;
}) {
  return (
    <AsyncPages pages={pages} what="Logregels" empty={empty}>
      {(items) => (
        <>
          <p className="count" role="status">
            {items.length} {items.length === 1 ? 'regel' : 'regels'}, {sortText(sort)}
            {pages.more ? ' (er zijn er meer)' : ''}
          </p>
          <AuditTable items={items} caption={caption} showFamily={showFamily} sort={sort} />
          <MoreButton
            pages={pages}
            label={
              sort.by === 'at' && sort.direction === 'desc'
                ? 'Oudere regels laden'
                : 'Meer regels laden'
            }
          />
        </>
      )}
    </AsyncPages>
  );
}

/** How the log is sorted: a column of the API (`sort`) and a direction. */
interface Sort {
  readonly by: 'at' | 'actor' | 'action' | 'outcome';
  readonly direction: 'asc' | 'desc';
}

const NEWEST_FIRST: Sort = { by: 'at', direction: 'desc' };

/** The sortable columns by their header text. */
const SORT_KEYS = { Tijdstip: 'at', Gebruiker: 'actor', Handeling: 'action', Uitkomst: 'outcome' };

const SORT_TEXT: Record<Sort['by'], [asc: string, desc: string]> = {
  at: ['oudste eerst', 'nieuwste eerst'],
  actor: ['op gebruikers-id (A–Z)', 'op gebruikers-id (Z–A)'],
  action: ['op handeling (A–Z)', 'op handeling (Z–A)'],
  outcome: ['op uitkomst (A–Z)', 'op uitkomst (Z–A)'],
};

function sortText(sort: TableSort): string {
  const texts = SORT_TEXT[sort.by as Sort['by']] ?? SORT_TEXT.at;
  return sort.direction === 'asc' ? texts[0] : texts[1];
}

/** The table's sort as state: a new column sorts A–Z (time: newest first), the same column turns around. */
function useSort(): [Sort, TableSort] {
  const [sort, setSort] = useState<Sort>(NEWEST_FIRST);
  return [
    sort,
    {
      keys: SORT_KEYS,
      by: sort.by,
      direction: sort.direction,
      onSort: (key) =>
        setSort((previous) =>
          previous.by === key
            ? { by: previous.by, direction: previous.direction === 'asc' ? 'desc' : 'asc' }
            : { by: key as Sort['by'], direction: key === 'at' ? 'desc' : 'asc' },
        ),
    },
  ];
}

function sortParams(params: URLSearchParams, sort: Sort): void {
  if (sort.by !== 'at') params.set('sort', sort.by);
  if (sort.direction !== 'desc') params.set('direction', sort.direction);
}

interface Filters {
  readonly familyId: string;
  readonly actor: string;
  readonly outcome: string;
  readonly from: string;
  readonly to: string;
}

const NO_FILTERS: Filters = { familyId: '', actor: '', outcome: '', from: '', to: '' };

/** The outcomes to filter by: allowed, every refusal, or one outcome. */
const OUTCOME_CHOICES: readonly (readonly [string, string])[] = [
  ['allowed', 'Toegestaan (gelukt)'],
  ['refusals', 'Alle weigeringen en fouten'],
  ...Object.entries(AUDIT_OUTCOME_LABELS).filter(([value]) => value !== 'success'),
];

/** What is wrong with the filters, by input. */
function filterProblems(filters: Filters): Record<string, string> {
  const problems: Record<string, string> = {};
  if (filters.familyId.trim() && !UUID.test(filters.familyId.trim()))
    problems.familyId = 'Een dossiernummer ziet eruit als 3f2a…-…: 36 tekens.';
  if (filters.from && filters.to && filters.from > filters.to)
    problems.to = 'De einddatum ligt vóór de begindatum.';
  return problems;
}

/** The filters of the log: each field of `Filters` with its input's id and label. */
const FILTER_FIELDS: readonly {
  name: keyof Filters;
  id: string;
  label: string;
  type?: 'date';
  wide?: boolean;
}[] = [
  { name: 'familyId', id: 'audit-family', label: 'Dossiernummer van het gezin', wide: true },
  { name: 'from', id: 'audit-from', label: 'Van', type: 'date' },
  { name: 'to', id: 'audit-to', label: 'Tot en met', type: 'date' },
];

function auditPath(filters: Filters, sort: Sort): string {
  const params = new URLSearchParams({ limit: String(PAGE) });
  if (filters.familyId.trim()) params.set('familyId', filters.familyId.trim().toLowerCase());
  if (filters.actor.trim()) params.set('actor', filters.actor.trim());
  if (filters.outcome) params.set('outcome', filters.outcome);
  sortParams(params, sort);
  if (filters.from) params.set('from', dayBoundary(filters.from, false));
  if (filters.to) params.set('to', dayBoundary(filters.to, true));
  return `/api/audit?${params.toString()}`;
}

/**
 * The audit log for auditors and privacy officers (privacyfunctionaris): every request, filtered by family, user
 * and period, a page at a time. The filters stay in the page: nothing goes into the address.
 */
export function AuditLogPage() {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [sort, tableSort] = useSort();
  const pages = usePages<AuditItem>(auditPath(applied, sort));

  const apply = () => {
    const found = filterProblems(draft);
    setProblems(found);
    if (Object.keys(found).length === 0) setApplied(draft);
  };
  const set = (name: keyof Filters) => (value: string) =>
    setDraft((previous) => ({ ...previous, [name]: value }));
  const filtered = (Object.values(applied) as string[]).some((value) => value.trim() !== '');

  return (
    <Page title="Auditlog">
      <p className="lead">
        Elke handeling in Samenspoor: wie (in welke rol, namens welke organisatie) wat deed, bij
        welk gezin, wanneer, en met welke uitkomst. Ook het inzien van dit log wordt vastgelegd.
        Klik op een kolomkop om te sorteren.
      </p>
      <SearchForm label="Auditlog filteren" onSearch={apply}>
        <PersonField actor={draft.actor} onChange={set('actor')} />
        <SelectField
          id="audit-outcome"
          label="Uitkomst"
          value={draft.outcome}
          onChange={set('outcome')}
          values={OUTCOME_CHOICES}
          empty="Alle uitkomsten"
        />
        {FILTER_FIELDS.map(({ name, ...field }) => (
          <FilterField
            key={name}
            {...field}
            value={draft[name]}
            onChange={set(name)}
            problem={problems[name]}
          />
        ))}
        <button type="submit" className="button">
          Zoeken
        </button>
        {filtered && (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setDraft(NO_FILTERS);
              setApplied(NO_FILTERS);
              setProblems({});
            }}
          >
            Filters wissen
          </button>
        )}
      </SearchForm>
      <AuditEntries
        pages={pages}
        caption="Auditlog"
        showFamily
        empty="Geen logregels met deze filters."
        sort={tableSort}
      />
      <FamilyLookup />
    </Page>
  );
}

function FilterField({
  id,
  label: text,
  value,
  onChange,
  problem,
  type = 'text',
  wide = false,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem?: string | undefined;
  type?: 'text' | 'date';
  /** Room for a whole id (36 characters). */
  wide?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{text}</label>
      {problem && (
        <p className="field-error" id={`${id}-error`}>
          {problem}
        </p>
      )}
      <input
        id={id}
        type={type}
        className={wide ? 'wide' : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
      />
    </div>
  );
}

/**
 * Whose entries: a professional found by name in the directory (picking one fills the user id), or any user id
 * typed in (the safety team, auditors and managers are not in the directory).
 */
function PersonField({ actor, onChange }: { actor: string; onChange: (actor: string) => void }) {
  const [q, setQ] = useState('');
  const found = useDirectorySearch(q);
  return (
    <fieldset className="field person-filter">
      <legend>Gebruiker</legend>
      <SearchField
        id="audit-person-q"
        label="Zoek een professional op naam"
        value={q}
        onChange={setQ}
        spellCheck={false}
      />
      <div aria-live="polite">
        {found?.length === 0 && <p className="hint">Niemand gevonden met die naam.</p>}
      </div>
      {found && found.length > 0 && (
        <div className="choices colleagues">
          {found.map((p) => {
            const optionId = `audit-person-${p.professionalId}`;
            return (
              <div className="choice-item" key={p.professionalId}>
                <input
                  id={optionId}
                  type="radio"
                  name="audit-person"
                  value={p.professionalId}
                  checked={actor === p.professionalId}
                  onChange={() => onChange(p.professionalId)}
                />
                <label htmlFor={optionId}>
                  {p.name} · {[p.discipline, p.organisation].filter(Boolean).join(', ')}
                </label>
              </div>
            );
          })}
        </div>
      )}
      <FilterField id="audit-actor" label="Gebruikers-id" value={actor} onChange={onChange} />
    </fieldset>
  );
}

/** Opens one family's access log (and erasure) by its id: the id a family's request names. */
function FamilyLookup() {
  const [, navigate] = useLocation();
  const [familyId, setFamilyId] = useState('');
  const [problem, setProblem] = useState<string>();
  const open = (event: FormEvent) => {
    event.preventDefault();
    if (!UUID.test(familyId.trim()))
      return setProblem('Vul een volledig dossiernummer in (36 tekens).');
    navigate(`/auditor/gezinnen/${familyId.trim().toLowerCase()}`);
  };
  return (
    <section className="card" aria-labelledby="h-gezin-opzoeken">
      <h2 id="h-gezin-opzoeken">Verzoek van een gezin</h2>
      <p>
        Wil een gezin weten wie het dossier heeft ingezien, of vraagt het om vernietiging?{' '}
        <Link href="/zoeken">Zoek het gezin op naam of BSN</Link>, of open het toegangslog van het
        gezin met zijn dossiernummer (36 tekens, uit het auditlog).
      </p>
      <form className="filters" onSubmit={open} noValidate>
        <FilterField
          id="lookup-family"
          label="Dossiernummer van het gezin"
          wide
          value={familyId}
          onChange={setFamilyId}
          problem={problem}
        />
        <button type="submit" className="button">
          Toegangslog openen
        </button>
      </form>
    </section>
  );
}

/**
 * One family's access log — the answer to the family's question "who looked at my record?" — and the erasure of
 * its personal data on request.
 */
export function FamilyAccessPage({ familyId }: { familyId: string }) {
  const valid = UUID.test(familyId);
  const [sort, tableSort] = useSort();
  const params = new URLSearchParams({ limit: String(PAGE) });
  sortParams(params, sort);
  const pages = usePages<AuditItem>(
    valid ? `/api/families/${familyId}/access-log?${params.toString()}` : undefined,
  );
  const identity = valid ? foundFamily(familyId) : undefined;
  return (
    <Page title="Wie heeft dit dossier ingezien?">
      <p className="lead">
        Toegangslog van gezin <code>{familyId}</code>: elke keer dat iemand het dossier opende, er
        een stap in vastlegde of het in een lijst zag, en elke geweigerde poging. Wie dit log
        inziet, komt er zelf ook in te staan.
      </p>
      <p>
        <Link href="/auditor">Terug naar het auditlog</Link> ·{' '}
        <Link href="/zoeken">Een ander gezin zoeken</Link>
      </p>
      {identity && <Identity family={identity} />}
      {valid ? (
        <>
          <AuditEntries
            pages={pages}
            caption={`Toegangslog van gezin ${familyId}`}
            showFamily={false}
            empty="Niemand heeft dit dossier ingezien, of er is geen gezin met dit id."
            sort={tableSort}
          />
          <Erasure familyId={familyId} identity={identity} onErased={pages.reload} />
        </>
      ) : (
        <div className="alert alert-error" role="alert">
          <p>Dit is geen geldig dossiernummer.</p>
        </div>
      )}
    </Page>
  );
}

/** Who the family is, as far as an auditor may know: municipality, registration date and members. */
function IdentityList({ family }: { family: FoundFamily }) {
  return (
    <dl className="identity">
      <dt>Gemeente</dt>
      <dd>{family.municipality}</dd>
      <dt>Aangemeld op</dt>
      <dd>{formatDate(family.registeredAt)}</dd>
      <dt>Gezinsleden</dt>
      <dd>
        <ul className="plain">
          {family.members.map((member, i) => (
            <li key={i}>{foundMemberText(member)}</li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}

function Identity({ family }: { family: FoundFamily }) {
  return (
    <section className="card" aria-labelledby="h-identiteit">
      <h2 id="h-identiteit">Het gezin</h2>
      <IdentityList family={family} />
    </section>
  );
}

/** The legal ground the form suggests: the family's request for destruction of its file. */
const LEGAL_GROUND_EXAMPLE = 'Jeugdwet art. 7.3.9, verzoek van het gezin tot vernietiging';

/**
 * Erasure on request (crypto-shredding): a legal basis, then an explicit confirmation, then the command. The key
 * of the family is destroyed: its names, BSNs and free text become unreadable everywhere, for good.
 */
function Erasure({
  familyId,
  identity,
  onErased,
}: {
  familyId: string;
  identity: FoundFamily | undefined;
  onErased: () => void;
}) {
  const [legalBasis, setLegalBasis] = useState('');
  const [stage, setStage] = useState<'form' | 'confirm' | 'done'>('form');
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef(newUuid());
  const confirmHeading = useRef<HTMLHeadingElement>(null);

  // Whoever took the step hears where it went: the confirmation (then the outcome, a FocusedAlert).
  useLayoutEffect(() => {
    if (stage === 'confirm') confirmHeading.current?.focus();
  }, [stage]);

  const prepare = (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    if (!legalBasis.trim()) return setMissing(true);
    setMissing(false);
    setStage('confirm');
  };

  const erase = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await api(`/api/families/${familyId}/personal-data`, {
        method: 'DELETE',
        body: { legalBasis: legalBasis.trim() },
        idempotencyKey: idempotencyKey.current,
      });
      setStage('done');
      onErased();
    } catch (error) {
      setFailure(error);
      setStage('form');
      idempotencyKey.current = newUuid();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="h-vernietigen">
      <h2 id="h-vernietigen">Persoonsgegevens vernietigen</h2>
      <p>
        Op verzoek van het gezin (Jeugdwet art. 7.3.9: vernietiging binnen drie maanden) worden de
        namen, BSN&apos;s en vrije tekst van dit gezin onleesbaar gemaakt: de sleutel van het gezin
        wordt vernietigd. De anonieme feiten — data, zorgvormen, gemeente — blijven voor de cijfers.{' '}
        <strong>Dit kan niet ongedaan worden gemaakt.</strong>
      </p>
      {failure !== undefined && <ErrorAlert error={failure} />}
      {stage === 'done' ? (
        <FocusedAlert className="alert alert-success" role="status">
          <p>
            De persoonsgegevens van dit gezin zijn vernietigd. Professionals en het Regionaal
            Veiligheidsteam zien voortaan “[gewist]”.
          </p>
        </FocusedAlert>
      ) : stage === 'confirm' ? (
        <div className="confirm" role="group" aria-labelledby="h-bevestigen">
          <h3 id="h-bevestigen" tabIndex={-1} ref={confirmHeading}>
            Bevestig de vernietiging
          </h3>
          <p>
            U maakt de persoonsgegevens van gezin <code>{familyId}</code> definitief onleesbaar, met
            als grondslag: “{legalBasis.trim()}”.
          </p>
          {identity ? (
            <>
              <p>Dit wordt vernietigd: de namen en BSN&apos;s van</p>
              <IdentityList family={identity} />
              <p>
                en alle vrije tekst in hun dossier (signalen, analyses, plannen, notities,
                MDO&apos;s). Gemeente, data en zorgvormen blijven voor de cijfers.
              </p>
            </>
          ) : (
            <p className="alert alert-warn">
              U heeft dit gezin niet via <Link href="/zoeken">Gezin zoeken</Link> geopend, dus hier
              staat niet wie het is. Controleer het dossiernummer met het verzoek van het gezin, of
              zoek het gezin eerst op naam of BSN.
            </p>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="button danger"
              onClick={() => void erase()}
              disabled={busy}
            >
              {busy ? 'Bezig met vernietigen…' : 'Definitief vernietigen'}
            </button>{' '}
            <button
              type="button"
              className="button secondary"
              onClick={() => setStage('form')}
              disabled={busy}
            >
              Annuleren
            </button>
          </div>
        </div>
      ) : (
        <form className="form" onSubmit={prepare} noValidate>
          <div className={`field${missing ? ' has-error' : ''}`}>
            <label htmlFor="legal-basis">
              Wettelijke grondslag<span className="required"> (verplicht)</span>
            </label>
            <p className="hint" id="legal-basis-hint">
              Bijvoorbeeld: {LEGAL_GROUND_EXAMPLE} van 3 maart. Geen namen: de grondslag blijft
              leesbaar in het dossier.
            </p>
            {missing && (
              <p className="field-error" id="legal-basis-error">
                Vul de wettelijke grondslag in.
              </p>
            )}
            <input
              id="legal-basis"
              type="text"
              value={legalBasis}
              onChange={(e) => setLegalBasis(e.target.value)}
              maxLength={500}
              autoComplete="off"
              aria-required="true"
              aria-invalid={missing || undefined}
              aria-describedby={`legal-basis-hint${missing ? ' legal-basis-error' : ''}`}
            />
            <p>
              <button
                type="button"
                className="button secondary small"
                onClick={() => {
                  setLegalBasis(LEGAL_GROUND_EXAMPLE);
                  setMissing(false);
                }}
              >
                Invullen: verzoek van het gezin (Jeugdwet art. 7.3.9)
              </button>
            </p>
          </div>
          <button type="submit" className="button">
            Vernietiging voorbereiden
          </button>
        </form>
      )}
    </section>
  );
}
