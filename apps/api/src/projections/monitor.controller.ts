import { Controller, Inject, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import type { RegionConfig } from '@samenspoor/domain';
import {
  monitorBlocks,
  monitorFigures,
  monitorMonthRows,
  monitorProjection,
} from '@samenspoor/projections';

import { CurrentActor, type AuthenticatedActor } from '../auth/auth.decorators';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ReadRoute } from '../http/answers';
import { REGION } from '../region/region';
import { controlMonitor, hiddenInMonths, summedOverMonths } from './manager-monitor';
import { wholeMonths } from './manager-outflow';
import { MonitorHistoryQuery, PeriodQuery } from './projection-queries.dto';
import { ProjectionReads } from './projection-reads';
import { period } from './projections.controller';

/** The managers' monitor (api.md, "Managers' monitor"): the figures the region steers on, for any period. */
@ApiTags('figures')
@Controller('api/projections')
export class MonitorController {
  constructor(
    private readonly reads: ProjectionReads,
    @Inject(REGION) private readonly region: RegionConfig,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ReadRoute(
    'monitor',
    'Monitor',
    'The monitor of a period (dates, both included, UTC; whole calendar months for a manager): inflow, status at the end, realised waits, crises, out-of-home care, care ended, follow-ups, goals, MDOs, protection measures and case-director changes',
    'manager',
    'safety-team',
  )
  async monitor(
    @Query() query: PeriodQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: Response,
  ) {
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

  @ReadRoute(
    'monitor/history',
    'MonitorHistory',
    'The monitor per calendar month: every month that the period touches, each point the monitor of that whole month',
    'manager',
    'safety-team',
  )
  async monitorHistory(
    @Query() query: MonitorHistoryQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: Response,
  ) {
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

  private threshold(actor: AuthenticatedActor): number {
    return actor.actingRole === 'manager' ? this.config.smallCellThreshold : 0;
  }
}
