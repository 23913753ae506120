/**
 * Dutch words for every value of the API's vocabularies. The API speaks English identifiers; people read these
 * (in the web UI, and in the PDFs the API makes). Pure data, safe in a browser: the web imports it through its
 * alias `@samenspoor/domain/labels-nl`. A value without a word here (a care form or workstream a region
 * configured itself) is shown as it is.
 */

export type Labels = Readonly<Record<string, string>>;

export function label(labels: Labels, value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return labels[value] ?? value;
}

export const ROLE_LABELS: Labels = {
  professional: 'Professional',
  'safety-team': 'Regionaal Veiligheidsteam',
  manager: 'Manager',
  auditor: 'Auditor / privacyfunctionaris',
  family: 'Gezinslid',
};

export const STATUS_LABELS: Labels = {
  registered: 'Aangemeld',
  signalled: 'Gesignaleerd',
  'in-analysis': 'In analyse',
  planned: 'Plan vastgesteld',
  'in-care': 'In zorg',
  outflowed: 'Uitgestroomd',
  'not-admitted': 'Niet toegelaten',
};

export const MEMBER_ROLE_LABELS: Labels = {
  youth: 'Jeugdige',
  parent: 'Ouder',
  carer: 'Verzorger',
  sibling: 'Broer of zus',
  other: 'Anders',
};

export const SOURCE_LABELS: Labels = {
  'local-team': 'Lokaal team (WIJ)',
  gp: 'Huisarts',
  'certified-institution': 'Gecertificeerde instelling (GI)',
  'safe-at-home': 'Veilig Thuis',
  education: 'Onderwijs',
  'youth-health': 'Jeugdgezondheidszorg (JGZ/GGD)',
  'care-provider': 'Zorgaanbieder',
  police: 'Politie',
  family: 'Het gezin zelf',
  other: 'Anders',
};

export const CONCERN_LABELS: Labels = {
  trauma: 'Trauma',
  debts: 'Schulden',
  addiction: 'Verslaving',
  'domestic-violence': 'Huiselijk geweld',
  'eating-disorder': 'Eetstoornis',
  'school-dropout': 'Schooluitval',
  anxiety: 'Angst',
  'intellectual-disability': 'Licht verstandelijke beperking (LVB)',
  psychiatric: 'Psychiatrische problematiek',
  'parenting-stress': 'Opvoedingsstress',
  housing: 'Huisvesting',
  'complex-divorce': 'Complexe scheiding',
  homelessness: 'Dakloosheid',
  other: 'Anders',
};

export const URGENCY_LABELS: Labels = {
  regular: 'Regulier',
  urgent: 'Urgent',
  crisis: 'Crisis',
};

export const ADVICE_LABELS: Labels = {
  'hsj-mcp-route': 'HSJ-MCP-route',
  'regular-route': 'Reguliere route',
  'no-action': 'Geen actie',
};

export const CARE_FORM_LABELS: Labels = {
  'secure-residential': 'Jeugdhulp Plus (gesloten)',
  'small-scale-residential': 'Kleinschalig wonen',
  'mental-health-treatment': 'Jeugd-GGZ-behandeling',
  'mental-health-admission': 'GGZ-opname',
  'crisis-care': 'Crisishulp',
  'addiction-care': 'Verslavingszorg',
  'family-home': 'Gezinshuis',
  'foster-care': 'Pleegzorg',
  'day-treatment': 'Dagbehandeling',
  'intensive-ambulatory-family': 'Intensieve ambulante gezinsbehandeling',
  'trauma-treatment': 'Traumabehandeling',
  'intellectual-disability-care': 'LVB-zorg',
};

export const SAFETY_LEVEL_LABELS: Labels = {
  safe: 'Veilig',
  concerns: 'Zorgen',
  unsafe: 'Onveilig',
};

export const SAFETY_PHASE_LABELS: Labels = {
  'direct-safety': 'Directe veiligheid',
  'stable-safety': 'Stabiele veiligheid',
  recovery: 'Herstel',
};

export const WORKSTREAM_LABELS: Labels = {
  execution: 'Uitvoering',
  direction: 'Regie',
  innovation: 'Innovatie',
  safety: 'Veiligheid',
  other: 'Overig',
};

export const END_REASON_LABELS: Labels = {
  completed: 'Afgerond',
  breakdown: 'Voortijdig gestopt',
  transferred: 'Overgedragen',
  other: 'Anders',
};

