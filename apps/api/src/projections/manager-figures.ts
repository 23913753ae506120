import type {
  FigureBlock,
  HistoryPoint,
  WaitingCell,
  WaitingListFigures,
  WaitingListFilter,
} from '@samenspoor/projections';

import {
  ALL,
  cellsToHide,
  hypercube,
  isSmall,
  linkTables,
  roundCount,
  splitCells,
  type CellTable,
} from './disclosure-control';

/**
 * Managers' answers under disclosure control (api.md "Small cells", README): each route's figures are cells of
 * one table with all its marginals — the unfiltered answer and every filtered one — decided on once by
 * `cellsToHide`, so a filter never shows what the unfiltered answer hides, nor the other way round.
 */

/** What an answer says about the figures it hides or rounds (additive beside v1's `suppressed: true`). */
export interface Disclosure {
  /** Counts from 1 to threshold − 1 are hidden, and enough others that none can be solved for. */
  threshold: number;
  /** Whether this answer hides any figure. */
  suppressed: boolean;
  /** Counts are rounded to a multiple of this (history series). */
  rounded?: number;
}

/** History series round to the CBS base of 5: consecutive days must not reveal one family's step. */
export const HISTORY_ROUNDING_BASE = 5;

const DAY_FIGURES = ['medianDays', 'p90Days', 'maxDays'] as const;

type Measure = 'waiting' | 'overNorm' | 'withinNorm';

/** The key of a waiting-list cell: a measure, a stage and (municipality, care form, provider) or `ALL`. */
export function waitingKey(
  measure: Measure,
  stage: string,
  municipality: string,
  careForm: string,
  providerId: string,
): string {
  return JSON.stringify([measure, stage, municipality, careForm, providerId]);
}

/**
 * The waiting list as a manager can read it through every filter: per stage, a table over (municipality, care
 * form, provider) with all marginals — care forms and providers only for the care stage, since the other stages
 * are not split by them — of `waiting` and of `overNorm`, tied by waiting = overNorm + within the norm.
 */
export function waitingListTable(cells: readonly WaitingCell[]): CellTable {
  const tables = [];
  for (const stage of ['analysis', 'plan', 'care'] as const) {
    const ofStage = cells.filter((cell) => cell.stage === stage);
    const coordinates = (cell: WaitingCell) =>
      stage === 'care'
        ? [cell.municipality, cell.careForm ?? '', cell.providerId ?? '']
        : [cell.municipality];
    const key =
      (measure: Measure) =>
      (c: readonly string[]): string =>
        waitingKey(measure, stage, c[0] ?? ALL, c[1] ?? ALL, c[2] ?? ALL);
    const waiting = hypercube(
      ofStage.map((cell) => ({ coordinates: coordinates(cell), count: cell.waiting })),
      key('waiting'),
    );
    const overNorm = hypercube(
      ofStage.map((cell) => ({ coordinates: coordinates(cell), count: cell.overNorm })),
      key('overNorm'),
    );
    const rename = (k: string, measure: Measure) =>
      JSON.stringify([measure, ...(JSON.parse(k) as string[]).slice(1)]);
    tables.push(
      waiting,
      overNorm,
      splitCells(
        waiting.values,
        (k) => rename(k, 'overNorm'),
        (k) => rename(k, 'withinNorm'),
        overNorm.values,
      ),
    );
  }
  return linkTables(...tables);
}

/** Hides a block's figures that are in `hidden`; its day figures go with them, and it says `suppressed`. */
function hideBlock<B extends object>(
  block: B,
  hidden: ReadonlyMap<string, string>,
  all: Set<string>,
): B {
  const gone = [...hidden].filter(([, key]) => all.has(key)).map(([field]) => field);
  if (gone.length === 0) return block;
  const copy: Record<string, unknown> = { ...block, suppressed: true };
  for (const field of gone) copy[field] = null;
  for (const field of DAY_FIGURES) if (field in copy) copy[field] = null;
  return copy as B;
}

/** The waiting list for a manager: the figures of `figures` (for `filter`) that `cells` say to hide, hidden. */
export function controlWaitingList(
  figures: WaitingListFigures,
  filter: WaitingListFilter,
  cells: readonly WaitingCell[],
  threshold: number,
): WaitingListFigures & { disclosure: Disclosure } {
  const hidden = cellsToHide(waitingListTable(cells), threshold);
  const m = filter.municipality ?? ALL;
  const f = filter.careForm ?? ALL;
  const p = filter.providerId ?? ALL;
  let any = false;
  const block = <B extends FigureBlock>(
    b: B,
    stage: string,
    municipality: string,
    careForm: string,
    providerId: string,
  ): B => {
    const controlled = hideBlock(
      b,
      new Map([
        ['waiting', waitingKey('waiting', stage, municipality, careForm, providerId)],
        ['overNorm', waitingKey('overNorm', stage, municipality, careForm, providerId)],
      ]),
      hidden,
    );
    if (controlled !== b) any = true;
    return controlled;
  };
  const result = {
    ...figures,
    stages: {
      analysis: block(figures.stages.analysis, 'analysis', m, ALL, ALL),
      plan: block(figures.stages.plan, 'plan', m, ALL, ALL),
      care: block(figures.stages.care, 'care', m, f, p),
    },
    byCareForm: figures.byCareForm.map((b) => block(b, 'care', m, b.careForm, p)),
    byProvider: figures.byProvider.map((b) => block(b, 'care', m, f, b.providerId)),
    byMunicipality: figures.byMunicipality.map((b) => ({
      ...block(b, 'care', b.municipality, f, p),
      stages: {
        analysis: block(b.stages.analysis, 'analysis', b.municipality, ALL, ALL),
        plan: block(b.stages.plan, 'plan', b.municipality, ALL, ALL),
        care: block(b.stages.care, 'care', b.municipality, f, p),
      },
    })),
  };
  return { ...result, disclosure: { threshold, suppressed: any } };
}

/**
 * A history series for a manager: small counts hidden (v1) and the rest rounded to the CBS base of 5, since the
 * points of consecutive days (and any `asOf`) would otherwise tell one family's step by their difference.
 */
export function controlHistory(
  series: readonly HistoryPoint[],
  threshold: number,
): {
  series: (Omit<HistoryPoint, 'waiting'> & { waiting: number | null; suppressed?: true })[];
  disclosure: Disclosure;
} {
  let any = false;
  const controlled = series.map((point) => {
    const small = isSmall(point.waiting, threshold) || isSmall(point.overNorm, threshold);
    if (small) any = true;
    return {
      ...point,
      waiting: isSmall(point.waiting, threshold)
        ? null
        : roundCount(point.waiting, HISTORY_ROUNDING_BASE),
      overNorm:
        point.overNorm === null || isSmall(point.overNorm, threshold)
          ? null
          : roundCount(point.overNorm, HISTORY_ROUNDING_BASE),
      ...(small ? { medianDays: null, suppressed: true as const } : {}),
    };
  });
  return {
    series: controlled,
    disclosure: { threshold, suppressed: any, rounded: HISTORY_ROUNDING_BASE },
  };
}
