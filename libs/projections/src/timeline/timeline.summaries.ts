import {
  CARE_END_REASONS,
  CONCERNS,
  CONSULTATION_ADVICE,
  FOLLOW_UP_MONTHS,
  GOAL_STATUSES,
  isFamilyEventType,
  MEMBER_ROLES,
  OUTFLOW_DESTINATIONS,
  PROTECTION_MEASURE_KINDS,
  SAFETY_LEVELS,
  SAFETY_PHASES,
  SIGNAL_SOURCES,
  URGENCIES,
  VOICE_TOPICS,
  type FamilyEventType,
} from '@samenspoor/domain';

/** What a timeline line may say about a trajectory: its care form and provider, both anonymous facts. */
export interface TrajectoryFacts {
  readonly careForm: string;
  readonly providerId: string;
}

/**
 * One short English line per event, for a person reading the family's timeline.
 *
 * Built ONLY from anonymous facts: event types, values of the fixed vocabularies (sources, concerns, urgency,
 * levels, destinations, …), the region's configured words (municipality, care form, workstream), provider ids,
 * counts of non-personal lists, case numbers and dates. Never from a field that holds personal data (names, BSN,
 * summaries, notes, reasons, goals, outcomes, advice, participants, decisions) nor from other free text
 * (organisations, disciplines): those fields are not even read, so that an encrypted value there changes
 * nothing. Vocabulary fields are checked against their lists, so that odd data cannot smuggle free text into a
 * line; a value outside the list reads as `unknown`. Never throws, whatever the data holds.
 *
 * `trajectory` gives the care form and provider of the trajectory a start, end or withdrawal refers to, when
 * known. Event types this code does not know read as their type.
 */
export function timelineSummary(
  type: string,
  data: Readonly<Record<string, unknown>>,
  trajectory?: TrajectoryFacts,
): string {
  if (!isFamilyEventType(type)) return type;
  try {
    return summarise(type, data, trajectory);
  } catch {
    return type;
  }
}

/** Where a care step came from, when the iJw chain reported it. */
function chain(data: Readonly<Record<string, unknown>>): string {
  return data.origin === 'ijw' ? ' — from the iJw chain' : '';
}

/**
 * Reads the data as what it is at this boundary — unchecked — rather than as a parsed event: a line is made from
 * whatever fields are readable, so that odd data still reads as far as it goes.
 */
