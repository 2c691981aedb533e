import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageLimit } from '../common/paging.js';

export class CheckpointQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    default: 0,
    description: 'Only checkpoints of a later head than this seq (nextAfter of the previous page)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;
  @PageLimit({ maximum: 500, default: 100, integer: true })
  limit?: number;
}

export class CheckpointView {
  @ApiProperty({ description: 'The seq of the log head it signs (the checkpoint size)' }) seq!: number;
  @ApiProperty({ description: 'The hash of the entry at seq, in hex (in the note: base64)' }) hash!: string;
  @ApiProperty({
    enum: ['report', 'periodic'],
    description: 'Made with a report, or because the log grew and the last one was an hour old',
  })
  kind!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    description:
      'The checkpoint as a signed note (c2sp.org/tlog-checkpoint), exactly as to keep and send back',
    example:
      'gemeente-groningen.nl/wijkflow\n1234\nq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=\n\n' +
      '— gemeente-groningen.nl/wijkflow Az3Fm…\n',
  })
  note!: string;
}

export class CheckpointPage {
  @ApiProperty({ type: [CheckpointView] }) items!: CheckpointView[];
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Pass as after for the next page; null on the last page',
  })
  nextAfter!: number | null;
}
