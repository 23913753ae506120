import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';

import { SAFETY_LEVELS, type SafetyLevel } from '@samenspoor/domain';

import {
  LIST,
  MemberIds,
  NestedList,
  OneOf,
  OptionalTime,
  PersonalText,
  StepBody,
  TEXT,
  TextList,
} from './step.dto';

export class CareNeedBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  memberId!: string;

  @PersonalText(TEXT)
  need!: string;
}

export class CompleteAnalysisBody extends StepBody {
  @OneOf(SAFETY_LEVELS)
  safetyLevel!: SafetyLevel;

  @TextList()
  patterns?: string[];

  @TextList()
  riskFactors?: string[];

  @TextList()
  protectiveFactors?: string[];

  @ApiPropertyOptional({ type: [CareNeedBody] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST)
  @ValidateNested({ each: true })
  @Type(() => CareNeedBody)
  careNeeds?: CareNeedBody[];
}

export class GoalBody {
  @PersonalText(TEXT)
  description!: string;

  @MemberIds()
  memberIds?: string[];
}

export class AdoptPlanBody extends StepBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  analysisId!: string;

  @ApiProperty({ type: [GoalBody] })
  @NestedList(() => GoalBody)
  goals!: GoalBody[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  agreedWithFamily?: boolean;

  @OptionalTime('2027-03-01')
  evaluateBy?: string;
}

/** A goal of a revision: with the `goalId` of a goal of the plan it keeps, without one a new goal. */
export class RevisedGoalBody extends GoalBody {
  @ApiPropertyOptional({ format: 'uuid', description: 'the goal this one keeps' })
  @IsOptional()
  @IsUUID()
  goalId?: string;
}

export class RevisePlanBody extends StepBody {
  @PersonalText(TEXT)
  reason!: string;

  @ApiProperty({ type: [RevisedGoalBody] })
  @NestedList(() => RevisedGoalBody)
  @ArrayUnique((g: unknown) => (g as { goalId?: unknown } | null)?.goalId ?? Symbol(), {
    message: 'a goal is kept once',
  })
  goals!: RevisedGoalBody[];
}
