/**
 * The words of the HSJ-MCP route (domain.md "Vocabulary"). Municipalities, care forms and workstreams are
 * defaults of the region configuration; the other lists are fixed by the method.
 */

export const MUNICIPALITIES = [
  'Eemsdelta',
  'Groningen',
  'Het Hogeland',
  'Midden-Groningen',
  'Oldambt',
  'Pekela',
  'Stadskanaal',
  'Veendam',
  'Westerkwartier',
  'Westerwolde',
] as const;

export const MEMBER_ROLES = ['youth', 'parent', 'carer', 'sibling', 'other'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Who raised the signal: local team (WIJ), GP, certified institution (GI), Veilig Thuis, school, … */
export const SIGNAL_SOURCES = [
  'local-team',
  'gp',
  'certified-institution',
  'safe-at-home',
  'education',
  'youth-health',
  'care-provider',
  'police',
  'family',
  'other',
] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];

export const CONCERNS = [
  'trauma',
  'debts',
  'addiction',
  'domestic-violence',
  'eating-disorder',
  'school-dropout',
  'anxiety',
  'intellectual-disability',
  'psychiatric',
  'parenting-stress',
  'housing',
  'complex-divorce',
  'homelessness',
  'other',
] as const;
export type Concern = (typeof CONCERNS)[number];

export const URGENCIES = ['regular', 'urgent', 'crisis'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Advice of the consultation (consultatie): does the family enter the HSJ-MCP route? */
export const CONSULTATION_ADVICE = ['hsj-mcp-route', 'regular-route', 'no-action'] as const;
export type ConsultationAdvice = (typeof CONSULTATION_ADVICE)[number];

/** Default care forms; the region configuration may change the list and the norms. */
export const CARE_FORMS = [
  'secure-residential',
  'small-scale-residential',
  'mental-health-treatment',
  'mental-health-admission',
  'crisis-care',
  'addiction-care',
  'family-home',
  'foster-care',
  'day-treatment',
  'intensive-ambulatory-family',
  'trauma-treatment',
  'intellectual-disability-care',
] as const;

/** The care form that may be requested without an adopted plan (rule 4). */
export const CRISIS_CARE = 'crisis-care';

export const SAFETY_LEVELS = ['safe', 'concerns', 'unsafe'] as const;
export type SafetyLevel = (typeof SAFETY_LEVELS)[number];

/** Phases of "gefaseerd samenwerken aan veiligheid". */
export const SAFETY_PHASES = ['direct-safety', 'stable-safety', 'recovery'] as const;
export type SafetyPhase = (typeof SAFETY_PHASES)[number];

/** Default continuous workstreams (Big Five); the region configuration may change them. */
export const WORKSTREAMS = ['execution', 'direction', 'innovation', 'safety', 'other'] as const;

/** Where a care step came from when not from a professional: `ijw`, the messages of the iJw chain. */
export const CARE_ORIGINS = ['ijw'] as const;
export type CareOrigin = (typeof CARE_ORIGINS)[number];

export const CARE_END_REASONS = ['completed', 'breakdown', 'transferred', 'other'] as const;
export type CareEndReason = (typeof CARE_END_REASONS)[number];

export const OUTFLOW_DESTINATIONS = [
  'local-team',
  'regular-care',
  'adult-care',
  'no-further-care',
  'moved',
  'other',
] as const;
export type OutflowDestination = (typeof OUTFLOW_DESTINATIONS)[number];

/** "Don't let go": follow-ups after outflow, in months. */
export const FOLLOW_UP_MONTHS = [3, 6, 12] as const;
export type FollowUpMonths = (typeof FOLLOW_UP_MONTHS)[number];

/** Advice of a consultation that closes the case: the family is not admitted to the HSJ-MCP route. */
export const CLOSING_CONSULTATION_ADVICE = ['regular-route', 'no-action'] as const;

/** Child-protection measures (kinderbeschermingsmaatregelen): OTS, voogdij, jeugdreclassering, machtiging uithuisplaatsing. */
export const PROTECTION_MEASURE_KINDS = [
  'supervision-order',
  'guardianship',
  'juvenile-probation',
  'out-of-home-authorisation',
] as const;
export type ProtectionMeasureKind = (typeof PROTECTION_MEASURE_KINDS)[number];

/** The Meldcode step with Veilig Thuis: asking its advice, or reporting (melding). */
export const SAFE_AT_HOME_REPORT_KINDS = ['advice', 'report'] as const;
export type SafeAtHomeReportKind = (typeof SAFE_AT_HOME_REPORT_KINDS)[number];

/** Where a plan goal stands at an evaluation. */
export const GOAL_STATUSES = ['achieved', 'partly-achieved', 'not-achieved', 'ongoing'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** What a member's own view is about. */
export const VOICE_TOPICS = ['safety', 'plan', 'care', 'other'] as const;
export type VoiceTopic = (typeof VOICE_TOPICS)[number];

/** How the family is doing at a follow-up after outflow. */
export const FOLLOW_UP_STATUSES = [
  'doing-well',
  'needs-support',
  'back-in-care',
  'not-reached',
] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
