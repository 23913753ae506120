import { careFormNorm, type RegionConfig } from '@samenspoor/domain';
import { statementName, type SqlQueryable } from '@samenspoor/sql';

import { decodeCursor, encodeCursor, InvalidCursorError } from '../cursor';
import type { TableNames } from '../projection';
import type { WaitStage } from './waiting-list.projection';

/**
 * A figure block (api.md "Definitions the figures follow"): how many wait, and for how many whole days.
 * `medianDays` is the middle value (the mean of the two middle ones for an even count), `p90Days` the ⌈0.9·n⌉-th
 * smallest, `overNorm` the number waiting longer than the norm. An empty group has `waiting` 0 and nulls.
 */
export interface FigureBlock {
  waiting: number;
  medianDays: number | null;
  p90Days: number | null;
  maxDays: number | null;
  overNorm: number | null;
  norm?: number;
}

export interface WaitingListFilter {
  readonly municipality?: string;
  readonly careForm?: string;
  readonly providerId?: string;
}

export interface WaitingListFigures {
  asOf: string;
  stages: { analysis: FigureBlock; plan: FigureBlock; care: FigureBlock };
  byCareForm: (FigureBlock & { careForm: string })[];
  byProvider: (FigureBlock & { providerId: string })[];
  byMunicipality: (FigureBlock & {
    municipality: string;
    stages: { analysis: FigureBlock; plan: FigureBlock; care: FigureBlock };
  })[];
}

export interface WaitingEntry {
  familyId: string;
  trajectoryId: string;
  careForm: string;
  providerId: string;
  municipality: string;
  requestedAt: string;
  waitingDays: number;
  norm: number | null;
  overNorm: boolean;
}

export interface HistoryPoint {
  date: string;
  waiting: number;
  medianDays: number | null;
  overNorm: number | null;
}

type Tables = TableNames<'wl_families' | 'wl_waits' | 'wl_groups' | 'wl_open'>;

const STAGES: readonly WaitStage[] = ['analysis', 'plan', 'care'];
const DAY_MS = 86_400_000;

/**
 * The waits open at `asOf` (`$1`, epoch ms), filtered (`$2` municipality, `$3` care form, `$4` provider), with
 * their whole waiting days: those still open now, and those that ended after `asOf`.
 */
function openWaits(t: Tables, stage?: WaitStage): string {
  return `select g.stage, g.municipality, g.care_form, g.provider_id, o.family_id, w.trajectory_id, o.started_ms,
      ($1::bigint - o.started_ms) / ${DAY_MS} as days
    from ${t.wl_open} o join ${t.wl_groups} g on g.group_id = o.group_id
    join ${t.wl_waits} w on w.family_id = o.family_id and w.wait_id = o.wait_id
    where o.started_ms <= $1::bigint and ${groupFilter('g', stage)}
    union all
    ${endedAfter(t, stage)}`;
}

/** The waits open at `asOf` that have ended since (from the intervals), in the same columns. */
function endedAfter(t: Tables, stage?: WaitStage): string {
  return `select stage, municipality, care_form, provider_id, family_id, trajectory_id, started_ms,
      ($1::bigint - started_ms) / ${DAY_MS} as days
    from ${t.wl_waits} w where ended_ms > $1::bigint and started_ms <= $1::bigint and ${groupFilter('w', stage)}`;
}

function groupFilter(alias: string, stage?: WaitStage): string {
  return `${stage ? `${alias}.stage = '${stage}' and ` : ''}($2::text is null or ${alias}.municipality = $2)
    and (${alias}.stage <> 'care' or (($3::text is null or ${alias}.care_form = $3)
      and ($4::text is null or ${alias}.provider_id = $4)))`;
}

function normParams(region: RegionConfig): [string[], number[]] {
  return [region.careForms.map((f) => f.id), region.careForms.map((f) => f.normDays)];
}

/** A group's waiting days as a histogram (`counts[days]` = how many), with how many wait over their norm. */
interface Histogram {
  counts: number[];
  total: number;
  overNorm: number;
}

