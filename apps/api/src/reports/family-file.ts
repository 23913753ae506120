/**
 * A family's file for a warm handover (warme overdracht, api.md "Professionals' work"): who the family is, who
 * works with it and how to reach them, the plan and its goals, the care, and what happened, in Dutch, as a PDF
 * (PDFKit). It holds personal data: it is made only for who may read the family's record, and audited as that read.
 *
 * The Dutch words for the engine's values are the web UI's (`dutch`, libs/domain/src/labels-nl.ts).
 */
import PDFDocument from 'pdfkit';

import { dutch, type FamilySummary } from '@samenspoor/domain';

const { label } = dutch;
type Labels = dutch.Labels;

/** Where the place in the sentence wants the word in lower case: `Jeugdige` → `jeugdige`. */
const lower = (labels: Labels, value: string | null | undefined): string => {
  const word = label(labels, value);
  return word.charAt(0).toLowerCase() + word.slice(1);
};

/** Where the family went after outflow, as the file's sentence says it ("naar het lokale team"). */
const DESTINATION: Labels = {
  'local-team': 'het lokale team',
  'regular-care': 'reguliere zorg',
  'adult-care': 'volwassenenzorg (18+)',
  'no-further-care': 'geen verdere zorg',
  moved: 'verhuisd',
  other: 'anders',
};

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
  line(`Stand: ${label(dutch.STATUS_LABELS, family.status)}`);
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
      `Veiligheid: ${lower(dutch.SAFETY_LEVEL_LABELS, family.safety.level)}, ingeschat op ${date(family.safety.assessedAt)}`,
    );
  if (family.nextMdoDueBy) line(`Volgend MDO uiterlijk: ${date(family.nextMdoDueBy)}`);

  heading('Gezinsleden');
  items(family.members, 'Geen gezinsleden.', (m) =>
    [
      personal(m.displayName),
      `(${[
        lower(dutch.MEMBER_ROLE_LABELS, m.role),
        m.birthYear ? `geboren in ${m.birthYear}` : undefined,
      ]
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
        `${personal(g.description)} — ${g.status ? `${lower(dutch.GOAL_STATUS_LABELS, g.status)} (geëvalueerd ${date(g.evaluatedAt)})` : 'nog niet geëvalueerd'}`,
    );
  } else note('Nog geen plan.');

  heading('Zorgtrajecten');
  items(
    [...family.trajectories, ...family.runningCare],
    'Geen zorg aangevraagd of lopend.',
    (t) =>
      `${label(dutch.CARE_FORM_LABELS, t.careForm)} bij ${t.providerName ?? t.providerId}: ${lower(dutch.TRAJECTORY_STATUS_LABELS, t.status)}` +
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
        `${label(dutch.PROTECTION_MEASURE_KIND_LABELS, m.kind)} door ${m.institution}, sinds ${date(m.startedAt)}` +
        (m.status === 'ended' ? `, beëindigd ${date(m.endedAt)}` : ', loopt'),
    );
  }
  if (family.outflow) {
    heading('Uitstroom');
    line(
      `Op ${date(family.outflow.at)} naar ${label(DESTINATION, family.outflow.destination)}` +
        (family.outflow.handoverTo ? `, overgedragen aan ${family.outflow.handoverTo}` : ''),
    );
  }

  heading('Tijdlijn');
  items(
    input.timeline,
    'Nog niets vastgelegd.',
    (e) =>
      `${date(e.occurredAt)}: ${label(dutch.EVENT_LABELS, e.type)}${e.actor.name ? ` (${e.actor.name})` : ''}`,
  );

  doc.end();
  return done;
}
