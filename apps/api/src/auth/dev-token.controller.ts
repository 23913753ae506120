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
