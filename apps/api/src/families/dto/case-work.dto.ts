import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
} from 'class-validator';

import {
  SAFETY_LEVELS,
  SAFETY_PHASES,
  type SafetyLevel,
  type SafetyPhase,
} from '@samenspoor/domain';

import { IsInRegion } from '../../region/region';
import {
  IsTime,
  LIST,
  NAME,
  NOTE,
  OneOf,
  OptionalPersonalText,
  PersonalText,
  StepBody,
  TEXT,
  TextList,
} from './step.dto';

export class MdoBody extends StepBody {
  @ApiProperty({ type: [String], example: ['case director', 'GZ-psycholoog Accare', 'school'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIST)
  @IsString({ each: true })
  @Length(1, NAME, { each: true })
  participants!: string[];

  @ApiProperty({ example: '2027-01-15' })
  @IsTime()
  nextMdoDueBy!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  familyPresent?: boolean;

  @TextList()
  decisions?: string[];
}

export class ProgressNoteBody extends StepBody {
  @ApiProperty({ example: 'execution' })
  @IsInRegion('workstreams')
  workstream!: string;

  @PersonalText(NOTE)
  note!: string;
}

export class SafetyAssessmentBody extends StepBody {
  @OneOf(SAFETY_LEVELS)
  level!: SafetyLevel;

  @ApiPropertyOptional({ enum: SAFETY_PHASES })
  @IsOptional()
  @IsIn(SAFETY_PHASES)
  phase?: SafetyPhase;

  @OptionalPersonalText(TEXT)
  notes?: string;
}

export class SafetyReviewBody extends StepBody {
  @PersonalText(TEXT)
  outcome!: string;

  @OptionalPersonalText(TEXT)
  advice?: string;
}
