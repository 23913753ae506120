import type { SchemaObject } from '@nestjs/swagger';

import { ROUTE_STATUSES } from '@samenspoor/domain';

import {
  keyed,
  list,
  nullable,
  number,
  object,
  oneOfValues,
  ref,
  text,
  type Schema,
} from '../http/schema';
import { aside, count, suppressed, widenedPeriod } from './figure-answers';

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
      period: widenedPeriod,
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
