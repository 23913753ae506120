import { ApiProperty } from '@nestjs/swagger';

import { CARE_END_REASONS, type CareEndReason } from '@samenspoor/domain';

import { IsInRegion } from '../../region/region';
import { IDENTIFIER, MemberIds, OneOf, PersonalText, StepBody, TEXT, Text } from './step.dto';

export class RequestCareBody extends StepBody {
  @ApiProperty({ example: 'intensive-ambulatory-family' })
  @IsInRegion('careForms')
  careForm!: string;

  @ApiProperty({ example: 'accare' })
  @Text(IDENTIFIER)
  providerId!: string;

  @MemberIds()
  memberIds?: string[];
}

export class EndCareBody extends StepBody {
  @OneOf(CARE_END_REASONS)
  reason!: CareEndReason;
}

export class WithdrawCareBody extends StepBody {
  @PersonalText(TEXT)
  reason!: string;
}
