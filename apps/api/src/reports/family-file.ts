/**
 * A family's file for a warm handover (warme overdracht, api.md "Professionals' work"): who the family is, who
 * works with it and how to reach them, the plan and its goals, the care, and what happened, in Dutch, as a PDF
 * (PDFKit). It holds personal data: it is made only for who may read the family's record, and audited as that read.
 *
 * The Dutch words for the engine's values are the web UI's (apps/web/src/labels.ts); apps share no files, so the
 * few the file needs are written here again.
 */
import PDFDocument from 'pdfkit';

import type { FamilySummary } from '@samenspoor/domain';

type Labels = Readonly<Record<string, string>>;

const STATUS: Labels = {
  registered: 'Aangemeld',
  signalled: 'Gesignaleerd',
  'in-analysis': 'In analyse',
  planned: 'Plan vastgesteld',
  'in-care': 'In zorg',
  outflowed: 'Uitgestroomd',
  'not-admitted': 'Niet toegelaten',
};

const MEMBER_ROLE: Labels = {
  youth: 'jeugdige',
  parent: 'ouder',
  carer: 'verzorger',
  sibling: 'broer of zus',
  other: 'anders',
};

const GOAL_STATUS: Labels = {
  achieved: 'bereikt',
  'partly-achieved': 'deels bereikt',
  'not-achieved': 'niet bereikt',
  ongoing: 'loopt nog',
};

const TRAJECTORY_STATUS: Labels = {
  requested: 'aangevraagd (wacht)',
  started: 'loopt',
  ended: 'beëindigd',
  withdrawn: 'ingetrokken',
};

const SAFETY_LEVEL: Labels = { safe: 'veilig', concerns: 'zorgen', unsafe: 'onveilig' };

