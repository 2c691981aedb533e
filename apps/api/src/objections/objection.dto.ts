import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** The body of POST /cases/{id}/decisions/{number}/objections: why the initiator objects. */
export class ObjectionRequest {
  @ApiProperty({
    description: 'Why the objector disagrees with the decision (the gronden of Awb 6:5)',
    example: 'Het besluit gaat uit van een te laag aantal deelnemers.',
  })
  @IsString()
  @Length(1, 10000)
  grounds!: string;
}
