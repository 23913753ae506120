import { upcast } from './upcasters';
import {
  EVENT_SCHEMA_VERSIONS,
  isFamilyEventType,
  type FamilyEvent,
  type FamilyEventType,
} from './events';

/**
 * Why a stored event is not a family event this code can apply. It names the type and the field, never the
 * value: a value may be personal data.
 */
export type FamilyEventError =
  | { readonly kind: 'unknown-type'; readonly type: string }
  | {
      readonly kind: 'unsupported-schema-version';
      readonly type: FamilyEventType;
      readonly schemaVersion: number;
    }
  | {
      readonly kind: 'invalid-field';
      readonly type: FamilyEventType;
      /** The path of the field, such as `data.members[2].memberId`. */
      readonly field: string;
      readonly expected: string;
    };

export type ParsedFamilyEvent =
  | { readonly ok: true; readonly event: FamilyEvent }
  | { readonly ok: false; readonly error: FamilyEventError };

/** A check of one value: undefined when it holds, else what was expected and where (relative to the value). */
type Check = (value: unknown) => { readonly at: string; readonly expected: string } | undefined;

const fail = (expected: string, at = '') => ({ at, expected });
const string: Check = (v) => (typeof v === 'string' ? undefined : fail('a string'));
const number: Check = (v) => (typeof v === 'number' ? undefined : fail('a number'));
const boolean: Check = (v) => (typeof v === 'boolean' ? undefined : fail('a boolean'));
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined ? undefined : check(v);
const list =
  (check: Check): Check =>
  (v) => {
    if (!Array.isArray(v)) return fail('a list');
    for (let i = 0; i < v.length; i++) {
      const problem = check(v[i]);
      if (problem) return { at: `[${i}]${problem.at}`, expected: problem.expected };
    }
    return undefined;
  };
/** Checks only the listed fields: the personal ones are left alone, since they may be sealed or erased. */
const object =
  (fields: Readonly<Record<string, Check>>): Check =>
  (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('an object');
    const record = v as Record<string, unknown>;
    for (const name in fields) {
      const problem = fields[name]!(record[name]);
      if (problem) return { at: `.${name}${problem.at}`, expected: problem.expected };
    }
    return undefined;
  };

const member = object({ memberId: string, role: string, birthYear: optional(number) });
const goals = list(object({ goalId: string, memberIds: list(string) }));

/**
 * The fields of each event's `data` that the code relies on, with their types (`occurredAt` for all). Personal
 * fields (see `PERSONAL_FIELDS`) are not checked: at this boundary they may be sealed, or erased.
 */
const SCHEMAS: { readonly [T in FamilyEventType]: Readonly<Record<string, Check>> } = {
  FamilyRegistered: { familyId: string, municipality: string, members: list(member) },
  FamilyMemberAdded: { member },
  MemberBsnRecorded: { memberId: string },
  SignalReceived: {
    signalId: string,
    source: string,
    referrerOrganisation: optional(string),
    concerns: list(string),
    urgency: string,
    concernedMemberIds: list(string),
    caseNumber: number,
    reentry: boolean,
  },
  ConsultationHeld: { consultationId: string, advice: string },
  ProfessionalJoinedNetwork: {
    professionalId: string,
    organisation: string,
    discipline: optional(string),
  },
  ProfessionalLeftNetwork: { professionalId: string },
  CaseDirectorAssigned: { professionalId: string, previousProfessionalId: optional(string) },
  ExplanatoryAnalysisStarted: { analysisId: string, caseNumber: number },
  ExplanatoryAnalysisCompleted: {
    analysisId: string,
    safetyLevel: string,
    careNeeds: list(object({ memberId: string })),
  },
  TreatmentPlanAdopted: {
    planId: string,
    version: number,
    basedOnAnalysisId: string,
    goals,
    agreedWithFamily: boolean,
    evaluateBy: optional(string),
    caseNumber: number,
  },
  TreatmentPlanRevised: { planId: string, version: number, goals },
  CareRequested: {
    trajectoryId: string,
    careForm: string,
    providerId: string,
    memberIds: list(string),
    planId: optional(string),
    caseNumber: number,
    origin: optional(string),
    outsidePlan: optional(boolean),
    reference: optional(string),
  },
  CareRequestWithdrawn: { trajectoryId: string },
  CareStarted: { trajectoryId: string, origin: optional(string) },
  CareEnded: {
    trajectoryId: string,
    reason: string,
    origin: optional(string),
    ijwReason: optional(string),
  },
  MdoHeld: { mdoId: string, familyPresent: boolean, nextMdoDueBy: string },
  ProgressNoted: { noteId: string, workstream: string },
  SafetyAssessed: { assessmentId: string, level: string, phase: optional(string) },
  SafetyTeamReviewed: { reviewId: string },
  OutflowRegistered: {
    destination: string,
    handoverTo: optional(string),
    caseNumber: number,
  },
  FollowUpRecorded: {
    monthsAfterOutflow: number,
    status: optional(string),
    caseNumber: number,
  },
  PersonalDataErased: { legalBasis: string },
  RunningCareRecorded: {
    trajectoryId: string,
    careForm: string,
    providerId: string,
    memberIds: list(string),
    startedAt: string,
    allocationNumber: optional(string),
    outsidePlan: boolean,
    caseNumber: number,
    origin: optional(string),
  },
  CareHandedOver: { trajectoryId: string, handoverTo: optional(string), caseNumber: number },
  CareAllocated: {
    trajectoryId: string,
    allocationNumber: string,
    productCategory: string,
    productCode: optional(string),
    allocatedFrom: string,
    allocatedUntil: optional(string),
    origin: string,
  },
  ProtectionMeasureImposed: {
    measureId: string,
    kind: string,
    memberIds: list(string),
    institution: string,
    startedAt: string,
    endsBy: optional(string),
  },
  ProtectionMeasureEnded: { measureId: string },
  SafeAtHomeReportMade: { reportId: string, kind: string, memberIds: list(string) },
  PlanEvaluated: {
    evaluationId: string,
    planId: string,
    planVersion: number,
    goals: list(object({ goalId: string, status: string })),
    familyInvolved: boolean,
    nextEvaluateBy: optional(string),
  },
  MemberViewRecorded: {
    viewId: string,
    memberId: string,
    topic: string,
    feelsSafe: optional(number),
  },
  InformalSupporterAdded: { supporterId: string },
  PlanAgreementRecorded: {
    agreementId: string,
    planId: string,
    planVersion: number,
    memberId: string,
    agreed: boolean,
  },
  ParentalAuthorityRecorded: { childMemberId: string, holderMemberIds: list(string) },
  DataSharingRecorded: { memberId: string, withMemberId: string, shared: boolean },
};

