import { Controller, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import {
  monitorBlocks,
  monitorFigures,
  monitorMonthRows,
  monitorProjection,
} from '@samenspoor/projections';

import { FIGURES_AUDIENCE } from '../auth/auth.decorators';
import { PdfRoute, ReadRoute } from '../http/answers';
import { monthlyReportPdf } from '../reports/monthly-report';
import { controlMonitor, hiddenInMonths, periodOfMonths } from './manager-monitor';
import { wholeMonths } from './manager-outflow';
import { ModelRead, Reading } from './model-read';
import { MonitorHistoryQuery, MonthlyReportQuery, PeriodQuery } from './projection-queries.dto';
import { period } from './projections.controller';

/** The monitor per calendar month, as the reader may read it (each month under its own control for a manager). */
async function monitorHistory(query: MonitorHistoryQuery, read: ModelRead) {
  const range = wholeMonths(period(query.from, query.to));
  const tables = await read.tables(monitorProjection, query);
  const filtered = await monitorMonthRows(read.database, tables, range, query);
  // Each month is controlled on all municipalities' facts: without a filter, those are the ones read.
  const all = !read.controlled
    ? []
    : query.municipality === undefined
      ? filtered
      : await monitorMonthRows(read.database, tables, range);
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

/** The managers' monitor (api.md, "Managers' monitor"): the figures the region steers on, for any period. */
@ApiTags('figures')
@Controller('api/projections')
export class MonitorController {
  @ReadRoute(
    'monitor',
    'Monitor',
    'The monitor of a period (dates, both included, UTC; whole calendar months for a manager): inflow, status at the end, realised waits, crises, out-of-home care, care ended, follow-ups, goals, MDOs, protection measures and case-director changes',
    ...FIGURES_AUDIENCE,
  )
  async monitor(@Query() query: PeriodQuery, @Reading() read: ModelRead) {
    const asked = period(query.from, query.to);
    const range = read.controlled ? wholeMonths(asked) : asked;
    const tables = await read.tables(monitorProjection, query);
    if (!read.controlled)
      return read.answer(
        monitorProjection,
        await monitorFigures(read.database, tables, read.region, range, query),
      );
    // Each month is controlled on its own (all municipalities, so that the filter hides what the region hides),
    // and the period's figures are read from the same months.
    const months = (await monitorMonthRows(read.database, tables, range)).map((m) => m.rows);
    const hidden = hiddenInMonths(months, read.region, read.threshold);
    const figures = {
      from: range.from,
      to: range.to,
      municipality: query.municipality ?? null,
      ...monitorBlocks(periodOfMonths(months), read.region, query.municipality),
    };
    const { blocks, suppressed } = controlMonitor(figures, hidden, query.municipality);
    return read.answer(monitorProjection, {
      ...blocks,
      period: { ...range, goalsSummedOverMonths: months.length > 1 },
      disclosure: { threshold: read.threshold, suppressed },
    });
  }

  @ReadRoute(
    'monitor/history',
    'MonitorHistory',
    'The monitor per calendar month: every month that the period touches, each point the monitor of that whole month',
    ...FIGURES_AUDIENCE,
  )
  monitorHistory(@Query() query: MonitorHistoryQuery, @Reading() read: ModelRead) {
    return monitorHistory(query, read);
  }
}

/** How many months a monthly report sets side by side: the month and the five before it. */
const REPORT_MONTHS = 6;

/** The monthly report for a municipal council (api.md, "Managers' monitor"). */
@ApiTags('figures')
@Controller('api/reports')
export class ReportsController {
  @PdfRoute(
    'monthly',
    "The month's monitor as a PDF in Dutch for a municipal council: beside the five months before it and the region's norms, with a chart and a short text per block, under the managers' disclosure control",
    'manager',
  )
  async monthly(
    @Query() query: MonthlyReportQuery,
    @Reading() read: ModelRead,
  ): Promise<StreamableFile> {
    const [year, month] = query.month.split('-').map(Number) as [number, number];
    const history = await monitorHistory(
      {
        from: new Date(Date.UTC(year, month - REPORT_MONTHS, 1)).toISOString().slice(0, 10),
        to: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10),
        interval: 'month',
        municipality: query.municipality,
        minPosition: query.minPosition,
      },
      read,
    );
    const pdf = await monthlyReportPdf({
      regionName: read.region.name,
      municipality: query.municipality ?? null,
      months: history.series,
      stageNorms: read.region.stageNorms,
      threshold: read.threshold,
      madeAt: new Date(),
    });
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="maandrapportage-${query.month}.pdf"`,
    });
  }
}
