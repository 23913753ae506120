/**
 * The monthly report for a municipal council (api.md, "Managers' monitor"): the month's monitor against the five
 * months before it and the region's norms, a chart and a short text per block, in Dutch, as a PDF (PDFKit).
 *
 * It is made from the monitor's history as a manager reads it — every month under disclosure control — so that it
 * shows nothing the dashboard would not: a hidden count reads "afgeschermd", never a number.
 */
import PDFDocument from 'pdfkit';

/** A month of the monitor as the history answers it (counts `null` where hidden). */
export type MonthFigures = { readonly period: string } & Record<string, unknown>;

export interface MonthlyReportInput {
  readonly regionName: string;
  /** The municipality the figures are of, or `null` for the whole region. */
  readonly municipality: string | null;
  /** The months, oldest first; the last is the month of the report. */
  readonly months: readonly MonthFigures[];
  readonly stageNorms: { readonly analysisDays: number; readonly planDays: number };
  /** The small-cell threshold the figures were controlled with (0: none hidden). */
  readonly threshold: number;
  /** When the report was made (its date is printed). */
  readonly madeAt: Date;
}

type Format = 'count' | 'days';
interface Figure {
  readonly label: string;
  readonly path: string;
  readonly format?: Format;
}
interface Block {
  readonly title: string;
  readonly about: string;
  readonly figures: readonly Figure[];
  /** The figure drawn as bars, and the norm drawn on the same axis (days). */
  readonly chart: string;
  readonly norm?: (input: MonthlyReportInput) => number;
  /** A sentence about the month beyond the headline (e.g. against a target). */
  readonly remark?: (month: MonthFigures) => string | undefined;
}

/** A block of counts: `[label, path]` per figure; the chart draws `chart` (the first figure unless named). */
function counts(
  title: string,
  about: string,
  figures: readonly [label: string, path: string][],
  more: Partial<Pick<Block, 'chart' | 'remark'>> = {},
): Block {
  return {
    title,
    about,
    figures: figures.map(([label, path]) => ({ label, path })),
    chart: more.chart ?? figures[0]![1],
    ...(more.remark ? { remark: more.remark } : {}),
  };
}

/** The waits of a stage that ended in the month: how many, their median and p90, against the stage's norm. */
function waits(
  stage: 'analysis' | 'plan' | 'care',
  title: string,
  about: string,
  counted: string,
  norm?: Block['norm'],
): Block {
  const path = `realisedWaits.${stage}`;
  return {
    title,
    about,
    figures: [
      { label: counted, path: `${path}.count` },
      { label: 'Wachttijd, mediaan', path: `${path}.medianDays`, format: 'days' },
      { label: 'Wachttijd, 90% binnen', path: `${path}.p90Days`, format: 'days' },
    ],
    // Against a norm the median is drawn; without one, how many waits ended.
    chart: norm ? `${path}.medianDays` : `${path}.count`,
    ...(norm ? { norm } : {}),
  };
}

/** "67%" of `done` in `due`, or why there is no share. */
function share(due: unknown, done: unknown): string {
  return typeof due === 'number' && typeof done === 'number' && due > 0
    ? `${Math.round((100 * done) / due)}%`
    : 'niet te berekenen';
}

