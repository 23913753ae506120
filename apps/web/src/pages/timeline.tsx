import { useMemo, useState } from 'react';
import { Link } from 'wouter';

import { EVENT_LABELS, label, ROLE_LABELS, WORKSTREAM_LABELS } from '@samenspoor/domain/labels-nl';

import { SelectField } from '../components/fields';
import { AsyncPages, ErrorAlert, MoreButton, Page, useApi, usePages } from '../components/ui';
import { eventDetails } from '../event-text';
import { familyName } from '../family-text';
import { formatDateTime } from '../format';
import { useRegion } from '../region';
import type { FamilySummary, TimelineEntry } from '../types';

/** Kinds of events to filter on, as people think of them. */
const KINDS: Readonly<Record<string, { label: string; types: readonly string[] }>> = {
  signal: { label: 'Signalen en consultaties', types: ['SignalReceived', 'ConsultationHeld'] },
  network: {
    label: 'Netwerk en regie',
    types: ['ProfessionalJoinedNetwork', 'ProfessionalLeftNetwork', 'CaseDirectorAssigned'],
  },
  analysis: {
    label: 'Analyse en plan',
    types: [
      'ExplanatoryAnalysisStarted',
      'ExplanatoryAnalysisCompleted',
      'TreatmentPlanAdopted',
      'TreatmentPlanRevised',
    ],
  },
  care: {
    label: 'Zorg',
    types: ['CareRequested', 'CareRequestWithdrawn', 'CareStarted', 'CareEnded'],
  },
  mdo: { label: 'MDO', types: ['MdoHeld'] },
  progress: { label: 'Voortgangsnotities', types: ['ProgressNoted'] },
  safety: { label: 'Veiligheid', types: ['SafetyAssessed', 'SafetyTeamReviewed'] },
  outflow: { label: 'Uitstroom en nazorg', types: ['OutflowRegistered', 'FollowUpRecorded'] },
  family: {
    label: 'Gezin en privacy',
    types: ['FamilyRegistered', 'FamilyMemberAdded', 'PersonalDataErased'],
  },
};

const DAY_MS = 86_400_000;

/** Every event of one family, oldest first: what, when (business and recorded time), who. */
export function TimelinePage({ familyId }: { familyId: string }) {
  const region = useRegion();
  const family = useApi<FamilySummary>(`/api/families/${familyId}`);
  const [kind, setKind] = useState('');
  const [workstream, setWorkstream] = useState('');
  const params = new URLSearchParams();
  const types = KINDS[kind]?.types;
  if (types) params.set('types', types.join(','));
  if (workstream) params.set('workstream', workstream);
  const query = params.toString();
  const pages = usePages<TimelineEntry>(
    `/api/families/${familyId}/timeline${query ? `?${query}` : ''}`,
    'entries',
  );
  const entries = pages.items;

  // Starts, ends and withdrawals name their trajectory by id; the request earlier in the timeline names it.
  const trajectories = useMemo(() => {
    const map = new Map<string, { careForm: string; providerId: string; providerName?: string }>();
    for (const t of family.data?.trajectories ?? []) map.set(t.trajectoryId, t);
    for (const t of family.data?.runningCare ?? []) map.set(t.trajectoryId, t);
    return map;
  }, [family.data]);

  // Professionals are named by discipline and organisation, as they joined the network (ids mean nothing to
  // people); one who left the network is named by the id the timeline has.
  const professionals = useMemo(() => {
    const map = new Map<string, string>();
    for (const entry of entries ?? []) {
      if (entry.type !== 'ProfessionalJoinedNetwork' || !entry.data) continue;
      const { professionalId, discipline, organisation } = entry.data;
      const text = [discipline, organisation].filter((v) => typeof v === 'string').join(', ');
      if (typeof professionalId === 'string' && text) map.set(professionalId, text);
    }
    return (id: string) =>
      map.get(id) ?? `professional ${id.length > 12 ? `${id.slice(0, 8)}…` : id}`;
  }, [entries]);

  const title = family.data ? `Tijdlijn van gezin ${familyName(family.data)}` : 'Tijdlijn';
  return (
    <Page title={title}>
      <p>
        <Link href={`/gezinnen/${familyId}`}>Terug naar het gezin</Link>
      </p>
      {family.error !== undefined && <ErrorAlert error={family.error} retry={family.reload} />}
      <form className="filters" aria-label="Tijdlijn filteren" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="filter-kind"
          label="Soort gebeurtenis"
          value={kind}
          onChange={setKind}
          values={Object.entries(KINDS).map(([key, k]) => [key, k.label] as const)}
          empty="Alles"
        />
        <SelectField
          id="filter-workstream"
          label="Werkspoor (voortgangsnotities)"
          value={workstream}
          onChange={setWorkstream}
          values={region.workstreams.map((w) => [w, label(WORKSTREAM_LABELS, w)] as const)}
          empty="Alle werksporen"
        />
      </form>
      <AsyncPages pages={pages} what="Tijdlijn" empty="Geen gebeurtenissen met dit filter.">
        {(entries) => (
          <>
            <p className="count" role="status">
              {entries.length} {entries.length === 1 ? 'gebeurtenis' : 'gebeurtenissen'}, oudste
              eerst
            </p>
            <ol className="timeline">
              {entries.map((entry) => (
                <TimelineItem
                  key={entry.version}
                  entry={entry}
                  trajectories={trajectories}
                  professional={professionals}
                />
              ))}
            </ol>
            <MoreButton pages={pages} label="Meer gebeurtenissen laden" />
          </>
        )}
      </AsyncPages>
    </Page>
  );
}

function TimelineItem({
  entry,
  trajectories,
  professional,
}: {
  entry: TimelineEntry;
  trajectories: ReadonlyMap<
    string,
    { careForm: string; providerId: string; providerName?: string }
  >;
  professional: (professionalId: string) => string;
}) {
  const details = eventDetails(entry.type, entry.data, trajectories, professional);
  const late = Date.parse(entry.recordedAt) - Date.parse(entry.occurredAt) > DAY_MS;
  const who = [
    entry.actor.name,
    entry.actor.role ? label(ROLE_LABELS, entry.actor.role) : undefined,
    entry.actor.organisation ?? undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <li className={`timeline-item event-${entry.type}`}>
      <h2 className="timeline-title">{label(EVENT_LABELS, entry.type)}</h2>
      <p className="timeline-meta">
        <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
        {who ? ` · door ${who}` : ''}
        {entry.actor.id && !entry.actor.name
          ? ` (${entry.actor.id.length > 12 ? `${entry.actor.id.slice(0, 8)}…` : entry.actor.id})`
          : ''}
      </p>
      <p className="timeline-recorded">
        Vastgelegd {formatDateTime(entry.recordedAt)}
        {late ? ' (achteraf vastgelegd)' : ''}
      </p>
      {details.length > 0 && (
        <dl className="facts compact">
          {details.map(([term, value]) => (
            <div key={term} className="fact">
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}
