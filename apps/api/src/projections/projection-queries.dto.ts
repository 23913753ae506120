import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';

import { stack } from '../families/dto/step.dto';
import { IsInRegion } from '../region/region';

/**
 * `limit`: how many items a page holds, 1 to `max`, `byDefault` when absent. The query string holds text: a
 * whole number of up to `digits` digits is read as a number, anything else is left for `IsInt` to refuse.
 */
export const PageLimit = (byDefault: number, max: number, digits = 6): PropertyDecorator => {
  const whole = new RegExp(`^\\d{1,${digits}}$`);
  return stack(
    ApiPropertyOptional({ default: byDefault, maximum: max }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && whole.test(value) ? Number(value) : value,
    ),
    IsInt(),
    Min(1),
    Max(max),
  );
};

/** `minPosition`: answer only once the read model has applied this position (read-your-writes). */
export class ConsistentQuery {
  @ApiPropertyOptional({
    description: 'a `position` a command returned: wait until the read model reached it',
  })
  @IsOptional()
  @Matches(/^[0-9a-f]{32}$/, {
    message: 'minPosition must be a position a command returned (32 hex digits)',
  })
  minPosition?: string;
}

export class AsOfQuery extends ConsistentQuery {
  @ApiPropertyOptional({ description: 'the moment the figures are for (ISO-8601); default now' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  asOf?: string;
}

export class MunicipalityQuery extends AsOfQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInRegion('municipalities')
  municipality?: string;
}

/** `careForm` and `providerId`: the care waits of one care form, or at one provider. */
class CareFilter {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInRegion('careForms')
  careForm?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  providerId?: string;
}

/** `limit` and `cursor`: a list a page at a time. */
class Paging {
  @PageLimit(100, 500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  cursor?: string;
}

export class WaitingListQuery extends IntersectionType(MunicipalityQuery, CareFilter) {}

export class PageQuery extends IntersectionType(ConsistentQuery, Paging) {}

export class WaitingEntriesQuery extends IntersectionType(WaitingListQuery, Paging) {}

export class PeriodQuery extends ConsistentQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'first day (UTC), included' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date: YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'last day (UTC), included' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date: YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInRegion('municipalities')
  municipality?: string;
}

export class WaitingHistoryQuery extends IntersectionType(PeriodQuery, CareFilter) {
  @ApiPropertyOptional({ enum: ['analysis', 'plan', 'care'], default: 'care' })
  @IsOptional()
  @IsIn(['analysis', 'plan', 'care'])
  stage?: 'analysis' | 'plan' | 'care';
}

/** `interval`: the points of a monitor's history; calendar months only, for now. */
export class MonitorHistoryQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: ['month'], default: 'month' })
  @IsOptional()
  @IsIn(['month'])
  interval?: 'month';
}

/** A monthly report: the month (YYYY-MM) and a municipality or the region. */
export class MonthlyReportQuery extends ConsistentQuery {
  @ApiProperty({ example: '2026-11', description: 'the calendar month (UTC)' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be a calendar month: YYYY-MM' })
  month!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInRegion('municipalities')
  municipality?: string;
}
