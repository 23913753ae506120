import { Controller, Get, Inject, Injectable, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import type { RegionConfig } from '@samenspoor/domain';
import {
  monitorBlocks,
  monitorFigures,
  monitorMonthRows,
  monitorProjection,
} from '@samenspoor/projections';

import { Allow, CurrentActor, type AuthenticatedActor } from '../auth/auth.decorators';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ReadRoute } from '../http/answers';
import { REGION } from '../region/region';
import { monthlyReportPdf } from '../reports/monthly-report';
import { controlMonitor, hiddenInMonths, summedOverMonths } from './manager-monitor';
import { wholeMonths } from './manager-outflow';
import { MonitorHistoryQuery, MonthlyReportQuery, PeriodQuery } from './projection-queries.dto';
import { ProjectionReads } from './projection-reads';
import { period } from './projections.controller';

/** The managers' monitor as a caller may read it: exact for the safety team, under disclosure control for managers. */
@Injectable()
export class MonitorReads {
  constructor(
    private readonly reads: ProjectionReads,
    @Inject(REGION) readonly region: RegionConfig,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async monitor(query: PeriodQuery, actor: AuthenticatedActor, response: Response) {
    const threshold = this.threshold(actor);
    const asked = period(query.from, query.to);
    const range = threshold <= 1 ? asked : wholeMonths(asked);
    const tables = await this.reads.tablesOf(monitorProjection, query.minPosition, response);
    const figures = await monitorFigures(this.reads.database, tables, this.region, range, query);
    if (threshold <= 1) return this.reads.withStale(monitorProjection, figures);
    // Each month is controlled on its own (all municipalities, so that the filter hides what the region hides).
    const months = await monitorMonthRows(this.reads.database, tables, range);
    const rows = months.map((month) => month.rows);
    const hidden = hiddenInMonths(rows, this.region, threshold);
    const { blocks, suppressed } = controlMonitor(
      summedOverMonths(figures, rows, this.region, query.municipality),
      hidden,
      query.municipality,
    );
    return this.reads.withStale(monitorProjection, {
      ...blocks,
      period: { ...range, goalsSummedOverMonths: rows.length > 1 },
      disclosure: { threshold, suppressed },
    });
  }

  async history(query: MonitorHistoryQuery, actor: AuthenticatedActor, response: Response) {
    const threshold = this.threshold(actor);
    const range = wholeMonths(period(query.from, query.to));
    const tables = await this.reads.tablesOf(monitorProjection, query.minPosition, response);
    const filtered = await monitorMonthRows(this.reads.database, tables, range, query);
    const all = threshold <= 1 ? [] : await monitorMonthRows(this.reads.database, tables, range);
    let anySuppressed = false;
    const series = filtered.map(({ month, rows }, i) => {
      const blocks = monitorBlocks(rows, this.region, query.municipality);
      if (threshold <= 1) return { period: month, ...blocks };
      const hidden = hiddenInMonths([all[i]!.rows], this.region, threshold);
      const controlled = controlMonitor(blocks, hidden, query.municipality);
      anySuppressed ||= controlled.suppressed;
      return { period: month, ...controlled.blocks };
    });
    return this.reads.withStale(monitorProjection, {
      from: range.from,
      to: range.to,
      interval: 'month' as const,
      municipality: query.municipality ?? null,
      series,
      ...(threshold <= 1 ? {} : { disclosure: { threshold, suppressed: anySuppressed } }),
    });
  }

  threshold(actor: AuthenticatedActor): number {
    return actor.actingRole === 'manager' ? this.config.smallCellThreshold : 0;
  }
}

/** The managers' monitor (api.md, "Managers' monitor"): the figures the region steers on, for any period. */
@ApiTags('figures')
@Controller('api/projections')
export class MonitorController {
  constructor(private readonly monitors: MonitorReads) {}

  @ReadRoute(
    'monitor',
    'Monitor',
    'The monitor of a period (dates, both included, UTC; whole calendar months for a manager): inflow, status at the end, realised waits, crises, out-of-home care, care ended, follow-ups, goals, MDOs, protection measures and case-director changes',
    'manager',
    'safety-team',
  )
  monitor(
    @Query() query: PeriodQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.monitors.monitor(query, actor, response);
  }

  @ReadRoute(
    'monitor/history',
    'MonitorHistory',
    'The monitor per calendar month: every month that the period touches, each point the monitor of that whole month',
    'manager',
    'safety-team',
  )
  monitorHistory(
    @Query() query: MonitorHistoryQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.monitors.history(query, actor, response);
  }
}

/** How many months a monthly report sets the month beside: the month and the five before it. */
const REPORT_MONTHS = 6;

/** The monthly report for a municipal council (api.md, "Managers' monitor"). */
@ApiTags('figures')
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly monitors: MonitorReads) {}

  @Get('monthly')
  @Allow('manager')
  @ApiOperation({
    summary:
      "The month's monitor as a PDF in Dutch for a municipal council: beside the five months before it and the region's norms, with a chart and a short text per block, under the managers' disclosure control",
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'A PDF',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  async monthly(
    @Query() query: MonthlyReportQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const [year, month] = query.month.split('-').map(Number) as [number, number];
    const first = new Date(Date.UTC(year, month - REPORT_MONTHS, 1)).toISOString().slice(0, 10);
    const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    const history = await this.monitors.history(
      {
        from: first,
        to: last,
        interval: 'month',
        municipality: query.municipality,
        minPosition: query.minPosition,
      },
      actor,
      response,
    );
    const pdf = await monthlyReportPdf({
      regionName: this.monitors.region.name,
      municipality: query.municipality ?? null,
      months: history.series,
      stageNorms: this.monitors.region.stageNorms,
      threshold: this.monitors.threshold(actor),
      madeAt: new Date(),
    });
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="maandrapportage-${query.month}.pdf"`,
    });
  }
}