/**
 * The case number a read model sees on an outflow or a follow-up that was stored without one (early data): no
 * case, since case numbers start at 1. Code that counts cases leaves it out.
 */
export const UNKNOWN_CASE = 0;

/** Fields the code can do without, and the value they read as when they are missing. */
const DEFAULTS: { readonly [T in FamilyEventType]?: Readonly<Record<string, unknown>> } = {
  OutflowRegistered: { caseNumber: UNKNOWN_CASE },
  FollowUpRecorded: { caseNumber: UNKNOWN_CASE },
};

const CHECKS: { readonly [T in FamilyEventType]: Check } = Object.fromEntries(
  Object.entries(SCHEMAS).map(([type, fields]) => [
    type,
    object({ ...fields, occurredAt: string }),
  ]),
) as { readonly [T in FamilyEventType]: Check };

/**
 * Parses an event read back from a store into a typed family event, once, at the boundary: the type is one of
 * the family's, its schema version one this code knows (absent: the current one; older ones are upcast, see
 * `upcasters.ts`), and every field the code
 * relies on is there with its type. Values are not checked against the vocabularies or as times: events are
 * facts, and a read model shows an odd value as it is. Never throws.
 */
export function parseFamilyEvent(record: {
  readonly type: string;
  readonly data: unknown;
  readonly schemaVersion?: number;
}): ParsedFamilyEvent {
  const { type, schemaVersion } = record;
  if (!isFamilyEventType(type)) return { ok: false, error: { kind: 'unknown-type', type } };
  const data = upcast(type, schemaVersion ?? EVENT_SCHEMA_VERSIONS[type], record.data);
  if (data === undefined) {
    return {
      ok: false,
      error: { kind: 'unsupported-schema-version', type, schemaVersion: schemaVersion ?? 0 },
    };
  }
  const complete = withDefaults(type, data);
  const problem = CHECKS[type](complete);
  if (problem) {
    return {
      ok: false,
      error: {
        kind: 'invalid-field',
        type,
        field: `data${problem.at}`,
        expected: problem.expected,
      },
    };
  }
  return { ok: true, event: { type, data: complete } as FamilyEvent };
}

/** The data with the defaults of its missing fields (a copy, only when one is missing). */
function withDefaults(type: FamilyEventType, data: unknown): unknown {
  const defaults = DEFAULTS[type];
  if (!defaults || typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const record = data as Record<string, unknown>;
  const missing = Object.keys(defaults).filter((field) => record[field] === undefined);
  if (missing.length === 0) return data;
  const completed = { ...record };
  for (const field of missing) completed[field] = defaults[field];
  return completed;
}

/** A sentence naming what is wrong, for logs and dead letters: the type and the field, never the value. */
export function describeFamilyEventError(error: FamilyEventError): string {
  switch (error.kind) {
    case 'unknown-type':
      return `${error.type} is not a family event type`;
    case 'unsupported-schema-version':
      return `${error.type} has schema version ${error.schemaVersion}, which this code does not know`;
    case 'invalid-field':
      return `${error.type}: ${error.field} is not ${error.expected}`;
    default: {
      const unknown: never = error;
      return `unknown error ${JSON.stringify(unknown)}`;
    }
  }
}
