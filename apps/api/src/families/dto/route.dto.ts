import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import {
  GOAL_STATUSES,
  PROTECTION_MEASURE_KINDS,
  SAFE_AT_HOME_REPORT_KINDS,
  VOICE_TOPICS,
  type GoalStatus,
  type ProtectionMeasureKind,
  type SafeAtHomeReportKind,
  type VoiceTopic,
} from '@samenspoor/domain';

import { CareForm, ProviderId } from './care.dto';
import {
  IDENTIFIER,
  IsTime,
  LIST,
  MemberIds,
  NAME,
  OneOf,
  OptionalPersonalText,
  OptionalText,
  OptionalTime,
  PersonalText,
  StepBody,
  TEXT,
  Text,
} from './step.dto';

export class RunningCareBody extends StepBody {
  @CareForm('foster-care')
  careForm!: string;

  @ProviderId()
  providerId!: string;

  @ApiProperty({
    description:
      'since when the care runs (ISO-8601); may be before the registration, not in the future',
    example: '2026-03-01T00:00:00Z',
  })
  @IsTime()
  startedAt!: string;

  @MemberIds()
  memberIds?: string[];

  @ApiPropertyOptional({ description: "the municipality's allocation number (toewijzing)" })
  @OptionalText(IDENTIFIER)
  allocationNumber?: string;
}

export class ProtectionMeasureBody extends StepBody {
  @OneOf(PROTECTION_MEASURE_KINDS)
  kind!: ProtectionMeasureKind;

  @ApiProperty({ type: [String], format: 'uuid', description: 'the children the measure is for' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberIds!: string[];

  @ApiProperty({ example: 'Jeugdbescherming Noord', description: 'the certified institution (GI)' })
  @Text(NAME)
  institution!: string;

  @ApiProperty({ example: '2026-10-01T00:00:00Z', description: 'may be before the registration' })
  @IsTime()
  startedAt!: string;

  @OptionalTime('2027-10-01T00:00:00Z')
  endsBy?: string;
}

export class EndProtectionMeasureBody extends StepBody {
  @PersonalText(TEXT)
  reason!: string;
}

export class SafeAtHomeReportBody extends StepBody {
  @OneOf(SAFE_AT_HOME_REPORT_KINDS)
  kind!: SafeAtHomeReportKind;

  @MemberIds()
  memberIds?: string[];

  @OptionalPersonalText(TEXT)
  outcome?: string;
}

export class GoalEvaluationBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  goalId!: string;

  @OneOf(GOAL_STATUSES)
  status!: GoalStatus;
}

export class PlanEvaluationBody extends StepBody {
  @ApiProperty({ type: [GoalEvaluationBody] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIST)
  @ArrayUnique((g: unknown) => (g as { goalId?: unknown } | null)?.goalId, {
    message: 'each goal is evaluated once',
  })
  @ValidateNested({ each: true })
  @Type(() => GoalEvaluationBody)
  goals!: GoalEvaluationBody[];

  @ApiProperty()
  @IsBoolean()
  familyInvolved!: boolean;

  @OptionalTime('2027-06-01T00:00:00Z')
  nextEvaluateBy?: string;
}

export class MemberViewBody extends StepBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  memberId!: string;

  @OneOf(VOICE_TOPICS)
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

export class InformalSupporterBody extends StepBody {
  @PersonalText(NAME)
  displayName!: string;

  @ApiProperty({ example: 'grootmoeder', description: 'personal data' })
  @Text(NAME)
  relation!: string;
}

export class ParentalAuthorityBody extends StepBody {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      'the members who hold parental authority (gezag) over the child, as the court register says; empty: nobody in the family',
  })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  holderMemberIds!: string[];
}
