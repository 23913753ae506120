import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { IDENTIFIER, NAME, OptionalText, StepBody, Text } from './step.dto';

export class JoinNetworkBody extends StepBody {
  @ApiProperty({ example: 'p-456', description: "the professional's user id (token subject)" })
  @Text(IDENTIFIER)
  professionalId!: string;

  @ApiProperty({ example: 'Accare' })
  @Text(NAME)
  organisation!: string;

  @ApiPropertyOptional({ example: 'kinder- en jeugdpsychiater' })
  @OptionalText(IDENTIFIER)
  discipline?: string;
}

export class CaseDirectorBody extends StepBody {
  @ApiProperty({ example: 'p-456' })
  @Text(IDENTIFIER)
  professionalId!: string;
}
