import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';

import { DevTokens, ROLES, type Role } from '@samenspoor/access';

import { Answer } from '../http/answers';
import { Public } from './auth.decorators';
import { SignIn } from './sign-in-throttle';

export class DevTokenRequest {
  @ApiProperty({ example: 'p-123', description: 'the subject: a stable id, never a name' })
  @IsString()
  @Length(1, 100)
  sub!: string;

  @ApiPropertyOptional({ example: 'Anna de Vries' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'anna.devries@wij.example', description: 'a work address' })
  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  email?: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['professional'] })
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ example: 'WIJ Groningen' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  organisation?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'role family: the family the member belongs to (development tokens only)',
  })
  @IsOptional()
  @IsUUID()
  familyId?: string;

  @ApiPropertyOptional({
    description: 'role family: the member the token speaks for (development tokens only)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  memberId?: string;
}

/** Only registered in `AUTH_MODE=dev`: in production the route does not exist (404). */
@ApiTags('authentication')
@Controller('api/auth')
export class DevTokenController {
  constructor(private readonly tokens: DevTokens) {}

  @SignIn()
  @Public()
  @Post('dev-token')
  @HttpCode(200)
  @Answer('DevToken')
  @ApiOperation({ summary: 'Development mode only: a token for any user and roles' })
  async issue(@Body() request: DevTokenRequest): Promise<{ token: string }> {
    return { token: await this.tokens.issue(request) };
  }
}
