import { createHash } from 'node:crypto';

import type {
  FigureBlock,
  HistoryPoint,
  StackingCell,
  StackingFigures,
  WaitingCell,
  WaitingListFigures,
  WaitingListFilter,
} from '@samenspoor/projections';

import { ALL, hypercube, linkTables, splitMeasure, type CellTable } from './cell-tables';
import { cellsToHide, isSmall, roundCount } from './disclosure-control';

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
    tables.push(
      waiting,
      overNorm,
      splitMeasure<Measure>(waiting.values, ['overNorm', 'withinNorm'], overNorm.values),
    );
  }
  return linkTables(...tables);
}

/** Decisions kept, most recent last: managers ask the same figures again and again (and through filters). */
const decisions = new Map<string, Set<string>>();
const MAX_DECISIONS = 32;

/**
 * `cellsToHide` on the table of `cells`, remembered by a digest of the cells and the threshold: the decision
 * depends on nothing else, so a repeated request (same read-model state, any filter) reuses it and a changed
 * count makes a new one. The digest holds no figure in the clear, and the cache lives in this process only.
 */
function decideOnce(
  route: string,
  cells: readonly object[],
  threshold: number,
  table: () => CellTable,
): Set<string> {
  const id = createHash('sha256')
    .update(JSON.stringify([route, threshold, cells]))
    .digest('base64url');
  const known = decisions.get(id);
  if (known !== undefined) {
    decisions.delete(id);
    decisions.set(id, known);
    return known;
  }
  const hidden = cellsToHide(table(), threshold);
  decisions.set(id, hidden);
  if (decisions.size > MAX_DECISIONS) decisions.delete(decisions.keys().next().value!);
  return hidden;
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
  const hidden = decideOnce('waiting-list', cells, threshold, () => waitingListTable(cells));
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

type Distribution = keyof StackingFigures['distribution'];
const DISTRIBUTIONS: readonly Distribution[] = [
  'activeTrajectories',
  'distinctProviders',
  'distinctCareForms',
  'networkSize',
];

/** The key of a stacking cell: a measure, a municipality (or `ALL`) and, for a distribution, a count's value. */
export function stackingKey(measure: string, municipality: string, value: string = ALL): string {
  return JSON.stringify([measure, municipality, value]);
}

/**
 * Stacking as a manager can read it with and without the municipality filter: `families` and `flagged` per
 * municipality with the region's total, tied by families = flagged + not flagged, and each distribution a table
 * over (municipality, value) whose rows sum to `families` (every family has one value of each count).
 */
export function stackingTable(cells: readonly StackingCell[]): CellTable {
  const byMunicipality = (measure: string) =>
    hypercube(
      cells
        .filter((cell) => cell.measure === measure)
        .map((cell) => ({ coordinates: [cell.municipality], count: cell.count })),
      (c) => stackingKey(measure, c[0] ?? ALL),
    );
  const families = byMunicipality('families');
  const flagged = byMunicipality('flagged');
  const distributions = DISTRIBUTIONS.map((measure) =>
    hypercube(
      cells
        .filter((cell) => cell.measure === measure)
        .map((cell) => ({ coordinates: [cell.municipality, cell.value ?? ''], count: cell.count })),
      // A distribution's row total is the municipality's families: the same figure, so the same cell.
      (c) =>
        c[1] === ALL
          ? stackingKey('families', c[0] ?? ALL)
          : stackingKey(measure, c[0] ?? ALL, c[1] ?? ALL),
    ),
  );
  return linkTables(
    families,
    flagged,
    splitMeasure(families.values, ['flagged', 'notFlagged'], flagged.values, families.relations),
    ...distributions,
  );
}

/**
 * Stacking for a manager, for the municipality of `filter` (or the region): every count read from `cells` (so
 * that the answer and what it hides come from one reading), the cells `cellsToHide` picks as null.
 */
export function controlStacking(
  figures: StackingFigures,
  filter: { municipality?: string | undefined },
  cells: readonly StackingCell[],
  threshold: number,
) {
  const table = stackingTable(cells);
  const hidden = cellsToHide(table, threshold);
  const m = filter.municipality ?? ALL;
  const show = (key: string) => (hidden.has(key) ? null : (table.values.get(key) ?? 0));
  const shown = [stackingKey('families', m), stackingKey('flagged', m)];
  const distribution = Object.fromEntries(
    DISTRIBUTIONS.map((measure) => {
      const values = cells
        .filter((cell) => cell.measure === measure && (m === ALL || cell.municipality === m))
        .map((cell) => cell.value ?? '');
      const distinct = [...new Set(values)].sort((a, b) => Number(a) - Number(b));
      shown.push(...distinct.map((value) => stackingKey(measure, m, value)));
      return [
        measure,
        Object.fromEntries(distinct.map((value) => [value, show(stackingKey(measure, m, value))])),
      ];
    }),
  ) as Record<Distribution, Record<string, number | null>>;
  const suppressed = shown.some((key) => hidden.has(key));
  return {
    ...figures,
    families: show(stackingKey('families', m)),
    flagged: show(stackingKey('flagged', m)),
    distribution,
    ...(suppressed ? { suppressed: true as const } : {}),
    disclosure: { threshold, suppressed } satisfies Disclosure,
  };
}
