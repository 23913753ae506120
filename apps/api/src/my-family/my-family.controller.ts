import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, OmitType } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID, Matches } from 'class-validator';

import type { CommandResult } from '@samenspoor/commands';

import { MemberViewBody } from '../families/dto/route.dto';
import { OptionalText, TEXT } from '../families/dto/step.dto';
import { Allow } from '../auth/auth.decorators';
import { ReadRoute } from '../http/answers';
import { ConsistentQuery, PageLimit } from '../projections/projection-queries.dto';
import { AsMember, Me, type MemberStep } from './member-step';
import {
  MyFamilyReads,
  type MyAccessLog,
  type MyFamilyAnswer,
  type MyTimeline,
  type SignedInMember,
} from './my-family.reads';

/** The member's own view, in their own words: the member is the token's, so no `memberId` and no business time. */
export class MyViewBody extends OmitType(MemberViewBody, ['memberId', 'occurredAt'] as const) {}

export class PlanAgreementBody {
  @ApiProperty({ description: 'true: the member agrees to the plan as it stands now' })
  @IsBoolean()
  agreed!: boolean;

  @ApiPropertyOptional({ description: 'personal data: the member’s own words' })
  @OptionalText(TEXT)
  comment?: string;
}

export class SharingBody {
  @ApiProperty({ format: 'uuid', description: 'the other member of the household' })
  @IsUUID()
  withMemberId!: string;

  @ApiProperty({
    description: 'true: share my care, views and measures with them; false: stop sharing',
  })
  @IsBoolean()
  shared!: boolean;
}

class AccessLogQuery extends ConsistentQuery {
  @PageLimit(50, 200)
  limit?: number;

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

/** What each read of a member answers (its OpenAPI summary). */
const READS = {
  record:
    "The family's own record: case director and network with contact details, the plan and its goals, the next MDO, the care, and with whom I share my own data",
  timeline: 'What happened, oldest first, in plain Dutch (B1)',
  accessLog:
    "Who looked at the family's record, newest first, in plain words: opening the record told apart from appearing in a list",
};

/** A read of the family's own view: for the `family` role only. */
const MemberRead = (path: string, answer: string, summary: string): MethodDecorator =>
  ReadRoute(path, answer, summary, 'family');

/**
 * The family's own view ("Mijn gezin"): a household member reads the family's record, its timeline and who looked
 * at it, records their own view, agrees to the plan and, deciding about their own data, shares it with another
 * member. Open to the `family` role only; the member is the token's (a development token's claims, or in
 * production the BSN through the blind index), never an id in the address. The reads come straight from the
 * family's stream, so they always reflect the member's own writes; they take `minPosition` as every read does.
 */
@ApiTags('my-family')
@Controller('api/my-family')
export class MyFamilyController {
  constructor(private readonly reads: MyFamilyReads) {}

  @MemberRead('', 'MyFamily', READS.record)
  myFamily(@Me() me: SignedInMember, @Query() _read: ConsistentQuery): Promise<MyFamilyAnswer> {
    return this.reads.record(me);
  }

  @MemberRead('timeline', 'MyFamilyTimeline', READS.timeline)
  myTimeline(@Me() me: SignedInMember, @Query() _read: ConsistentQuery): Promise<MyTimeline> {
    return this.reads.timeline(me);
  }

  @MemberRead('access-log', 'MyFamilyAccessLog', READS.accessLog)
  myAccessLog(@Me() me: SignedInMember, @Query() query: AccessLogQuery): Promise<MyAccessLog> {
    return this.reads.accessLog(me, {
      limit: query.limit ?? 50,
      ...(query.cursor ? { cursor: Number(query.cursor) } : {}),
    });
  }

  @Post('voices')
  @Allow('family')
  @ApiOperation({ summary: 'Record my own view, in my own words' })
  recordMyView(@AsMember() step: MemberStep, @Body() body: MyViewBody): Promise<CommandResult> {
    const { topic, text, feelsSafe } = body;
    return step.take({
      type: 'RecordMemberView',
      data: {
        memberId: step.me.member.memberId,
        topic,
        text,
        ...(feelsSafe === undefined ? {} : { feelsSafe }),
      },
    });
  }

  @Post('plan/agreement')
  @HttpCode(201)
  @Allow('family')
  @ApiOperation({ summary: 'Agree (or not) to the plan as it stands now' })
  agreeToPlan(
    @AsMember() step: MemberStep,
    @Body() body: PlanAgreementBody,
  ): Promise<CommandResult> {
    const { agreed, comment } = body;
    return step.take({
      type: 'RecordPlanAgreement',
      data: {
        memberId: step.me.member.memberId,
        agreed,
        ...(comment === undefined ? {} : { comment }),
      },
    });
  }

  @Post('sharing')
  @HttpCode(201)
  @Allow('family')
  @ApiOperation({
    summary:
      'Share my own care, views and measures with another member of the household, or stop sharing (16 or older, or an adult; else 422 not-deciding-own-data)',
  })
  shareMyData(@AsMember() step: MemberStep, @Body() body: SharingBody): Promise<CommandResult> {
    return step.take({
      type: 'RecordDataSharing',
      data: {
        memberId: step.me.member.memberId,
        withMemberId: body.withMemberId,
        shared: body.shared,
      },
    });
  }
}