const CARE_FORM: Labels = {
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

const DESTINATION: Labels = {
  'local-team': 'het lokale team',
  'regular-care': 'reguliere zorg',
  'adult-care': 'volwassenenzorg (18+)',
  'no-further-care': 'geen verdere zorg',
  moved: 'verhuisd',
  other: 'anders',
};

const PROTECTION_MEASURE: Labels = {
  'supervision-order': 'Ondertoezichtstelling (OTS)',
  guardianship: 'Voogdij',
  'juvenile-probation': 'Jeugdreclassering',
  'out-of-home-authorisation': 'Machtiging uithuisplaatsing',
};

const EVENT: Labels = {
  FamilyRegistered: 'Gezin aangemeld',
  FamilyMemberAdded: 'Gezinslid toegevoegd',
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

const word = (labels: Labels, value: string | null | undefined): string =>
  value === null || value === undefined ? '—' : (labels[value] ?? value);

/** What the directory adds beside a professional's id (see `DirectoryNames`). */
interface Named {
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly providerName?: string;
}

/** The family's summary with the directory's names beside its ids. */
export type NamedFamily = Omit<FamilySummary, 'network' | 'trajectories' | 'runningCare'> & {
  readonly network: readonly (FamilySummary['network'][number] & Named)[];
  readonly trajectories: readonly (FamilySummary['trajectories'][number] & Named)[];
  readonly runningCare: readonly (FamilySummary['runningCare'][number] & Named)[];
};

/** One entry of the family's timeline, with the name of who took the step when the directory knows it. */
export interface FileTimelineEntry {
  readonly type: string;
  readonly occurredAt: string;
  readonly actor: { readonly id: string | null; readonly name?: string };
}

export interface FamilyFileInput {
  readonly family: NamedFamily;
  readonly timeline: readonly FileTimelineEntry[];
  readonly madeAt: Date;
}

const MARGIN = 50;
const INK = '#1b1b1b';
const MUTED = '#555555';

const dateFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' });
const date = (iso: string | null | undefined): string =>
  iso ? dateFormat.format(new Date(iso)) : '—';

/** A personal text, or what an erasure left of it. */
const personal = (value: string | null | undefined): string => value ?? '[gewist]';

/** The file's name: no name or id of the family in it, since file names end up in download folders and logs. */
export const FAMILY_FILE_NAME = 'gezinsdossier.pdf';

/** The PDF of the family's file. */
export async function familyFilePdf(input: FamilyFileInput): Promise<Buffer> {
  const { family } = input;
  const names = family.members.map((m) => personal(m.displayName)).join(', ');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: 'Gezinsdossier', Author: 'Samenspoor' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );

  const heading = (text: string) => {
    if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
    doc.moveDown(0.8).fillColor(INK).font('Helvetica-Bold').fontSize(13).text(text);
    doc.font('Helvetica').fontSize(10).moveDown(0.2);
  };
  const line = (text: string) => doc.fillColor(INK).font('Helvetica').fontSize(10).text(text);
  const note = (text: string) => doc.fillColor(MUTED).font('Helvetica').fontSize(9).text(text);
  const items = <T>(list: readonly T[], empty: string, text: (item: T) => string) => {
    if (list.length === 0) note(empty);
    for (const item of list) line(`• ${text(item)}`);
  };

  doc.fillColor(INK).font('Helvetica-Bold').fontSize(20).text('Gezinsdossier');
  doc.font('Helvetica').fontSize(13).text(`Gezin ${names}`).moveDown(0.3);
  note(
    `Gemaakt op ${date(input.madeAt.toISOString())} uit Samenspoor, voor een warme overdracht. ` +
      'Vertrouwelijk: dit dossier bevat persoonsgegevens. Deel het alleen met wie het gezin overneemt, ' +
      'en vernietig het als het niet meer nodig is.',
  );

  heading('Waar staat het gezin');
  line(`Stand: ${word(STATUS, family.status)}`);
  line(`Gemeente: ${family.municipality}`);
  line(`Aangemeld op: ${date(family.registeredAt)}`);
  if (family.erasedAt) line(`Persoonsgegevens gewist op: ${date(family.erasedAt)}`);
  const director = family.caseDirector
    ? family.network.find((p) => p.professionalId === family.caseDirector?.professionalId)
    : undefined;
  line(
    `Casusregisseur: ${
      family.caseDirector
        ? `${director?.name ?? family.caseDirector.professionalId} (sinds ${date(family.caseDirector.since)})`
        : 'nog niet toegewezen'
    }`,
  );
  if (family.safety)
    line(
      `Veiligheid: ${word(SAFETY_LEVEL, family.safety.level)}, ingeschat op ${date(family.safety.assessedAt)}`,
    );
  if (family.nextMdoDueBy) line(`Volgend MDO uiterlijk: ${date(family.nextMdoDueBy)}`);

  heading('Gezinsleden');
  items(family.members, 'Geen gezinsleden.', (m) =>
    [
      personal(m.displayName),
      `(${[word(MEMBER_ROLE, m.role), m.birthYear ? `geboren in ${m.birthYear}` : undefined]
        .filter(Boolean)
        .join(', ')})`,
    ].join(' '),
  );

  heading('Netwerk van professionals');
  items(family.network, 'Niemand in het netwerk.', (p) =>
    [
      p.name ?? p.professionalId,
      `${p.organisation}${p.discipline ? `, ${p.discipline}` : ''}`,
      p.phone ? `tel. ${p.phone}` : undefined,
      p.email,
    ]
      .filter(Boolean)
      .join(' · '),
  );
  if (family.informalNetwork.length > 0) {
    heading('Eigen netwerk van het gezin');
    items(
      family.informalNetwork,
      '',
      (s) => `${personal(s.displayName)} (${personal(s.relation)})`,
    );
  }

  heading('Plan en doelen');
  if (family.plan) {
    line(
      `Versie ${family.plan.version}, vastgesteld op ${date(family.plan.adoptedAt)}` +
        (family.plan.agreedWithFamily ? ', afgesproken met het gezin' : '') +
        (family.plan.evaluateBy ? `; evalueren vóór ${date(family.plan.evaluateBy)}` : ''),
    );
    items(
      family.goals,
      'Het plan heeft geen doelen.',
      (g) =>
        `${personal(g.description)} — ${g.status ? `${word(GOAL_STATUS, g.status)} (geëvalueerd ${date(g.evaluatedAt)})` : 'nog niet geëvalueerd'}`,
    );
  } else note('Nog geen plan.');

  heading('Zorgtrajecten');
  items(
    [...family.trajectories, ...family.runningCare],
    'Geen zorg aangevraagd of lopend.',
    (t) =>
      `${word(CARE_FORM, t.careForm)} bij ${t.providerName ?? t.providerId}: ${word(TRAJECTORY_STATUS, t.status)}` +
      (t.runningCare ? ' (lopende zorg)' : '') +
      `; aangevraagd ${date(t.requestedAt)}` +
      (t.startedAt ? `, gestart ${date(t.startedAt)}` : '') +
      (t.endedAt ? `, beëindigd ${date(t.endedAt)}` : ''),
  );
  if (family.protectionMeasures.length > 0) {
    heading('Kinderbeschermingsmaatregelen');
    items(
      family.protectionMeasures,
      '',
      (m) =>
        `${word(PROTECTION_MEASURE, m.kind)} door ${m.institution}, sinds ${date(m.startedAt)}` +
        (m.status === 'ended' ? `, beëindigd ${date(m.endedAt)}` : ', loopt'),
    );
  }
  if (family.outflow) {
    heading('Uitstroom');
    line(
      `Op ${date(family.outflow.at)} naar ${word(DESTINATION, family.outflow.destination)}` +
        (family.outflow.handoverTo ? `, overgedragen aan ${family.outflow.handoverTo}` : ''),
    );
  }

  heading('Tijdlijn');
  items(
    input.timeline,
    'Nog niets vastgelegd.',
    (e) =>
      `${date(e.occurredAt)}: ${word(EVENT, e.type)}${e.actor.name ? ` (${e.actor.name})` : ''}`,
  );

  doc.end();
  return done;
}
