import {
  CONCERNS,
  outOfHomeCareForms,
  SIGNAL_SOURCES,
  URGENCIES,
  type RegionConfig,
} from '@samenspoor/domain';

import { M, MONITOR_STATUSES, type MonitorStatus } from './monitor.family';

/** A summed fact of a period: what happened in it (`count`) or the state at its end (`level`). */
export interface MonitorRow {
  readonly kind: 'count' | 'level';
  readonly municipality: string;
  readonly measure: string;
  readonly value: number;
  readonly n: number;
}

/** Realised waits of one stage: how many ended in the period, and their median and p90 in whole days. */
export interface RealisedWaits {
  count: number;
  medianDays: number | null;
  p90Days: number | null;
}

/** The monitor's blocks (api.md, "Managers' monitor"), for one period and the region or one municipality. */
export interface MonitorBlocks {
  inflow: {
    cases: number;
    reentries: number;
    bySource: Record<string, number>;
    byUrgency: Record<string, number>;
    byConcern: Record<string, number>;
  };
  statusAtEnd: Record<MonitorStatus, number>;
  realisedWaits: { analysis: RealisedWaits; plan: RealisedWaits; care: RealisedWaits };
  crises: { signals: number; crisisCareRequests: number };
  outOfHome: { started: number; activeAtEnd: number };
  careEnded: { total: number; breakdown: number };
  followUps: { months3: { due: number; done: number }; months6: { due: number; done: number } };
  goals: { evaluated: number; achieved: number; partlyAchieved: number; notAchieved: number };
  mdos: { held: number; familyPresent: number };
  protectionMeasures: { imposed: number; activeAtEnd: number };
  caseDirectorChanges: number;
}

export interface MonitorFigures extends MonitorBlocks {
  from: string;
  to: string;
  municipality: string | null;
}

/** The middle value (mean of the two middle ones) and the nearest-rank p90 of a distribution, as v1. */
export function medianAndP90(distribution: ReadonlyMap<number, number>): RealisedWaits {
  const values = [...distribution].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const count = values.reduce((sum, [, n]) => sum + n, 0);
  if (count === 0) return { count: 0, medianDays: null, p90Days: null };
  /** The k-th smallest value, 1-based. */
  const ranked = (k: number): number => {
    let seen = 0;
    for (const [value, n] of values) {
      seen += n;
      if (seen >= k) return value;
    }
    return values.at(-1)![0];
  };
  const medianDays =
    count % 2 === 1 ? ranked((count + 1) / 2) : (ranked(count / 2) + ranked(count / 2 + 1)) / 2;
  return { count, medianDays, p90Days: ranked(Math.ceil(0.9 * count)) };
}

const WAIT_MEASURES = new Set(
  (['analysis', 'plan', 'care'] as const).map((stage) => M.wait(stage)),
);

/**
 * The blocks from the summed facts of a period, for one municipality or (without) the whole region. Each block
 * reads its own measures (`M`); every key of a vocabulary is present, 0 when nothing happened.
 */
export function monitorBlocks(
  rows: readonly MonitorRow[],
  region: RegionConfig,
  municipality?: string,
): MonitorBlocks {
  const sums = new Map<string, number>();
  const distributions = new Map<string, Map<number, number>>();
  for (const row of rows) {
    if (municipality !== undefined && row.municipality !== municipality) continue;
    const key = `${row.kind}|${row.measure}`;
    sums.set(key, (sums.get(key) ?? 0) + row.n);
    // Only the realised waits are read as distributions (their days' median and p90).
    if (row.kind !== 'count' || !WAIT_MEASURES.has(row.measure)) continue;
    const distribution = distributions.get(key) ?? new Map<number, number>();
    distribution.set(row.value, (distribution.get(row.value) ?? 0) + row.n);
    distributions.set(key, distribution);
  }
  const count = (measure: string) => sums.get(`count|${measure}`) ?? 0;
  const level = (measure: string) => sums.get(`level|${measure}`) ?? 0;
  /** Every key of a vocabulary, and any other that occurs (data outside it still adds up). */
  const map = (vocabulary: readonly string[], measure: (key: string) => string) => {
    const prefix = measure('');
    const extra = [...sums.keys()]
      .filter((key) => key.startsWith(`count|${prefix}`))
      .map((key) => key.slice(`count|${prefix}`.length))
      .filter((key) => !vocabulary.includes(key));
    return Object.fromEntries(
      [...vocabulary, ...extra.sort()].map((key) => [key, count(measure(key))]),
    );
  };
  const waits = (stage: 'analysis' | 'plan' | 'care') =>
    medianAndP90(distributions.get(`count|${M.wait(stage)}`) ?? new Map());
  const outOfHome = outOfHomeCareForms(region);

  return {
    inflow: {
      cases: count(M.cases),
      reentries: count(M.reentries),
      bySource: map(SIGNAL_SOURCES, M.source),
      byUrgency: map(URGENCIES, M.urgency),
      byConcern: map(CONCERNS, M.concern),
    },
    statusAtEnd: Object.fromEntries(
      MONITOR_STATUSES.map((status) => [status, level(M.status(status))]),
    ) as Record<MonitorStatus, number>,
    realisedWaits: { analysis: waits('analysis'), plan: waits('plan'), care: waits('care') },
    crises: { signals: count(M.crisisSignals), crisisCareRequests: count(M.crisisCareRequests) },
    outOfHome: {
      started: outOfHome.reduce((sum, form) => sum + count(M.careStarted(form)), 0),
      activeAtEnd: outOfHome.reduce((sum, form) => sum + level(M.careActive(form)), 0),
    },
    careEnded: { total: count(M.careEnded), breakdown: count(M.careBreakdown) },
    followUps: {
      months3: { due: count(M.followUpDue(3)), done: count(M.followUpDone(3)) },
      months6: { due: count(M.followUpDue(6)), done: count(M.followUpDone(6)) },
    },
    goals: {
      evaluated: ['achieved', 'partly-achieved', 'not-achieved', 'ongoing'].reduce(
        (sum, status) => sum + count(M.goalEvaluated(status)),
        0,
      ),
      achieved: count(M.goalEvaluated('achieved')),
      partlyAchieved: count(M.goalEvaluated('partly-achieved')),
      notAchieved: count(M.goalEvaluated('not-achieved')),
    },
    mdos: { held: count(M.mdos), familyPresent: count(M.mdosFamilyPresent) },
    protectionMeasures: {
      imposed: count(M.measuresImposed),
      activeAtEnd: level(M.measuresActive),
    },
    caseDirectorChanges: count(M.caseDirectorChanges),
  };
}
