import type { FamilyEvent } from '@samenspoor/domain';

/**
 * The family's own view in plain Dutch at level B1 (taalniveau B1): short sentences, everyday words, a hard
 * word explained where it first appears. Only what happened, never what a professional wrote: progress notes,
 * safety-team advice and other members' views are left out by construction — no text field of an event is read.
 */

/** Looks a recorded value up in a table of everyday words; an unknown value is told as it was recorded. */
function wordTable(table: Readonly<Record<string, string>>): (value: string) => string {
  return (value) => table[value] ?? value;
}

/** A care form in everyday words; an unknown one as it was recorded. */
export const careFormWords = wordTable({
  'secure-residential': 'wonen in een gesloten instelling (Jeugdhulp Plus)',
  'small-scale-residential': 'wonen in een kleine woongroep',
  'mental-health-treatment': 'behandeling voor psychische klachten',
  'mental-health-admission': 'opname voor psychische klachten',
  'crisis-care': 'hulp bij een crisis',
  'addiction-care': 'hulp bij verslaving',
  'family-home': 'wonen in een gezinshuis',
  'foster-care': 'wonen in een pleeggezin',
  'day-treatment': 'dagbehandeling',
  'intensive-ambulatory-family': 'intensieve hulp thuis voor het hele gezin',
  'trauma-treatment': 'behandeling na nare ervaringen (trauma)',
  'intellectual-disability-care': 'hulp bij een verstandelijke beperking',
});

/** A measure of the juvenile court in everyday words. */
export const measureWords = wordTable({
  'supervision-order': 'ondertoezichtstelling: een gezinsvoogd helpt en kijkt mee',
  guardianship: 'voogdij: een instelling beslist over het kind in plaats van de ouders',
  'juvenile-probation': 'jeugdreclassering',
  'out-of-home-authorisation': 'machtiging uithuisplaatsing: het kind mag ergens anders wonen',
});

const SOURCES: Readonly<Record<string, string>> = {
  'local-team': 'het wijkteam',
  gp: 'de huisarts',
  'certified-institution': 'de jeugdbescherming',
  'safe-at-home': 'Veilig Thuis',
  education: 'school',
  'youth-health': 'de jeugdgezondheidszorg (GGD)',
  'care-provider': 'een zorgaanbieder',
  police: 'de politie',
  family: 'uw gezin zelf',
};

/** What "verklarende analyse" means, said where it first appears. */
export const EXPLANATORY_ANALYSIS =
  'Daarin zoeken hulpverleners samen met u uit wat er aan de hand is, en waarom.';

/** The events whose sentence is made from their facts (a source, a care form) or differs per member. */
type ToldFromFacts =
  | 'SignalReceived'
  | 'ConsultationHeld'
  | 'ProfessionalJoinedNetwork'
  | 'ExplanatoryAnalysisStarted'
  | 'CareRequested'
  | 'RunningCareRecorded'
  | 'ProtectionMeasureImposed'
  | 'SafeAtHomeReportMade'
  | 'MemberViewRecorded'
  | 'PlanAgreementRecorded'
  | 'DataSharingRecorded'
  | 'PersonalDataErased';

/** What happened, in the same words for every member: the events told without any of their facts. */
const SAID: { readonly [T in Exclude<FamilyEvent['type'], ToldFromFacts>]: string } = {
  FamilyRegistered: 'Uw gezin is aangemeld.',
  FamilyMemberAdded: 'Er is iemand aan uw gezin toegevoegd.',
  ProfessionalLeftNetwork: 'Een hulpverlener helpt niet meer mee.',
  CaseDirectorAssigned:
    'Uw gezin heeft een regievoerder: de vaste persoon die de hulp regelt en met wie u alles bespreekt.',
  ExplanatoryAnalysisCompleted: 'De verklarende analyse is klaar.',
  TreatmentPlanAdopted: 'Het plan voor uw gezin is gemaakt.',
  TreatmentPlanRevised: 'Het plan is aangepast.',
  PlanEvaluated: 'Het plan is besproken. Hoe gaat het met de doelen?',
  CareRequestWithdrawn: 'Een aanvraag voor hulp is ingetrokken.',
  CareAllocated: 'De gemeente heeft de hulp toegekend.',
  CareStarted: 'De hulp is begonnen.',
  CareEnded: 'De hulp is gestopt.',
  CareHandedOver: 'De hulp gaat verder bij een andere organisatie.',
  MdoHeld: 'Er was een overleg met alle hulpverleners samen (MDO).',
  ProgressNoted: 'Een hulpverlener heeft iets genoteerd over de hulp.',
  SafetyAssessed: 'De hulpverleners hebben bekeken hoe veilig het thuis is.',
  SafetyTeamReviewed: 'Het veiligheidsteam van de regio heeft meegekeken.',
  ProtectionMeasureEnded: 'Een maatregel van de kinderrechter is gestopt.',
  OutflowRegistered: 'De hulp via Samenspoor is afgerond.',
  FollowUpRecorded: 'Een hulpverlener heeft gevraagd hoe het nu met uw gezin gaat.',
  InformalSupporterAdded: 'Iemand uit uw eigen omgeving helpt mee.',
  MemberBsnRecorded: 'Het burgerservicenummer (BSN) van een gezinslid is genoteerd.',
  ParentalAuthorityRecorded: 'Er is genoteerd wie het gezag heeft over een kind.',
};

/**
 * The sentence that tells a member what happened, or undefined for an event the family's view does not show.
 * With `viewerId`, what is about the viewer is told to them as "u", what is about another member as theirs.
 */
