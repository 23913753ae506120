import { ApiProperty } from '@nestjs/swagger';

/**
 * What every family command answers (api.md, "Commands"): the stream version after the append and the global
 * position to pass back as `minPosition`, beside the ids the command created (`signalId`, `planId`, …).
 */
export class CommandAnswer {
  @ApiProperty({ format: 'uuid' })
  familyId!: string;

  @ApiProperty({ description: 'the stream version after the append: send it back as If-Match' })
  version!: number;

  @ApiProperty({
    description:
      'the global position of the last appended event, an opaque ordered token: pass it as minPosition',
  })
  position!: string;
}
