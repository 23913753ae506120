import { Controller, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import {
  monitorBlocks,
  monitorFigures,
  monitorMonthRows,
  monitorProjection,
} from '@samenspoor/projections';

import { ReadRoute } from '../http/answers';
import { controlMonitor, hiddenInMonths } from './manager-monitor';
import { wholeMonths } from './manager-outflow';
import { MonitorHistoryQuery, PeriodQuery } from './projection-queries.dto';
import { ModelRead, Reading } from './model-read';
import { period } from './projections.controller';

/** The managers' monitor (api.md, "Managers' monitor"): the figures the region steers on, for any period. */
@ApiTags('figures')
@Controller('api/projections')
export class MonitorController {
  @ReadRoute(
    'monitor',
    'Monitor',
    'The monitor of a period (dates, both included, UTC; whole calendar months for a manager): inflow, status at the end, realised waits, crises, out-of-home care, care ended, follow-ups, goals, MDOs, protection measures and case-director changes',
    'manager',
    'safety-team',
  )
  async monitor(@Query() query: PeriodQuery, @Reading() read: ModelRead) {
    const asked = period(query.from, query.to);
    const range = read.controlled ? wholeMonths(asked) : asked;
    const tables = await read.tables(monitorProjection, query);
    const figures = await monitorFigures(read.database, tables, read.region, range, query);
    if (!read.controlled) return read.answer(monitorProjection, figures);
    // Each month is controlled on its own (all municipalities, so that the filter hides what the region hides).
    const months = await monitorMonthRows(read.database, tables, range);
    const hidden = hiddenInMonths(
      months.map((month) => month.rows),
      read.region,
      read.threshold,
    );
    const { blocks, suppressed } = controlMonitor(figures, hidden, query.municipality);
    return read.answer(monitorProjection, {
      ...blocks,
      period: range,
      disclosure: { threshold: read.threshold, suppressed },
    });
  }

  @ReadRoute(
    'monitor/history',
    'MonitorHistory',
    'The monitor per calendar month: every month that the period touches, each point the monitor of that whole month',
    'manager',
    'safety-team',
  )
  async monitorHistory(@Query() query: MonitorHistoryQuery, @Reading() read: ModelRead) {
    const range = wholeMonths(period(query.from, query.to));
    const tables = await read.tables(monitorProjection, query);
    const filtered = await monitorMonthRows(read.database, tables, range, query);
    const all = read.controlled ? await monitorMonthRows(read.database, tables, range) : [];
    let anySuppressed = false;
    const series = filtered.map(({ month, rows }, i) => {
      const blocks = monitorBlocks(rows, read.region, query.municipality);
      if (!read.controlled) return { period: month, ...blocks };
      const hidden = hiddenInMonths([all[i]!.rows], read.region, read.threshold);
      const controlled = controlMonitor(blocks, hidden, query.municipality);
      anySuppressed ||= controlled.suppressed;
      return { period: month, ...controlled.blocks };
    });
    return read.answer(monitorProjection, {
      from: range.from,
      to: range.to,
      interval: 'month' as const,
      municipality: query.municipality ?? null,
      series,
      ...(read.controlled
        ? { disclosure: { threshold: read.threshold, suppressed: anySuppressed } }
        : {}),
    });
  }
}
