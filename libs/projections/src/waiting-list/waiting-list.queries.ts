import { careFormNorm, type RegionConfig } from '@samenspoor/domain';
import type { SqlQueryable } from '@samenspoor/event-store';

import { decodeCursor, encodeCursor } from '../cursor';
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

type Tables = TableNames<'wl_families' | 'wl_waits'>;

const STAGES: readonly WaitStage[] = ['analysis', 'plan', 'care'];

interface BlockRow {
  stage: WaitStage;
  care_form: string | null;
  provider_id: string | null;
  municipality: string | null;
  grouping: number;
  waiting: number;
  median: number | string | null;
  p90: number | null;
  max: number | null;
  over_norm: number;
}

/** The waits open at `asOf` (`$1`), filtered (`$2` municipality, `$3` care form, `$4` provider), with whole days. */
function openWaits(t: Tables): string {
  const columns = `stage, municipality, care_form, provider_id, family_id, trajectory_id, started_at,
    floor(extract(epoch from ($1::timestamptz - started_at)) / 86400)::int as days`;
  const filter = `started_at <= $1::timestamptz
    and ($2::text is null or municipality = $2)
    and (stage <> 'care' or (($3::text is null or care_form = $3) and ($4::text is null or provider_id = $4)))`;
  // Two branches so that each uses its index: the waits still open, and those that ended after asOf.
  return `select ${columns} from ${t.wl_waits} where ended_at is null and ${filter}
    union all
    select ${columns} from ${t.wl_waits} where ended_at > $1::timestamptz and ${filter}`;
}

function normParams(region: RegionConfig): [string[], number[]] {
  return [region.careForms.map((f) => f.id), region.careForms.map((f) => f.normDays)];
}

function block(row: BlockRow | undefined, norm?: number): FigureBlock {
  if (!row || row.waiting === 0) {
    return {
      waiting: 0,
      medianDays: null,
      p90Days: null,
      maxDays: null,
      overNorm: null,
      ...(norm === undefined ? {} : { norm }),
    };
  }
  return {
    waiting: row.waiting,
    medianDays: row.median === null ? null : Number(row.median),
    p90Days: row.p90,
    maxDays: row.max,
    overNorm: row.over_norm,
    ...(norm === undefined ? {} : { norm }),
  };
}