function histogramBlock(histogram: Histogram | undefined, norm?: number): FigureBlock {
  const withNorm = norm === undefined ? {} : { norm };
  if (!histogram || histogram.total === 0) {
    return {
      waiting: 0,
      medianDays: null,
      p90Days: null,
      maxDays: null,
      overNorm: null,
      ...withNorm,
    };
  }
  const { counts, total } = histogram;
  // 1-based ranks: the middle one(s) and ⌈0.9·n⌉ (nearest rank).
  const lowMiddle = Math.ceil(total / 2);
  const highMiddle = total % 2 === 1 ? lowMiddle : lowMiddle + 1;
  const p90Rank = Math.ceil(0.9 * total);
  let seen = 0;
  let low: number | undefined;
  let high: number | undefined;
  let p90: number | undefined;
  let max = 0;
  counts.forEach((count, days) => {
    seen += count;
    if (low === undefined && seen >= lowMiddle) low = days;
    if (high === undefined && seen >= highMiddle) high = days;
    if (p90 === undefined && seen >= p90Rank) p90 = days;
    max = days;
  });
  return {
    waiting: total,
    medianDays: ((low ?? max) + (high ?? max)) / 2,
    p90Days: p90 ?? max,
    maxDays: max,
    overNorm: histogram.overNorm,
    ...withNorm,
  };
}

interface HistogramRow {
  stage: WaitStage;
  care_form: string | null;
  provider_id: string | null;
  municipality: string;
  days: number;
  n: number;
}

/**
 * The waiting list at `asOf`: per stage, and the care waits per care form, provider and municipality.
 *
 * The database counts the open waits per group (stage, care form, provider, municipality) and number of
 * waiting days — for the waits still open, a hash aggregate over two integers of a small table — and every
 * figure follows here from those histograms.
 */
export async function waitingListFigures(
  db: SqlQueryable,
  t: Tables,
  region: RegionConfig,
  asOf: Date,
  filter: WaitingListFilter = {},
): Promise<WaitingListFigures> {
  const params = [
    asOf.getTime(),
    filter.municipality ?? null,
    filter.careForm ?? null,
    filter.providerId ?? null,
  ];
  // Per group, its histogram as two arrays (days, how many): a few hundred rows rather than thousands.
  const openSql = `select g.stage, g.care_form, g.provider_id, g.municipality, c.days, c.n
     from (select group_id, array_agg(days) as days, array_agg(n) as n
           from (select group_id, (($1::bigint - started_ms) / ${DAY_MS})::int as days, count(*)::int as n
                 from ${t.wl_open} where started_ms <= $1::bigint group by 1, 2) d
           group by group_id) c
     join ${t.wl_groups} g on g.group_id = c.group_id
     where ${groupFilter('g')}`;
  const open = await db.query<Omit<HistogramRow, 'days' | 'n'> & { days: number[]; n: number[] }>(
    openSql,
    params,
    { prepareAs: statementName('wl_open_histograms', openSql) },
  );
  const ended = await db.query<HistogramRow>(
    `select stage, care_form, provider_id, municipality, days::int as days, count(*)::int as n
     from (${endedAfter(t)}) e group by 1, 2, 3, 4, 5`,
    params,
  );
  const groups = [...open, ...ended.map((row) => ({ ...row, days: [row.days], n: [row.n] }))];
  const normOf = (row: { stage: WaitStage; care_form: string | null }): number | undefined =>
    row.stage === 'analysis'
      ? region.stageNorms.analysisDays
      : row.stage === 'plan'
        ? region.stageNorms.planDays
        : row.care_form === null
          ? undefined
          : careFormNorm(region, row.care_form);
  const histograms = new Map<string, Histogram>();
  const histogram = (key: string): Histogram => {
    let found = histograms.get(key);
    if (!found) histograms.set(key, (found = { counts: [], total: 0, overNorm: 0 }));
    return found;
  };
  const providers = new Set<string>();
  for (const group of groups) {
    const targets = [
      histogram(`stage/${group.stage}`),
      histogram(`municipality/${group.stage}/${group.municipality}`),
    ];
    if (group.stage === 'care') {
      if (group.care_form) targets.push(histogram(`form/${group.care_form}`));
      if (group.provider_id) {
        providers.add(group.provider_id);
        targets.push(histogram(`provider/${group.provider_id}`));
      }
    }
    const norm = normOf(group);
    group.days.forEach((days, i) => {
      const count = group.n[i] ?? 0;
      for (const target of targets) {
        target.counts[days] = (target.counts[days] ?? 0) + count;
        target.total += count;
        if (norm !== undefined && days > norm) target.overNorm += count;
      }
    });
  }
  const stageNorm = {
    analysis: region.stageNorms.analysisDays,
    plan: region.stageNorms.planDays,
  } as const;
  const stages = (key: (stage: WaitStage) => string) => ({
    analysis: histogramBlock(histograms.get(key('analysis')), stageNorm.analysis),
    plan: histogramBlock(histograms.get(key('plan')), stageNorm.plan),
    care: histogramBlock(
      histograms.get(key('care')),
      filter.careForm ? careFormNorm(region, filter.careForm) : undefined,
    ),
  });
  const careForms = filter.careForm ? [filter.careForm] : region.careForms.map((f) => f.id);
  const municipalities = filter.municipality ? [filter.municipality] : [...region.municipalities];
  return {
    asOf: asOf.toISOString(),
    stages: stages((stage) => `stage/${stage}`),
    byCareForm: careForms.map((careForm) => ({
      careForm,
      ...histogramBlock(histograms.get(`form/${careForm}`), careFormNorm(region, careForm)),
    })),
    byProvider: [...providers].sort().map((providerId) => ({
      providerId,
      ...histogramBlock(histograms.get(`provider/${providerId}`)),
    })),
    byMunicipality: municipalities.map((municipality) => ({
      municipality,
      ...histogramBlock(histograms.get(`municipality/care/${municipality}`)),
      stages: stages((stage) => `municipality/${stage}/${municipality}`),
    })),
  };
}