export const DESTINATION_LABELS: Labels = {
  'local-team': 'Lokaal team',
  'regular-care': 'Reguliere zorg',
  'adult-care': 'Volwassenenzorg (18+)',
  'no-further-care': 'Geen verdere zorg',
  moved: 'Verhuisd',
  other: 'Anders',
};

/** Kinderbeschermingsmaatregelen. */
export const PROTECTION_MEASURE_KIND_LABELS: Labels = {
  'supervision-order': 'Ondertoezichtstelling (OTS)',
  guardianship: 'Voogdij',
  'juvenile-probation': 'Jeugdreclassering',
  'out-of-home-authorisation': 'Machtiging uithuisplaatsing',
};

export const PROTECTION_MEASURE_STATUS_LABELS: Labels = {
  active: 'Loopt',
  ended: 'Beëindigd',
};

/** The Meldcode step with Veilig Thuis. */
export const SAFE_AT_HOME_KIND_LABELS: Labels = {
  advice: 'Advies gevraagd',
  report: 'Melding gedaan',
};

/** Where a plan goal stands at an evaluation. */
export const GOAL_STATUS_LABELS: Labels = {
  achieved: 'Bereikt',
  'partly-achieved': 'Deels bereikt',
  'not-achieved': 'Niet bereikt',
  ongoing: 'Loopt nog',
};

/** What a member's own view is about. */
export const VOICE_TOPIC_LABELS: Labels = {
  safety: 'Veiligheid',
  plan: 'Het plan',
  care: 'De zorg',
  other: 'Iets anders',
};

/** How the family is doing at a follow-up after outflow. */
export const FOLLOW_UP_STATUS_LABELS: Labels = {
  'doing-well': 'Gaat goed',
  'needs-support': 'Heeft steun nodig',
  'back-in-care': 'Weer in zorg',
  'not-reached': 'Niet bereikt',
};

export const TRAJECTORY_STATUS_LABELS: Labels = {
  requested: 'Aangevraagd (wacht)',
  started: 'Loopt',
  ended: 'Beëindigd',
  withdrawn: 'Ingetrokken',
};

export const ANALYSIS_STATUS_LABELS: Labels = {
  'in-progress': 'Loopt',
  completed: 'Afgerond',
};

export const STAGE_LABELS: Labels = {
  analysis: 'Van signaal tot start verklarende analyse',
  plan: 'Van afgeronde analyse tot plan',
  care: 'Van zorgaanvraag tot start zorg',
};

export const EVENT_LABELS: Labels = {
  FamilyRegistered: 'Gezin aangemeld',
  FamilyMemberAdded: 'Gezinslid toegevoegd',
  MemberBsnRecorded: 'BSN van een gezinslid vastgelegd',
  CareAllocated: 'Zorg toegewezen door de gemeente',
  SignalReceived: 'Signaal ontvangen',
  ConsultationHeld: 'Consultatie gehouden',
  ProfessionalJoinedNetwork: 'Professional in het netwerk',
  ProfessionalLeftNetwork: 'Professional uit het netwerk',
  CaseDirectorAssigned: 'Casusregisseur toegewezen',
  ExplanatoryAnalysisStarted: 'Verklarende analyse gestart',
  ExplanatoryAnalysisCompleted: 'Verklarende analyse afgerond',
  TreatmentPlanAdopted: 'Plan vastgesteld',
  TreatmentPlanRevised: 'Plan herzien',
  CareRequested: 'Zorg aangevraagd',
  CareRequestWithdrawn: 'Zorgaanvraag ingetrokken',
  CareStarted: 'Zorg gestart',
  CareEnded: 'Zorg beëindigd',
  MdoHeld: 'MDO gehouden',
  ProgressNoted: 'Voortgang genoteerd',
  SafetyAssessed: 'Veiligheid ingeschat',
  SafetyTeamReviewed: 'Besproken door het Regionaal Veiligheidsteam',
  OutflowRegistered: 'Uitstroom vastgelegd',
  FollowUpRecorded: 'Nazorgcontact vastgelegd',
  PersonalDataErased: 'Persoonsgegevens gewist',
  RunningCareRecorded: 'Lopende zorg vastgelegd',
  CareHandedOver: 'Zorg overgedragen',
  ProtectionMeasureImposed: 'Kinderbeschermingsmaatregel opgelegd',
  ProtectionMeasureEnded: 'Kinderbeschermingsmaatregel beëindigd',
  SafeAtHomeReportMade: 'Veilig Thuis ingeschakeld',
  PlanEvaluated: 'Plan geëvalueerd',
  MemberViewRecorded: 'Stem van het gezin vastgelegd',
  InformalSupporterAdded: 'Iemand uit het eigen netwerk toegevoegd',
};

