import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse, type SchemaObject } from '@nestjs/swagger';

import { PROBLEM_CONTENT_TYPE } from '../http/problem';

/** One family found: its summary (professional, safety team) or its minimal identity (auditor). */
class FoundFamily {
  @ApiProperty({ format: 'uuid' })
  familyId!: string;

  @ApiProperty()
  municipality!: string;

  @ApiProperty()
  registeredAt!: string;

  @ApiProperty()
  status!: string;

  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        role: { type: 'string' },
        displayName: { type: 'string', nullable: true },
        birthYear: { type: 'integer', nullable: true },
      },
    },
  })
  members!: object[];
}

export class FamilySearchAnswer {
  @ApiProperty({
    type: [FoundFamily],
    description:
      'at most 20, most recently registered first; a professional and the safety team get the whole familySummary',
  })
  items!: FoundFamily[];

  @ApiProperty({ description: 'more families match: add a word or a birth year' })
  more!: boolean;
}

const CONTACT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['name', 'organisation', 'role'],
  properties: {
    name: { type: 'string' },
    organisation: { type: 'string' },
    phone: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string', enum: ['case-director', 'safety-team'] },
    professionalId: { type: 'string' },
  },
};

/**
 * The answers of the Verwijsindex match on a registration (see RegistrationMatch). Declaring answers replaces the
 * default one, so the registration's 201 is declared here too (its body is the command answer of every command).
 */
export const MatchAnswers = (): MethodDecorator =>
  applyDecorators(
    ApiResponse({ status: 201, description: 'the family is registered' }),
    ApiResponse({
      status: 409,
      description:
        '`rule: already-known` (a member’s BSN is known) or `possible-duplicate` (same name, birth year and municipality; send `confirmedNewFamily: true` to register all the same): `contacts` names whom to contact, never the family',
      content: {
        [PROBLEM_CONTENT_TYPE]: {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/Problem' },
              {
                type: 'object',
                properties: { contacts: { type: 'array', items: CONTACT_SCHEMA } },
              },
            ],
          },
        },
      },
    }),
    ApiResponse({
      status: 429,
      description:
        '`rule: match-rate-exceeded`: more registrations matched in the last hour than MATCH_RATE_LIMIT; the safety team is told',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
    }),
  );
