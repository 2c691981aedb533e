import { reason } from '../common/validation.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { MAX_NOTE_LENGTH } from '../../../../libs/domain/src/index.js';
import { PageCursor, PageLimit } from '../common/paging.js';

export class LogActorView {
  @ApiProperty() id!: string;
  @ApiProperty() role!: string;
  @ApiPropertyOptional({
    description: 'Display name of officials, aldermen and council members; residents appear by id only',
  })
  name?: string;
}

export class LogEntryView {
  @ApiProperty() seq!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) caseId!: string | null;
  @ApiProperty({ type: String, nullable: true }) caseReference!: string | null;
  @ApiProperty({ type: String, nullable: true }) areaCode!: string | null;
  @ApiProperty() event!: string;
  @ApiProperty({ type: String, nullable: true }) fromState!: string | null;
  @ApiProperty({ type: String, nullable: true }) toState!: string | null;
  @ApiProperty({ type: LogActorView }) actor!: LogActorView;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload!: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'The reason given with the change, if any' }) motivation?: string;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;
  @ApiProperty({
    enum: [1, 2],
    description:
      'The rule the hash follows: 2 covers every field of the entry; 1, for entries written before version 1.1, ' +
      'leaves caseReference, areaCode and actor.name out',
  })
  hashVersion!: number;
}

export class AuditPage {
  @ApiProperty({ type: [LogEntryView] }) items!: LogEntryView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class AuditQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the entries of this case' })
  @IsOptional()
  @IsUUID()
  caseId?: string;
  @ApiPropertyOptional({ description: 'Only the entries of this actor (sub)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actorId?: string;
  @ApiPropertyOptional({
    example: 'HONOUR',
    description: 'Only entries with this event, e.g. SUBMIT, HONOUR, REPORT_ISSUED',
  })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  @Matches(/^[A-Z][A-Z_]*$/, { message: reason('eventName') })
  event?: string;
  @ApiPropertyOptional({
    example: 'oost',
    description: 'Only entries about cases of this area; an unknown area is a 400',
  })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  areaCode?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Entries at or after this moment' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Entries before this moment (exclusive); not earlier than from',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
  @PageLimit({ maximum: 500, default: 100 })
  limit?: number;
  @PageCursor({
    minLength: 1,
    maxLength: 40,
    description: 'nextCursor of the previous page (the seq of its last entry)',
  })
  cursor?: string;
}

export class VerifyResult {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ description: 'Number of entries checked' }) checked!: number;
  @ApiProperty() headSeq!: number;
  @ApiProperty() headHash!: string;
  @ApiPropertyOptional() firstInvalidSeq?: number;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ description: 'Number of anchored log heads (from reports) checked' })
  anchorsChecked!: number;
  @ApiProperty({
    description: 'Number of checkpoints checked: those the log published and those sent with the request',
  })
  checkpointsChecked!: number;
}

export class VerifyRequest {
  @ApiPropertyOptional({
    type: [String],
    maxItems: 1000,
    description:
      'Checkpoints you kept (from GET /open/checkpoint or /open/checkpoints), as the signed notes they are. ' +
      "Each must be signed by this log's key, and the log must still hold its head at its seq.",
    example: [
      'gemeente-groningen.nl/wijkflow\n1234\nq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=\n\n' +
        '— gemeente-groningen.nl/wijkflow Az3Fm…\n',
    ],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(MAX_NOTE_LENGTH, { each: true })
  checkpoints?: string[];
}