const BLOCKS: readonly Block[] = [
  counts(
    'Instroom',
    'Casussen die in de maand begonnen: een eerste signaal, of een nieuw signaal na uitstroom.',
    [
      ['Nieuwe casussen', 'inflow.cases'],
      ['Terug binnen 12 maanden na uitstroom', 'inflow.reentries'],
      ['Met urgentie crisis', 'inflow.byUrgency.crisis'],
    ],
  ),
  waits(
    'analysis',
    'Wachttijd tot de analyse',
    'Gezinnen bij wie de analyse in de maand begon, en hoe lang zij daarop wachtten.',
    'Analyses begonnen',
    (input) => input.stageNorms.analysisDays,
  ),
  waits(
    'plan',
    'Wachttijd tot het plan',
    'Plannen die in de maand werden vastgesteld, en de tijd sinds de analyse klaar was.',
    'Plannen vastgesteld',
    (input) => input.stageNorms.planDays,
  ),
  waits(
    'care',
    'Wachttijd tot de zorg',
    'Zorg die in de maand begon, en de tijd sinds die werd aangevraagd.',
    'Zorg begonnen',
  ),
  counts('Crises', 'Signalen met urgentie crisis, en aanvragen voor crisiszorg.', [
    ['Crisissignalen', 'crises.signals'],
    ['Aanvragen crisiszorg', 'crises.crisisCareRequests'],
  ]),
  counts(
    'Uithuisplaatsingen',
    'Zorg buiten huis (zoals pleegzorg, gezinshuis, residentieel): gestart, en lopend aan het eind.',
    [
      ['Gestart', 'outOfHome.started'],
      ['Lopend aan het eind van de maand', 'outOfHome.activeAtEnd'],
    ],
    { chart: 'outOfHome.activeAtEnd' },
  ),
  counts(
    'Beëindigde zorg',
    'Trajecten die in de maand eindigden, en hoeveel daarvan voortijdig afbraken.',
    [
      ['Beëindigd', 'careEnded.total'],
      ['Waarvan afgebroken', 'careEnded.breakdown'],
    ],
  ),
  counts(
    'Nazorg na uitstroom',
    'Gezinnen bij wie 3 of 6 maanden na uitstroom een nazorgcontact moest zijn, en bij hoeveel dat er was.',
    [
      ['Na 3 maanden: te doen', 'followUps.months3.due'],
      ['Na 3 maanden: gedaan', 'followUps.months3.done'],
      ['Na 6 maanden: te doen', 'followUps.months6.due'],
      ['Na 6 maanden: gedaan', 'followUps.months6.done'],
    ],
    {
      chart: 'followUps.months3.done',
      remark: (month) =>
        `Doel van de regio: 75% na 3 maanden en 50% na 6 maanden. Deze maand: ` +
        `${share(at(month, 'followUps.months3.due'), at(month, 'followUps.months3.done'))} na 3 maanden, ` +
        `${share(at(month, 'followUps.months6.due'), at(month, 'followUps.months6.done'))} na 6 maanden.`,
    },
  ),
  counts(
    'Doelen van de plannen',
    'Doelen die in de maand werden geëvalueerd, naar hun uitkomst.',
    [
      ['Geëvalueerd', 'goals.evaluated'],
      ['Bereikt', 'goals.achieved'],
      ['Deels bereikt', 'goals.partlyAchieved'],
      ['Niet bereikt', 'goals.notAchieved'],
    ],
    { chart: 'goals.achieved' },
  ),
  counts(
    "MDO's",
    'Multidisciplinaire overleggen die in de maand werden gehouden, en hoe vaak het gezin erbij was.',
    [
      ['Gehouden', 'mdos.held'],
      ['Met het gezin erbij', 'mdos.familyPresent'],
    ],
  ),
  counts(
    'Jeugdbeschermingsmaatregelen',
    'Maatregelen (zoals een ondertoezichtstelling) die begonnen, en die aan het eind van de maand liepen.',
    [
      ['Opgelegd', 'protectionMeasures.imposed'],
      ['Lopend aan het eind van de maand', 'protectionMeasures.activeAtEnd'],
    ],
    { chart: 'protectionMeasures.activeAtEnd' },
  ),
  counts(
    'Stand aan het eind van de maand',
    'Alle aangemelde gezinnen, naar waar zij op de route staan.',
    [
      ['Aangemeld, nog geen signaal', 'statusAtEnd.registered'],
      ['Gesignaleerd', 'statusAtEnd.signalled'],
      ['In analyse', 'statusAtEnd.in-analysis'],
      ['Met plan', 'statusAtEnd.planned'],
      ['In zorg', 'statusAtEnd.in-care'],
      ['Uitgestroomd', 'statusAtEnd.outflowed'],
      ['Niet toegelaten', 'statusAtEnd.not-admitted'],
      ['Wisselingen van casusregisseur', 'caseDirectorChanges'],
    ],
    { chart: 'statusAtEnd.in-care' },
  ),
];

