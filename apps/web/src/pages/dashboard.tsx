import type { ChartConfiguration } from 'chart.js';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';

import {
  DESTINATION_LABELS,
  DISTRIBUTION_LABELS,
  label,
  STAGE_LABELS,
} from '@samenspoor/domain/labels-nl';

import { ChartCanvas } from '../components/chart';
import { SelectField } from '../components/fields';
import { Async, ErrorAlert, Loading, Page, ScrollTable, useApi } from '../components/ui';
import { addDays, days, formatDate, formatNumber } from '../format';
import { careFormLabel, useRegion } from '../region';
import type { FigureBlock, Outflow, Region, Stacking, WaitingHistory, WaitingList } from '../types';
import { dashboardPaths, FIRST_SERIES, HISTORY_DAYS, today as todayUtc } from './dashboard-data';
import { Count, MonitorSection } from './monitor';

const COLORS = {
  waiting: '#00556e',
  median: '#b3541e',
  norm: '#b00020',
  flagged: '#b3541e',
  bar: '#00556e',
};

/** Marked once per page load when the dashboard's charts are drawn: what `npm run bench:web` measures. */
export const DRAWN_MARK = 'samenspoor:dashboard-drawn';

function Days({ value }: { value: number | null | undefined }) {
  return <>{value === null || value === undefined ? '—' : formatNumber(value)}</>;
}

/** A table cell with a count (see `Count`); `late` marks a count over the norm. */
function CountCell({ late = false, ...count }: Parameters<typeof Count>[0] & { late?: boolean }) {
  return (
    <td className={late ? 'late' : undefined}>
      <Count {...count} />
    </td>
  );
}

/** A table cell with a number of days. */
function DaysCell({ value }: { value: number | null | undefined }) {
  return (
    <td>
      <Days value={value} />
    </td>
  );
}

/**
 * The manager's dashboard: waiting lists per care form, municipality and stage against the norms, the daily
 * history with the norm, the stacking of care and the outflow figures, for any day (`asOf`).
 */
export function DashboardPage() {
  const region = useRegion();
  const today = todayUtc();
  const [day, setDay] = useState(today);
  const paths = dashboardPaths(day);
  const waiting = useApi<WaitingList>(paths.waiting);
  const stacking = useApi<Stacking>(paths.stacking);
  const outflow = useApi<Outflow>(paths.outflow);
  const threshold = region.smallCellThreshold;

  const drawn = useRef(new Set<string>());
  const [allDrawn, setAllDrawn] = useState(false);
  const onDrawn = useCallback((chart: string) => {
    drawn.current.add(chart);
    if (drawn.current.size === 2) {
      if (performance.getEntriesByName(DRAWN_MARK).length === 0) performance.mark(DRAWN_MARK);
      setAllDrawn(true);
    }
  }, []);

  return (
    <Page title="Wachtlijsten en cijfers">
      <div className="dashboard" data-charts-drawn={allDrawn ? 'true' : 'false'}>
        <form
          className="filters"
          onSubmit={(e) => e.preventDefault()}
          aria-label="Cijfers voor een dag"
        >
          <div className="field">
            <label htmlFor="as-of">Peildatum</label>
            <input
              id="as-of"
              type="date"
              value={day}
              max={today}
              onChange={(e) =>
                e.target.value && setDay(e.target.value > today ? today : e.target.value)
              }
            />
          </div>
          <p className="hint">
            De cijfers gelden aan het eind van {formatDate(`${day}T12:00:00Z`)}
            {day === today ? ' (nu)' : ''}.
            {threshold > 1 &&
              ` Aantallen van 1 tot ${threshold} staan als "afgeschermd", en zo nodig ook een groter aantal ernaast, zodat een klein aantal niet uit een totaal te herleiden is; de dagen van zo'n cel ook ("—").`}
            {waiting.data?.disclosure &&
              ' Kleine aantallen zijn verborgen of afgerond om herleiding tot gezinnen te voorkomen.'}
          </p>
        </form>

        <MonitorSection region={region} />

        <Async loaded={waiting} what="Wachtlijst">
          {(figures) => (
            <>
              <section aria-labelledby="h-fasen">
                <h2 id="h-fasen">Wachtlijst per fase</h2>
                <div className="stat-cards">
                  {(['analysis', 'plan', 'care'] as const).map((stage) => (
                    <StageCard
                      key={stage}
                      stage={stage}
                      block={figures.stages[stage]}
                      threshold={threshold}
                    />
                  ))}
                </div>
              </section>
              <section className="card" aria-labelledby="h-zorgvorm">
                <h2 id="h-zorgvorm">Wachten op zorg per zorgvorm</h2>
                <FigureTable
                  caption="Wachtenden op zorg per zorgvorm, met de norm in dagen"
                  first="Zorgvorm"
                  rows={figures.byCareForm.map((b) => [careFormLabel(b.careForm), b])}
                  threshold={threshold}
                />
              </section>
              <section className="card" aria-labelledby="h-gemeente">
                <h2 id="h-gemeente">Per gemeente en fase</h2>
                <MunicipalityTable figures={figures} region={region} threshold={threshold} />
              </section>
            </>
          )}
        </Async>

        <HistorySection day={day} region={region} threshold={threshold} onDrawn={onDrawn} />

        <section className="card" aria-labelledby="h-stapeling">
          <h2 id="h-stapeling">Stapeling van zorg</h2>
          <Async loaded={stacking} what="Stapeling">
            {(figures) => (
              <StackingView figures={figures} threshold={threshold} onDrawn={onDrawn} />
            )}
          </Async>
        </section>

        <section className="card" aria-labelledby="h-uitstroom">
          <h2 id="h-uitstroom">Uitstroom en terugkeer</h2>
          <p className="hint">
            De twaalf maanden tot en met de peildatum:{' '}
            {formatDate(`${addDays(day, -364)}T12:00:00Z`)} tot en met{' '}
            {formatDate(`${day}T12:00:00Z`)}.
          </p>
          <Async loaded={outflow} what="Uitstroom">
            {(figures) => <OutflowView figures={figures} threshold={threshold} />}
          </Async>
        </section>
      </div>
    </Page>
  );
}