/** The overview's five lists ("zicht op veiligheid"). */
export const SAFETY_LIST_LABELS: Labels = {
  noCaseDirector: 'Geen casusregisseur',
  planOverdue: 'Geen plan binnen de norm',
  mdoOverdue: 'MDO over de datum',
  unsafeWithoutReview: 'Onveilig en niet besproken door het RVT',
  followUpDue: 'Nazorg na uitstroom te doen',
  inCareWithoutMdo: 'In zorg zonder MDO',
  planWithoutCare: 'Plan zonder zorg',
  evaluationOverdue: 'Evaluatie van het plan te laat',
  openCrisis: 'Crisis zonder zorg',
  protectionMeasureActive: 'Kinderbeschermingsmaatregel loopt',
  reassessmentDue: 'Veiligheid opnieuw inschatten',
  careOutsidePlan: 'Zorg buiten het plan (iJw)',
};

export const DISTRIBUTION_LABELS: Labels = {
  activeTrajectories: 'Lopende trajecten per gezin',
  distinctProviders: 'Aanbieders per gezin',
  networkSize: 'Professionals in het netwerk',
};

/**
 * The domain rules (api.md's `rule` codes) in plain Dutch: what was refused and what to do first. The principle
 * a rule comes from stands in front, as professionals know it from the HSJ-MCP working method.
 */
export const RULE_MESSAGES: Labels = {
  'not-registered': 'Dit gezin is niet aangemeld. Meld het gezin eerst aan.',
  'no-signal':
    'Eerst een signaal: een verklarende analyse start pas nadat er een HSJ-MCP-signaal over het gezin is vastgelegd.',
  'analysis-in-progress':
    'Er loopt al een verklarende analyse. Rond die eerst af voordat u een nieuwe start.',
  'first-understand-then-act':
    'Eerst begrijpen, dan handelen: rond eerst de verklarende analyse af voordat u een plan vaststelt.',
  'no-adopted-plan':
    'Geen zorg zonder plan: vraag zorg aan onder het vastgestelde plan van het gezin. Alleen crisishulp kan zonder plan.',
  'invalid-transition':
    'Deze stap past niet bij waar het traject nu staat. Een traject gaat van aangevraagd naar gestart naar beëindigd (of van aangevraagd naar ingetrokken), nooit terug en nooit twee keer.',
  'director-not-in-network':
    'Eén gezin, één regisseur: de casusregisseur moet in het netwerk rond het gezin zitten. Voeg de professional eerst toe aan het netwerk.',
  'unknown-reference':
    'Een genoemd gezinslid, analyse, plan of traject hoort niet bij dit gezin. Laad het gezin opnieuw en kies opnieuw.',
  'open-trajectories':
    'Uitstroom kan pas als elk traject is beëindigd of ingetrokken. Sluit eerst de lopende trajecten af.',
  'case-closed':
    'Het dossier van dit gezin is gesloten voor deze stap: na een uitstroom kan alleen nog nazorg of een nieuw signaal, en na het wissen van de persoonsgegevens niets meer.',
  'not-deciding-own-data':
    'Alleen wie zelf over de eigen gegevens beslist (16 jaar of ouder, of volwassen), kan ze delen met een ander gezinslid.',
  'invalid-time':
    'Het tijdstip kan niet: niet in de toekomst, niet vóór de aanmelding van het gezin, en zorg start niet vóór de aanvraag.',
};

/** The outcome of an audited request. */
export const AUDIT_OUTCOME_LABELS: Labels = {
  success: 'Gelukt',
  invalid: 'Ongeldige invoer',
  denied: 'Geweigerd: geen toegang',
  'not-found': 'Niet gevonden',
  conflict: 'Niet vastgelegd: intussen gewijzigd',
  refused: 'Geweigerd door een regel',
  unavailable: 'Niet beschikbaar',
  error: 'Fout',
};

/** Why a request was refused, or how a family was shown (`detail` of an audit entry). */
export const AUDIT_DETAIL_LABELS: Labels = {
  listed: 'stond in een lijst of tabel',
  'no-role': 'de rol past niet',
  'not-in-network': 'niet in het netwerk van het gezin',
  'already-known': 'kind al bekend in de regio (match)',
  'possible-duplicate': 'mogelijk al aangemeld (match)',
  'match-rate-exceeded': 'te veel matches in een uur',
};

