import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import {
  FOLLOW_UP_MONTHS,
  OUTFLOW_DESTINATIONS,
  type FollowUpMonths,
  type OutflowDestination,
} from '@samenspoor/domain';

import { NAME, OneOf, OptionalText, StepBody, TEXT, Text } from './step.dto';

export class OutflowBody extends StepBody {
  @OneOf(OUTFLOW_DESTINATIONS)
  destination!: OutflowDestination;

  @ApiPropertyOptional({ description: 'personal data' })
  @OptionalText(TEXT)
  reason?: string;

  @ApiPropertyOptional({
    example: 'WIJ Groningen',
    description: 'the organisation of the warm handover',
  })
  @OptionalText(NAME)
  handoverTo?: string;
}

export class FollowUpBody extends StepBody {
  @OneOf(FOLLOW_UP_MONTHS)
  monthsAfterOutflow!: FollowUpMonths;

  @ApiProperty({ description: 'personal data' })
  @Text(TEXT)
  outcome!: string;
}
