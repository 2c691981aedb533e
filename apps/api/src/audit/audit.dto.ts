import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export class LogActorView {
  @ApiProperty() id!: string;
  @ApiProperty() role!: string;
  @ApiPropertyOptional({ description: 'Display name of officials, aldermen and council members; residents appear by id only' })
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
}

export class AuditPage {
  @ApiProperty({ type: [LogEntryView] }) items!: LogEntryView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class AuditQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) actorId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 60) event?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50) areaCode?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsDateString() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsDateString() to?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 40) cursor?: string;
}

export class VerifyResult {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ description: 'Number of entries checked' }) checked!: number;
  @ApiProperty() headSeq!: number;
  @ApiProperty() headHash!: string;
  @ApiPropertyOptional() firstInvalidSeq?: number;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ description: 'Number of anchored log heads (from reports) checked' }) anchorsChecked!: number;
}
