import { Controller, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import {
  outflowCells,
  outflowFigures,
  outflowFiguresOf,
  outflowMonthCells,
  outflowProjection,
  safetyOverview,
  safetyOverviewProjection,
  stackingCells,
  stackingFigures,
  stackingProjection,
  waitingCells,
  waitingEntries,
  waitingHistory,
  waitingListFigures,
  waitingListProjection,
} from '@samenspoor/projections';

import { CurrentActor, type AuthenticatedActor, FIGURES_AUDIENCE } from '../auth/auth.decorators';
import { WithDirectoryNames } from '../directory/directory-names';
import { ReadRoute } from '../http/answers';
import { Problem } from '../http/problem';
import {
  MunicipalityQuery,
  PeriodQuery,
  WaitingEntriesQuery,
  WaitingHistoryQuery,
  WaitingListQuery,
} from './projection-queries.dto';
import { ModelRead, Reading } from './model-read';
import { controlHistory, controlStacking, controlWaitingList } from './manager-figures';
import { controlOutflow, wholeMonths } from './manager-outflow';

const DAY_MS = 86_400_000;
const MAX_HISTORY_DAYS = 731;

/** The region's figures, read from the read models (eventually consistent; `minPosition` for your own writes). */
@ApiTags('figures')
@Controller('api/projections')
export class ProjectionsController {
  @ReadRoute(
    'waiting-list',
    'WaitingList',
    'Waiting list at asOf: per stage, and care waits per care form, provider and municipality',
    ...FIGURES_AUDIENCE,
  )
  @WithDirectoryNames()
  async waitingList(@Query() query: WaitingListQuery, @Reading() read: ModelRead) {
    const tables = await read.tables(waitingListProjection, query);
    const figures = await waitingListFigures(
      read.database,
      tables,
      read.region,
      asOf(query.asOf),
      query,
    );
    if (!read.controlled) return read.answer(waitingListProjection, figures);
    const at = new Date(figures.asOf);
    const cells = await waitingCells(read.database, tables, read.region, at);
    return read.answer(
      waitingListProjection,
      controlWaitingList(figures, query, cells, read.threshold),
    );
  }

  @ReadRoute(
    'waiting-list/history',
    'WaitingHistory',
    'One point a day, from and to included, each the state at the end of that day (UTC)',
    ...FIGURES_AUDIENCE,
  )
  async waitingListHistory(@Query() query: WaitingHistoryQuery, @Reading() read: ModelRead) {
    const { from, to } = period(query.from, query.to);
    const tables = await read.tables(waitingListProjection, query);
    const series = await waitingHistory(read.database, tables, read.region, { from, to }, query);
    const answer = { from, to, stage: query.stage ?? 'care' };
    return read.answer(
      waitingListProjection,
      read.controlled
        ? { ...answer, ...controlHistory(series, read.threshold) }
        : { ...answer, series },
    );
  }

  @ReadRoute(
    'waiting-list/entries',
    'WaitingEntries',
    'The open care requests at asOf, longest waiting first, a page at a time',
    'safety-team',
  )
  @WithDirectoryNames()
  async waitingListEntries(@Query() query: WaitingEntriesQuery, @Reading() read: ModelRead) {
    const tables = await read.tables(waitingListProjection, query);
    const at = asOf(query.asOf);
    const page = await waitingEntries(read.database, tables, read.region, at, {
      ...query,
      limit: query.limit ?? 100,
    });
    return read.answer(waitingListProjection, { asOf: at.toISOString(), ...page });
  }

  @ReadRoute(
    'stacking',
    'Stacking',
    'Stacking of care at asOf: families on the route, flagged ones, and the distribution of active trajectories, providers and network size',
    ...FIGURES_AUDIENCE,
  )
  async stacking(
    @Query() query: MunicipalityQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Reading() read: ModelRead,
  ) {
    const tables = await read.tables(stackingProjection, query);
    const figures = await stackingFigures(read.database, tables, read.region, {
      ...(query.asOf === undefined ? {} : { asOf: asOf(query.asOf) }),
      ...(query.municipality === undefined ? {} : { municipality: query.municipality }),
      withFlaggedFamilies: actor.actingRole === 'safety-team',
    });
    if (!read.controlled) return read.answer(stackingProjection, figures);
    // Without asOf from the current counts, like the figures: the answer's counts are all read from these cells.
    const cells = await stackingCells(
      read.database,
      tables,
      read.region,
      query.asOf === undefined ? {} : { asOf: new Date(figures.asOf) },
    );
    return read.answer(stackingProjection, controlStacking(figures, query, cells, read.threshold));
  }

  @ReadRoute(
    'safety-overview',
    'SafetyOverview',
    'Families without a case director, without a plan in time, with an overdue MDO, unsafe without review, or with a follow-up due',
    'safety-team',
  )
  async safetyOverview(@Query() query: MunicipalityQuery, @Reading() read: ModelRead) {
    const tables = await read.tables(safetyOverviewProjection, query);
    return read.answer(
      safetyOverviewProjection,
      await safetyOverview(read.database, tables, read.region, asOf(query.asOf), query),
    );
  }

  @ReadRoute(
    'outflow',
    'OutflowFigures',
    'Outflow by destination, follow-ups done and due, re-entries within 12 months, in a period',
    ...FIGURES_AUDIENCE,
  )
  async outflow(@Query() query: PeriodQuery, @Reading() read: ModelRead) {
    const asked = period(query.from, query.to);
    const range = read.controlled ? wholeMonths(asked) : { ...asked, widened: false };
    const tables = await read.tables(outflowProjection, query);
    if (!read.controlled)
      return read.answer(
        outflowProjection,
        await outflowFigures(read.database, tables, read.region, range, query),
      );
    // The answer's counts and what it hides come from one reading of every municipality's cells.
    const cells = await outflowCells(read.database, tables, range);
    const figures = outflowFiguresOf(cells, read.region, range, query);
    // Each month is controlled on its own, so that ranges cannot be subtracted to give a month away.
    const months = (await outflowMonthCells(read.database, tables, range)).map((m) => m.cells);
    return read.answer(outflowProjection, {
      ...controlOutflow(figures, query, cells, read.threshold, months),
      period: range,
    });
  }
}

/** The moment figures are for: the given ISO time, or now. */
export function asOf(given: string | undefined): Date {
  const at = given === undefined ? new Date() : new Date(given);
  if (Number.isNaN(at.getTime())) {
    throw Problem.badRequest('asOf is not a representable time', [
      { field: 'asOf', message: 'must be a valid time' },
    ]);
  }
  return at;
}

/** A period of whole days; by default the 90 days up to today. */
export function period(
  from: string | undefined,
  to: string | undefined,
): { from: string; to: string } {
  const end = to ?? new Date().toISOString().slice(0, 10);
  const start = from ?? new Date(Date.parse(end) - 89 * DAY_MS).toISOString().slice(0, 10);
  const days = (Date.parse(end) - Date.parse(start)) / DAY_MS + 1;
  if (days < 1) {
    throw Problem.badRequest('from must not be after to', [
      { field: 'from', message: 'must be on or before to' },
    ]);
  }
  if (days > MAX_HISTORY_DAYS) {
    throw Problem.badRequest(`a period spans at most ${MAX_HISTORY_DAYS} days`, [
      { field: 'to', message: `must be within ${MAX_HISTORY_DAYS} days of from` },
    ]);
  }
  return { from: start, to: end };
}
