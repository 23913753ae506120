import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

import { FamilyCommands, type CommandContext, type CommandResult } from '@samenspoor/commands';
import { VOICE_TOPICS, type VoiceTopic } from '@samenspoor/domain';

import { Allow, CurrentActor, type AuthenticatedActor } from '../auth/auth.decorators';
import { Command } from '../families/command-context.decorator';
import { OptionalText, Text, TEXT } from '../families/dto/step.dto';
import { Answer } from '../http/answers';
import { PageLimit } from '../projections/projection-queries.dto';
import {
  MyFamilyReads,
  type MyAccessLogItem,
  type MyFamilyAnswer,
  type MyTimelineEntry,
} from './my-family.reads';

export class MyViewBody {
  @ApiProperty({ enum: VOICE_TOPICS })
  @IsIn(VOICE_TOPICS)
  topic!: VoiceTopic;

  @ApiProperty({ description: 'personal data: the member’s own words' })
  @Text(TEXT)
  text!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10, description: '1: not safe at all; 10: safe' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  feelsSafe?: number;
}

export class PlanAgreementBody {
  @ApiProperty({ description: 'true: the member agrees to the plan as it stands now' })
  @IsBoolean()
  agreed!: boolean;

  @ApiPropertyOptional({ description: 'personal data: the member’s own words' })
  @OptionalText(TEXT)
  comment?: string;
}

class AccessLogQuery {
  @PageLimit(50, 200)
  limit?: number;

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

/**
 * The family's own view ("Mijn gezin"): a household member reads the family's record, its timeline and who looked
 * at it, records their own view and agrees to the plan. Open to the `family` role only; the member is the token's
 * (a development token's claims, or in production the BSN through the blind index), never an id in the address.
 */
@ApiTags('my-family')
@Controller('api/my-family')
export class MyFamilyController {
  constructor(
    private readonly reads: MyFamilyReads,
    private readonly commands: FamilyCommands,
  ) {}

  @Get()
  @Allow('family')
  @ApiOperation({
    summary:
      "The family's own record: case director and network with contact details, the plan and its goals, the next MDO, the care",
  })
  @Answer('MyFamily')
  async myFamily(@CurrentActor() actor: AuthenticatedActor): Promise<MyFamilyAnswer> {
    return this.reads.record(await this.reads.signedIn(actor));
  }

  @Get('timeline')
  @Allow('family')
  @ApiOperation({ summary: 'What happened, oldest first, in plain Dutch (B1)' })
  @Answer('MyFamilyTimeline')
  async myTimeline(
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<{ familyId: string; entries: MyTimelineEntry[] }> {
    return this.reads.timeline(await this.reads.signedIn(actor));
  }

  @Get('access-log')
  @Allow('family')
  @ApiOperation({
    summary:
      "Who looked at the family's record, newest first, in plain words: opening the record told apart from appearing in a list",
  })
  @Answer('MyFamilyAccessLog')
  async myAccessLog(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: AccessLogQuery,
  ): Promise<{ familyId: string; items: MyAccessLogItem[]; nextCursor: string | null }> {
    return this.reads.accessLog(await this.reads.signedIn(actor), {
      limit: query.limit ?? 50,
      ...(query.cursor ? { cursor: Number(query.cursor) } : {}),
    });
  }

  @Post('voices')
  @Allow('family')
  @ApiOperation({ summary: 'Record my own view, in my own words' })
  async recordMyView(
    @CurrentActor() actor: AuthenticatedActor,
    @Command() context: CommandContext,
    @Body() body: MyViewBody,
  ): Promise<CommandResult> {
    const me = await this.reads.signedIn(actor);
    return this.commands.execute({
      familyId: me.familyId,
      context,
      command: {
        type: 'RecordMemberView',
        data: {
          memberId: me.member.memberId,
          topic: body.topic,
          text: body.text,
          ...(body.feelsSafe === undefined ? {} : { feelsSafe: body.feelsSafe }),
        },
      },
    });
  }

  @Post('plan/agreement')
  @HttpCode(201)
  @Allow('family')
  @ApiOperation({ summary: 'Agree (or not) to the plan as it stands now' })
  async agreeToPlan(
    @CurrentActor() actor: AuthenticatedActor,
    @Command() context: CommandContext,
    @Body() body: PlanAgreementBody,
  ): Promise<CommandResult> {
    const me = await this.reads.signedIn(actor);
    return this.commands.execute({
      familyId: me.familyId,
      context,
      command: {
        type: 'RecordPlanAgreement',
        data: {
          memberId: me.member.memberId,
          agreed: body.agreed,
          ...(body.comment === undefined ? {} : { comment: body.comment }),
        },
      },
    });
  }
}
