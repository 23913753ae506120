import { createHash } from 'node:crypto';

import { outOfHomeCareForms, type RegionConfig } from '@samenspoor/domain';
import { monitorBlocks, type MonitorBlocks, type MonitorRow } from '@samenspoor/projections';

import { ALL, hypercube, linkTables, splitCells, type CellTable } from './cell-tables';
import { cellsToHide } from './disclosure-control';
import type { Disclosure } from './manager-figures';

/**
 * The managers' monitor under disclosure control (api.md, "Managers' monitor"). Each calendar month is a table of
 * its own — every count of every block per municipality, with the region's totals and the relations a reader
 * knows between them — decided on by `cellsToHide`; a period of several months shows a figure only when every
 * month shows it (as the outflow does, `manager-outflow.ts`), so that periods cannot be subtracted from each
 * other to give a month away. A state at the end of a period is that of its last month.
 */

/** The key of a monitor cell: the figure's path in the answer (`inflow.bySource.gp`) and a municipality or `ALL`. */
export function monitorKey(path: string, municipality: string): string {
  return JSON.stringify([path, municipality]);
}

/** Figures that are one count each, without a breakdown that adds up to another. */
const SINGLE = [
  'realisedWaits.analysis.count',
  'realisedWaits.plan.count',
  'realisedWaits.care.count',
  'crises.signals',
  'crises.crisisCareRequests',
  'outOfHome.started',
  'outOfHome.activeAtEnd',
  'protectionMeasures.imposed',
  'protectionMeasures.activeAtEnd',
  'caseDirectorChanges',
];

/** `whole = part + the rest` (the rest unpublished): re-entries are cases, breakdowns ends, and so on. */
const SPLITS: readonly [whole: string, part: string][] = [
  ['inflow.cases', 'inflow.reentries'],
  ['careEnded.total', 'careEnded.breakdown'],
  ['followUps.months3.due', 'followUps.months3.done'],
  ['followUps.months6.due', 'followUps.months6.done'],
  ['mdos.held', 'mdos.familyPresent'],
];

/** Breakdowns whose parts add up to a total (`null`: a total a reader can only derive). */
const PARTITIONS: readonly [prefix: string, total: string][] = [
  ['inflow.bySource', 'inflow.cases'],
  ['inflow.byUrgency', 'inflow.cases'],
  ['statusAtEnd', 'statusAtEnd.*'],
  ['goals', 'goals.evaluated'],
];

/** Breakdowns keyed by a vocabulary, which hold counts only. */
const MAPS = ['inflow.bySource', 'inflow.byUrgency', 'inflow.byConcern'];

/** The value at a dotted path of the blocks (0 where there is none). */
function at(blocks: MonitorBlocks, path: string): number {
  let value: unknown = blocks;
  for (const part of path.split('.'))
    value = (value as Record<string, unknown> | undefined)?.[part];
  return typeof value === 'number' ? value : 0;
}

/** The parts of a partition, by their name: goals are evaluated with a fourth status, `ongoing`, never shown. */
function partsOf(blocks: MonitorBlocks, prefix: string): [string, number][] {
  if (prefix === 'goals') {
    const { evaluated, achieved, partlyAchieved, notAchieved } = blocks.goals;
    return [
      ['achieved', achieved],
      ['partlyAchieved', partlyAchieved],
      ['notAchieved', notAchieved],
      ['ongoing', evaluated - achieved - partlyAchieved - notAchieved],
    ];
  }
  const group = prefix
    .split('.')
    .reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], blocks);
  return Object.entries(group as Record<string, number>);
}

/**
 * The monitor of one month as a manager can read it with and without the municipality filter, as tables that share
 * no cell — inflow (cases, re-entries, sources and urgencies), statuses, goals, and each other figure with its
 * part — so that each is decided on by itself: a reader can link no two of them, and small tables keep the exact
 * check of `cellsToHide` cheap.
 */
export function monitorTables(byMunicipality: ReadonlyMap<string, MonitorBlocks>): CellTable[] {
  const single = (path: string) =>
    hypercube(
      [...byMunicipality].map(([municipality, blocks]) => ({
        coordinates: [municipality],
        count: at(blocks, path),
      })),
      (c) => monitorKey(path, c[0] ?? ALL),
    );
  const split = (whole: string, part: string) => {
    const wholeCells = single(whole);
    const partCells = single(part);
    const rename = (key: string, path: string) =>
      monitorKey(path, (JSON.parse(key) as string[])[1] ?? ALL);
    return [
      wholeCells,
      partCells,
      splitCells(
        wholeCells.values,
        (key) => rename(key, part),
        (key) => rename(key, `${whole}.rest`),
        partCells.values,
        wholeCells.relations,
      ),
    ];
  };
  const partition = (prefix: string, total: string) => {
    const cube = hypercube(
      [...byMunicipality].flatMap(([municipality, blocks]) =>
        partsOf(blocks, prefix).map(([part, count]) => ({
          coordinates: [municipality, part],
          count,
        })),
      ),
      (c) =>
        c[1] === ALL
          ? monitorKey(total, c[0] ?? ALL)
          : monitorKey(`${prefix}.${c[1]}`, c[0] ?? ALL),
    );
    const unpublished = [...cube.values.keys()].filter((key) =>
      ['statusAtEnd.*', 'goals.ongoing'].includes((JSON.parse(key) as string[])[0]!),
    );
    return { ...cube, unpublished };
  };
  const concerns = [...byMunicipality.values()].flatMap((blocks) =>
    Object.keys(blocks.inflow.byConcern),
  );
  const [cases, ...rest] = SPLITS;
  return [
    linkTables(
      ...split(...cases!),
      ...PARTITIONS.filter(([, total]) => total === cases![0]).map(([prefix, total]) =>
        partition(prefix, total),
      ),
    ),
    ...PARTITIONS.filter(([, total]) => total !== cases![0]).map(([prefix, total]) =>
      linkTables(partition(prefix, total)),
    ),
    ...rest.map(([whole, part]) => linkTables(...split(whole, part))),
    ...[...SINGLE, ...[...new Set(concerns)].map((c) => `inflow.byConcern.${c}`)].map((path) =>
      linkTables(single(path)),
    ),
  ];
}

