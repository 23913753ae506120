import type { SchemaObject } from '@nestjs/swagger';

import { ROUTE_STATUSES } from '@samenspoor/domain';

import {
  boolean,
  extend,
  integer,
  keyed,
  list,
  nullable,
  number,
  object,
  oneOfValues,
  ref,
  text,
  uuid,
  type Schema,
} from '../http/schema';

/** A count; `null` where a manager's answer hides it (small cells). */
export const count = nullable(integer);
/** Present (and `true`) where a manager's answer hides a figure of this block. */
export const suppressed = oneOfValues(true);
/** Beside every figure answer: `disclosure` for a manager, `stale` while a read model has events set aside. */
export const aside = { disclosure: ref('Disclosure'), stale: ref('Stale') };
/** For a manager: the period the figures are of, widened to whole months. */
export const widenedPeriod = object({ from: text, to: text, widened: boolean });

const stages = object({
  analysis: ref('FigureBlock'),
  plan: ref('FigureBlock'),
  care: ref('FigureBlock'),
});

/** The families of one list of the safety overview, with the moment the condition began. */
const flaggedSince = list(ref('SafetyOverviewItem'));

/** The answers of the region's figures (`/api/projections/…`, api.md "Queries"), for the OpenAPI document. */
export const FIGURE_ANSWERS: Record<string, SchemaObject> = {
  Disclosure: object({ threshold: integer, suppressed: boolean }, { rounded: integer }),
  Stale: object({ families: integer }),
  FigureBlock: object(
    {
      waiting: count,
      medianDays: nullable(number),
      p90Days: nullable(number),
      maxDays: nullable(number),
      overNorm: count,
    },
    { norm: integer, suppressed },
  ),
  WaitingList: object(
    {
      asOf: text,
      stages,
      byCareForm: list(extend('FigureBlock', object({ careForm: text }))),
      byProvider: list(extend('FigureBlock', object({ providerId: text }, { providerName: text }))),
      byMunicipality: list(extend('FigureBlock', object({ municipality: text, stages }))),
    },
    aside,
  ),
  WaitingHistory: object(
    {
      from: text,
      to: text,
      stage: text,
      series: list(
        object(
          { date: text, waiting: count, medianDays: nullable(number), overNorm: count },
          { suppressed },
        ),
      ),
    },
    aside,
  ),
  WaitingEntry: object(
    {
      familyId: uuid,
      trajectoryId: text,
      careForm: text,
      providerId: text,
      municipality: text,
      requestedAt: text,
      waitingDays: integer,
      norm: nullable(integer),
      overNorm: boolean,
    },
    { providerName: text },
  ),
  WaitingEntries: object(
    { asOf: text, items: list(ref('WaitingEntry')), nextCursor: nullable(text) },
    aside,
  ),
  Stacking: object(
    {
      asOf: text,
      families: count,
      flagged: count,
      thresholds: object({
        activeTrajectories: integer,
        distinctProviders: integer,
        networkSize: integer,
      }),
      distribution: object({
        activeTrajectories: keyed(count),
        distinctProviders: keyed(count),
        distinctCareForms: keyed(count),
        networkSize: keyed(count),
      }),
    },
    {
      flaggedFamilies: list(
        object({
          familyId: uuid,
          activeTrajectories: integer,
          distinctProviders: integer,
          distinctCareForms: integer,
          networkSize: integer,
        }),
      ),
      suppressed,
      ...aside,
    },
  ),
  SafetyOverview: object(
    {
      asOf: text,
      noCaseDirector: flaggedSince,
      planOverdue: flaggedSince,
      mdoOverdue: flaggedSince,
      unsafeWithoutReview: flaggedSince,
      followUpDue: flaggedSince,
      inCareWithoutMdo: flaggedSince,
      planWithoutCare: flaggedSince,
      evaluationOverdue: flaggedSince,
      openCrisis: flaggedSince,
      protectionMeasureActive: flaggedSince,
      reassessmentDue: flaggedSince,
      careOutsidePlan: flaggedSince,
    },
    { stale: ref('Stale') },
  ),
  SafetyOverviewItem: object({ familyId: uuid, since: text, municipality: text }),
  OutflowFigures: object(
    {
      from: text,
      to: text,
      outflows: count,
      byDestination: keyed(count),
      followUpsDone: count,
      followUpsDue: count,
      reentries: count,
      reentriesWithin12Months: count,
      byMunicipality: list(
        object(
          { municipality: text, outflows: count, reentriesWithin12Months: count },
          { suppressed },
        ),
      ),
    },
    {
      suppressed,
      period: widenedPeriod,
      ...aside,
    },
  ),
};

const block = (fields: Record<string, Schema>) => object(fields, { suppressed });
const counts = (...names: string[]) =>
  block(Object.fromEntries(names.map((name) => [name, count])));

/** The blocks of the managers' monitor (api.md, "Managers' monitor"), in a period and in each history point. */
const MONITOR_BLOCKS: Record<string, Schema> = {
  inflow: block({
    cases: count,
    reentries: count,
    bySource: keyed(count),
    byUrgency: keyed(count),
    byConcern: keyed(count),
  }),
  statusAtEnd: counts(...ROUTE_STATUSES),
  realisedWaits: block({
    analysis: ref('RealisedWaits'),
    plan: ref('RealisedWaits'),
    care: ref('RealisedWaits'),
  }),
  crises: counts('signals', 'crisisCareRequests'),
  outOfHome: counts('started', 'activeAtEnd'),
  careEnded: counts('total', 'breakdown'),
  followUps: block({ months3: counts('due', 'done'), months6: counts('due', 'done') }),
  goals: counts('evaluated', 'achieved', 'partlyAchieved', 'notAchieved'),
  mdos: counts('held', 'familyPresent'),
  protectionMeasures: counts('imposed', 'activeAtEnd'),
  caseDirectorChanges: count,
};

/** The monitor's answers, for the OpenAPI document. */
export const MONITOR_ANSWERS: Record<string, SchemaObject> = {
  RealisedWaits: block({
    count,
    medianDays: nullable(number),
    p90Days: nullable(number),
  }),
  Monitor: object(
    { from: text, to: text, municipality: nullable(text), ...MONITOR_BLOCKS },
    {
      suppressed,
      /**
       * For a manager: the period widened to whole months; over several months, goals are counted per month and
       * summed (`goalsSummedOverMonths`), so that no subtraction of periods gives a cell away.
       */
      period: object(
        { from: text, to: text, widened: boolean },
        { goalsSummedOverMonths: boolean },
      ),
      ...aside,
    },
  ),
  MonitorHistory: object(
    {
      from: text,
      to: text,
      interval: oneOfValues('month'),
      municipality: nullable(text),
      series: list(object({ period: text, ...MONITOR_BLOCKS }, { suppressed })),
    },
    aside,
  ),
};
