import { ApiPropertyOptional } from '@nestjs/swagger';

import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';

import {
  FOLLOW_UP_MONTHS,
  FOLLOW_UP_STATUSES,
  OUTFLOW_DESTINATIONS,
  type FollowUpMonths,
  type FollowUpStatus,
  type OutflowDestination,
} from '@samenspoor/domain';

import {
  LIST,
  NAME,
  OneOf,
  OptionalPersonalText,
  OptionalText,
  PersonalText,
  StepBody,
  TEXT,
} from './step.dto';

export class OutflowBody extends StepBody {
  @OneOf(OUTFLOW_DESTINATIONS)
  destination!: OutflowDestination;

  @OptionalPersonalText(TEXT)
  reason?: string;

  @ApiPropertyOptional({
    example: 'WIJ Groningen',
    description: 'the organisation of the warm handover',
  })
  @OptionalText(NAME)
  handoverTo?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'trajectories that go on after the outflow: handed over to handoverTo',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  continuingTrajectoryIds?: string[];
}

export class FollowUpBody extends StepBody {
  @OneOf(FOLLOW_UP_MONTHS)
  monthsAfterOutflow!: FollowUpMonths;

  @PersonalText(TEXT)
  outcome!: string;

  @ApiPropertyOptional({ enum: FOLLOW_UP_STATUSES })
  @IsOptional()
  @IsIn(FOLLOW_UP_STATUSES)
  status?: FollowUpStatus;
}
