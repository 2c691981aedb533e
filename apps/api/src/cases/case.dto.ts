import { reason } from '../common/validation.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageCursor, PageLimit } from '../common/paging.js';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  CASE_STATES,
  CASE_TYPES,
  REFUSAL_CODES,
  type CaseState,
  type CaseType,
} from '../../../../libs/workflows/src/index.js';

/** Ten billion euro: far above any area budget, far below 2^53 cents. */
export const MAX_CENTS = 1_000_000_000_000;
const CLAIMS = ['cheaper', 'better', 'as_good'] as const;
const isRtc = (o: { type?: unknown }) => o.type === 'right_to_challenge';

export class SubmitCaseRequest {
  @ApiProperty({ enum: CASE_TYPES }) @IsIn(CASE_TYPES as unknown as CaseType[]) type!: CaseType;
  @ApiProperty({ example: 'Speeltuin Oosterpark' }) @IsString() @Length(3, 200) title!: string;
  @ApiProperty() @IsString() @Length(1, 10000) description!: string;
  @ApiProperty({ example: 'oost' }) @IsString() @Length(1, 50) areaCode!: string;
  @ApiProperty({ example: 'speelruimte' })
  @IsString()
  @Length(1, 60)
  @Matches(/^[a-z0-9-]+$/, { message: reason('themeSlug') })
  theme!: string;
  @ApiProperty({ example: 250000, description: 'Euro cents' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  requestedAmountCents!: number;
  @ApiProperty({
    example: 'anna@example.org',
    description: 'Shown to the initiator and the area team, never to the council',
  })
  @IsEmail()
  @MaxLength(254)
  contactEmail!: string;

  @ApiPropertyOptional({ description: 'right_to_challenge: the municipal task taken over' })
  @ValidateIf(isRtc)
  @IsString()
  @Length(3, 500)
  challengedTask?: string;
  @ApiPropertyOptional({ description: 'right_to_challenge: the residents’ organisation' })
  @ValidateIf(isRtc)
  @IsString()
  @Length(2, 200)
  organisation?: string;
  @ApiPropertyOptional({ enum: CLAIMS })
  @ValidateIf(isRtc)
  @IsIn(CLAIMS as unknown as string[])
  claim?: (typeof CLAIMS)[number];
  @ApiPropertyOptional() @ValidateIf(isRtc) @IsInt() @Min(0) @Max(MAX_CENTS) proposedCostCents?: number;
  @ApiPropertyOptional()
  @ValidateIf((o) => isRtc(o) && o.currentCostCents !== undefined)
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  currentCostCents?: number;
}

/** Fields that belong to right_to_challenge only. */
export const RTC_FIELDS = [
  'challengedTask',
  'organisation',
  'claim',
  'proposedCostCents',
  'currentCostCents',
] as const;

export class ListCasesQuery {
  @ApiPropertyOptional({ enum: CASE_STATES })
  @IsOptional()
  @IsIn(CASE_STATES as unknown as CaseState[])
  state?: CaseState;
  @ApiPropertyOptional({ enum: CASE_TYPES })
  @IsOptional()
  @IsIn(CASE_TYPES as unknown as CaseType[])
  type?: CaseType;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50) areaCode?: string;
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description:
      'true: only open cases whose decision term (decisionDueAt, moved on by any suspension) has passed',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only initiative grants whose account is past accountBy and not yet submitted',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  accountOverdue?: 'true' | 'false';
  @PageLimit({ maximum: 100, default: 20 })
  limit?: number;
  @PageCursor({ maxLength: 200 })
  cursor?: string;
}

export class CaseIdParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
}

export class IndicatorView {
  @ApiProperty() name!: string;
  @ApiProperty() unit!: string;
  @ApiProperty() target!: number;
}

/** A Right to Challenge agreement as signed (and extended). */
export class AgreementView {
  @ApiProperty({ format: 'date' }) startsOn!: string;
  @ApiProperty({ format: 'date' }) endsOn!: string;
  @ApiProperty({ type: [String] }) deliverables!: string[];
  @ApiProperty({ type: [IndicatorView] }) indicators!: IndicatorView[];
  @ApiProperty({ description: 'Terugvaloptie: what the municipality does if the task comes back' })
  fallback!: string;
}