/** Decisions kept per month, most recent last: a past month's facts rarely change, and are asked again and again. */
const decisions = new Map<string, Set<string>>();
const MAX_DECISIONS = 120;

/**
 * The cells to hide in a period: those `cellsToHide` picks in any of its months (each month's facts, of every
 * municipality). A month's decision depends on its facts, the region's out-of-home care forms and the threshold
 * only, so it is remembered by a digest of them (no figure in the clear; in this process only).
 */
export function hiddenInMonths(
  months: readonly (readonly MonitorRow[])[],
  region: RegionConfig,
  threshold: number,
): Set<string> {
  const hidden = new Set<string>();
  if (threshold <= 1) return hidden;
  for (const rows of months) {
    const facts = rows
      .map(
        (row) =>
          `${row.kind}\u001f${row.municipality}\u001f${row.measure}\u001f${row.value}\u001f${row.n}`,
      )
      .sort();
    const id = createHash('sha256')
      .update(JSON.stringify([threshold, outOfHomeCareForms(region), facts]))
      .digest('base64url');
    let decision = decisions.get(id);
    if (decision === undefined) {
      const municipalities = [...new Set(rows.map((row) => row.municipality))];
      const tables = monitorTables(
        new Map(municipalities.map((m) => [m, monitorBlocks(rows, region, m)])),
      );
      decision = new Set(tables.flatMap((table) => [...cellsToHide(table, threshold)]));
      if (decisions.size >= MAX_DECISIONS) decisions.delete(decisions.keys().next().value!);
    } else {
      decisions.delete(id);
    }
    decisions.set(id, decision);
    for (const key of decision) hidden.add(key);
  }
  return hidden;
}

/**
 * The facts of a period of whole months, as a manager's figures count them: every count the sum of its months',
 * every state at the end that of its last month. Goals are counted by their latest evaluation in the period, which
 * is no sum: that figure minus the months' own would count the goals evaluated again in a later month of it, a
 * small cell that no month shows. For a manager they are therefore counted per month and summed over the months
 * too (a goal evaluated in two months counts in both); for one month that is its latest evaluation in the month.
 */
export function periodOfMonths(months: readonly (readonly MonitorRow[])[]): MonitorRow[] {
  const sums = new Map<string, MonitorRow & { n: number }>();
  const add = (row: MonitorRow) => {
    const key = [row.kind, row.municipality, row.measure, row.value].join('\u001f');
    const sum = sums.get(key);
    if (sum) sum.n += row.n;
    else sums.set(key, { ...row });
  };
  for (const rows of months) for (const row of rows) if (row.kind === 'count') add(row);
  for (const row of months.at(-1) ?? []) if (row.kind === 'level') add(row);
  return [...sums.values()].filter((row) => row.n !== 0);
}

type Controlled<B> = { [K in keyof B]: B[K] extends number ? number | null : Controlled<B[K]> };

/**
 * The blocks as a manager reads them, for `municipality` (or the region): every count whose cell is in `hidden`
 * is null, and so are the day figures beside it (median, p90); the object holding it, and its block, say
 * `suppressed: true`. Answers whether any figure was hidden.
 */
export function controlMonitor<B extends MonitorBlocks>(
  figures: B,
  hidden: ReadonlySet<string>,
  municipality: string | undefined,
): { blocks: Controlled<B> & { suppressed?: true }; suppressed: boolean } {
  const m = municipality ?? ALL;
  const walk = (
    value: Record<string, unknown>,
    prefix: string,
  ): [Record<string, unknown>, boolean] => {
    const copy: Record<string, unknown> = {};
    let any = false;
    for (const [key, field] of Object.entries(value)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (field !== null && typeof field === 'object') {
        const [inner, hid] = walk(field as Record<string, unknown>, path);
        copy[key] = inner;
        any ||= hid;
      } else if (typeof field === 'number' && hidden.has(monitorKey(path, m))) {
        copy[key] = null;
        any = true;
      } else {
        copy[key] = field;
      }
    }
    if (any && 'medianDays' in copy) {
      copy.medianDays = null;
      copy.p90Days = null;
    }
    // Maps keyed by a vocabulary (sources, urgencies, concerns) hold counts only: their block says it.
    if (any && prefix !== '' && !MAPS.includes(prefix)) copy.suppressed = true;
    return [copy, any];
  };
  const [blocks, suppressed] = walk(figures as unknown as Record<string, unknown>, '');
  return {
    blocks: { ...(blocks as Controlled<B>), ...(suppressed ? { suppressed: true as const } : {}) },
    suppressed,
  };
}

export type { Disclosure };
