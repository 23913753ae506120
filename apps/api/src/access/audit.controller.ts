import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

import {
  AUDIT_OUTCOME_FILTERS,
  AUDIT_SORTS,
  type AuditOutcomeFilter,
  type AuditSort,
  type StoredAuditEntry,
} from '@samenspoor/access';

import { Allow } from '../auth/auth.decorators';
import { WithDirectoryNames } from '../directory/directory-names';
import { FamilyId } from '../families/family-routes';
import { Answer } from '../http/answers';
import { PageLimit } from '../projections/projection-queries.dto';
import { AuditTrail } from './audit-trail';

const MAX_PAGE = 1_000;

/** A page of the audit log, newest first (the schema `AuditPage` of the OpenAPI document). */
interface AuditPage {
  items: ReturnType<typeof toItem>[];
  nextCursor: string | null;
}

class AuditPageQuery {
  @PageLimit(100, MAX_PAGE)
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

  @ApiPropertyOptional({
    enum: AUDIT_OUTCOME_FILTERS,
    description:
      'one outcome, `allowed` (success) or `refusals` (every outcome but success: denied, refused by a rule, invalid, …)',
  })
  @IsOptional()
  @IsIn(AUDIT_OUTCOME_FILTERS)
  outcome?: AuditOutcomeFilter;

  @ApiPropertyOptional({
    enum: AUDIT_SORTS,
    default: 'at',
    description: 'the column to sort by (`actor` by actor id); ties in the order written',
  })
  @IsOptional()
  @IsIn(AUDIT_SORTS)
  sort?: AuditSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  direction?: 'asc' | 'desc';
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

/** The audit log (NEN 7513) for auditors and privacy officers; reading it is itself logged. */
@ApiTags('audit')
@Controller('api')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  @Get('audit')
  @Allow('auditor')
  @ApiOperation({
    summary:
      'The audit log, newest first or sorted by actor, action or outcome; filtered by family, actor, period and outcome',
  })
  @Answer('AuditPage')
  @WithDirectoryNames()
  async audit(@Query() query: AuditQuery): Promise<AuditPage> {
    return this.page({ ...query, ...(query.actor ? { actorId: query.actor } : {}) });
  }

  @Get('families/:familyId/access-log')
  @Allow('auditor')
  @ApiOperation({
    summary:
      "Who looked at this family's record, and what they did: the answer to the family's own question",
  })
  @Answer('FamilyAccessLog')
  @WithDirectoryNames()
  async accessLog(
    @FamilyId() familyId: string,
    @Query() query: AuditPageQuery,
  ): Promise<AuditPage & { familyId: string }> {
    return { familyId, ...(await this.page({ ...query, familyId: familyId.toLowerCase() })) };
  }

  private async page(
    query: AuditPageQuery & { familyId?: string; actorId?: string },
  ): Promise<AuditPage> {
    const limit = query.limit ?? 100;
    const entries = await this.trail.log.query({
      limit: limit + 1,
      ...(query.familyId ? { familyId: query.familyId.toLowerCase() } : {}),
      ...(query.actorId ? { actorId: query.actorId } : {}),
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
      ...(query.outcome ? { outcome: query.outcome } : {}),
      ...(query.sort ? { sort: query.sort } : {}),
      ...(query.direction ? { direction: query.direction } : {}),
      ...(query.cursor ? { afterSeq: Number(query.cursor) } : {}),
    });
    const items = entries.slice(0, limit).map(toItem);
    const last = items.at(-1);
    return { items, nextCursor: entries.length > limit && last ? String(last.seq) : null };
  }
}

/** An entry as auditors read it: who, in which role and on whose behalf, did what to which family, when. */
function toItem(entry: StoredAuditEntry) {
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
