import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';

import { IDENTIFIER, OptionalText, Text } from '../families/dto/step.dto';
import { ConsistentQuery, PageLimit } from '../projections/projection-queries.dto';
import { IsInRegion } from '../region/region';

const NAME = 200;
const MAX_PAGE = 100;

/** A directory search: name words (prefixes), and how many answers at most. */
class DirectorySearchQuery extends ConsistentQuery {
  @ApiPropertyOptional({ description: 'name words, each a prefix; case and diacritics ignored' })
  @IsOptional()
  @IsString()
  @Length(0, NAME)
  q?: string;

  @PageLimit(50, MAX_PAGE, 4)
  limit?: number;
}

export class ProfessionalsQuery extends DirectorySearchQuery {
  @ApiPropertyOptional({ description: 'only this organisation (case ignored)' })
  @IsOptional()
  @IsString()
  @Length(1, NAME)
  organisation?: string;
}

export class ProvidersQuery extends DirectorySearchQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'manager: provider ids used in events but not registered, with how often',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  unlisted?: 'true' | 'false';
}

/** A professional's own entry: work contact data only. */
export class ProfessionalEntryBody {
  @ApiProperty({ example: 'Anna de Vries' })
  @Text(NAME)
  name!: string;

  @ApiProperty({ example: 'WIJ Groningen' })
  @Text(NAME)
  organisation!: string;

  @ApiPropertyOptional({ example: 'jeugd- en gezinswerker' })
  @OptionalText(NAME)
  discipline?: string;

  @ApiPropertyOptional({ example: 'anna.devries@wij.example', description: 'a work address' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @Length(3, 254)
  email?: string;

  @ApiPropertyOptional({ example: '050 123 45 67', description: 'a work telephone number' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9][0-9 ()-]{5,22}[0-9]$/, {
    message: 'phone must be a telephone number: digits, spaces, ( ) and -, optionally a leading +',
  })
  phone?: string;
}

/** A provider registered by a manager. */
export class ProviderBody {
  @ApiProperty({ example: '98000123', description: 'the AGB code: 8 digits' })
  @IsString()
  @Matches(/^[0-9]{8}$/, { message: 'agbCode must be 8 digits' })
  agbCode!: string;

  @ApiProperty({ example: 'Accare Kinder- en Jeugdpsychiatrie' })
  @Text(NAME)
  name!: string;

  @ApiPropertyOptional({ type: [String], example: ['youth-mental-health'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsInRegion('careForms', { each: true })
  careForms?: string[];

  @ApiPropertyOptional({
    example: 'accare',
    description: 'to register a provider id used already (an unlisted id); default agb-<agbCode>',
  })
  @IsOptional()
  @Text(IDENTIFIER)
  providerId?: string;
}
