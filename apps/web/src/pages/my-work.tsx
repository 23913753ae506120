import { Link } from 'wouter';

import { afterOwnWrites } from '../api';
import { RegisterFamilyAction } from '../components/layout';
import { Async, Badge, Notice, Page, ScrollTable, useApi } from '../components/ui';
import { days, formatDate, personal } from '../format';
import { useSession } from '../session';
import type { MyWork, WorkItem } from '../types';

/** What each kind of item asks, in the words of the work. */
export function workText(item: WorkItem): string {
  switch (item.kind) {
    case 'mdo-due':
      return 'MDO houden';
    case 'evaluation-due':
      return 'Plan evalueren';
    case 'follow-up-due':
      return `Nazorgcontact na ${item.monthsAfterOutflow ?? ''} maanden`;
    case 'analysis-not-started':
      return 'Verklarende analyse starten';
    case 'no-case-director':
      return 'Casusregisseur kiezen';
    case 'care-over-norm':
      return 'Zorg wacht langer dan de norm';
    case 'match':
      return `Kind opnieuw aangemeld door ${item.registrarOrganisation ?? 'een andere organisatie'}: neem contact op`;
    case 'ijw-unlinked':
      return 'Bericht uit de keten hoort nog bij geen gezin';
  }
}

/** The link text of the step that resolves an item. */
const STEP_TEXT: Record<string, string> = {
  mdo: 'MDO vastleggen',
  'plan-evaluation': 'Evaluatie vastleggen',
  'follow-up': 'Nazorgcontact vastleggen',
  'analysis-start': 'Analyse starten',
  'case-director': 'Casusregisseur kiezen',
  'care-start': 'Start van de zorg vastleggen',
  contact: 'Gezin bekijken',
  'ijw-link': 'Bericht koppelen',
};

/** "5 dagen te laat", "binnen 1 dag", "over 3 dagen". */
function whenText(item: WorkItem): string {
  if (item.overdue)
    return item.overdueDays === 0
      ? 'minder dan 1 dag te laat'
      : `${days(item.overdueDays)} te laat`;
  return item.overdueDays === -1 ? 'binnen 1 dag' : `over ${days(-item.overdueDays)}`;
}

/**
 * "Mijn werk", a professional's start page: what is due in their families in the coming two weeks or is overdue,
 * most overdue first, each with a link to the family page with the step that resolves it chosen.
 */
export function MyWorkPage() {
  const { session } = useSession();
  const safetyTeam = session?.user.roles.includes('safety-team') ?? false;
  const work = useApi<MyWork>(afterOwnWrites('/api/my-work'));
  return (
    <Page title="Mijn werk" actions={<RegisterFamilyAction />}>
      <Notice />
      <p className="lead">
        {safetyTeam
          ? 'Wat in de regio de komende twee weken moet gebeuren of al te laat is, het meest te laat bovenaan.'
          : 'Wat in uw gezinnen de komende twee weken moet gebeuren of al te laat is, het meest te laat bovenaan.'}
      </p>
      <Async loaded={work} what="Uw werk">
        {(data) =>
          data.items.length === 0 ? (
            <p className="empty">Er staat niets op uw lijst: alles is op tijd.</p>
          ) : (
            <>
              <p className="count" role="status">
                {data.counts.due} {data.counts.due === 1 ? 'punt' : 'punten'}, waarvan{' '}
                {data.counts.overdue} te laat
              </p>
              <ScrollTable
                name="Mijn werk"
                columns={['Gezin', 'Wat', 'Uiterlijk', 'Stand', 'Stap']}
              >
                <tbody>
                  {data.items.map((item) => (
                    <tr
                      key={`${item.familyId ?? item.messageId}-${item.kind}-${item.dueAt}-${item.trajectoryId ?? ''}`}
                    >
                      <th scope="row">
                        {item.familyId === null ? (
                          'Nog geen gezin'
                        ) : (
                          <Link href={`/gezinnen/${item.familyId}`}>
                            {personal(item.displayName)}
                          </Link>
                        )}
                      </th>
                      <td>{workText(item)}</td>
                      <td>{formatDate(item.dueAt)}</td>
                      <td>
                        <Badge tone={item.overdue ? 'danger' : 'info'}>{whenText(item)}</Badge>
                      </td>
                      <td>
                        <Link
                          href={
                            item.familyId === null
                              ? '/ketenberichten'
                              : `/gezinnen/${item.familyId}`
                          }
                          state={{ step: item.step, trajectoryId: item.trajectoryId }}
                        >
                          {STEP_TEXT[item.step] ?? 'Gezin bekijken'}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            </>
          )
        }
      </Async>
    </Page>
  );
}