/** The outcome of a registration that matched a known family: not a conflict of versions, a refusal. */
export const AUDIT_MATCH_DETAILS = new Set(['already-known', 'possible-duplicate']);

/** What an audited request did, by its route (`GET /api/families/:familyId`), in words. */
export const AUDIT_ACTION_LABELS: Labels = {
  'POST /api/families': 'Gezin aangemeld',
  'GET /api/families': 'Gezinnenlijst bekeken',
  'POST /api/families/search': 'Gezinnen gezocht',
  'GET /api/families/:familyId': 'Gezin ingezien',
  'GET /api/families/:familyId/timeline': 'Tijdlijn ingezien',
  'GET /api/families/:familyId/steps': 'Mogelijke stappen bekeken',
  'GET /api/families/:familyId/file.pdf': 'Dossier gedownload (pdf)',
  'POST /api/families/:familyId/members': 'Gezinslid toegevoegd',
  'POST /api/families/:familyId/signals': 'Signaal vastgelegd',
  'POST /api/families/:familyId/consultations': 'Consultatie vastgelegd',
  'POST /api/families/:familyId/network': 'Professional aan het netwerk toegevoegd',
  'DELETE /api/families/:familyId/network/:professionalId': 'Professional uit het netwerk gehaald',
  'PUT /api/families/:familyId/case-director': 'Casusregisseur toegewezen',
  'POST /api/families/:familyId/analyses': 'Verklarende analyse gestart',
  'POST /api/families/:familyId/analyses/:analysisId/complete': 'Verklarende analyse afgerond',
  'POST /api/families/:familyId/plans': 'Plan vastgesteld',
  'POST /api/families/:familyId/plans/:planId/revisions': 'Plan herzien',
  'POST /api/families/:familyId/trajectories': 'Zorg aangevraagd',
  'POST /api/families/:familyId/trajectories/:trajectoryId/start': 'Start van de zorg vastgelegd',
  'POST /api/families/:familyId/trajectories/:trajectoryId/end': 'Einde van de zorg vastgelegd',
  'POST /api/families/:familyId/trajectories/:trajectoryId/withdraw': 'Zorgaanvraag ingetrokken',
  'POST /api/families/:familyId/mdos': 'MDO vastgelegd',
  'POST /api/families/:familyId/progress-notes': 'Voortgangsnotitie vastgelegd',
  'POST /api/families/:familyId/safety-assessments': 'Veiligheidsinschatting vastgelegd',
  'POST /api/families/:familyId/safety-reviews': 'Bespreking RVT vastgelegd',
  'POST /api/families/:familyId/outflow': 'Uitstroom vastgelegd',
  'POST /api/families/:familyId/follow-ups': 'Nazorgcontact vastgelegd',
  'POST /api/families/:familyId/running-care': 'Lopende zorg vastgelegd',
  'POST /api/families/:familyId/protection-measures': 'Kinderbeschermingsmaatregel vastgelegd',
  'POST /api/families/:familyId/protection-measures/:measureId/end':
    'Einde van een kinderbeschermingsmaatregel vastgelegd',
  'POST /api/families/:familyId/safe-at-home-reports': 'Stap met Veilig Thuis vastgelegd',
  'POST /api/families/:familyId/plans/:planId/evaluations': 'Evaluatie van het plan vastgelegd',
  'POST /api/families/:familyId/voices': 'Stem van een gezinslid vastgelegd',
  'POST /api/families/:familyId/informal-network': 'Iemand uit het eigen netwerk toegevoegd',
  'DELETE /api/families/:familyId/personal-data': 'Persoonsgegevens vernietigd',
  'GET /api/families/:familyId/access-log': 'Toegangslog ingezien',
  'GET /api/audit': 'Auditlog ingezien',
  'GET /api/me': 'Aangemeld',
  'GET /api/region': 'Regio-instellingen opgehaald',
  'GET /api/projections/waiting-list': 'Wachtlijst bekeken',
  'GET /api/projections/waiting-list/history': 'Verloop van de wachtlijst bekeken',
  'GET /api/projections/waiting-list/entries': 'Wachtenden bekeken',
  'GET /api/projections/stacking': 'Stapeling van zorg bekeken',
  'GET /api/projections/safety-overview': 'Zicht op veiligheid bekeken',
  'GET /api/projections/outflow': 'Uitstroom en nazorg bekeken',
};
