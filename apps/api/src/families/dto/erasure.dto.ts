import { ApiProperty } from '@nestjs/swagger';

import { StepBody, Text } from './step.dto';

export class ErasureBody extends StepBody {
  @ApiProperty({ example: 'Jeugdwet art. 7.3.11: verzoek tot vernietiging' })
  @Text(500)
  legalBasis!: string;
}
