import type { ChartConfiguration } from 'chart.js';
import { useMemo, useState } from 'react';

import { download, problemMessage } from '../api';
import { ChartCanvas } from '../components/chart';
import { Async, useApi } from '../components/ui';
import { days, formatNumber } from '../format';
import type { Monitor, MonitorHistory, Region } from '../types';
import { useSession } from '../session';
import { addMonths, lastWholeMonth, monitorPaths, TREND_MONTHS } from './dashboard-data';

/** The blocks of the monitor, as a period's answer and each month of the history hold them. */
type Blocks = Omit<MonitorHistory['series'][number], 'period' | 'suppressed'>;

/**
 * A count as a manager may see it. A hidden cell reads "afgeschermd", not "<threshold": a cell hidden beside a
 * small one so that the small one cannot be subtracted from a total can be any size. An empty group (nobody
 * waiting) has no figure over the norm: "—", since nothing is hidden there.
 */
export function Count({
  value,
  threshold,
  empty = false,
}: {
  value: number | null | undefined;
  threshold: number;
  empty?: boolean;
}) {
  if (value === null && empty) return <>—</>;
  if (value === null) {
    return (
      <span
        className="suppressed"
        title={`Afgeschermd: minder dan ${threshold}, of verborgen zodat een klein aantal niet uit een totaal te herleiden is`}
      >
        afgeschermd
      </span>
    );
  }
  return <>{value === undefined ? '—' : formatNumber(value)}</>;
}

/** A headline figure of the monitor: a count, or a number of days bounded by a norm. */
interface Figure {
  readonly key: string;
  readonly label: string;
  readonly value: (b: Blocks) => number | null;
  /** Days (a realised wait's median), else a count of families or cases. */
  readonly days?: boolean;
  /** The norm in days, drawn on the same axis as the wait it bounds. */
  readonly norm?: number;
  /** What the count is part of ("van 12 te doen"), with the region's target share. */
  readonly of?: { readonly label: string; readonly value: (b: Blocks) => number | null };
  readonly target?: number;
}

function figures(region: Region): Figure[] {
  return [
    { key: 'inflow', label: 'Nieuwe casussen', value: (b) => b.inflow.cases },
    { key: 'reentries', label: 'Terug binnen 12 maanden', value: (b) => b.inflow.reentries },
    { key: 'crises', label: 'Crisissignalen', value: (b) => b.crises.signals },
    { key: 'outOfHome', label: 'Uithuisplaatsingen gestart', value: (b) => b.outOfHome.started },
    {
      key: 'outOfHomeAtEnd',
      label: 'Uit huis geplaatst aan het eind',
      value: (b) => b.outOfHome.activeAtEnd,
    },
    { key: 'careEnded', label: 'Zorg beëindigd', value: (b) => b.careEnded.total },
    { key: 'breakdown', label: 'Zorg afgebroken', value: (b) => b.careEnded.breakdown },
    {
      key: 'followUps3',
      label: 'Nazorg na 3 maanden gedaan',
      value: (b) => b.followUps.months3.done,
      of: { label: 'te doen', value: (b) => b.followUps.months3.due },
      target: 75,
    },
    {
      key: 'followUps6',
      label: 'Nazorg na 6 maanden gedaan',
      value: (b) => b.followUps.months6.done,
      of: { label: 'te doen', value: (b) => b.followUps.months6.due },
      target: 50,
    },
    {
      key: 'goals',
      label: 'Doelen behaald',
      value: (b) => b.goals.achieved,
      of: { label: 'geëvalueerd', value: (b) => b.goals.evaluated },
    },
    {
      key: 'mdos',
      label: "MDO's met het gezin erbij",
      value: (b) => b.mdos.familyPresent,
      of: { label: 'gehouden', value: (b) => b.mdos.held },
    },
    {
      key: 'measures',
      label: 'Beschermingsmaatregelen opgelegd',
      value: (b) => b.protectionMeasures.imposed,
    },
    {
      key: 'caseDirectors',
      label: 'Wisselingen van casusregisseur',
      value: (b) => b.caseDirectorChanges,
    },
    {
      key: 'waitAnalysis',
      label: 'Wachttijd tot analyse (mediaan)',
      value: (b) => b.realisedWaits.analysis.medianDays,
      days: true,
      norm: region.stageNorms.analysisDays,
    },
    {
      key: 'waitPlan',
      label: 'Wachttijd tot plan (mediaan)',
      value: (b) => b.realisedWaits.plan.medianDays,
      days: true,
      norm: region.stageNorms.planDays,
    },
    {
      key: 'waitCare',
      label: 'Wachttijd tot zorg (mediaan)',
      value: (b) => b.realisedWaits.care.medianDays,
      days: true,
    },
  ];
}