export function eventWords(event: FamilyEvent, viewerId?: string): string | undefined {
  switch (event.type) {
    case 'SignalReceived': {
      const source = SOURCES[event.data.source];
      return source
        ? `Er is een zorg over uw gezin gemeld door ${source}.`
        : 'Er is een zorg over uw gezin gemeld.';
    }
    case 'ConsultationHeld':
      return event.data.advice === 'hsj-mcp-route'
        ? 'Deskundigen hebben besproken welke hulp past. Uw gezin krijgt hulp via Samenspoor.'
        : 'Deskundigen hebben besproken welke hulp past. Uw gezin krijgt hulp op een andere manier.';
    case 'ProfessionalJoinedNetwork':
      return `Een hulpverlener van ${event.data.organisation} helpt nu mee.`;
    case 'ExplanatoryAnalysisStarted':
      return `De verklarende analyse is begonnen. ${EXPLANATORY_ANALYSIS}`;
    case 'CareRequested':
      return `Er is hulp aangevraagd: ${careFormWords(event.data.careForm)}. U wacht nu op de start.`;
    case 'RunningCareRecorded':
      return `Hulp die al liep is genoteerd: ${careFormWords(event.data.careForm)}.`;
    case 'ProtectionMeasureImposed':
      return `De kinderrechter heeft een maatregel genomen: ${measureWords(event.data.kind)}.`;
    case 'SafeAtHomeReportMade':
      return event.data.kind === 'report'
        ? 'Er is een melding gedaan bij Veilig Thuis.'
        : 'Er is advies gevraagd aan Veilig Thuis.';
    case 'MemberViewRecorded':
      return viewerId === undefined || event.data.memberId === viewerId
        ? 'Uw mening is genoteerd.'
        : 'De mening van een gezinslid is genoteerd. Dit gezinslid deelt dat met u.';
    case 'PlanAgreementRecorded':
      return event.data.agreed
        ? 'U bent akkoord gegaan met het plan.'
        : 'U heeft laten weten dat u het niet eens bent met het plan.';
    case 'DataSharingRecorded':
      return sharingWords(event.data, viewerId);
    case 'PersonalDataErased':
      return undefined;
    default:
      return SAID[event.type];
  }
}

/** A member's sharing of their own data, told to the member who shares, to the one shared with, or to anyone. */
function sharingWords(
  sharing: { memberId: string; withMemberId: string; shared: boolean },
  viewerId: string | undefined,
): string {
  const what = 'de hulp, de mening en de maatregelen';
  if (viewerId === sharing.memberId)
    return sharing.shared
      ? `U deelt nu uw eigen gegevens met een gezinslid: ${what}.`
      : 'U deelt uw eigen gegevens niet meer met een gezinslid.';
  if (viewerId === sharing.withMemberId)
    return sharing.shared
      ? `Een gezinslid deelt nu de eigen gegevens met u: ${what}.`
      : 'Een gezinslid deelt de eigen gegevens niet meer met u.';
  return sharing.shared
    ? `Een gezinslid deelt nu de eigen gegevens met een ander gezinslid: ${what}.`
    : 'Een gezinslid deelt de eigen gegevens niet meer met een ander gezinslid.';
}

/** What a look at the record was, told apart so that a list page does not alarm a family. */
export type AccessKind = 'opened' | 'listed' | 'changed';

/** An audit entry's action (`GET /api/families/:familyId`) in plain words, and its kind. */
export function accessWords(
  action: string,
  detail: string | null,
): { kind: AccessKind; action: string } {
  if (detail === 'listed')
    return {
      kind: 'listed',
      action: 'Uw gezin stond in een lijst of overzicht. Het dossier is daarbij niet geopend.',
    };
  const [method = '', path = ''] = action.split(' ');
  if (method === 'GET') {
    if (path === '/api/families/:familyId')
      return { kind: 'opened', action: 'Heeft het dossier van uw gezin geopend.' };
    if (path === '/api/families/:familyId/timeline')
      return { kind: 'opened', action: 'Heeft bekeken wat er gebeurd is in uw dossier.' };
    if (path === '/api/families/:familyId/file.pdf')
      return {
        kind: 'opened',
        action: 'Heeft het dossier als bestand gemaakt (voor een overdracht).',
      };
    if (path === '/api/families/:familyId/access-log')
      return { kind: 'opened', action: 'Heeft bekeken wie uw dossier heeft ingezien.' };
    return { kind: 'listed', action: 'Uw gezin stond in een lijst of overzicht.' };
  }
  if (path === '/api/families/search')
    return {
      kind: 'listed',
      action: 'Heeft gezocht en uw gezin gevonden. Het dossier is daarbij niet geopend.',
    };
  if (method === 'DELETE' && path.endsWith('/personal-data'))
    return { kind: 'changed', action: 'Heeft de persoonsgegevens van uw gezin gewist.' };
  if (path === '/api/families') return { kind: 'changed', action: 'Heeft uw gezin aangemeld.' };
  return { kind: 'changed', action: 'Heeft iets in het dossier van uw gezin genoteerd.' };
}

const ROLE_WORDS: Readonly<Record<string, string>> = {
  professional: 'hulpverlener',
  'safety-team': 'veiligheidsteam',
  manager: 'manager',
  auditor: 'privacy-functionaris',
  family: 'gezinslid',
};

export function roleWords(role: string | null): string {
  return role === null ? 'onbekend' : (ROLE_WORDS[role] ?? role);
}
