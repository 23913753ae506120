import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  registerDecorator,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';

import {
  CARE_END_REASONS,
  CONCERNS,
  CONSULTATION_ADVICE,
  FOLLOW_UP_MONTHS,
  isValidBsn,
  MEMBER_ROLES,
  OUTFLOW_DESTINATIONS,
  SAFETY_LEVELS,
  SAFETY_PHASES,
  SIGNAL_SOURCES,
  URGENCIES,
  type CareEndReason,
  type Concern,
  type ConsultationAdvice,
  type FollowUpMonths,
  type MemberRole,
  type OutflowDestination,
  type SafetyLevel,
  type SafetyPhase,
  type SignalSource,
  type Urgency,
} from '@samenspoor/domain';

import { IsInRegion } from '../../region/region';

/** Limits on free text: generous for notes, tight for names and identifiers. */
const NAME = 200;
const IDENTIFIER = 100;
const TEXT = 4_000;
const NOTE = 10_000;
const LIST = 50;

/** A BSN passing the elfproef. The message never repeats the value. */
function IsBsn(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isBsn',
      target: target.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be a valid BSN (nine digits passing the elfproef)`,
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidBsn(value) },
    });
}

/** Every command may say when the step happened (business time); by default it happened now. */
export class StepBody {
  @ApiPropertyOptional({
    description: 'when the step happened (ISO-8601); default now; not in the future',
    example: '2026-11-20T09:30:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt?: string;
}

export class MemberBody {
  @ApiPropertyOptional({ format: 'uuid', description: 'chosen by the server when omitted' })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @ApiProperty({ enum: MEMBER_ROLES })
  @IsIn(MEMBER_ROLES)
  role!: MemberRole;

  @ApiPropertyOptional({ example: 2012 })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2100)
  birthYear?: number;

  @ApiProperty({ example: 'Sanne', description: 'personal data: erased on request' })
  @IsString()
  @Length(1, NAME)
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
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => MemberBody)
  members!: MemberBody[];
}

export class AddMemberBody extends StepBody {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @ApiProperty({ enum: MEMBER_ROLES })
  @IsIn(MEMBER_ROLES)
  role!: MemberRole;

  @ApiProperty()
  @IsString()
  @Length(1, NAME)
  displayName!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2100)
  birthYear?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBsn()
  bsn?: string;
}

export class SignalBody extends StepBody {
  @ApiProperty({ enum: SIGNAL_SOURCES })
  @IsIn(SIGNAL_SOURCES)
  source!: SignalSource;

  @ApiProperty({ enum: CONCERNS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CONCERNS.length)
  @ArrayUnique()
  @IsIn(CONCERNS, { each: true })
  concerns!: Concern[];

  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES)
  urgency!: Urgency;

  @ApiPropertyOptional({ example: 'Veilig Thuis Groningen' })
  @IsOptional()
  @IsString()
  @Length(1, NAME)
  referrerOrganisation?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  concernedMemberIds?: string[];

  @ApiPropertyOptional({ description: 'personal data' })
  @IsOptional()
  @IsString()
  @Length(1, TEXT)
  summary?: string;
}

export class ConsultationBody extends StepBody {
  @ApiProperty({ enum: CONSULTATION_ADVICE })
  @IsIn(CONSULTATION_ADVICE)
  advice!: ConsultationAdvice;
}

export class JoinNetworkBody extends StepBody {
  @ApiProperty({ example: 'p-456', description: "the professional's user id (token subject)" })
  @IsString()
  @Length(1, IDENTIFIER)
  professionalId!: string;

  @ApiProperty({ example: 'Accare' })
  @IsString()
  @Length(1, NAME)
  organisation!: string;

  @ApiPropertyOptional({ example: 'kinder- en jeugdpsychiater' })
  @IsOptional()
  @IsString()
  @Length(1, IDENTIFIER)
  discipline?: string;
}

export class CaseDirectorBody extends StepBody {
  @ApiProperty({ example: 'p-456' })
  @IsString()
  @Length(1, IDENTIFIER)
  professionalId!: string;
}

export class CareNeedBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  memberId!: string;

  @ApiProperty({ description: 'personal data' })
  @IsString()
  @Length(1, TEXT)
  need!: string;
}

export class CompleteAnalysisBody extends StepBody {
  @ApiProperty({ enum: SAFETY_LEVELS })
  @IsIn(SAFETY_LEVELS)
  safetyLevel!: SafetyLevel;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST)
  @IsString({ each: true })
  @Length(1, TEXT, { each: true })
  patterns?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST)
  @IsString({ each: true })
  @Length(1, TEXT, { each: true })
  riskFactors?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST)
  @IsString({ each: true })
  @Length(1, TEXT, { each: true })
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
  @ApiProperty({ description: 'personal data' })
  @IsString()
  @Length(1, TEXT)
  description!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberIds?: string[];
}

export class AdoptPlanBody extends StepBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  analysisId!: string;

  @ApiProperty({ type: [GoalBody] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIST)
  @ValidateNested({ each: true })
  @Type(() => GoalBody)
  goals!: GoalBody[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  agreedWithFamily?: boolean;

  @ApiPropertyOptional({ example: '2027-03-01' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  evaluateBy?: string;
}

export class RevisePlanBody extends StepBody {
  @ApiProperty({ description: 'personal data' })
  @IsString()
  @Length(1, TEXT)
  reason!: string;

  @ApiProperty({ type: [GoalBody] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIST)
  @ValidateNested({ each: true })
  @Type(() => GoalBody)
  goals!: GoalBody[];
}

export class RequestCareBody extends StepBody {
  @ApiProperty({ example: 'intensive-ambulatory-family' })
  @IsInRegion('careForms')
  careForm!: string;

  @ApiProperty({ example: 'accare' })
  @IsString()
  @Length(1, IDENTIFIER)
  providerId!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberIds?: string[];
}

export class EndCareBody extends StepBody {
  @ApiProperty({ enum: CARE_END_REASONS })
  @IsIn(CARE_END_REASONS)
  reason!: CareEndReason;
}

export class WithdrawCareBody extends StepBody {
  @ApiProperty({ description: 'personal data' })
  @IsString()
  @Length(1, TEXT)
  reason!: string;
}

export class MdoBody extends StepBody {
  @ApiProperty({ type: [String], example: ['case director', 'GZ-psycholoog Accare', 'school'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIST)
  @IsString({ each: true })
  @Length(1, NAME, { each: true })
  participants!: string[];

  @ApiProperty({ example: '2027-01-15' })
  @IsISO8601({ strict: true, strictSeparator: true })
  nextMdoDueBy!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  familyPresent?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST)
  @IsString({ each: true })
  @Length(1, TEXT, { each: true })
  decisions?: string[];
}

export class ProgressNoteBody extends StepBody {
  @ApiProperty({ example: 'execution' })
  @IsInRegion('workstreams')
  workstream!: string;

  @ApiProperty({ description: 'personal data' })
  @IsString()
  @Length(1, NOTE)
  note!: string;
}

export class SafetyAssessmentBody extends StepBody {
  @ApiProperty({ enum: SAFETY_LEVELS })
  @IsIn(SAFETY_LEVELS)
  level!: SafetyLevel;

  @ApiPropertyOptional({ enum: SAFETY_PHASES })
  @IsOptional()
  @IsIn(SAFETY_PHASES)
  phase?: SafetyPhase;

  @ApiPropertyOptional({ description: 'personal data' })
  @IsOptional()
  @IsString()
  @Length(1, TEXT)
  notes?: string;
}

export class SafetyReviewBody extends StepBody {
  @ApiProperty({ description: 'personal data' })
  @IsString()
  @Length(1, TEXT)
  outcome!: string;

  @ApiPropertyOptional({ description: 'personal data' })
  @IsOptional()
  @IsString()
  @Length(1, TEXT)
  advice?: string;
}

export class OutflowBody extends StepBody {
  @ApiProperty({ enum: OUTFLOW_DESTINATIONS })
  @IsIn(OUTFLOW_DESTINATIONS)
  destination!: OutflowDestination;

  @ApiPropertyOptional({ description: 'personal data' })
  @IsOptional()
  @IsString()
  @Length(1, TEXT)
  reason?: string;

  @ApiPropertyOptional({
    example: 'WIJ Groningen',
    description: 'the organisation of the warm handover',
  })
  @IsOptional()
  @IsString()
  @Length(1, NAME)
  handoverTo?: string;
}

export class FollowUpBody extends StepBody {
  @ApiProperty({ enum: FOLLOW_UP_MONTHS })
  @IsIn(FOLLOW_UP_MONTHS)
  monthsAfterOutflow!: FollowUpMonths;

  @ApiProperty({ description: 'personal data' })
  @IsString()
  @Length(1, TEXT)
  outcome!: string;
}

export class ErasureBody extends StepBody {
  @ApiProperty({ example: 'Jeugdwet art. 7.3.11: verzoek tot vernietiging' })
  @IsString()
  @Length(1, 500)
  legalBasis!: string;
}