/** The open waits at `asOf` counted per stage, municipality, care form and provider: the finest cells. */
export interface WaitingCell {
  stage: WaitStage;
  municipality: string;
  careForm: string | null;
  providerId: string | null;
  waiting: number;
  overNorm: number;
}

/**
 * Every open wait at `asOf`, unfiltered, counted per finest group (stage, municipality, care form, provider),
 * with how many wait over their norm: the cells every figure of `waitingListFigures` sums, for any filter.
 * Managers' disclosure control decides on these, so that filtered and unfiltered answers hide alike.
 */
export async function waitingCells(
  db: SqlQueryable,
  t: Tables,
  region: RegionConfig,
  asOf: Date,
): Promise<WaitingCell[]> {
  const [forms, norms] = normParams(region);
  const rows = await db.query<{
    stage: WaitStage;
    municipality: string;
    care_form: string | null;
    provider_id: string | null;
    waiting: number;
    over_norm: number;
  }>(
    `with n as (select * from unnest($5::text[], $6::int[]) as n(care_form, norm))
     select w.stage, w.municipality, w.care_form, w.provider_id, count(*)::int as waiting,
            count(*) filter (where w.days > case w.stage when 'analysis' then $7::int
                                                         when 'plan' then $8::int else n.norm end)::int as over_norm
     from (${openWaits(t)}) w left join n on w.stage = 'care' and n.care_form = w.care_form
     group by 1, 2, 3, 4
     order by 1, 2, 3, 4`,
    [
      asOf.getTime(),
      null,
      null,
      null,
      forms,
      norms,
      region.stageNorms.analysisDays,
      region.stageNorms.planDays,
    ],
  );
  return rows.map((row) => ({
    stage: row.stage,
    municipality: row.municipality,
    careForm: row.care_form,
    providerId: row.provider_id,
    waiting: row.waiting,
    overNorm: row.over_norm,
  }));
}

