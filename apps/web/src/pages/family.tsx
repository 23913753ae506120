import { useState } from 'react';
import { Link, useLocation } from 'wouter';

import { Async, Badge, Notice, Page, ScrollTable, SelectField, useApi } from '../components/ui';
import { StepForm } from '../components/step-form';
import { familyName, memberText, professionalText } from '../family-text';
import { days, daysSince, formatDate, formatDateTime, personal } from '../format';
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
} from '../labels';
import { careFormLabel } from '../region';
import { useSession } from '../session';
import { stepsFor } from '../steps';
import type { FamilySummary } from '../types';
import { safetyTone, statusTone } from './family-list';

/** A member by name, for a list of whom a measure concerns. */
function memberName(family: FamilySummary, memberId: string): string {
  const member = family.members.find((m) => m.memberId === memberId);
  return member ? memberText(member) : 'onbekend gezinslid';
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
  return (
    <Async loaded={family} what="Gezin">
      {(data) => <FamilyView family={data} reload={family.reload} />}
    </Async>
  );
}

function FamilyView({ family, reload }: { family: FamilySummary; reload: () => void }) {
  const { session } = useSession();
  const [, navigate] = useLocation();
  const steps = stepsFor(session?.user.roles ?? []);
  // A link from "Mijn werk" opens the page with the step that resolves the item chosen.
  const [stepKey, setStepKey] = useState(() => stepOfHistory(steps.map((s) => s.key)));
  const step = steps.find((s) => s.key === stepKey);
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
        <Link className="button secondary" href={`/gezinnen/${family.familyId}/tijdlijn`}>
          Tijdlijn bekijken
        </Link>
      }
    >
      <Notice />
      <p className="family-meta">
        <Badge tone={statusTone(family.status)}>{label(STATUS_LABELS, family.status)}</Badge>{' '}
        {family.municipality} · aangemeld op {formatDate(family.registeredAt)}
        {family.caseNumber > 1 ? ` · casus ${family.caseNumber} (heraanmelding)` : ''}
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
                  Versie {family.plan.version}, vastgesteld {formatDate(family.plan.adoptedAt)}
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
        <section className="card steps" aria-labelledby="h-stap">
          <h2 id="h-stap">Stap vastleggen</h2>
          <p className="hint">
            Stand van het gezin: versie {family.version}, bijgewerkt{' '}
            {formatDateTime(new Date(now).toISOString())}.
          </p>
          <SelectField
            id="step-choice"
            label="Welke stap legt u vast?"
            value={stepKey}
            onChange={setStepKey}
            values={steps.map((s) => [s.key, s.title] as const)}
            empty="Kies een stap…"
          />
          {step && (
            <StepForm
              key={step.key}
              step={step}
              family={family}
              onDone={(values) =>
                // Who leaves the network no longer sees the family: back to their own families.
                step.key === 'network-leave' && values.professionalId === session?.user.id
                  ? navigate('/gezinnen', { state: { notice: LEFT_NETWORK } })
                  : reload()
              }
              onReload={reload}
            />
          )}
        </section>
      )}
    </Page>
  );
}
