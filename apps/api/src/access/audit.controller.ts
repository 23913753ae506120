import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiOkResponse,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';

import type { StoredAuditEntry } from '@samenspoor/access';

import { Allow } from '../auth/auth.decorators';
import { UUID_PARAM } from '../http/params';
import { AuditTrail } from './audit-trail';

const MAX_PAGE = 1_000;

class AuditPageQuery {
  @ApiPropertyOptional({ default: 100, maximum: MAX_PAGE })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ description: 'entries at or after this moment (ISO-8601)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ description: 'entries at or before this moment (ISO-8601)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;
}

class AuditQuery extends AuditPageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  familyId?: string;

  @ApiPropertyOptional({ description: 'the actor id (the token subject)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;
}

/** An entry as auditors read it: who, in which role and on whose behalf, did what to which family, when. */
export class AuditItem {
  @ApiProperty({ description: 'the place of the entry in the log' })
  seq!: number;
  @ApiProperty({ format: 'date-time' })
  at!: string;
  @ApiProperty({ description: 'the actor id (the token subject)' })
  actor!: string;
  @ApiProperty({ type: String, nullable: true })
  role!: string | null;
  @ApiProperty({ type: String, nullable: true })
  organisation!: string | null;
  @ApiProperty()
  action!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  familyId!: string | null;
  @ApiProperty()
  outcome!: string;
  @ApiProperty({ description: 'the HTTP status answered' })
  status!: number;
  @ApiProperty({ type: String, nullable: true })
  detail!: string | null;
  @ApiProperty({ type: String, nullable: true })
  correlationId!: string | null;
  @ApiProperty({ description: "the entry's link in the hash chain" })
  hash!: string;
}

class AuditPage {
  @ApiProperty({ type: [AuditItem] })
  items!: AuditItem[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as cursor for the next page' })
  nextCursor!: string | null;
}

class FamilyAccessLog extends AuditPage {
  @ApiProperty({ format: 'uuid' })
  familyId!: string;
}

/** The audit log (NEN 7513) for auditors and privacy officers; reading it is itself logged. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  @Get('audit')
  @Allow('auditor')
  @ApiOperation({ summary: 'The audit log, newest first, filtered by family, actor and period' })
  @ApiOkResponse({ type: AuditPage })
  async audit(@Query() query: AuditQuery): Promise<AuditPage> {
    return this.page({ ...query, ...(query.actor ? { actorId: query.actor } : {}) });
  }

  @Get('families/:familyId/access-log')
  @Allow('auditor')
  @ApiOperation({
    summary:
      "Who looked at this family's record, and what they did: the answer to the family's own question",
  })
  @ApiParam({ name: 'familyId', format: 'uuid' })
  @ApiOkResponse({ type: FamilyAccessLog })
  async accessLog(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Query() query: AuditPageQuery,
  ): Promise<FamilyAccessLog> {
    return { familyId, ...(await this.page({ ...query, familyId: familyId.toLowerCase() })) };
  }

  private async page(
    query: AuditPageQuery & { familyId?: string; actorId?: string },
  ): Promise<{ items: AuditItem[]; nextCursor: string | null }> {
    const limit = query.limit ?? 100;
    const entries = await this.trail.log.query({
      limit: limit + 1,
      ...(query.familyId ? { familyId: query.familyId.toLowerCase() } : {}),
      ...(query.actorId ? { actorId: query.actorId } : {}),
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
      ...(query.cursor ? { beforeSeq: Number(query.cursor) } : {}),
    });
    const items = entries.slice(0, limit).map(toItem);
    const last = items.at(-1);
    return { items, nextCursor: entries.length > limit && last ? String(last.seq) : null };
  }
}

function toItem(entry: StoredAuditEntry): AuditItem {
  return {
    seq: entry.seq,
    at: entry.at,
    actor: entry.actorId,
    role: entry.role,
    organisation: entry.organisation,
    action: entry.action,
    familyId: entry.familyId,
    outcome: entry.outcome,
    status: entry.status,
    detail: entry.detail,
    correlationId: entry.correlationId,
    hash: entry.hash,
  };
}