/** The initiator's account (verantwoording) of a grant. */
export class AccountView {
  @ApiProperty() report!: string;
  @ApiProperty() actualCostCents!: number;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
}

export class AccountReviewView {
  @ApiProperty() advisedCents!: number;
  @ApiProperty() motivation!: string;
}

/** The penalty (dwangsom, Awb 4:17) after a notice of default. */
export class PenaltyView {
  @ApiProperty({ format: 'date-time' }) noticeAt!: string;
  @ApiProperty({
    format: 'date',
    description: 'The first day the penalty is due: two weeks after the notice',
  })
  accruesFrom!: string;
  @ApiProperty({ description: 'Days counted so far, at most 42' }) days!: number;
  @ApiProperty({ description: 'Euro cents: €23 a day, then €35, then €45, at most €1,442' })
  amountCents!: number;
  @ApiProperty({ description: 'The 42 days are reached' }) capped!: boolean;
  @ApiProperty({ description: 'The decision stopped it' }) frozen!: boolean;
}

/** An event the caller could send in this state, but may not now. */
export class BlockedEventView {
  @ApiProperty() type!: string;
  @ApiProperty({ enum: REFUSAL_CODES, description: 'Why: the code the event would be refused with' })
  code!: string;
  @ApiProperty() detail!: string;
}

export class CaseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'INI-2026-000123' }) reference!: string;
  @ApiProperty({ enum: CASE_TYPES }) type!: CaseType;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() areaCode!: string;
  @ApiProperty() theme!: string;
  @ApiProperty() requestedAmountCents!: number;
  @ApiProperty({ type: Number, nullable: true }) honouredAmountCents!: number | null;
  @ApiProperty({ enum: CASE_STATES }) state!: CaseState;
  @ApiProperty() version!: number;
  @ApiProperty() initiatorId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({
    format: 'date-time',
    description: 'Statutory decision term (Awb 4:13), suspended while awaiting information',
  })
  decisionDueAt!: string;
  @ApiProperty({ type: [String] }) availableEvents!: string[];
  @ApiProperty({
    type: [BlockedEventView],
    description: "Events the caller's role could send in this state but may not now, and why",
  })
  blockedEvents!: BlockedEventView[];
  @ApiPropertyOptional() contactEmail?: string;
  @ApiPropertyOptional() challengedTask?: string;
  @ApiPropertyOptional() organisation?: string;
  @ApiPropertyOptional({ enum: CLAIMS }) claim?: string;
  @ApiPropertyOptional() proposedCostCents?: number;
  @ApiPropertyOptional() currentCostCents?: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) agreementMonths?: number | null;
  @ApiPropertyOptional({ format: 'date', description: 'initiative grant: account due by this day' })
  accountBy?: string;
  @ApiPropertyOptional({ description: 'Obligations attached to the grant' }) conditions?: string;
  @ApiPropertyOptional({ type: AccountView }) account?: AccountView;
  @ApiPropertyOptional({ type: AccountReviewView }) accountReview?: AccountReviewView;
  @ApiPropertyOptional({ description: 'The amount settled (vaststelling)' }) settledAmountCents?: number;
  @ApiPropertyOptional({ description: 'What went back to the programme of the grant' })
  releasedAmountCents?: number;
  @ApiPropertyOptional({ type: AgreementView }) agreement?: AgreementView;
  @ApiProperty({ type: [String], description: 'Ids of the reports that listed decisions on this case' })
  reportedIn!: string[];
  @ApiPropertyOptional({ format: 'date', description: 'The last day to supply the information asked for' })
  respondBy?: string;
  @ApiPropertyOptional({
    description: 'Whether the decision term was extended (verdaging, Awb 4:14); it can be once',
  })
  termExtended?: boolean;
  @ApiPropertyOptional({ type: PenaltyView }) penalty?: PenaltyView;
}

export class CasePage {
  @ApiProperty({ type: [CaseView] }) items!: CaseView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class IdQuery {
  @IsOptional() @IsUUID() caseId?: string;
}
