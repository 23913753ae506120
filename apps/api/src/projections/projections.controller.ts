import { Controller, Inject, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import type { RegionConfig } from '@samenspoor/domain';
import {
  outflowCells,
  outflowFigures,
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

import { CurrentActor, type AuthenticatedActor } from '../auth/auth.decorators';
import { WithDirectoryNames } from '../directory/directory-names';
import { ReadRoute } from '../http/answers';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Problem } from '../http/problem';
import { REGION } from '../region/region';
import {
  MunicipalityQuery,
  PeriodQuery,
  WaitingEntriesQuery,
  WaitingHistoryQuery,
  WaitingListQuery,
} from './projection-queries.dto';
import { ProjectionReads } from './projection-reads';
import { controlHistory, controlStacking, controlWaitingList } from './manager-figures';
import { controlOutflow, monthsOf, wholeMonths } from './manager-outflow';

const DAY_MS = 86_400_000;
const MAX_HISTORY_DAYS = 731;

/** The region's figures, read from the read models (eventually consistent; `minPosition` for your own writes). */
@ApiTags('figures')
@Controller('api/projections')
export class ProjectionsController {
  constructor(
    private readonly reads: ProjectionReads,
    @Inject(REGION) private readonly region: RegionConfig,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ReadRoute(
    'waiting-list',
    'WaitingList',
    'Waiting list at asOf: per stage, and care waits per care form, provider and municipality',
    'manager',
    'safety-team',
  )
  @WithDirectoryNames()
  async waitingList(
    @Query() query: WaitingListQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: Response,
  ) {
    const tables = await this.reads.tablesOf(waitingListProjection, query.minPosition, response);
    const figures = await waitingListFigures(
      this.reads.database,
      tables,
      this.region,
      asOf(query.asOf),
      query,
    );
    const threshold = this.threshold(actor);
    if (threshold <= 1) return this.reads.withStale(waitingListProjection, figures);
    const at = new Date(figures.asOf);
    const cells = await waitingCells(this.reads.database, tables, this.region, at);
    return this.reads.withStale(
      waitingListProjection,
      controlWaitingList(figures, query, cells, threshold),
    );
  }

  @ReadRoute(
    'waiting-list/history',
    'WaitingHistory',
    'One point a day, from and to included, each the state at the end of that day (UTC)',
    'manager',
    'safety-team',
  )
  async waitingListHistory(
    @Query() query: WaitingHistoryQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { from, to } = period(query.from, query.to);
    const tables = await this.reads.tablesOf(waitingListProjection, query.minPosition, response);
    const series = await waitingHistory(
      this.reads.database,
      tables,
      this.region,
      { from, to },
      query,
    );
    const threshold = this.threshold(actor);
    const answer = { from, to, stage: query.stage ?? 'care' };
    return this.reads.withStale(
      waitingListProjection,
      threshold <= 1 ? { ...answer, series } : { ...answer, ...controlHistory(series, threshold) },
    );
  }

  @ReadRoute(
    'waiting-list/entries',
    'WaitingEntries',
    'The open care requests at asOf, longest waiting first, a page at a time',
    'safety-team',
  )
  @WithDirectoryNames()
  async waitingListEntries(
    @Query() query: WaitingEntriesQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    const tables = await this.reads.tablesOf(waitingListProjection, query.minPosition, response);
    const at = asOf(query.asOf);
    const page = await waitingEntries(this.reads.database, tables, this.region, at, {
      ...query,
      limit: query.limit ?? 100,
    });
    return this.reads.withStale(waitingListProjection, { asOf: at.toISOString(), ...page });
  }

  @ReadRoute(
    'stacking',
    'Stacking',
    'Stacking of care at asOf: families on the route, flagged ones, and the distribution of active trajectories, providers and network size',
    'manager',
    'safety-team',
  )
  async stacking(
    @Query() query: MunicipalityQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: Response,
  ) {
    const tables = await this.reads.tablesOf(stackingProjection, query.minPosition, response);
    const figures = await stackingFigures(this.reads.database, tables, this.region, {
      ...(query.asOf === undefined ? {} : { asOf: asOf(query.asOf) }),
      ...(query.municipality === undefined ? {} : { municipality: query.municipality }),
      withFlaggedFamilies: actor.actingRole === 'safety-team',
    });
    const threshold = this.threshold(actor);
    if (threshold <= 1) return this.reads.withStale(stackingProjection, figures);
    // Without asOf from the current counts, like the figures: the answer's counts are all read from these cells.
    const cells = await stackingCells(
      this.reads.database,
      tables,
      this.region,
      query.asOf === undefined ? {} : { asOf: new Date(figures.asOf) },
    );
    return this.reads.withStale(
      stackingProjection,
      controlStacking(figures, query, cells, threshold),
    );
  }

  @ReadRoute(
    'safety-overview',
    'SafetyOverview',
    'Families without a case director, without a plan in time, with an overdue MDO, unsafe without review, or with a follow-up due',
    'safety-team',
  )
  async safetyOverview(
    @Query() query: MunicipalityQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    const tables = await this.reads.tablesOf(safetyOverviewProjection, query.minPosition, response);
    return this.reads.withStale(
      safetyOverviewProjection,
      await safetyOverview(this.reads.database, tables, this.region, asOf(query.asOf), query),
    );
  }

  @ReadRoute(
    'outflow',
    'OutflowFigures',
    'Outflow by destination, follow-ups done and due, re-entries within 12 months, in a period',
    'manager',
    'safety-team',
  )
  async outflow(
    @Query() query: PeriodQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: Response,
  ) {
    const threshold = this.threshold(actor);
    const asked = period(query.from, query.to);
    const range = threshold <= 1 ? { ...asked, widened: false } : wholeMonths(asked);
    const tables = await this.reads.tablesOf(outflowProjection, query.minPosition, response);
    const figures = await outflowFigures(this.reads.database, tables, this.region, range, query);
    if (threshold <= 1) return this.reads.withStale(outflowProjection, figures);
    const cells = await outflowCells(this.reads.database, tables, range);
    // Each month is controlled on its own, so that ranges cannot be subtracted to give a month away.
    const months = await Promise.all(
      monthsOf(range).map((month) => outflowCells(this.reads.database, tables, month)),
    );
    return this.reads.withStale(outflowProjection, {
      ...controlOutflow(figures, query, cells, threshold, months),
      period: range,
    });
  }

  private threshold(actor: AuthenticatedActor): number {
    return actor.actingRole === 'manager' ? this.config.smallCellThreshold : 0;
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