/** The waiting list at `asOf`: per stage, and the care waits per care form, provider and municipality. */
export async function waitingListFigures(
  db: SqlQueryable,
  t: Tables,
  region: RegionConfig,
  asOf: Date,
  filter: WaitingListFilter = {},
): Promise<WaitingListFigures> {
  const [forms, norms] = normParams(region);
  const rows = await db.query<BlockRow>(
    `with w as (${openWaits(t)}),
     n as (select * from unnest($5::text[], $6::int[]) as n(care_form, norm))
     select w.stage, w.care_form, w.provider_id, w.municipality,
            grouping(w.care_form, w.provider_id, w.municipality)::int as grouping,
            count(*)::int as waiting,
            percentile_cont(0.5) within group (order by w.days) as median,
            percentile_disc(0.9) within group (order by w.days) as p90,
            max(w.days) as max,
            count(*) filter (
              where w.days > case w.stage when 'analysis' then $7::int when 'plan' then $8::int else n.norm end
            )::int as over_norm
     from w left join n on n.care_form = w.care_form
     group by grouping sets ((w.stage), (w.stage, w.care_form), (w.stage, w.provider_id), (w.stage, w.municipality))`,
    [
      asOf.toISOString(),
      filter.municipality ?? null,
      filter.careForm ?? null,
      filter.providerId ?? null,
      forms,
      norms,
      region.stageNorms.analysisDays,
      region.stageNorms.planDays,
    ],
  );
  const stageRows = new Map<string, BlockRow>();
  const byForm = new Map<string, BlockRow>();
  const byProvider = new Map<string, BlockRow>();
  const byMunicipality = new Map<string, BlockRow>();
  for (const row of rows) {
    if (row.grouping === 7) stageRows.set(row.stage, row);
    else if (row.grouping === 3 && row.stage === 'care' && row.care_form)
      byForm.set(row.care_form, row);
    else if (row.grouping === 5 && row.stage === 'care' && row.provider_id)
      byProvider.set(row.provider_id, row);
    else if (row.grouping === 6 && row.municipality)
      byMunicipality.set(`${row.stage}/${row.municipality}`, row);
  }
  const stageNorm = {
    analysis: region.stageNorms.analysisDays,
    plan: region.stageNorms.planDays,
  } as const;
  const stages = (get: (stage: WaitStage) => BlockRow | undefined) => ({
    analysis: block(get('analysis'), stageNorm.analysis),
    plan: block(get('plan'), stageNorm.plan),
    care: block(get('care'), filter.careForm ? careFormNorm(region, filter.careForm) : undefined),
  });
  const careForms = filter.careForm ? [filter.careForm] : region.careForms.map((f) => f.id);
  const municipalities = filter.municipality ? [filter.municipality] : [...region.municipalities];
  return {
    asOf: asOf.toISOString(),
    stages: stages((stage) => stageRows.get(stage)),
    byCareForm: careForms.map((careForm) => ({
      careForm,
      ...block(byForm.get(careForm), careFormNorm(region, careForm)),
    })),
    byProvider: [...byProvider.keys()]
      .sort()
      .map((providerId) => ({ providerId, ...block(byProvider.get(providerId)) })),
    byMunicipality: municipalities.map((municipality) => ({
      municipality,
      ...block(byMunicipality.get(`care/${municipality}`)),
      stages: stages((stage) => byMunicipality.get(`${stage}/${municipality}`)),
    })),
  };
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
  const rows = await db.query<{
    family_id: string;
    trajectory_id: string;
    care_form: string;
    provider_id: string;
    municipality: string;
    started_at: Date;
    days: number;
  }>(
    `select * from (${openWaits(t)}) w
     where w.stage = 'care'
       and ($5::timestamptz is null or (w.started_at, w.family_id::text, w.trajectory_id::text) > ($5::timestamptz, $6, $7))
     order by w.started_at, w.family_id::text, w.trajectory_id::text
     limit $8`,
    [
      asOf.toISOString(),
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
      return {
        familyId: row.family_id,
        trajectoryId: row.trajectory_id,
        careForm: row.care_form,
        providerId: row.provider_id,
        municipality: row.municipality,
        requestedAt: new Date(row.started_at).toISOString(),
        waitingDays: row.days,
        norm,
        overNorm: norm !== null && row.days > norm,
      };
    }),
    nextCursor:
      rows.length > filter.limit && last
        ? encodeCursor([
            new Date(last.started_at).toISOString(),
            last.family_id,
            last.trajectory_id,
          ])
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
  const rows = await db.query<{
    day: string;
    waiting: number;
    median: number | string | null;
    over_norm: number;
  }>(
    `with days as (
       select d::date as day, d + interval '1 day' - interval '1 millisecond' as as_of
       from generate_series($1::date, $2::date, interval '1 day') d
     ),
     n as (select * from unnest($7::text[], $8::int[]) as n(care_form, norm))
     select to_char(days.day, 'YYYY-MM-DD') as day,
            count(w.days)::int as waiting,
            percentile_cont(0.5) within group (order by w.days) as median,
            count(*) filter (where w.days > w.norm)::int as over_norm
     from days left join lateral (
       select floor(extract(epoch from (days.as_of - x.started_at)) / 86400)::int as days,
              coalesce($9::int, n.norm) as norm
       from ${t.wl_waits} x left join n on n.care_form = x.care_form
       where x.stage = $3 and x.started_at <= days.as_of and (x.ended_at is null or x.ended_at > days.as_of)
         and ($4::text is null or x.municipality = $4)
         and ($5::text is null or x.care_form = $5)
         and ($6::text is null or x.provider_id = $6)
     ) w on true
     group by days.day
     order by days.day`,
    [
      range.from,
      range.to,
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
    date: row.day,
    waiting: row.waiting,
    medianDays: row.waiting === 0 || row.median === null ? null : Number(row.median),
    overNorm: row.waiting === 0 ? null : row.over_norm,
  }));
}

export { STAGES as WAIT_STAGES };