const monthFormat = new Intl.DateTimeFormat('nl-NL', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortMonthFormat = new Intl.DateTimeFormat('nl-NL', {
  month: 'short',
  year: '2-digit',
  timeZone: 'UTC',
});

/** "november 2026" for `2026-11`. */
export function monthName(month: string, short = false): string {
  return (short ? shortMonthFormat : monthFormat).format(new Date(`${month}-15T12:00:00Z`));
}

/** A figure as text: days in words ("1 dag"), a count, or "afgeschermd" ("—" for a wait nobody finished). */
function figureText(figure: Figure, value: number | null): string {
  if (value === null) return figure.days ? '—' : 'afgeschermd';
  return figure.days ? days(value) : formatNumber(value);
}

function FigureValue({
  figure,
  value,
  threshold,
}: {
  figure: Figure;
  value: number | null;
  threshold: number;
}) {
  if (figure.days) return <>{figureText(figure, value)}</>;
  return <Count value={value} threshold={threshold} />;
}

/**
 * The managers' monitor on the dashboard: the headline figures of a month (or the three months up to it), of a
 * municipality or the whole region, each with the previous month and the region's figure beside it; the trend of
 * one figure over twelve months; and the downloads (CSV, the monthly report as a PDF).
 */
export function MonitorSection({ region }: { region: Region }) {
  const { session } = useSession();
  const manager = session?.user.roles.includes('manager') ?? false;
  const latest = lastWholeMonth();
  const [month, setMonth] = useState(latest);
  const [months, setMonths] = useState(1);
  const [municipality, setMunicipality] = useState('');
  const paths = monitorPaths(month, months, municipality);
  const monitor = useApi<Monitor>(paths.monitor);
  const whole = useApi<Monitor>(municipality ? paths.region : undefined);
  const history = useApi<MonitorHistory>(paths.history);
  const threshold = region.smallCellThreshold;
  const list = useMemo(() => figures(region), [region]);
  const where = municipality || 'de hele regio';
  const what = `${months === 1 ? monthName(month) : `${monthName(addMonths(month, 1 - months))} tot en met ${monthName(month)}`}, ${where}`;

  return (
    <section className="card monitor" aria-labelledby="h-monitor">
      <h2 id="h-monitor">Monitor: de cijfers van de maand</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Maand en gemeente">
        <Choice
          id="monitor-month"
          label="Maand"
          value={month}
          onChange={setMonth}
          options={Array.from({ length: CHOOSABLE_MONTHS }, (_, n) => addMonths(latest, -n)).map(
            (m) => [m, monthName(m)],
          )}
        />
        <Choice
          id="monitor-months"
          label="Periode"
          value={String(months)}
          onChange={(value) => setMonths(Number(value))}
          options={[
            ['1', 'De maand'],
            ['3', 'Drie maanden tot en met de maand'],
          ]}
        />
        <Choice
          id="monitor-municipality"
          label="Gemeente"
          value={municipality}
          onChange={setMunicipality}
          options={[['', 'Hele regio'], ...region.municipalities.map((m) => [m, m] as const)]}
        />
      </form>
      <Async loaded={monitor} what="Monitor">
        {(figuresOfPeriod) => (
          <>
            <p className="hint">
              Cijfers van {what}
              {figuresOfPeriod.period?.widened ? ' (aangevuld tot hele kalendermaanden)' : ''}.
              {figuresOfPeriod.disclosure &&
                ` Aantallen onder ${figuresOfPeriod.disclosure.threshold} staan als "afgeschermd", en zo nodig ook een groter aantal ernaast, zodat een klein aantal niet uit een totaal of uit een andere periode te herleiden is.`}
            </p>
            {municipality && figuresOfPeriod.suppressed && (
              <p className="alert alert-warn" role="note">
                In {municipality} zijn in deze periode te weinig gezinnen om elk cijfer te tonen.
                Naast elk cijfer staat dat van de hele regio;{' '}
                {months === 1 ? (
                  <>
                    of{' '}
                    <button
                      type="button"
                      className="button secondary small"
                      onClick={() => setMonths(3)}
                    >
                      bekijk drie maanden tot en met {monthName(month)}
                    </button>
                    .
                  </>
                ) : (
                  'of kies de hele regio.'
                )}
              </p>
            )}
            <Headlines
              list={list}
              current={figuresOfPeriod}
              whole={municipality ? whole.data : undefined}
              previous={months === 1 ? history.data?.series.at(-2) : undefined}
              threshold={threshold}
            />
          </>
        )}
      </Async>
      <Async loaded={history} what="Verloop">
        {(series) => <Trend list={list} history={series} where={where} threshold={threshold} />}
      </Async>
      <Downloads
        paths={paths}
        name={`${municipality || 'regio'}-${months === 1 ? month : `${addMonths(month, 1 - months)}-tm-${month}`}`}
        manager={manager}
      />
    </section>
  );
}

/** A labelled drop-down of the monitor's filters: `options` as value and label. */
function Choice({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly (readonly [string, string])[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

function Headlines({
  list,
  current,
  whole,
  previous,
  threshold,
}: {
  list: readonly Figure[];
  current: Blocks;
  whole: Blocks | undefined;
  previous: Blocks | undefined;
  threshold: number;
}) {
  return (
    <div className="stat-cards">
      {list.map((figure) => {
        const value = figure.value(current);
        const of = figure.of?.value(current);
        const share =
          value !== null && of !== undefined && of !== null && of > 0
            ? Math.round((100 * value) / of)
            : undefined;
        return (
          <div className="stat-card" key={figure.key} data-figure={figure.key}>
            <h3>{figure.label}</h3>
            <p className="stat" data-value={value ?? ''}>
              <FigureValue figure={figure} value={value} threshold={threshold} />
            </p>
            {figure.of && (
              <p className="hint">
                van <Count value={of} threshold={threshold} /> {figure.of.label}
                {share !== undefined && ` (${formatNumber(share)}%)`}
                {figure.target !== undefined && `; doel ${figure.target}%`}
              </p>
            )}
            {figure.norm !== undefined && <p className="hint">norm {days(figure.norm)}</p>}
            {figure.days && value === null && (
              <p className="hint">Geen wachttijd afgerond, of te weinig om te tonen.</p>
            )}
            {previous && (
              <p className="hint trend">
                Vorige maand: {figureText(figure, figure.value(previous))}
              </p>
            )}
            {whole && (
              <p className="hint region" data-region-value={figure.value(whole) ?? ''}>
                Hele regio: {figureText(figure, figure.value(whole))}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}

/** How many months back a manager can choose, the last whole month first. */
const CHOOSABLE_MONTHS = 24;

const TREND_COLOR = '#00556e';
const NORM_COLOR = '#b00020';

function Trend({
  list,
  history,
  where,
  threshold,
}: {
  list: readonly Figure[];
  history: MonitorHistory;
  where: string;
  threshold: number;
}) {
  // The trend opens on the figure with the most months that show more than nothing: under small-cell suppression
  // a figure hidden (or nil) in most months would draw an empty chart.
  const [key, setKey] = useState(() => {
    const shown = (f: Figure) => history.series.filter((p) => (f.value(p) ?? 0) > 0).length;
    return list.reduce((best, f) => (shown(f) > shown(best) ? f : best), list[0]!).key;
  });
  const figure = list.find((f) => f.key === key) ?? list[0]!;
  const points = history.series.map((p) => ({ month: p.period, value: figure.value(p) }));
  const unit = figure.days ? 'Dagen' : 'Aantal';
  const config = useMemo<ChartConfiguration<'line'>>(
    () => ({
      type: 'line',
      data: {
        labels: points.map((p) => monthName(p.month, true)),
        datasets: [
          {
            label: figure.label,
            data: points.map((p) => p.value),
            borderColor: TREND_COLOR,
            backgroundColor: TREND_COLOR,
            borderWidth: 2,
            pointRadius: 3,
            spanGaps: false,
          },
          ...(figure.norm === undefined
            ? []
            : [
                {
                  label: `Norm (${days(figure.norm)})`,
                  data: points.map(() => figure.norm ?? null),
                  borderColor: NORM_COLOR,
                  backgroundColor: NORM_COLOR,
                  borderDash: [6, 4],
                  borderWidth: 2,
                  pointRadius: 0,
                },
              ]),
        ],
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { ticks: { maxRotation: 0, autoSkip: true } },
          y: {
            beginAtZero: true,
            grace: '10%',
            title: { display: true, text: unit },
            ticks: { precision: 0 },
          },
        },
      },
    }),
    // The points are new with every render; their content is what the chart shows.
    [JSON.stringify(points), figure.key],
  );
  const gaps = points.some((p) => p.value === null);
  const description = `Lijngrafiek: ${figure.label.toLowerCase()} per maand, ${where}, de ${TREND_MONTHS} maanden tot en met ${monthName(points.at(-1)?.month ?? '')}${figure.norm === undefined ? '' : `, norm ${days(figure.norm)}`}. ${points
    .map((p) => `${monthName(p.month)}: ${figureText(figure, p.value)}`)
    .join('; ')}.`;
  return (
    <div className="monitor-trend">
      <h3 id="h-monitor-trend">Verloop per maand</h3>
      <div className="field inline">
        <label htmlFor="monitor-trend">Verloop van</label>
        <select id="monitor-trend" value={figure.key} onChange={(e) => setKey(e.target.value)}>
          {list.map((f) => (
            <option key={f.key} value={f.key}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <ChartCanvas config={config} description={description} />
      {gaps && (
        <p className="hint">
          Een onderbreking in de lijn is een maand zonder cijfer:{' '}
          {figure.days
            ? 'niemand rondde die maand deze wachttijd af, of het aantal was te klein om te tonen.'
            : 'het aantal was te klein om te tonen (afgeschermd). Kies de hele regio of drie maanden voor een cijfer.'}
        </p>
      )}
      <details className="table-toggle">
        <summary>Tabel bij deze grafiek</summary>
        <div className="table-wrap">
          <table className="table numeric">
            <caption className="sr-only">
              {figure.label} per maand, {where}
            </caption>
            <thead>
              <tr>
                <th scope="col">Maand</th>
                <th scope="col">{figure.label}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.month}>
                  <th scope="row">{monthName(p.month)}</th>
                  <td>
                    <FigureValue figure={figure} value={p.value} threshold={threshold} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

function Downloads({
  paths,
  name,
  manager,
}: {
  paths: ReturnType<typeof monitorPaths>;
  name: string;
  manager: boolean;
}) {
  const [failed, setFailed] = useState<string>();
  const save = (path: string, accept: string, file: string) => {
    setFailed(undefined);
    download(path, accept, file).catch((error: unknown) => setFailed(problemMessage(error)));
  };
  return (
    <div className="downloads" role="group" aria-label="Downloads">
      <button
        type="button"
        className="button secondary"
        onClick={() => save(paths.monitor, 'text/csv', `monitor-${name}.csv`)}
      >
        Download CSV: cijfers van de periode
      </button>
      <button
        type="button"
        className="button secondary"
        onClick={() => save(paths.history, 'text/csv', `monitor-verloop-${name}.csv`)}
      >
        Download CSV: verloop per maand
      </button>
      {manager && (
        <button
          type="button"
          className="button secondary"
          onClick={() => save(paths.report, 'application/pdf', `maandrapport-${name}.pdf`)}
        >
          Maandrapport (PDF)
        </button>
      )}
      {failed && (
        <p role="alert" className="alert alert-error">
          {failed}
        </p>
      )}
    </div>
  );
}