function StageCard({
  stage,
  block,
  threshold,
}: {
  stage: 'analysis' | 'plan' | 'care';
  block: FigureBlock;
  threshold: number;
}) {
  const over = block.overNorm !== null && block.overNorm > 0;
  return (
    <div className="stat-card">
      <h3>{STAGE_LABELS[stage]}</h3>
      <p className="stat">
        <Count value={block.waiting} threshold={threshold} />{' '}
        <span className="stat-unit">wachtend</span>
      </p>
      <dl className="facts compact">
        <div className="fact">
          <dt>Mediaan</dt>
          <dd>{block.medianDays === null ? '—' : days(block.medianDays)}</dd>
        </div>
        <div className="fact">
          <dt>Norm</dt>
          <dd>{block.norm === undefined ? 'verschilt per zorgvorm' : days(block.norm)}</dd>
        </div>
        <div className="fact">
          <dt>Boven de norm</dt>
          <dd className={over ? 'late' : undefined}>
            <Count value={block.overNorm} threshold={threshold} empty={block.waiting === 0} />
          </dd>
        </div>
      </dl>
    </div>
  );
}

function FigureTable({
  caption,
  first,
  rows,
  threshold,
}: {
  caption: string;
  first: string;
  rows: [string, FigureBlock][];
  threshold: number;
}) {
  return (
    <ScrollTable
      name={caption}
      className="table numeric"
      caption={caption}
      columns={[
        first,
        'Norm (dagen)',
        'Wachtend',
        'Mediaan (dagen)',
        '90% binnen (dagen)',
        'Langste (dagen)',
        'Boven de norm',
      ]}
    >
      <tbody>
        {rows.map(([name, block]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{block.norm ?? '—'}</td>
            <CountCell value={block.waiting} threshold={threshold} />
            <DaysCell value={block.medianDays} />
            <DaysCell value={block.p90Days} />
            <DaysCell value={block.maxDays} />
            <CountCell
              value={block.overNorm}
              threshold={threshold}
              empty={block.waiting === 0}
              late={Boolean(block.overNorm)}
            />
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function MunicipalityTable({
  figures,
  region,
  threshold,
}: {
  figures: WaitingList;
  region: Region;
  threshold: number;
}) {
  const stages = ['analysis', 'plan', 'care'] as const;
  const norms = { analysis: region.stageNorms.analysisDays, plan: region.stageNorms.planDays };
  return (
    <div
      className="table-wrap"
      role="region"
      aria-label="Wachtenden per gemeente en fase"
      tabIndex={0}
    >
      <table className="table numeric">
        <caption className="sr-only">
          Wachtenden per gemeente en fase, met hoeveel boven de norm
        </caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Gemeente
            </th>
            <th scope="colgroup" colSpan={2}>
              Analyse (norm {norms.analysis} d.)
            </th>
            <th scope="colgroup" colSpan={2}>
              Plan (norm {norms.plan} d.)
            </th>
            <th scope="colgroup" colSpan={2}>
              Zorg (norm per zorgvorm)
            </th>
          </tr>
          <tr>
            {stages.map((stage) => [
              <th scope="col" key={`${stage}-w`}>
                Wachtend
              </th>,
              <th scope="col" key={`${stage}-o`}>
                Boven norm
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {figures.byMunicipality.map((m) => (
            <tr key={m.municipality}>
              <th scope="row">{m.municipality}</th>
              {stages.map((stage) => [
                <CountCell
                  key={`${stage}-w`}
                  value={m.stages[stage].waiting}
                  threshold={threshold}
                />,
                <CountCell
                  key={`${stage}-o`}
                  value={m.stages[stage].overNorm}
                  threshold={threshold}
                  empty={m.stages[stage].waiting === 0}
                  late={Boolean(m.stages[stage].overNorm)}
                />,
              ])}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Which series the history shows: a stage, or care for one care form, each with its norm. */
interface Series {
  readonly key: string;
  readonly label: string;
  readonly query: string;
  readonly norm?: number;
}

function seriesOptions(region: Region): Series[] {
  return [
    { key: 'care', label: 'Zorg: alle zorgvormen', query: 'stage=care' },
    ...region.careForms.map((f) => ({
      key: `care:${f.id}`,
      label: `Zorg: ${careFormLabel(f.id)}`,
      query: `stage=care&careForm=${encodeURIComponent(f.id)}`,
      norm: f.normDays,
    })),
    {
      key: FIRST_SERIES.key,
      label: 'Verklarende analyse',
      query: FIRST_SERIES.query,
      norm: region.stageNorms.analysisDays,
    },
    { key: 'plan', label: 'Plan', query: 'stage=plan', norm: region.stageNorms.planDays },
  ];
}

function HistorySection({
  day,
  region,
  threshold,
  onDrawn,
}: {
  day: string;
  region: Region;
  threshold: number;
  onDrawn: (chart: string) => void;
}) {
  const options = useMemo(() => seriesOptions(region), [region]);
  const [key, setKey] = useState<string>(FIRST_SERIES.key);
  const series = options.find((o) => o.key === key) ?? options[0]!;
  const history = useApi<WaitingHistory>(dashboardPaths(day, series.query).history);
  const [measure, setMeasure] = useState<'waiting' | 'median'>('waiting');
  // One axis per chart: the families waiting, or the median wait with the norm that bounds it, in days.
  const config = useMemo<ChartConfiguration<'line'> | undefined>(() => {
    const points = history.data?.series;
    if (!points) return undefined;
    const labels = points.map((p) => formatDate(`${p.date}T12:00:00Z`));
    const line = {
      pointRadius: 0,
      borderWidth: 2,
      spanGaps: false,
    };
    return {
      type: 'line',
      data: {
        labels,
        datasets:
          measure === 'waiting'
            ? [
                {
                  ...line,
                  label: 'Wachtend (aantal gezinnen)',
                  data: points.map((p) => p.waiting),
                  borderColor: COLORS.waiting,
                  backgroundColor: COLORS.waiting,
                },
              ]
            : [
                {
                  ...line,
                  label: 'Mediane wachttijd (dagen)',
                  data: points.map((p) => p.medianDays),
                  borderColor: COLORS.median,
                  backgroundColor: COLORS.median,
                },
                ...(series.norm === undefined
                  ? []
                  : [
                      {
                        ...line,
                        label: `Norm (${days(series.norm)})`,
                        data: points.map(() => series.norm ?? null),
                        borderColor: COLORS.norm,
                        backgroundColor: COLORS.norm,
                        borderDash: [6, 4],
                      },
                    ]),
              ],
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { ticks: { maxTicksLimit: 8, maxRotation: 0 } },
          y: {
            beginAtZero: true,
            // Headroom above the highest point, so that a line at the top does not vanish into the frame.
            grace: '10%',
            title: { display: true, text: measure === 'waiting' ? 'Gezinnen' : 'Dagen' },
            ticks: { precision: 0 },
          },
        },
      },
    };
  }, [history.data, series.norm, measure]);

  const draw = useCallback(() => onDrawn('history'), [onDrawn]);
  const last = history.data?.series.at(-1);
  return (
    <section className="card" aria-labelledby="h-verloop">
      <h2 id="h-verloop">Verloop van de wachtlijst</h2>
      <SelectField
        id="history-series"
        label="Wachtlijst"
        inline
        value={key}
        onChange={setKey}
        values={options.map((o) => [
          o.key,
          `${o.label}${o.norm === undefined ? '' : ` (norm ${days(o.norm)})`}`,
        ])}
      />
      <SelectField
        id="history-measure"
        label="Toon"
        inline
        value={measure}
        onChange={(value) => setMeasure(value === 'median' ? 'median' : 'waiting')}
        values={[
          ['waiting', 'Aantal wachtenden'],
          ['median', 'Mediane wachttijd, met de norm'],
        ]}
      />
      {history.error !== undefined ? (
        <ErrorAlert error={history.error} retry={history.reload} />
      ) : !config || !history.data ? (
        <Loading what="Verloop" />
      ) : (
        <>
          <ChartCanvas
            config={config}
            onDrawn={draw}
            description={`Lijngrafiek: ${series.label}, de ${HISTORY_DAYS} dagen tot en met ${formatDate(`${day}T12:00:00Z`)}. ${
              last
                ? `Op de laatste dag ${last.waiting === null ? 'afgeschermd aantal' : formatNumber(last.waiting)} wachtend, mediaan ${last.medianDays === null ? 'niet te tonen' : days(last.medianDays)}`
                : ''
            }${series.norm === undefined ? '.' : `, norm ${days(series.norm)}.`} De tabel onder de grafiek geeft alle cijfers.`}
          />
          <p className="hint">
            Een onderbreking in de lijn is een dag waarop het cijfer is afgeschermd (te weinig
            gezinnen om te tonen) of niemand wachtte; de tabel geeft per dag wat bekend is.
          </p>
          <TableToggle title="Tabel bij deze grafiek">
            <table className="table numeric">
              <caption className="sr-only">{series.label}: per dag</caption>
              <thead>
                <tr>
                  <th scope="col">Dag</th>
                  <th scope="col">Wachtend</th>
                  <th scope="col">Mediaan (dagen)</th>
                  <th scope="col">Boven de norm</th>
                </tr>
              </thead>
              <tbody>
                {history.data.series.map((p) => (
                  <tr key={p.date}>
                    <th scope="row">{formatDate(`${p.date}T12:00:00Z`)}</th>
                    <CountCell value={p.waiting} threshold={threshold} />
                    <DaysCell value={p.medianDays} />
                    <CountCell value={p.overNorm} threshold={threshold} empty={p.waiting === 0} />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableToggle>
        </>
      )}
    </section>
  );
}

/** A table beside a chart, for screen readers and for reading exact figures; built when it is opened. */
function TableToggle({ title, children }: { title: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="table-toggle" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{title}</summary>
      {open && <div className="table-wrap">{children}</div>}
    </details>
  );
}

const DISTRIBUTIONS = ['activeTrajectories', 'distinctProviders', 'networkSize'] as const;

function StackingView({
  figures,
  threshold,
  onDrawn,
}: {
  figures: Stacking;
  threshold: number;
  onDrawn: (chart: string) => void;
}) {
  const [which, setWhich] = useState<(typeof DISTRIBUTIONS)[number]>('activeTrajectories');
  const distribution = figures.distribution[which] ?? {};
  const limit = figures.thresholds[which];
  const keys = Object.keys(distribution).sort((a, b) => Number(a) - Number(b));
  const config = useMemo<ChartConfiguration<'bar'>>(
    () => ({
      type: 'bar',
      data: {
        labels: keys,
        datasets: [
          {
            label: 'Gezinnen',
            data: keys.map((k) => distribution[k] ?? null),
            backgroundColor: keys.map((k) => (Number(k) >= limit ? COLORS.flagged : COLORS.bar)),
          },
        ],
      },
      options: {
        plugins: { legend: { display: false } },
        scales: {
          x: { title: { display: true, text: label(DISTRIBUTION_LABELS, which) } },
          y: { beginAtZero: true, title: { display: true, text: 'Gezinnen' } },
        },
      },
    }),
    // The distribution object is new with every answer; its content is what the chart shows.
    [JSON.stringify(distribution), which, limit],
  );
  const draw = useCallback(() => onDrawn('stacking'), [onDrawn]);
  const allKeys = [
    ...new Set(DISTRIBUTIONS.flatMap((d) => Object.keys(figures.distribution[d] ?? {}))),
  ].sort((a, b) => Number(a) - Number(b));
  return (
    <>
      <p>
        <Count value={figures.families} threshold={threshold} /> gezinnen op de route, waarvan{' '}
        <Count value={figures.flagged} threshold={threshold} /> boven een drempel (vanaf{' '}
        {figures.thresholds.activeTrajectories} lopende trajecten,{' '}
        {figures.thresholds.distinctProviders} aanbieders of {figures.thresholds.networkSize}{' '}
        professionals).
      </p>
      <div className="field inline">
        <label htmlFor="stacking-which">Verdeling van</label>
        <select
          id="stacking-which"
          value={which}
          onChange={(e) => setWhich(e.target.value as typeof which)}
        >
          {DISTRIBUTIONS.map((d) => (
            <option key={d} value={d}>
              {DISTRIBUTION_LABELS[d]}
            </option>
          ))}
        </select>
      </div>
      <ChartCanvas
        config={config}
        onDrawn={draw}
        description={`Staafgrafiek: aantal gezinnen per aantal ${label(DISTRIBUTION_LABELS, which).toLowerCase()}; staven vanaf ${limit} in oranje (boven de drempel). De tabel onder de grafiek geeft alle cijfers.`}
      />
      <TableToggle title="Tabel bij deze grafiek">
        <table className="table numeric">
          <caption className="sr-only">Aantal gezinnen per aantal</caption>
          <thead>
            <tr>
              <th scope="col">Aantal</th>
              {DISTRIBUTIONS.map((d) => (
                <th scope="col" key={d}>
                  {DISTRIBUTION_LABELS[d]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {allKeys.map((k) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                {DISTRIBUTIONS.map((d) => (
                  <td key={d}>
                    {figures.distribution[d]?.[k] === undefined ? (
                      0
                    ) : (
                      <Count value={figures.distribution[d]?.[k]} threshold={threshold} />
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableToggle>
    </>
  );
}

function OutflowView({ figures, threshold }: { figures: Outflow; threshold: number }) {
  return (
    <>
      <div className="stat-cards">
        <div className="stat-card">
          <h3>Uitgestroomd</h3>
          <p className="stat">
            <Count value={figures.outflows} threshold={threshold} />
          </p>
        </div>
        <div className="stat-card">
          <h3>Nazorgcontacten gedaan</h3>
          <p className="stat">
            <Count value={figures.followUpsDone} threshold={threshold} />
          </p>
        </div>
        <div className="stat-card">
          <h3>Nazorgcontacten nog te doen</h3>
          <p className="stat">
            <Count value={figures.followUpsDue} threshold={threshold} />
          </p>
        </div>
        <div className="stat-card">
          <h3>Terug binnen 12 maanden</h3>
          <p className="stat">
            <Count value={figures.reentriesWithin12Months} threshold={threshold} />
          </p>
          <p className="hint">
            van <Count value={figures.reentries} threshold={threshold} /> heraanmeldingen
          </p>
        </div>
      </div>
      <ScrollTable
        name="Uitstroom naar bestemming"
        className="table numeric"
        caption="Uitstroom naar bestemming"
        columns={['Bestemming', 'Gezinnen']}
      >
        <tbody>
          {Object.entries(figures.byDestination).map(([destination, count]) => (
            <tr key={destination}>
              <th scope="row">{label(DESTINATION_LABELS, destination)}</th>
              <CountCell value={count} threshold={threshold} />
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}
