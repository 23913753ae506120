import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
} from 'class-validator';

import {
  CONCERNS,
  CONSULTATION_ADVICE,
  MEMBER_ROLES,
  SIGNAL_SOURCES,
  URGENCIES,
  type Concern,
  type ConsultationAdvice,
  type MemberRole,
  type SignalSource,
  type Urgency,
} from '@samenspoor/domain';

import { IsInRegion } from '../../region/region';
import {
  IsBsn,
  MemberIds,
  NAME,
  NestedList,
  OneOf,
  OptionalPersonalText,
  OptionalText,
  stack,
  StepBody,
  TEXT,
  Text,
} from './step.dto';

/** A year of birth, when known. */
const BirthYear = (): PropertyDecorator => stack(IsOptional(), IsInt(), Min(1900), Max(2100));

export class MemberBody {
  @ApiPropertyOptional({ format: 'uuid', description: 'chosen by the server when omitted' })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @OneOf(MEMBER_ROLES)
  role!: MemberRole;

  @ApiPropertyOptional({ example: 2012 })
  @BirthYear()
  birthYear?: number;

  @ApiProperty({ example: 'Sanne', description: 'personal data: erased on request' })
  @Text(NAME)
  displayName!: string;

  @ApiPropertyOptional({ description: 'burgerservicenummer; personal data, stored encrypted' })
  @IsOptional()
  @IsBsn()
  bsn?: string;
}

export class RegisterFamilyBody extends StepBody {
  @ApiProperty({ example: 'Groningen' })
  @IsInRegion('municipalities')
  municipality!: string;

  @ApiProperty({ type: [MemberBody] })
  @NestedList(() => MemberBody, 30)
  members!: MemberBody[];

  @ApiPropertyOptional({
    description:
      'register a new family although one with a member of the same name and birth year is known in the municipality (after a 409 possible-duplicate)',
  })
  @IsOptional()
  @IsBoolean()
  confirmedNewFamily?: boolean;
}

export class AddMemberBody extends StepBody {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @OneOf(MEMBER_ROLES)
  role!: MemberRole;

  @ApiProperty()
  @Text(NAME)
  displayName!: string;

  @ApiPropertyOptional()
  @BirthYear()
  birthYear?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBsn()
  bsn?: string;
}

export class SignalBody extends StepBody {
  @OneOf(SIGNAL_SOURCES)
  source!: SignalSource;

  @ApiProperty({ enum: CONCERNS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CONCERNS.length)
  @ArrayUnique()
  @IsIn(CONCERNS, { each: true })
  concerns!: Concern[];

  @OneOf(URGENCIES)
  urgency!: Urgency;

  @ApiPropertyOptional({ example: 'Veilig Thuis Groningen' })
  @OptionalText(NAME)
  referrerOrganisation?: string;

  @MemberIds()
  concernedMemberIds?: string[];

  @OptionalPersonalText(TEXT)
  summary?: string;
}

export class ConsultationBody extends StepBody {
  @OneOf(CONSULTATION_ADVICE)
  advice!: ConsultationAdvice;
}
