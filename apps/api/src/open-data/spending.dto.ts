import { reason } from '../common/validation.js';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { YEAR_PATTERN } from '../programmes/programme.dto.js';

export class SpendingQuery {
  @ApiProperty({
    type: 'integer',
    minimum: 2000,
    maximum: 2100,
    example: 2026,
    description: 'The programme year',
  })
  @Matches(YEAR_PATTERN, { message: reason('year') })
  year!: string;
}

/** Open data: amounts and counts per area only, nothing about who asked or decided. */
export class AreaSpending {
  @ApiProperty({ example: 'oost' }) areaCode!: string;
  @ApiProperty({ description: 'Whether the council adopted a programme for this area and year' })
  programmeAdopted!: boolean;
  @ApiProperty({ description: 'Euro cents; 0 without a programme' }) budgetCents!: number;
  @ApiProperty({ description: 'Euro cents honoured against the programme' }) committedCents!: number;
  @ApiProperty({ description: "Cases honoured against this year's programme" }) honouredCount!: number;
  @ApiProperty({
    description:
      "Euro cents at which the grants committed against this year's programme were settled (vastgesteld)",
  })
  settledAmountCents!: number;
  @ApiProperty({
    description:
      "Euro cents of the grants committed against this year's programme that went back to it (settled lower, " +
      'revoked, withdrawn, terminated)',
  })
  releasedAmountCents!: number;
}