/**
 * The value at a dotted path of a month (`undefined` where the answer has none). A median or p90 of no waits at
 * all is none, not hidden (the answer has `null` for both).
 */
function at(month: MonthFigures, path: string): unknown {
  const value = (p: string) =>
    p
      .split('.')
      .reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], month);
  const count = path.replace(/\.(medianDays|p90Days)$/, '.count');
  if (count !== path && value(count) === 0) return undefined;
  return value(path);
}

const numbers = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

/** A figure in Dutch: "12", "1 dag", "3 dagen"; a hidden one "afgeschermd"; none "–". */
export function dutch(value: unknown, format: Format = 'count'): string {
  if (value === null) return 'afgeschermd';
  if (typeof value !== 'number') return '–';
  if (format === 'days') return `${numbers.format(value)} ${value === 1 ? 'dag' : 'dagen'}`;
  return numbers.format(value);
}

/** "november 2026" for "2026-11". */
export function monthName(period: string): string {
  return new Intl.DateTimeFormat('nl-NL', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${period}-01T00:00:00.000Z`));
}

const MARGIN = 50;
const INK = '#1b1b1b';
const MUTED = '#5f5f5f';
const BAR = '#2f6f9f';

/** The PDF of the report. */
export async function monthlyReportPdf(input: MonthlyReportInput): Promise<Buffer> {
  const month = input.months.at(-1)!;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `Maandrapportage ${monthName(month.period)}`,
      Author: 'Samenspoor',
      Subject: `${input.regionName}: ${input.municipality ?? 'hele regio'}`,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );

  const width = doc.page.width - 2 * MARGIN;
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(20).text('Maandrapportage jeugdhulp');
  doc
    .font('Helvetica')
    .fontSize(13)
    .text(`${input.municipality ?? `Regio ${input.regionName}`} — ${monthName(month.period)}`)
    .moveDown(0.5);
  doc
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      `Gemaakt op ${new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' }).format(input.madeAt)} ` +
        `uit Samenspoor. Elke maand is een hele kalendermaand; de tabellen zetten de maand naast de vijf maanden ervoor.`,
    );
  if (input.threshold > 1)
    doc.text(
      `Aantallen onder de ${input.threshold} zijn afgeschermd, en soms een aantal ernaast, zodat geen gezin ` +
        `herkenbaar is: daar staat "afgeschermd". Een afgeschermd aantal kan ook ${input.threshold} of meer zijn.`,
    );
  doc.moveDown(1);

  for (const block of BLOCKS) {
    // A block (heading, text, chart and table) stays on one page.
    if (doc.y + 80 + 120 + 14 * (block.figures.length + 1) > doc.page.height - MARGIN)
      doc.addPage();
    doc.fillColor(INK).font('Helvetica-Bold').fontSize(13).text(block.title);
    doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(block.about);
    const headline = block.figures.find((figure) => figure.path === block.chart);
    const now = at(month, headline!.path);
    const before = input.months.length > 1 ? at(input.months.at(-2)!, headline!.path) : undefined;
    doc
      .fillColor(INK)
      .fontSize(10)
      .text(
        `${headline!.label} in ${monthName(month.period)}: ${dutch(now, headline!.format)}` +
          (before === undefined ? '.' : ` (de maand ervoor: ${dutch(before, headline!.format)}).`),
      );
    const remark = block.remark?.(month);
    if (remark !== undefined) doc.text(remark);
    doc.moveDown(0.4);
    const chartTop = doc.y;
    barChart(doc, input, block, MARGIN, chartTop, width, 80);
    doc.y = chartTop + 88;
    table(doc, input.months, block.figures, width);
    doc.moveDown(1.2);
  }
  doc.end();
  return done;
}

/** Bars of the block's chart figure per month, the norm (if any) as a dashed line on the same axis. */
function barChart(
  doc: PDFKit.PDFDocument,
  input: MonthlyReportInput,
  block: Block,
  x: number,
  y: number,
  width: number,
  height: number,
) {
  const figure = block.figures.find((f) => f.path === block.chart)!;
  const values = input.months.map((month) => at(month, block.chart));
  const norm = block.norm?.(input);
  const top = Math.max(1, norm ?? 0, ...values.map((v) => (typeof v === 'number' ? v : 0)));
  const labelWidth = 120;
  const slot = (width - labelWidth) / values.length;
  // Room above the highest bar for its label.
  const scale = (v: number) => (v / top) * (height - 26);
  doc.save();
  doc
    .fontSize(8)
    .fillColor(MUTED)
    .text(figure.label, x, y + height / 2 - 8, { width: labelWidth - 8 });
  doc
    .strokeColor('#bbbbbb')
    .moveTo(x + labelWidth, y + height - 12)
    .lineTo(x + width, y + height - 12)
    .stroke();
  values.forEach((value, i) => {
    const left = x + labelWidth + i * slot + slot * 0.2;
    const barWidth = slot * 0.6;
    if (typeof value === 'number') {
      const h = scale(value);
      doc.rect(left, y + height - 12 - h, barWidth, h).fill(BAR);
      doc
        .fillColor(INK)
        .fontSize(7)
        .text(dutch(value, figure.format), left - 10, y + height - 22 - h, {
          width: barWidth + 20,
          align: 'center',
        });
    } else {
      doc
        .fillColor(MUTED)
        .fontSize(7)
        .text(value === null ? 'afgeschermd' : '–', left - 10, y + height - 24, {
          width: barWidth + 20,
          align: 'center',
        });
    }
    doc
      .fillColor(MUTED)
      .fontSize(7)
      .text(shortMonth(input.months[i]!.period), left - 10, y + height - 9, {
        width: barWidth + 20,
        align: 'center',
      });
  });
  if (norm !== undefined) {
    const ny = y + height - 12 - scale(norm);
    doc
      .strokeColor('#b03a2e')
      .dash(3, { space: 2 })
      .moveTo(x + labelWidth, ny)
      .lineTo(x + width, ny)
      .stroke()
      .undash();
    doc
      .fillColor('#b03a2e')
      .fontSize(7)
      .text(`norm ${dutch(norm, 'days')}`, x + labelWidth - 62, ny - 4, {
        width: 58,
        align: 'right',
      });
  }
  doc.restore();
  doc.x = x;
}

/** "nov. '26" for "2026-11". */
function shortMonth(period: string): string {
  const name = new Intl.DateTimeFormat('nl-NL', { month: 'short', timeZone: 'UTC' }).format(
    new Date(`${period}-01T00:00:00.000Z`),
  );
  return `${name} '${period.slice(2, 4)}`;
}

/** The block's figures (rows) for each month (columns), the report's month last and in bold. */
function table(
  doc: PDFKit.PDFDocument,
  months: readonly MonthFigures[],
  figures: readonly Figure[],
  width: number,
) {
  const labelWidth = 170;
  const column = (width - labelWidth) / months.length;
  const x = MARGIN;
  let y = doc.y;
  doc.fontSize(8).fillColor(MUTED).font('Helvetica');
  months.forEach((month, i) =>
    doc.text(shortMonth(month.period), x + labelWidth + i * column, y, {
      width: column - 4,
      align: 'right',
    }),
  );
  y += 12;
  for (const figure of figures) {
    doc
      .fillColor(INK)
      .font('Helvetica')
      .text(figure.label, x, y, { width: labelWidth - 6 });
    months.forEach((month, i) => {
      const last = i === months.length - 1;
      doc
        .font(last ? 'Helvetica-Bold' : 'Helvetica')
        .fillColor(at(month, figure.path) === null ? MUTED : INK)
        .text(dutch(at(month, figure.path), figure.format), x + labelWidth + i * column, y, {
          width: column - 4,
          align: 'right',
        });
    });
    y += 12;
  }
  doc.font('Helvetica').fillColor(INK);
  doc.x = x;
  doc.y = y;
}
