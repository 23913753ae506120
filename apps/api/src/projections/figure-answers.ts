import type { SchemaObject } from '@nestjs/swagger';

import { ROUTE_STATUSES } from '@samenspoor/domain';

import * as schema from '../http/schema';

/** A count; `null` where a manager's answer hides it (small cells). */
export const count = schema.nullable(schema.integer);
/** Present (and `true`) where a manager's answer hides a figure of this block. */
export const suppressed = schema.oneOfValues(true);
/** Beside every figure answer: `disclosure` for a manager, `stale` while a read model has events set aside. */
export const aside = { disclosure: schema.ref('Disclosure'), stale: schema.ref('Stale') };
/** For a manager: the period the figures are of, widened to whole months. */
export const widenedPeriod = schema.object({
  from: schema.text,
  to: schema.text,
  widened: schema.boolean,
});

const stages = schema.object({
  analysis: schema.ref('FigureBlock'),
  plan: schema.ref('FigureBlock'),
  care: schema.ref('FigureBlock'),
});

/** The families of one list of the safety overview, with the moment the condition began. */
const flaggedSince = schema.list(schema.ref('SafetyOverviewItem'));

/** The answers of the region's figures (`/api/projections/…`, api.md "Queries"), for the OpenAPI document. */
export const FIGURE_ANSWERS: Record<string, SchemaObject> = {
  Disclosure: schema.object(
    { threshold: schema.integer, suppressed: schema.boolean },
    { rounded: schema.integer },
  ),
  Stale: schema.object({ families: schema.integer }),
  FigureBlock: schema.object(
    {
      waiting: count,
      medianDays: schema.nullable(schema.number),
      p90Days: schema.nullable(schema.number),
      maxDays: schema.nullable(schema.number),
      overNorm: count,
    },
    { norm: schema.integer, suppressed },
  ),
  WaitingList: schema.object(
    {
      asOf: schema.text,
      stages,
      byCareForm: schema.list(
        schema.extend('FigureBlock', schema.object({ careForm: schema.text })),
      ),
      byProvider: schema.list(
        schema.extend(
          'FigureBlock',
          schema.object({ providerId: schema.text }, { providerName: schema.text }),
        ),
      ),
      byMunicipality: schema.list(
        schema.extend('FigureBlock', schema.object({ municipality: schema.text, stages })),
      ),
    },
    aside,
  ),
  WaitingHistory: schema.object(
    {
      from: schema.text,
      to: schema.text,
      stage: schema.text,
      series: schema.list(
        schema.object(
          {
            date: schema.text,
            waiting: count,
            medianDays: schema.nullable(schema.number),
            overNorm: count,
          },
          { suppressed },
        ),
      ),
    },
    aside,
  ),
  WaitingEntry: schema.object(
    {
      familyId: schema.uuid,
      trajectoryId: schema.text,
      careForm: schema.text,
      providerId: schema.text,
      municipality: schema.text,
      requestedAt: schema.text,
      waitingDays: schema.integer,
      norm: schema.nullable(schema.integer),
      overNorm: schema.boolean,
    },
    { providerName: schema.text },
  ),
  WaitingEntries: schema.object(
    {
      asOf: schema.text,
      items: schema.list(schema.ref('WaitingEntry')),
      nextCursor: schema.nullable(schema.text),
    },
    aside,
  ),
  Stacking: schema.object(
    {
      asOf: schema.text,
      families: count,
      flagged: count,
      thresholds: schema.object({
        activeTrajectories: schema.integer,
        distinctProviders: schema.integer,
        networkSize: schema.integer,
      }),
      distribution: schema.object({
        activeTrajectories: schema.keyed(count),
        distinctProviders: schema.keyed(count),
        distinctCareForms: schema.keyed(count),
        networkSize: schema.keyed(count),
      }),
    },
    {
      flaggedFamilies: schema.list(
        schema.object({
          familyId: schema.uuid,
          activeTrajectories: schema.integer,
          distinctProviders: schema.integer,
          distinctCareForms: schema.integer,
          networkSize: schema.integer,
        }),
      ),
      suppressed,
      ...aside,
    },
  ),
  SafetyOverview: schema.object(
    {
      asOf: schema.text,
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
    { stale: schema.ref('Stale') },
  ),
  SafetyOverviewItem: schema.object({
    familyId: schema.uuid,
    since: schema.text,
    municipality: schema.text,
  }),
  OutflowFigures: schema.object(
    {
      from: schema.text,
      to: schema.text,
      outflows: count,
      byDestination: schema.keyed(count),
      followUpsDone: count,
      followUpsDue: count,
      reentries: count,
      reentriesWithin12Months: count,
      byMunicipality: schema.list(
        schema.object(
          { municipality: schema.text, outflows: count, reentriesWithin12Months: count },
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

const block = (fields: Record<string, schema.Schema>) => schema.object(fields, { suppressed });
const counts = (...names: string[]) =>
  block(Object.fromEntries(names.map((name) => [name, count])));

/** The blocks of the managers' monitor (api.md, "Managers' monitor"), in a period and in each history point. */
const MONITOR_BLOCKS: Record<string, schema.Schema> = {
  inflow: block({
    cases: count,
    reentries: count,
    bySource: schema.keyed(count),
    byUrgency: schema.keyed(count),
    byConcern: schema.keyed(count),
  }),
  statusAtEnd: counts(...ROUTE_STATUSES),
  realisedWaits: block({
    analysis: schema.ref('RealisedWaits'),
    plan: schema.ref('RealisedWaits'),
    care: schema.ref('RealisedWaits'),
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
    medianDays: schema.nullable(schema.number),
    p90Days: schema.nullable(schema.number),
  }),
  Monitor: schema.object(
    {
      from: schema.text,
      to: schema.text,
      municipality: schema.nullable(schema.text),
      ...MONITOR_BLOCKS,
    },
    {
      suppressed,
      /**
       * For a manager: the period widened to whole months; over several months, goals are counted per month and
       * summed (`goalsSummedOverMonths`), so that no subtraction of periods gives a cell away.
       */
      period: schema.object(
        { from: schema.text, to: schema.text, widened: schema.boolean },
        { goalsSummedOverMonths: schema.boolean },
      ),
      ...aside,
    },
  ),
  MonitorHistory: schema.object(
    {
      from: schema.text,
      to: schema.text,
      interval: schema.oneOfValues('month'),
      municipality: schema.nullable(schema.text),
      series: schema.list(
        schema.object({ period: schema.text, ...MONITOR_BLOCKS }, { suppressed }),
      ),
    },
    aside,
  ),
};