/** The care waits open at `asOf`, oldest first, a page at a time. */
export async function waitingEntries(
  db: SqlQueryable,
  t: Tables,
  region: RegionConfig,
  asOf: Date,
  filter: WaitingListFilter & { readonly limit: number; readonly cursor?: string },
): Promise<{ items: WaitingEntry[]; nextCursor: string | null }> {
  const after = filter.cursor ? decodeCursor(filter.cursor, 3) : undefined;
  if (after && !/^\d{1,15}$/.test(after[0] ?? '')) throw new InvalidCursorError();
  const rows = await db.query<{
    family_id: string;
    trajectory_id: string;
    care_form: string;
    provider_id: string;
    municipality: string;
    started_ms: string | number;
    days: string | number;
  }>(
    `select * from (${openWaits(t, 'care')}) w
     where ($5::bigint is null or (w.started_ms, w.family_id, w.trajectory_id) > ($5::bigint, $6, $7))
     order by w.started_ms, w.family_id, w.trajectory_id
     limit $8`,
    [
      asOf.getTime(),
      filter.municipality ?? null,
      filter.careForm ?? null,
      filter.providerId ?? null,
      after?.[0] ?? null,
      after?.[1] ?? null,
      after?.[2] ?? null,
      filter.limit + 1,
    ],
  );
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => {
      const norm = careFormNorm(region, row.care_form) ?? null;
      const days = Number(row.days);
      return {
        familyId: row.family_id,
        trajectoryId: row.trajectory_id,
        careForm: row.care_form,
        providerId: row.provider_id,
        municipality: row.municipality,
        requestedAt: new Date(Number(row.started_ms)).toISOString(),
        waitingDays: days,
        norm,
        overNorm: norm !== null && days > norm,
      };
    }),
    nextCursor:
      rows.length > filter.limit && last
        ? encodeCursor([String(last.started_ms), last.family_id, last.trajectory_id])
        : null,
  };
}

/**
 * One point a day, `from` and `to` included, each the state at the end of that day (UTC): the last millisecond
 * of the day, with the same definitions as the figures. Covers one stage (care unless told).
 */
export async function waitingHistory(
  db: SqlQueryable,
  t: Tables,
  region: RegionConfig,
  range: { readonly from: string; readonly to: string },
  filter: WaitingListFilter & { readonly stage?: WaitStage } = {},
): Promise<HistoryPoint[]> {
  const stage = filter.stage ?? 'care';
  const [forms, norms] = normParams(region);
  const stageNorm =
    stage === 'analysis'
      ? region.stageNorms.analysisDays
      : stage === 'plan'
        ? region.stageNorms.planDays
        : null;
  const fromDay = Math.floor(Date.parse(range.from) / DAY_MS);
  const toDay = Math.floor(Date.parse(range.to) / DAY_MS);
  const rows = await db.query<{
    day: number;
    waiting: number;
    median: number | string | null;
    over_norm: number;
  }>(
    `with days as (
       select d as day, (d + 1)::bigint * ${DAY_MS} - 1 as as_of from generate_series($1::int, $2::int) d
     ),
     n as (select * from unnest($7::text[], $8::int[]) as n(care_form, norm))
     select days.day,
            count(w.days)::int as waiting,
            percentile_cont(0.5) within group (order by w.days) as median,
            count(*) filter (where w.days > w.norm)::int as over_norm
     from days left join lateral (
       select (days.as_of - x.started_ms) / ${DAY_MS} as days, coalesce($9::int, n.norm) as norm
       from ${t.wl_waits} x left join n on n.care_form = x.care_form
       where x.stage = $3 and x.started_ms <= days.as_of and (x.ended_ms is null or x.ended_ms > days.as_of)
         and ($4::text is null or x.municipality = $4)
         and ($5::text is null or x.care_form = $5)
         and ($6::text is null or x.provider_id = $6)
     ) w on true
     group by days.day
     order by days.day`,
    [
      fromDay,
      toDay,
      stage,
      filter.municipality ?? null,
      filter.careForm ?? null,
      filter.providerId ?? null,
      forms,
      norms,
      stageNorm,
    ],
  );
  return rows.map((row) => ({
    date: new Date(row.day * DAY_MS).toISOString().slice(0, 10),
    waiting: row.waiting,
    medianDays: row.waiting === 0 || row.median === null ? null : Number(row.median),
    overNorm: row.waiting === 0 ? null : row.over_norm,
  }));
}

export { STAGES as WAIT_STAGES };
