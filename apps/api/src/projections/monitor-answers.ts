import type { SchemaObject } from '@nestjs/swagger';

import {
  boolean,
  integer,
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

/** A count; `null` where a manager's answer hides it (small cells). */
const count = nullable(integer);
/** Present (and `true`) where a manager's answer hides a figure of this block. */
const suppressed = oneOfValues(true);
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
  statusAtEnd: counts(
    'registered',
    'signalled',
    'in-analysis',
    'planned',
    'in-care',
    'outflowed',
    'not-admitted',
  ),
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

/** Beside every figure answer: `disclosure` for a manager, `stale` while a read model has events set aside. */
const aside = { disclosure: ref('Disclosure'), stale: ref('Stale') };

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
       * For a manager: the period the figures are of, widened to whole months; over several months, goals are
       * counted per month and summed (`goalsSummedOverMonths`), so that no subtraction of periods gives a cell away.
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