function summarise(
  type: FamilyEventType,
  data: Readonly<Record<string, unknown>>,
  trajectory: TrajectoryFacts | undefined,
): string {
  switch (type) {
    case 'FamilyRegistered': {
      const members: unknown = data.members;
      const roles = Array.isArray(members)
        ? members.map((m: unknown) => vocabulary(MEMBER_ROLES, field(m, 'role')))
        : [];
      const where = word(data.municipality);
      return (
        `Family registered${where ? ` in ${where}` : ''}` +
        (roles.length > 0 ? ` with ${count(roles.length, 'member')} (${roles.join(', ')})` : '')
      );
    }
    case 'MemberBsnRecorded':
      return "A member's BSN recorded";
    case 'FamilyMemberAdded':
      return `Family member added (${vocabulary(MEMBER_ROLES, field(data.member, 'role'))})`;
    case 'SignalReceived': {
      const concerns = list(data.concerns).map((c) => vocabulary(CONCERNS, c));
      const reentry =
        data.reentry === true
          ? `; re-entry after outflow${caseNo(data.caseNumber, ', case ')}`
          : '';
      return (
        `Signal received from ${vocabulary(SIGNAL_SOURCES, data.source)} ` +
        `(${vocabulary(URGENCIES, data.urgency)})` +
        (concerns.length > 0 ? `: ${concerns.join(', ')}` : '') +
        reentry
      );
    }
    case 'ConsultationHeld':
      return `Consultation held: advice ${vocabulary(CONSULTATION_ADVICE, data.advice)}`;
    case 'ProfessionalJoinedNetwork':
      return 'Professional joined the network';
    case 'ProfessionalLeftNetwork':
      return 'Professional left the network';
    case 'CaseDirectorAssigned':
      return data.previousProfessionalId === undefined
        ? 'Case director assigned'
        : 'Case director replaced';
    case 'ExplanatoryAnalysisStarted':
      return `Explanatory analysis started${caseNo(data.caseNumber, ' (case ', ')')}`;
    case 'ExplanatoryAnalysisCompleted': {
      const needs = Array.isArray(data.careNeeds) ? data.careNeeds.length : undefined;
      return (
        `Explanatory analysis completed: safety level ${vocabulary(SAFETY_LEVELS, data.safetyLevel)}` +
        (needs === undefined ? '' : `, ${count(needs, 'care need')}`)
      );
    }
    case 'TreatmentPlanAdopted': {
      const parts = [
        ...opt(wholeNumber(data.version), (v) => `version ${v}`),
        ...opt(lengthOf(data.goals), (n) => count(n, 'goal')),
        ...(data.agreedWithFamily === true ? ['agreed with the family'] : []),
        ...opt(day(data.evaluateBy), (d) => `evaluate by ${d}`),
      ];
      return `Treatment plan adopted${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
    }
    case 'TreatmentPlanRevised': {
      const parts = [
        ...opt(wholeNumber(data.version), (v) => `version ${v}`),
        ...opt(lengthOf(data.goals), (n) => count(n, 'goal')),
      ];
      return `Treatment plan revised${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
    }
    case 'CareRequested': {
      const what = care({ careForm: data.careForm, providerId: data.providerId });
      const crisis =
        data.outsidePlan === true
          ? ' (outside the plan)'
          : data.planId === undefined
            ? ' (without a plan)'
            : '';
      return `Care requested${what}${crisis}${chain(data)}`;
    }
    case 'CareRequestWithdrawn':
      return `Care request withdrawn${care(trajectory)}`;
    case 'CareStarted':
      return `Care started${care(trajectory)}${chain(data)}`;
    case 'CareEnded':
      return `Care ended (${vocabulary(CARE_END_REASONS, data.reason)})${care(trajectory)}${chain(data)}`;
    case 'CareAllocated': {
      const category = typeof data.productCategory === 'string' ? data.productCategory : '';
      const product = /^\d{2}$/.test(category) ? ` (product category ${category})` : '';
      const from = opt(day(data.allocatedFrom), (d) => ` from ${d}`).join('');
      const until = opt(day(data.allocatedUntil), (d) => ` until ${d}`).join('');
      return `Care allocated by the municipality${care(trajectory)}${product}${from}${until}${chain(data)}`;
    }
    case 'MdoHeld': {
      const parts = [
        data.familyPresent === true ? 'family present' : 'family not present',
        ...opt(day(data.nextMdoDueBy), (d) => `next MDO due by ${d}`),
      ];
      return `MDO held (${parts.join(', ')})`;
    }
    case 'ProgressNoted': {
      const workstream = word(data.workstream);
      return `Progress noted${workstream ? ` (${workstream})` : ''}`;
    }
    case 'SafetyAssessed': {
      const phase =
        data.phase === undefined ? '' : ` (phase: ${vocabulary(SAFETY_PHASES, data.phase)})`;
      return `Safety assessed: ${vocabulary(SAFETY_LEVELS, data.level)}${phase}`;
    }
    case 'SafetyTeamReviewed':
      return 'Reviewed by the regional safety team';
    case 'OutflowRegistered': {
      const handover = data.handoverTo === undefined ? '' : ', with a warm handover';
      return (
        `Outflow registered: to ${vocabulary(OUTFLOW_DESTINATIONS, data.destination)}` +
        `${handover}${caseNo(data.caseNumber, ' (case ', ')')}`
      );
    }
    case 'FollowUpRecorded': {
      const months = FOLLOW_UP_MONTHS.find((m) => m === data.monthsAfterOutflow);
      return months === undefined
        ? 'Follow-up recorded after outflow'
        : `Follow-up recorded ${months} months after outflow`;
    }
    case 'PersonalDataErased':
      return 'Personal data erased';
    case 'RunningCareRecorded': {
      const what = care({ careForm: data.careForm, providerId: data.providerId });
      const since = opt(day(data.startedAt), (d) => ` (running since ${d})`).join('');
      const outside = data.outsidePlan === true ? ', outside the plan' : '';
      return `Running care recorded${what}${since}${outside}${chain(data)}`;
    }
    case 'CareHandedOver':
      return `Care handed over at the outflow${care(trajectory)}`;
    case 'ProtectionMeasureImposed': {
      const since = opt(day(data.startedAt), (d) => ` since ${d}`).join('');
      const until = opt(day(data.endsBy), (d) => `, ends by ${d}`).join('');
      return `Protection measure: ${vocabulary(PROTECTION_MEASURE_KINDS, data.kind)}${since}${until}`;
    }
    case 'ProtectionMeasureEnded':
      return 'Protection measure ended';
    case 'SafeAtHomeReportMade':
      return data.kind === 'report'
        ? 'Reported to Veilig Thuis'
        : data.kind === 'advice'
          ? 'Veilig Thuis consulted for advice'
          : 'Veilig Thuis: unknown';
    case 'PlanEvaluated': {
      const statuses = list(data.goals).map((g) => vocabulary(GOAL_STATUSES, field(g, 'status')));
      const parts = [
        ...opt(lengthOf(data.goals), (n) => count(n, 'goal')),
        ...(data.familyInvolved === true ? ['with the family'] : []),
        ...opt(day(data.nextEvaluateBy), (d) => `next by ${d}`),
      ];
      return (
        `Plan evaluated${parts.length > 0 ? ` (${parts.join(', ')})` : ''}` +
        (statuses.length > 0 ? `: ${statuses.join(', ')}` : '')
      );
    }
    case 'MemberViewRecorded': {
      const feels = wholeNumber(data.feelsSafe);
      return (
        `A member's own view recorded (${vocabulary(VOICE_TOPICS, data.topic)})` +
        (feels === undefined ? '' : `; feels safe: ${feels}/10`)
      );
    }
    case 'InformalSupporterAdded':
      return 'Informal supporter added';
    case 'PlanAgreementRecorded':
      return data.agreed === true
        ? "A member agreed to the plan in the family's own view"
        : "A member did not agree to the plan in the family's own view";
    case 'ParentalAuthorityRecorded':
      return `Parental authority recorded (${count(lengthOf(data.holderMemberIds) ?? 0, 'holder')})`;
    case 'DataSharingRecorded':
      return data.shared === true
        ? "A member shared their own data with another member in the family's own view"
        : "A member withdrew sharing their own data with another member in the family's own view";
    default: {
      const unknown: never = type;
      return String(unknown);
    }
  }
}

/** A value of a fixed vocabulary, or `unknown` for anything else (never free text). */
function vocabulary(values: readonly string[], value: unknown): string {
  return typeof value === 'string' && values.includes(value) ? value : 'unknown';
}

/** A configured word (municipality, care form, workstream, provider id): a short single-line string. */
function word(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/\p{Cc}/gu, ' ').trim();
  return trimmed.length > 0 && trimmed.length <= 100 ? trimmed : undefined;
}

function care(facts: { careForm: unknown; providerId: unknown } | undefined): string {
  if (!facts) return '';
  const form = word(facts.careForm);
  const provider = word(facts.providerId);
  if (!form) return provider ? `: at ${provider}` : '';
  return `: ${form}${provider ? ` at ${provider}` : ''}`;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function lengthOf(value: unknown): number | undefined {
  return Array.isArray(value) ? value.length : undefined;
}

function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

function caseNo(value: unknown, before: string, after = ''): string {
  const n = wholeNumber(value);
  return n === undefined ? '' : `${before}${n}${after}`;
}

/** The UTC calendar day of a timestamp, or undefined when it is not one. */
function day(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function opt<T>(value: T | undefined, show: (value: T) => string): string[] {
  return value === undefined ? [] : [show(value)];
}
