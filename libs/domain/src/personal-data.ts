import type { FamilyEventType } from './events';

/**
 * Where each event type keeps personal data (persoonsgegevens): names, the BSN and free text about the family.
 * These are the fields stored encrypted under the family's key and made unreadable by erasure; everything else
 * is an anonymous fact the figures are built from. A path names a field of the event's `data`; `[]` means every
 * element of a list.
 */
export const PERSONAL_FIELDS: { readonly [T in FamilyEventType]: readonly string[] } = {
  FamilyRegistered: ['members[].displayName', 'members[].bsn'],
  FamilyMemberAdded: ['member.displayName', 'member.bsn'],
  MemberBsnRecorded: ['bsn'],
  SignalReceived: ['summary'],
  ConsultationHeld: [],
  ProfessionalJoinedNetwork: [],
  ProfessionalLeftNetwork: [],
  CaseDirectorAssigned: [],
  ExplanatoryAnalysisStarted: [],
  ExplanatoryAnalysisCompleted: [
    'patterns[]',
    'riskFactors[]',
    'protectiveFactors[]',
    'careNeeds[].need',
  ],
  TreatmentPlanAdopted: ['goals[].description'],
  TreatmentPlanRevised: ['reason', 'goals[].description'],
  CareRequested: [],
  CareRequestWithdrawn: ['reason'],
  CareStarted: [],
  CareEnded: [],
  MdoHeld: ['participants[]', 'decisions[]'],
  ProgressNoted: ['note'],
  SafetyAssessed: ['notes'],
  SafetyTeamReviewed: ['outcome', 'advice'],
  OutflowRegistered: ['reason'],
  FollowUpRecorded: ['outcome'],
  PersonalDataErased: [],
  RunningCareRecorded: [],
  CareHandedOver: [],
  CareAllocated: [],
  ProtectionMeasureImposed: [],
  ProtectionMeasureEnded: ['reason'],
  SafeAtHomeReportMade: ['outcome'],
  PlanEvaluated: [],
  MemberViewRecorded: ['text'],
  InformalSupporterAdded: ['displayName', 'relation'],
  PlanAgreementRecorded: ['comment'],
  ParentalAuthorityRecorded: [],
  DataSharingRecorded: [],
};

/** Where the BSN is kept: it is personal data that no read model may hold, not even encrypted. */
export const BSN_FIELDS: { readonly [T in FamilyEventType]?: readonly string[] } = {
  FamilyRegistered: ['members[].bsn'],
  FamilyMemberAdded: ['member.bsn'],
  MemberBsnRecorded: ['bsn'],
};

/**
 * A copy of `data` with every string at one of `paths` replaced by `replace(value)`; a replacement of
 * `undefined` removes the field. Fields that are absent, or not strings, are left as they are; `data` itself is
 * never changed.
 */
export function mapFields<T>(
  data: T,
  paths: readonly string[],
  replace: (value: string) => string | null | undefined,
): T {
  let result: unknown = data;
  for (const path of paths) result = mapPath(result, path.split('.'), replace);
  return result as T;
}

function mapPath(
  value: unknown,
  steps: readonly string[],
  replace: (value: string) => string | null | undefined,
): unknown {
  const [step, ...rest] = steps;
  if (step === undefined) return typeof value === 'string' ? replace(value) : value;
  const list = step.endsWith('[]');
  const key = list ? step.slice(0, -2) : step;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(record, key)) return value;
  const field = record[key];
  let mapped: unknown;
  if (list) {
    if (!Array.isArray(field)) return value;
    mapped = field.map((element) => mapPath(element, rest, replace));
  } else {
    mapped = mapPath(field, rest, replace);
  }
  if (mapped === field) return value;
  const copy = { ...record };
  if (mapped === undefined) delete copy[key];
  else copy[key] = mapped;
  return copy;
}

/** What read models keep in place of a BSN: that the member has one, never which. */
export const REDACTED_BSN = 'redacted';

/** The event's data with every BSN replaced by {@link REDACTED_BSN}: what read models may see of it. */
export function withoutBsn<T>(type: string, data: T): T {
  const paths = (BSN_FIELDS as Readonly<Record<string, readonly string[] | undefined>>)[type];
  return paths ? mapFields(data, paths, () => REDACTED_BSN) : data;
}
