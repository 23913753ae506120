import { useState } from 'react';
import { Link, useLocation } from 'wouter';

import {
  ANALYSIS_STATUS_LABELS,
  DESTINATION_LABELS,
  END_REASON_LABELS,
  GOAL_STATUS_LABELS,
  label,
  PROTECTION_MEASURE_KIND_LABELS,
  PROTECTION_MEASURE_STATUS_LABELS,
  SAFE_AT_HOME_KIND_LABELS,
  SAFETY_LEVEL_LABELS,
  SAFETY_PHASE_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  TRAJECTORY_STATUS_LABELS,
  URGENCY_LABELS,
  VOICE_TOPIC_LABELS,
} from '@samenspoor/domain/labels-nl';

import { apiBlob } from '../api';
import { SelectField } from '../components/fields';
import { Async, Badge, FocusedAlert, Notice, Page, ScrollTable, useApi } from '../components/ui';
import { StepForm } from '../components/step-form';
import { familyName, memberText, professionalText } from '../family-text';
import { days, daysSince, formatDate, personal } from '../format';
import { careFormLabel } from '../region';
import { useSession } from '../session';
import { useRegion } from '../region';
import { closedReason, isOffered, stepsFor, unavailableReason } from '../steps';
import type { FamilySteps, FamilySummary } from '../types';
import { safetyTone, statusTone } from './family-list';

/** A member by name, for a list of whom a measure concerns. */
function memberName(family: FamilySummary, memberId: string): string {
  const member = family.members.find((m) => m.memberId === memberId);
  return member ? memberText(member) : 'onbekend gezinslid';
}

/**
 * Downloads the family's file (a PDF for a warm handover). The API wants the token in a header, so the file is
 * fetched and handed to the browser as a download; its name holds nothing of the family.
 */
