import { Link } from 'wouter';

import { SAFETY_LIST_LABELS } from '@samenspoor/domain/labels-nl';

import { Async, Page, ScrollTable, useApi } from '../components/ui';
import { familyName } from '../family-text';
import { days, daysSince, formatDate } from '../format';
import { useRegion } from '../region';
import type { FamilyPage, FamilySummary, SafetyList, SafetyOverview } from '../types';

/** What each list means, with the region's norms. */
function explanation(list: SafetyList, region: ReturnType<typeof useRegion>): string {
  switch (list) {
    case 'noCaseDirector':
      return `${days(region.safety.noCaseDirectorDays)} na het eerste signaal nog geen casusregisseur.`;
    case 'planOverdue':
      return `${days(region.safety.noPlanDays)} na het eerste signaal nog geen vastgesteld plan.`;
    case 'mdoOverdue':
      return 'De datum waarop het volgende MDO uiterlijk moest zijn, is voorbij.';
    case 'unsafeWithoutReview':
      return 'De laatste inschatting is onveilig en het Regionaal Veiligheidsteam heeft het gezin sindsdien niet besproken.';
    case 'followUpDue':
      return 'Drie of zes maanden na de uitstroom nog geen nazorgcontact.';
    case 'inCareWithoutMdo':
      return `Al ${days(region.safety.inCareWithoutMdoDays)} of langer zorg, en geen MDO sinds het plan.`;
    case 'planWithoutCare':
      return `${days(region.safety.planWithoutCareDays)} na het plan nog geen zorg aangevraagd of lopend.`;
    case 'evaluationOverdue':
      return 'De datum om het plan te evalueren is voorbij, en er is sindsdien niet geëvalueerd.';
    case 'openCrisis':
      return `${days(region.safety.openCrisisDays)} na een crisissignaal nog geen zorg aangevraagd, gestart of lopend.`;
    case 'protectionMeasureActive':
      return 'Er loopt een kinderbeschermingsmaatregel (zoals een OTS of voogdij).';
    case 'reassessmentDue':
      return `De laatste inschatting is zorgelijk of onveilig en is ${days(region.safety.reassessmentDays)} of langer oud.`;
    case 'careOutsidePlan':
      return 'De gemeente of aanbieder meldde via iJw zorg die in geen vastgesteld plan staat.';
    default: {
      const unknown: never = list;
      return unknown;
    }
  }
}

const LISTS: readonly SafetyList[] = [
  'unsafeWithoutReview',
  'noCaseDirector',
  'planOverdue',
  'mdoOverdue',
  'followUpDue',
  'openCrisis',
  'inCareWithoutMdo',
  'planWithoutCare',
  'evaluationOverdue',
  'reassessmentDue',
  'protectionMeasureActive',
  'careOutsidePlan',
];

/** "Zicht op veiligheid": the lists of the safety overview, longest-lasting first. */
export function SafetyOverviewPage() {
  const region = useRegion();
  const overview = useApi<SafetyOverview>('/api/projections/safety-overview');
  const families = useApi<FamilyPage>('/api/families?limit=500');
  const byId = new Map<string, FamilySummary>(
    (families.data?.items ?? []).map((f) => [f.familyId, f]),
  );
  const now = Date.now();
  return (
    <Page title="Zicht op veiligheid">
      <p className="lead">
        Gezinnen waar iets te lang duurt of ontbreekt, en sinds wanneer. De langst lopende staan
        bovenaan.
      </p>
      <Async loaded={overview} what="Overzicht">
        {(data) => (
          <>
            <nav aria-label="Lijsten op deze pagina" className="toc">
              <ul>
                {LISTS.map((list) => (
                  <li key={list}>
                    <a href={`#lijst-${list}`}>
                      {SAFETY_LIST_LABELS[list]} ({data[list].length})
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            {LISTS.map((list) => {
              const items = [...data[list]].sort((a, b) => a.since.localeCompare(b.since));
              return (
                <section key={list} className="card" aria-labelledby={`lijst-${list}`}>
                  <h2 id={`lijst-${list}`} tabIndex={-1}>
                    {SAFETY_LIST_LABELS[list]} <span className="count-badge">{items.length}</span>
                  </h2>
                  <p className="hint">{explanation(list, region)}</p>
                  {items.length === 0 ? (
                    <p>Geen gezinnen.</p>
                  ) : (
                    <ScrollTable
                      labelledBy={`lijst-${list}`}
                      columns={['Gezin', 'Gemeente', 'Sinds', 'Duurt al']}
                    >
                      <tbody>
                        {items.map((item) => {
                          const family = byId.get(item.familyId);
                          return (
                            <tr key={item.familyId}>
                              <th scope="row">
                                <Link href={`/gezinnen/${item.familyId}`}>
                                  {family
                                    ? familyName(family)
                                    : `Gezin ${item.familyId.slice(0, 8)}`}
                                </Link>
                              </th>
                              <td>{family?.municipality ?? '—'}</td>
                              <td>{formatDate(item.since)}</td>
                              <td>{days(daysSince(item.since, now))}</td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </ScrollTable>
                  )}
                </section>
              );
            })}
          </>
        )}
      </Async>
    </Page>
  );
}
