import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';

import { api, newUuid } from '../api';
import {
  ErrorAlert,
  Loading,
  MoreButton,
  Page,
  ScrollTable,
  usePages,
  type Pages,
} from '../components/ui';
import { formatMoment } from '../format';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_DETAIL_LABELS,
  AUDIT_OUTCOME_LABELS,
  label,
  ROLE_LABELS,
} from '../labels';
import type { AuditItem } from '../types';

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
}: {
  items: readonly AuditItem[];
  caption: string;
  showFamily: boolean;
}) {
  return (
    <ScrollTable
      name={caption}
      className="table audit-table"
      caption={caption}
      columns={['Tijdstip', 'Gebruiker', 'Handeling', ...(showFamily ? ['Gezin'] : []), 'Uitkomst']}
    >
      <tbody>
        {items.map((item) => (
          <tr key={item.seq}>
            <td>{formatMoment(item.at)}</td>
            <th scope="row">
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
              {label(AUDIT_OUTCOME_LABELS, item.outcome)}
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
}: {
  pages: Pages<AuditItem>;
  caption: string;
  showFamily: boolean;
  empty: string;
}) {
  if (pages.error !== undefined) return <ErrorAlert error={pages.error} retry={pages.reload} />;
  if (!pages.items) return <Loading what="Logregels" />;
  if (pages.items.length === 0) return <p className="empty">{empty}</p>;
  return (
    <>
      <p className="count" role="status">
        {pages.items.length} {pages.items.length === 1 ? 'regel' : 'regels'}, nieuwste eerst
        {pages.more ? ' (er zijn er meer)' : ''}
      </p>
      <AuditTable items={pages.items} caption={caption} showFamily={showFamily} />
      <MoreButton pages={pages} label="Oudere regels laden" />
    </>
  );
}

interface Filters {
  readonly familyId: string;
  readonly actor: string;
  readonly from: string;
  readonly to: string;
}

const NO_FILTERS: Filters = { familyId: '', actor: '', from: '', to: '' };

/** What is wrong with the filters, by input. */
function filterProblems(filters: Filters): Record<string, string> {
  const problems: Record<string, string> = {};
  if (filters.familyId.trim() && !UUID.test(filters.familyId.trim()))
    problems.familyId = 'Een gezins-id ziet eruit als 3f2a…-…: 36 tekens.';
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
  { name: 'familyId', id: 'audit-family', label: 'Gezins-id', wide: true },
  { name: 'actor', id: 'audit-actor', label: 'Gebruikers-id' },
  { name: 'from', id: 'audit-from', label: 'Van', type: 'date' },
  { name: 'to', id: 'audit-to', label: 'Tot en met', type: 'date' },
];

function auditPath(filters: Filters): string {
  const params = new URLSearchParams({ limit: String(PAGE) });
  if (filters.familyId.trim()) params.set('familyId', filters.familyId.trim().toLowerCase());
  if (filters.actor.trim()) params.set('actor', filters.actor.trim());
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
  const pages = usePages<AuditItem>(auditPath(applied));

  const apply = (event: FormEvent) => {
    event.preventDefault();
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
      </p>
      <form className="filters" role="search" aria-label="Auditlog filteren" onSubmit={apply}>
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
      </form>
      <AuditEntries
        pages={pages}
        caption="Auditlog"
        showFamily
        empty="Geen logregels met deze filters."
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

/** Opens one family's access log (and erasure) by its id: the id a family's request names. */
function FamilyLookup() {
  const [, navigate] = useLocation();
  const [familyId, setFamilyId] = useState('');
  const [problem, setProblem] = useState<string>();
  const open = (event: FormEvent) => {
    event.preventDefault();
    if (!UUID.test(familyId.trim()))
      return setProblem('Vul een volledig gezins-id in (36 tekens).');
    navigate(`/auditor/gezinnen/${familyId.trim().toLowerCase()}`);
  };
  return (
    <section className="card" aria-labelledby="h-gezin-opzoeken">
      <h2 id="h-gezin-opzoeken">Verzoek van een gezin</h2>
      <p>
        Wil een gezin weten wie het dossier heeft ingezien, of vraagt het om vernietiging? Open het
        toegangslog van het gezin met zijn gezins-id.
      </p>
      <form className="filters" onSubmit={open} noValidate>
        <FilterField
          id="lookup-family"
          label="Gezins-id"
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
  const pages = usePages<AuditItem>(
    valid ? `/api/families/${familyId}/access-log?limit=${PAGE}` : undefined,
  );
  return (
    <Page title="Wie heeft dit dossier ingezien?">
      <p className="lead">
        Toegangslog van gezin <code>{familyId}</code>: elke keer dat iemand het dossier opende, er
        een stap in vastlegde of het in een lijst zag, en elke geweigerde poging. Wie dit log
        inziet, komt er zelf ook in te staan.
      </p>
      <p>
        <Link href="/auditor">Terug naar het auditlog</Link>
      </p>
      {valid ? (
        <>
          <AuditEntries
            pages={pages}
            caption={`Toegangslog van gezin ${familyId}`}
            showFamily={false}
            empty="Niemand heeft dit dossier ingezien, of er is geen gezin met dit id."
          />
          <Erasure familyId={familyId} onErased={pages.reload} />
        </>
      ) : (
        <div className="alert alert-error" role="alert">
          <p>Dit is geen geldig gezins-id.</p>
        </div>
      )}
    </Page>
  );
}

/**
 * Erasure on request (crypto-shredding): a legal basis, then an explicit confirmation, then the command. The key
 * of the family is destroyed: its names, BSNs and free text become unreadable everywhere, for good.
 */
function Erasure({ familyId, onErased }: { familyId: string; onErased: () => void }) {
  const [legalBasis, setLegalBasis] = useState('');
  const [stage, setStage] = useState<'form' | 'confirm' | 'done'>('form');
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef(newUuid());
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const doneAlert = useRef<HTMLDivElement>(null);

  // Whoever took the step hears where it went: the confirmation, then the outcome.
  useEffect(() => {
    if (stage === 'confirm') confirmHeading.current?.focus();
    if (stage === 'done') doneAlert.current?.focus();
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
        Op verzoek van het gezin (Jeugdwet: binnen drie maanden) worden de namen, BSN&apos;s en
        vrije tekst van dit gezin onleesbaar gemaakt: de sleutel van het gezin wordt vernietigd. De
        anonieme feiten — data, zorgvormen, gemeente — blijven voor de cijfers.{' '}
        <strong>Dit kan niet ongedaan worden gemaakt.</strong>
      </p>
      {failure !== undefined && <ErrorAlert error={failure} />}
      {stage === 'done' ? (
        <div className="alert alert-success" role="status" tabIndex={-1} ref={doneAlert}>
          <p>
            De persoonsgegevens van dit gezin zijn vernietigd. Professionals en het Regionaal
            Veiligheidsteam zien voortaan “[gewist]”.
          </p>
        </div>
      ) : stage === 'confirm' ? (
        <div className="confirm" role="group" aria-labelledby="h-bevestigen">
          <h3 id="h-bevestigen" tabIndex={-1} ref={confirmHeading}>
            Bevestig de vernietiging
          </h3>
          <p>
            U maakt de persoonsgegevens van gezin <code>{familyId}</code> definitief onleesbaar, met
            als grondslag: “{legalBasis.trim()}”.
          </p>
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
              Bijvoorbeeld: Jeugdwet art. 7.3.11, verzoek van het gezin van 3 maart. Geen namen: de
              grondslag blijft leesbaar in het dossier.
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
          </div>
          <button type="submit" className="button">
            Vernietiging voorbereiden
          </button>
        </form>
      )}
    </section>
  );
}