function FileDownload({ familyId }: { familyId: string }) {
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const download = async () => {
    setState('busy');
    try {
      const blob = await apiBlob(`/api/families/${familyId}/file.pdf`);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = 'gezinsdossier.pdf';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button
        type="button"
        className="button secondary"
        onClick={() => void download()}
        disabled={state === 'busy'}
      >
        {state === 'busy' ? 'Dossier wordt gemaakt…' : 'Dossier downloaden (pdf)'}
      </button>
      {state === 'failed' && (
        <span role="alert" className="field-error">
          Het dossier kon niet worden gemaakt. Probeer het opnieuw.
        </span>
      )}
    </>
  );
}

/** The step a link asked for in the history entry's state (`{ step }`), when the user may take it. */
function stepOfHistory(keys: readonly string[]): string {
  const state = window.history.state as { step?: unknown } | null;
  return typeof state?.step === 'string' && keys.includes(state.step) ? state.step : '';
}

/** Said on "Mijn gezinnen" after the user took themselves out of a family's network. */
export const LEFT_NETWORK =
  'U zit niet meer in het netwerk van dat gezin, en ziet het daarom niet meer.';

/** One family: where it is on its route, and a form for each case step the user may take. */
export function FamilyPage({ familyId }: { familyId: string }) {
  const family = useApi<FamilySummary>(`/api/families/${familyId}`);
  const available = useApi<FamilySteps>(`/api/families/${familyId}/steps`);
  const reload = () => {
    family.reload();
    available.reload();
  };
  return (
    <Async loaded={family} what="Gezin">
      {(data) => <FamilyView family={data} available={available.data} reload={reload} />}
    </Async>
  );
}

function FamilyView({
  family,
  available,
  reload,
}: {
  family: FamilySummary;
  /** The steps the domain accepts now; until they are loaded, the picker waits. */
  available: FamilySteps | undefined;
  reload: () => void;
}) {
  const { session } = useSession();
  const region = useRegion();
  const [, navigate] = useLocation();
  const steps = stepsFor(session?.user.roles ?? []);
  const availabilityOf = (command: string) => available?.steps.find((s) => s.type === command);
  const offered = steps.filter((s) => isOffered(s, family, region, availabilityOf(s.command)));
  // A closed case says so once, above the picker: the steps it closes are not listed again one by one.
  const closed = family.status === 'outflowed' || family.status === 'not-admitted';
  const notOffered = available
    ? steps.filter(
        (s) =>
          !offered.includes(s) && !(closed && availabilityOf(s.command)?.rule === 'case-closed'),
      )
    : [];
  // A link from "Mijn werk" opens the page with the step that resolves the item chosen.
  const [stepKey, setStepKey] = useState(() => stepOfHistory(steps.map((s) => s.key)));
  const step = offered.find((s) => s.key === stepKey);
  // Said after a step is stored: the picker starts again, on the steps that fit the family now.
  const [done, setDone] = useState<string>();
  const choose = (key: string) => {
    setDone(undefined);
    setStepKey(key);
  };
  const now = Date.now();
  const mdoLate =
    family.status !== 'outflowed' &&
    family.nextMdoDueBy !== null &&
    Date.parse(family.nextMdoDueBy) < now;
  const current = (caseNumber: number) => caseNumber === family.caseNumber;

  return (
    <Page
      title={`Gezin ${familyName(family)}`}
      actions={
        <div className="page-actions">
          <Link className="button secondary" href={`/gezinnen/${family.familyId}/tijdlijn`}>
            Tijdlijn bekijken
          </Link>
          <FileDownload familyId={family.familyId} />
          <button type="button" className="button secondary" onClick={() => window.print()}>
            Afdrukken
          </button>
        </div>
      }
    >
      <Notice />
      <p className="family-meta">
        <Badge tone={statusTone(family.status)}>{label(STATUS_LABELS, family.status)}</Badge>{' '}
        {family.municipality} · aangemeld op {formatDate(family.registeredAt)}
        {family.caseNumber > 1 ? ` · voor de ${family.caseNumber}e keer in de route` : ''}
        {family.erasedAt ? ` · persoonsgegevens gewist op ${formatDate(family.erasedAt)}` : ''}
      </p>

      <div className="grid">
        <section className="card" aria-labelledby="h-gezin">
          <h2 id="h-gezin">Gezinsleden</h2>
          <ul className="plain">
            {family.members.map((m) => (
              <li key={m.memberId}>{memberText(m)}</li>
            ))}
          </ul>
        </section>

        <section className="card" aria-labelledby="h-netwerk">
          <h2 id="h-netwerk">Netwerk en regie</h2>
          <p>
            <strong>Casusregisseur:</strong>{' '}
            {family.caseDirector ? (
              `${professionalText(family, family.caseDirector.professionalId)} (sinds ${formatDate(family.caseDirector.since)})`
            ) : (
              <span className="late">nog niet toegewezen</span>
            )}
          </p>
          <h3 className="subhead">In het netwerk</h3>
          <ul className="plain">
            {family.network.map((p) => (
              <li key={p.professionalId}>
                {professionalText(family, p.professionalId)}
                {p.professionalId === session?.user.id ? ' (u)' : ''}
                {(p.phone || p.email) && (
                  <span className="hint">
                    {' · '}
                    {p.phone && <a href={`tel:${p.phone.replace(/[^+0-9]/g, '')}`}>{p.phone}</a>}
                    {p.phone && p.email ? ' · ' : ''}
                    {p.email && <a href={`mailto:${p.email}`}>{p.email}</a>}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>

        <section className="card" aria-labelledby="h-route">
          <h2 id="h-route">Route</h2>
          <dl className="facts">
            <dt>Signalen</dt>
            <dd>
              {family.signals.length === 0
                ? 'Nog geen signaal'
                : family.signals
                    .filter((s) => current(s.caseNumber))
                    .map(
                      (s) =>
                        `${formatDate(s.receivedAt)}: ${label(SOURCE_LABELS, s.source)} (${label(URGENCY_LABELS, s.urgency).toLowerCase()})`,
                    )
                    .join('; ')}
            </dd>
            <dt>Verklarende analyse</dt>
            <dd>
              {family.analyses.filter((a) => current(a.caseNumber)).length === 0
                ? 'Nog niet gestart'
                : family.analyses
                    .filter((a) => current(a.caseNumber))
                    .map(
                      (a) =>
                        `${label(ANALYSIS_STATUS_LABELS, a.status)} (gestart ${formatDate(a.startedAt)}${a.completedAt ? `, afgerond ${formatDate(a.completedAt)}` : ''})`,
                    )
                    .join('; ')}
            </dd>
            <dt>Plan</dt>
            <dd>
              {family.plan ? (
                <>
                  Vastgesteld {formatDate(family.plan.adoptedAt)}
                  {family.plan.version > 1
                    ? `, ${family.plan.version - 1} keer herzien (laatst ${formatDate(family.plan.revisedAt)})`
                    : ''}
                  {family.plan.agreedWithFamily ? ', afgesproken met het gezin' : ''}
                  {family.plan.evaluateBy
                    ? `; evalueren vóór ${formatDate(family.plan.evaluateBy)}`
                    : ''}
                  <ul>
                    {family.goals.map((g) => (
                      <li key={g.goalId}>
                        {personal(g.description)}{' '}
                        <span className="hint">
                          (
                          {g.status
                            ? `${label(GOAL_STATUS_LABELS, g.status).toLowerCase()}, geëvalueerd ${formatDate(g.evaluatedAt)}`
                            : 'nog niet geëvalueerd'}
                          )
                        </span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                'Nog geen plan'
              )}
            </dd>
          </dl>
        </section>

        <section className="card" aria-labelledby="h-mdo">
          <h2 id="h-mdo">MDO en veiligheid</h2>
          <dl className="facts">
            <dt>Laatste MDO</dt>
            <dd>{formatDate(family.lastMdoAt)}</dd>
            <dt>Volgend MDO uiterlijk</dt>
            <dd className={mdoLate ? 'late' : undefined}>
              {formatDate(family.nextMdoDueBy)}
              {mdoLate ? ` (${days(daysSince(family.nextMdoDueBy ?? '', now))} te laat)` : ''}
            </dd>
            <dt>Veiligheid</dt>
            <dd>
              {family.safety ? (
                <>
                  <Badge tone={safetyTone(family.safety.level)}>
                    {label(SAFETY_LEVEL_LABELS, family.safety.level)}
                  </Badge>{' '}
                  {family.safety.phase
                    ? `${label(SAFETY_PHASE_LABELS, family.safety.phase)}, `
                    : ''}
                  ingeschat {formatDate(family.safety.assessedAt)}
                </>
              ) : (
                'Nog niet ingeschat'
              )}
            </dd>
            <dt>Laatste bespreking RVT</dt>
            <dd>{formatDate(family.lastSafetyReviewAt)}</dd>
            {family.outflow && (
              <>
                <dt>Uitstroom</dt>
                <dd>
                  {formatDate(family.outflow.at)} naar{' '}
                  {label(DESTINATION_LABELS, family.outflow.destination).toLowerCase()}
                  {family.outflow.followUps.length > 0
                    ? `; nazorg na ${family.outflow.followUps.map((f) => f.monthsAfterOutflow).join(', ')} maanden`
                    : '; nog geen nazorgcontact'}
                </dd>
              </>
            )}
          </dl>
        </section>
      </div>

      <section className="card" aria-labelledby="h-zorg">
        <h2 id="h-zorg">Zorgtrajecten</h2>
        {family.trajectories.length === 0 ? (
          <p>Nog geen zorg aangevraagd.</p>
        ) : (
          <ScrollTable
            labelledBy="h-zorg"
            columns={['Zorgvorm', 'Aanbieder', 'Stand', 'Aangevraagd', 'Gestart', 'Wachttijd']}
          >
            <tbody>
              {family.trajectories.map((t) => (
                <tr key={t.trajectoryId}>
                  <th scope="row">{careFormLabel(t.careForm)}</th>
                  <td>{t.providerName ?? t.providerId}</td>
                  <td>
                    {label(TRAJECTORY_STATUS_LABELS, t.status)}
                    {t.endReason ? ` (${label(END_REASON_LABELS, t.endReason).toLowerCase()})` : ''}
                  </td>
                  <td>{formatDate(t.requestedAt)}</td>
                  <td>{formatDate(t.startedAt)}</td>
                  <td>
                    {t.status === 'requested'
                      ? `wacht ${days(daysSince(t.requestedAt, now))}`
                      : t.startedAt
                        ? days(daysSince(t.requestedAt, Date.parse(t.startedAt)))
                        : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </section>

      <section className="card" aria-labelledby="h-lopend">
        <h2 id="h-lopend">Lopende zorg</h2>
        {family.runningCare.length === 0 ? (
          <p>Geen zorg die al liep of buiten het plan is toegewezen.</p>
        ) : (
          <ScrollTable
            labelledBy="h-lopend"
            columns={['Zorgvorm', 'Aanbieder', 'Stand', 'Loopt sinds', 'Toewijzing']}
          >
            <tbody>
              {family.runningCare.map((t) => (
                <tr key={t.trajectoryId}>
                  <th scope="row">{careFormLabel(t.careForm)}</th>
                  <td>{t.providerName ?? t.providerId}</td>
                  <td>
                    {label(TRAJECTORY_STATUS_LABELS, t.status)}
                    {t.outsidePlan ? ' (buiten het plan)' : ''}
                    {t.handedOver ? ` (overgedragen ${formatDate(t.handedOver.at)})` : ''}
                  </td>
                  <td>{formatDate(t.startedAt)}</td>
                  <td>{t.allocationNumber ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </section>

      <div className="grid">
        <section className="card" aria-labelledby="h-maatregel">
          <h2 id="h-maatregel">Kinderbeschermingsmaatregelen</h2>
          {family.protectionMeasures.length === 0 ? (
            <p>Geen maatregel.</p>
          ) : (
            <ul className="plain">
              {family.protectionMeasures.map((m) => (
                <li key={m.measureId}>
                  <strong>{label(PROTECTION_MEASURE_KIND_LABELS, m.kind)}</strong> door{' '}
                  {m.institution}, voor{' '}
                  {m.memberIds.map((mid) => memberName(family, mid)).join(', ')} ·{' '}
                  {label(PROTECTION_MEASURE_STATUS_LABELS, m.status).toLowerCase()} sinds{' '}
                  {formatDate(m.startedAt)}
                  {m.status === 'active' && m.endsBy
                    ? `, tot uiterlijk ${formatDate(m.endsBy)}`
                    : ''}
                  {m.endedAt ? `, beëindigd ${formatDate(m.endedAt)}` : ''}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card" aria-labelledby="h-eigen">
          <h2 id="h-eigen">Eigen netwerk</h2>
          {family.informalNetwork.length === 0 ? (
            <p>Nog niemand uit het eigen netwerk vastgelegd.</p>
          ) : (
            <ul className="plain">
              {family.informalNetwork.map((p) => (
                <li key={p.supporterId}>
                  {personal(p.displayName)} <span className="hint">({personal(p.relation)})</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <div className="grid">
        <section className="card" aria-labelledby="h-veilig-thuis">
          <h2 id="h-veilig-thuis">Veilig Thuis (meldcode)</h2>
          {family.safeAtHomeReports.length === 0 ? (
            <p>Geen advies gevraagd of melding gedaan.</p>
          ) : (
            <ul className="plain">
              {family.safeAtHomeReports.map((r) => (
                <li key={r.reportId}>
                  <strong>{label(SAFE_AT_HOME_KIND_LABELS, r.kind)}</strong> op {formatDate(r.at)}
                  {r.memberIds.length > 0
                    ? `, over ${r.memberIds.map((mid) => memberName(family, mid)).join(', ')}`
                    : ''}
                  {r.outcome !== undefined && (
                    <span className="hint"> · uitkomst: {personal(r.outcome)}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card" aria-labelledby="h-stem">
          <h2 id="h-stem">Stem van het gezin</h2>
          {family.voices.length === 0 ? (
            <p>Nog geen eigen woorden van een gezinslid vastgelegd.</p>
          ) : (
            <ul className="plain">
              {family.voices.map((v) => (
                <li key={v.viewId}>
                  <strong>{memberName(family, v.memberId)}</strong> over{' '}
                  {label(VOICE_TOPIC_LABELS, v.topic).toLowerCase()} ({formatDate(v.at)}
                  {v.feelsSafe !== undefined
                    ? `, voelt zich ${v.feelsSafe} van 10 veilig`
                    : ''}): <q>{personal(v.text)}</q>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {steps.length > 0 && (
        <section className="card steps no-print" aria-labelledby="h-stap">
          <h2 id="h-stap">Stap vastleggen</h2>
          {family.erasedAt ? (
            <p className="alert alert-warn">{closedReason(family)}</p>
          ) : (
            <>
              {closed && <p className="alert alert-warn">{closedReason(family)}</p>}
              {done && (
                <FocusedAlert
                  news={done}
                  className="alert alert-success"
                  role="status"
                  data-outcome="done"
                >
                  <p>{done}</p>
                </FocusedAlert>
              )}
              {!available ? (
                <p className="hint">De stappen die nu passen worden geladen…</p>
              ) : offered.length === 0 ? (
                <p>Er is nu geen stap die u bij dit gezin kunt vastleggen.</p>
              ) : (
                <SelectField
                  id="step-choice"
                  label="Welke stap legt u vast?"
                  value={step ? stepKey : ''}
                  onChange={choose}
                  values={offered.map((s) => [s.key, s.title] as const)}
                  empty="Kies een stap…"
                />
              )}
              {step && available && (
                <StepForm
                  key={step.key}
                  step={step}
                  family={family}
                  availability={availabilityOf(step.command)}
                  onDone={(values) => {
                    // Who leaves the network no longer sees the family: back to their own families.
                    if (step.key === 'network-leave' && values.professionalId === session?.user.id)
                      navigate('/gezinnen', { state: { notice: LEFT_NETWORK } });
                    else {
                      setDone(step.done);
                      setStepKey('');
                      reload();
                    }
                  }}
                  onReload={reload}
                />
              )}
              {notOffered.length > 0 && (
                <details className="not-offered">
                  <summary>Waarom staan andere stappen er niet bij? ({notOffered.length})</summary>
                  <ul>
                    {notOffered.map((s) => (
                      <li key={s.key} data-step={s.key}>
                        <strong>{s.title}</strong>:{' '}
                        {unavailableReason(s, availabilityOf(s.command), family)}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </>
          )}
        </section>
      )}
    </Page>
  );
}
