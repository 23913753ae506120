import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

import { CARE_END_REASONS, type CareEndReason } from '@samenspoor/domain';

import { IsInRegion } from '../../region/region';
import { IDENTIFIER, MemberIds, OneOf, PersonalText, StepBody, TEXT, Text } from './step.dto';

/** A care form of the region's configuration (`REGION_CONFIG`). */
export const CareForm = (example: string) => (target: object, property: string) => {
  IsInRegion('careForms')(target, property);
  ApiProperty({ example })(target, property);
};

/** The provider of care, by its id in the directory. */
export const ProviderId = (): PropertyDecorator =>
  applyDecorators(ApiProperty({ example: 'accare' }), Text(IDENTIFIER));

export class RequestCareBody extends StepBody {
  @CareForm('intensive-ambulatory-family')
  careForm!: string;

  @ProviderId()
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
