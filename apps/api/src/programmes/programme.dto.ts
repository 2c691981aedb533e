import { reason } from '../common/validation.js';
import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { MAX_CENTS } from '../cases/case.dto.js';
import { CouncilDecided, CouncilDecisionBody } from '../common/council-decision.js';

/** Programme years the API accepts; a four-digit string, so "2026.0", "0x7ea" or " 2026" are refused. */
export const YEAR_PATTERN = /^(20\d\d|2100)$/;
/** Programme goals are slugs, so they can be compared with a case's theme exactly. */
export const THEME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const AREA_PATTERN = /^[a-z0-9-]{1,50}$/;

/** Cross-field rule: the alderman cannot be delegated more than the whole budget. */
function NotAbove(other: string, options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'notAbove',
      constraints: [other],
      validator: {
        validate: (value, args) => {
          const bound = (args?.object as Record<string, unknown>)[other];
          // An invalid bound is reported on its own field; comparing with it would only add noise.
          const comparable = Number.isInteger(bound) && (bound as number) >= 0;
          return typeof value !== 'number' || !comparable || value <= (bound as number);
        },
        defaultMessage: (args) => `${args?.property} must not be more than ${other}`,
      },
    },
    options,
  );
}

export class YearParams {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100, example: 2026 })
  @Matches(YEAR_PATTERN, { message: reason('year') })
  year!: string;
}

export class ProgrammeParams extends YearParams {
  @ApiProperty({ example: 'oost', description: 'An area code from GET /areas' })
  @Matches(AREA_PATTERN, { message: reason('areaCodeFormat') })
  areaCode!: string;
}

export class AdoptProgrammeRequest {
  @ApiProperty({ example: 5_000_000, description: 'Euro cents', minimum: 0, maximum: MAX_CENTS })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  budgetCents!: number;

  @ApiProperty({
    example: 500_000,
    description:
      'Euro cents: the most an alderman may honour alone; above it the council decides. At most budgetCents.',
    minimum: 0,
    maximum: MAX_CENTS,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  @NotAbove('budgetCents')
  delegationLimitCents!: number;

  @ApiProperty({
    type: [String],
    example: ['groen', 'speelruimte', 'buurtwelzijn'],
    description:
      'The programme goals: unique lower-case slugs. Only cases with one of these themes can be honoured.',
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  @Matches(THEME_PATTERN, {
    each: true,
    message: reason('themeSlug'),
  })
  themes!: string[];

  /** The raad adopts a programme in a meeting; its clerk registers which (required). */
  @CouncilDecided()
  councilDecision!: CouncilDecisionBody;
}

export class ProgrammeView {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ example: 'oost' }) areaCode!: string;
  @ApiProperty({ description: 'Euro cents' }) budgetCents!: number;
  @ApiProperty({ description: 'Euro cents honoured against this programme' }) committedCents!: number;
  @ApiProperty({ description: 'Euro cents: budgetCents - committedCents' }) availableCents!: number;
  @ApiProperty({ description: 'Euro cents' }) delegationLimitCents!: number;
  @ApiProperty({ type: [String] }) themes!: string[];
  @ApiProperty({
    type: CouncilDecisionBody,
    nullable: true,
    description:
      'The council meeting of the latest adoption or revision; null for programmes adopted before v1.1',
  })
  councilDecision!: CouncilDecisionBody | null;
}

export class TransferRequest {
  @ApiProperty({ example: 'oost', description: 'The area whose programme gives budget' })
  @IsString()
  @Length(1, 50)
  fromAreaCode!: string;

  @ApiProperty({ example: 'west', description: 'The area whose programme receives it; not fromAreaCode' })
  @IsString()
  @Length(1, 50)
  @ValidateBy({
    name: 'otherArea',
    validator: {
      validate: (value, args) => value !== (args?.object as { fromAreaCode?: unknown }).fromAreaCode,
      defaultMessage: () => 'toAreaCode must differ from fromAreaCode',
    },
  })
  toAreaCode!: string;

  @ApiProperty({ example: 250_000, description: 'Euro cents', minimum: 1, maximum: MAX_CENTS })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  amountCents!: number;

  @ApiProperty({ example: 'Oost heeft meer aanvragen voor speelruimte dan begroot.' })
  @IsString()
  @Length(3, 2000)
  reason!: string;
}

export class TransferView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty() fromAreaCode!: string;
  @ApiProperty() toAreaCode!: string;
  @ApiProperty({ description: 'Euro cents' }) amountCents!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'The alderman who made the transfer' }) actorId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The report to the council that listed it',
  })
  reportId!: string | null;
}
