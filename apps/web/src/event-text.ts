import * as dutch from '@samenspoor/domain/labels-nl';

import { formatDate } from './format';
import { careFormLabel } from './region';

/** One line of an event's details: a Dutch label and what was recorded. */
export type Detail = readonly [string, string];

type Data = Record<string, unknown>;

const ERASED = '[gewist]';

/** A personal text: "[gewist]" when erasure made it null. */
function personalText(value: unknown): string | undefined {
  if (value === null) return ERASED;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function personalList(value: unknown): string | undefined {
  if (value === null) return ERASED;
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.map((item) => personalText(item) ?? ERASED).join('; ');
}

function word(labels: Readonly<Record<string, string>>, value: unknown): string | undefined {
  return typeof value === 'string' ? dutch.label(labels, value) : undefined;
}

/** A date the event names (`evaluateBy`, `startedAt`, …), when it names one. */
function date(value: unknown): string | undefined {
  return typeof value === 'string' ? formatDate(value) : undefined;
}

/** A yes/no of the event: "ja" only when it says true. */
function yesNo(value: unknown): string {
  return value === true ? 'ja' : 'nee';
}

function memberLine(member: unknown): string {
  const m = (member ?? {}) as Data;
  const name = personalText(m.displayName) ?? ERASED;
  const details = [
    word(dutch.MEMBER_ROLE_LABELS, m.role)?.toLowerCase(),
    typeof m.birthYear === 'number' ? String(m.birthYear) : undefined,
  ].filter(Boolean);
  return details.length > 0 ? `${name} (${details.join(', ')})` : name;
}

/** What an event recorded, in Dutch, from its data; trajectories are named by care form and provider. */
export function eventDetails(
  type: string,
  data: Data | null,
  trajectories: ReadonlyMap<
    string,
    { careForm: string; providerId: string; providerName?: string }
  >,
  professional: (professionalId: string) => string,
): Detail[] {
  if (!data) return [];
  const rows: [string, string | undefined][] = [];
  const trajectory = () => {
    const t =
      typeof data.trajectoryId === 'string' ? trajectories.get(data.trajectoryId) : undefined;
    return t ? `${careFormLabel(t.careForm)} bij ${t.providerName ?? t.providerId}` : undefined;
  };
  switch (type) {
    case 'FamilyRegistered':
      rows.push([
        'Gemeente',
        typeof data.municipality === 'string' ? data.municipality : undefined,
      ]);
      rows.push([
        'Gezinsleden',
        Array.isArray(data.members) ? data.members.map(memberLine).join('; ') : undefined,
      ]);
      break;
    case 'FamilyMemberAdded':
      rows.push(['Gezinslid', memberLine(data.member)]);
      break;
    case 'SignalReceived':
      rows.push(['Bron', word(dutch.SOURCE_LABELS, data.source)]);
      rows.push(['Urgentie', word(dutch.URGENCY_LABELS, data.urgency)]);
      rows.push([
        'Zorgen',
        Array.isArray(data.concerns)
          ? data.concerns.map((c) => dutch.label(dutch.CONCERN_LABELS, String(c))).join(', ')
          : undefined,
      ]);
      rows.push(['Melder', personalText(data.referrerOrganisation)]);
      rows.push(['Samenvatting', personalText(data.summary)]);
      if (data.reentry === true) rows.push(['Heraanmelding', 'ja, na een eerdere uitstroom']);
      break;
    case 'ConsultationHeld':
      rows.push(['Advies', word(dutch.ADVICE_LABELS, data.advice)]);
      break;
    case 'ProfessionalJoinedNetwork':
      rows.push(['Organisatie', personalText(data.organisation)]);
      rows.push(['Discipline', personalText(data.discipline)]);
      break;
    case 'ProfessionalLeftNetwork':
    case 'CaseDirectorAssigned':
      rows.push([
        type === 'CaseDirectorAssigned' ? 'Casusregisseur' : 'Professional',
        typeof data.professionalId === 'string' ? professional(data.professionalId) : undefined,
      ]);
      break;
    case 'ExplanatoryAnalysisCompleted':
      rows.push(['Veiligheid', word(dutch.SAFETY_LEVEL_LABELS, data.safetyLevel)]);
      rows.push(['Patronen', personalList(data.patterns)]);
      rows.push(['Risicofactoren', personalList(data.riskFactors)]);
      rows.push(['Beschermende factoren', personalList(data.protectiveFactors)]);
      break;
    case 'TreatmentPlanAdopted':
    case 'TreatmentPlanRevised':
      rows.push([
        'Herziening',
        typeof data.version === 'number' && data.version > 1
          ? `${data.version - 1}e herziening`
          : undefined,
      ]);
      rows.push(['Reden', personalText(data.reason)]);
      rows.push([
        'Doelen',
        Array.isArray(data.goals)
          ? data.goals
              .map((g) => personalText((g as Data | null)?.description) ?? ERASED)
              .join('; ')
          : undefined,
      ]);
      if (data.agreedWithFamily === true) rows.push(['Met het gezin', 'afgesproken']);
      rows.push(['Evalueren vóór', date(data.evaluateBy)]);
      break;
    case 'CareRequested':
      rows.push([
        'Zorg',
        typeof data.careForm === 'string'
          ? `${careFormLabel(data.careForm)} bij ${String(data.providerId)}`
          : undefined,
      ]);
      if (data.planId === undefined) rows.push(['Plan', 'zonder plan (crisishulp)']);
      break;
    case 'CareStarted':
      rows.push(['Zorg', trajectory()]);
      break;
    case 'CareEnded':
      rows.push(['Zorg', trajectory()]);
      rows.push(['Reden', word(dutch.END_REASON_LABELS, data.reason)]);
      break;
    case 'CareRequestWithdrawn':
      rows.push(['Zorg', trajectory()]);
      rows.push(['Reden', personalText(data.reason)]);
      break;
    case 'MdoHeld':
      rows.push(['Deelnemers', personalList(data.participants)]);
      rows.push(['Gezin aanwezig', yesNo(data.familyPresent)]);
      rows.push(['Besluiten', personalList(data.decisions)]);
      rows.push(['Volgend MDO uiterlijk', date(data.nextMdoDueBy)]);
      break;
    case 'ProgressNoted':
      rows.push(['Werkspoor', word(dutch.WORKSTREAM_LABELS, data.workstream)]);
      rows.push(['Notitie', personalText(data.note)]);
      break;
    case 'SafetyAssessed':
      rows.push(['Veiligheid', word(dutch.SAFETY_LEVEL_LABELS, data.level)]);
      rows.push(['Fase', word(dutch.SAFETY_PHASE_LABELS, data.phase)]);
      rows.push(['Toelichting', personalText(data.notes)]);
      break;
    case 'SafetyTeamReviewed':
      rows.push(['Uitkomst', personalText(data.outcome)]);
      rows.push(['Advies', personalText(data.advice)]);
      break;
    case 'OutflowRegistered':
      rows.push(['Naar', word(dutch.DESTINATION_LABELS, data.destination)]);
      rows.push(['Warme overdracht aan', personalText(data.handoverTo)]);
      rows.push(['Toelichting', personalText(data.reason)]);
      break;
    case 'FollowUpRecorded':
      rows.push([
        'Na',
        typeof data.monthsAfterOutflow === 'number'
          ? `${data.monthsAfterOutflow} maanden`
          : undefined,
      ]);
      rows.push(['Hoe gaat het', personalText(data.outcome)]);
      break;
    case 'PersonalDataErased':
      rows.push(['Grondslag', personalText(data.legalBasis)]);
      break;
    case 'RunningCareRecorded':
      rows.push([
        'Zorg',
        trajectory() ??
          (typeof data.careForm === 'string'
            ? `${careFormLabel(data.careForm)} bij ${String(data.providerId)}`
            : undefined),
      ]);
      rows.push(['Loopt sinds', date(data.startedAt)]);
      rows.push([
        'Toewijzing',
        typeof data.allocationNumber === 'string' ? data.allocationNumber : undefined,
      ]);
      if (data.outsidePlan === true) rows.push(['Plan', 'buiten het plan']);
      break;
    case 'CareHandedOver':
      rows.push(['Zorg', trajectory()]);
      rows.push(['Overgedragen aan', personalText(data.handoverTo)]);
      break;
    case 'ProtectionMeasureImposed':
      rows.push(['Maatregel', word(dutch.PROTECTION_MEASURE_KIND_LABELS, data.kind)]);
      rows.push([
        'Gecertificeerde instelling',
        typeof data.institution === 'string' ? data.institution : undefined,
      ]);
      rows.push(['Sinds', date(data.startedAt)]);
      rows.push(['Tot uiterlijk', date(data.endsBy)]);
      break;
    case 'ProtectionMeasureEnded':
      rows.push(['Reden', personalText(data.reason)]);
      break;
    case 'SafeAtHomeReportMade':
      rows.push(['Veilig Thuis', word(dutch.SAFE_AT_HOME_KIND_LABELS, data.kind)]);
      rows.push(['Uitkomst', personalText(data.outcome)]);
      break;
    case 'PlanEvaluated':
      rows.push([
        'Doelen',
        Array.isArray(data.goals)
          ? data.goals
              .map((g) => dutch.label(dutch.GOAL_STATUS_LABELS, String((g as Data).status)))
              .join('; ')
          : undefined,
      ]);
      rows.push(['Met het gezin', yesNo(data.familyInvolved)]);
      rows.push(['Volgende evaluatie vóór', date(data.nextEvaluateBy)]);
      break;
    case 'MemberViewRecorded':
      rows.push(['Over', word(dutch.VOICE_TOPIC_LABELS, data.topic)]);
      rows.push(['In eigen woorden', personalText(data.text)]);
      rows.push([
        'Voelt zich veilig',
        typeof data.feelsSafe === 'number' ? `${data.feelsSafe} van 10` : undefined,
      ]);
      break;
    case 'InformalSupporterAdded':
      rows.push(['Naam', personalText(data.displayName)]);
      rows.push(['Relatie', personalText(data.relation)]);
      break;
    default:
      break;
  }
  return rows.filter((row): row is [string, string] => row[1] !== undefined);
}
