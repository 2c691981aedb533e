import { reason } from '../common/validation.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { PageCursor, PageLimit } from '../common/paging.js';
import {
  CASE_TYPES,
  type CaseState,
  type CaseType,
  DECISION_EVENTS,
  type EventType,
  statesTagged,
} from '../../../../libs/workflows/src/index.js';

/** The state the case was in when reported: one of the states tagged reportable. */
export type ReportOutcome = CaseState;
export type DecidedBy = 'college' | 'council';

/**
 * A case as the council reads it in a report: what was decided, never who asked.
 * Deliberately without contactEmail, initiatorId and description (AVG: data minimisation).
 */
export class ReportCaseView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'INI-2026-000012' }) reference!: string;
  @ApiProperty({ enum: CASE_TYPES }) type!: CaseType;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'oost' }) areaCode!: string;
  @ApiProperty({ example: 'speelruimte' }) theme!: string;
  @ApiProperty({
    enum: statesTagged('reportable'),
    description: 'The state the case was in when it was reported',
  })
  outcome!: ReportOutcome;
  @ApiProperty({
    enum: ['college', 'council'],
    description: 'college: decided under delegation; council: referred to the council',
  })
  decidedBy!: DecidedBy;
  @ApiProperty({ description: 'Euro cents' }) requestedAmountCents!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Euro cents granted; null when never granted' })
  honouredAmountCents!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Euro cents at which the grant was settled (vaststelling); null when not settled',
  })
  settledAmountCents!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Euro cents of the grant that went back to the programme (settled lower, revoked, terminated); null when none did',
  })
  releasedAmountCents!: number | null;
  @ApiProperty({ format: 'date-time', description: 'When the decision that closed the case was taken' })
  decidedAt!: string;
}

/**
 * A decision the report tells the council of: a grant (also of a case still being carried
 * out), a refusal, a settlement, a revocation, a withdrawal after a grant, an agreement signed,
 * evaluated or terminated. One per deciding entry of the process log since the previous report.
 */
export class ReportDecisionView {
  @ApiProperty({ description: 'Seq of the decision’s entry in the process log' }) seq!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'INI-2026-000012' }) reference!: string;
  @ApiProperty({ enum: CASE_TYPES }) type!: CaseType;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'oost' }) areaCode!: string;
  @ApiProperty({ example: 'speelruimte' }) theme!: string;
  @ApiProperty({ enum: DECISION_EVENTS, description: 'The deciding event' }) event!: EventType;
  @ApiPropertyOptional({
    description: 'Euro cents: the amount granted (a grant) or the amount settled (a settlement)',
  })
  amountCents?: number;
  @ApiPropertyOptional({
    description:
      'Euro cents that went back to the programme the grant was committed against (a settlement below the ' +
      'grant, a revocation, a withdrawal after the grant, a termination)',
  })
  releasedCents?: number;
  @ApiPropertyOptional({
    description:
      'Euro cents of the penalty (dwangsom, Awb 4:17) owed because this decision came after the term; ' +
      'the decision froze it. Only on the decision that stopped a penalty that had started',
  })
  penaltyCents?: number;
}

export class ReportTransferView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() year!: number;
  @ApiProperty() fromAreaCode!: string;
  @ApiProperty() toAreaCode!: string;
  @ApiProperty({ description: 'Euro cents' }) amountCents!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'The alderman who shifted the budget' }) actorId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** What the decisions of a report did, counted at every level of the totals. */
export class DecisionTotals {
  @ApiProperty({ description: 'Grants among the decisions of this report' }) honouredCount!: number;
  @ApiProperty({ description: 'Refusals among the decisions of this report' }) rejectedCount!: number;
  @ApiProperty({ description: 'Euro cents granted in the decisions of this report' })
  honouredAmountCents!: number;
  @ApiProperty({ description: 'Settlements among the decisions of this report' }) settledCount!: number;
  @ApiProperty({ description: 'Euro cents settled in the decisions of this report' })
  settledAmountCents!: number;
  @ApiProperty({
    description: 'Euro cents that went back to the programmes by the decisions of this report',
  })
  releasedAmountCents!: number;
  @ApiProperty({
    description:
      'Euro cents of penalties (dwangsom, Awb 4:17) owed for deciding late, as frozen by the decisions of this report',
  })
  penaltyAmountCents!: number;
}

export class AreaThemeTotals extends DecisionTotals {
  @ApiProperty() areaCode!: string;
  @ApiProperty() theme!: string;
}

export class ProgrammeStanding {
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'Euro cents' }) budgetCents!: number;
  @ApiProperty({ description: 'Euro cents' }) committedCents!: number;
  @ApiProperty({ description: 'Euro cents' }) availableCents!: number;
}

export class AreaTotals extends DecisionTotals {
  @ApiProperty() areaCode!: string;
  @ApiProperty({
    description: 'Euro cents moved into (positive) or out of (negative) the area by this report’s transfers',
  })
  transferredNetCents!: number;
  @ApiProperty({
    type: ProgrammeStanding,
    nullable: true,
    description:
      'The area’s programme of the current year when the report was issued; null when none was adopted',
  })
  programme!: ProgrammeStanding | null;
}

export class ReportTotals extends DecisionTotals {
  @ApiProperty({ description: 'Closed cases this report moved to reported_to_raad' }) caseCount!: number;
  @ApiProperty({ description: 'Decisions this report lists' }) decisionCount!: number;
  @ApiProperty() transferCount!: number;
  @ApiProperty({ description: 'Euro cents' }) transferredAmountCents!: number;
  @ApiProperty({ description: 'The programme year the budgets are from' }) programmeYear!: number;
  @ApiProperty({ type: [AreaThemeTotals] }) byAreaTheme!: AreaThemeTotals[];
  @ApiProperty({ type: [AreaTotals] }) byArea!: AreaTotals[];
}

export class LogHeadView {
  @ApiProperty({
    description: 'Seq of the last process-log entry when the report was issued (its own REPORT_ISSUED entry)',
  })
  seq!: number;
  @ApiProperty({ description: 'Hash of that entry; GET /audit/verify checks the log still contains it' })
  hash!: string;
}

export class ReportIssuer {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class ReportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Sequential number of the raadsinformatiebrief' }) number!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: ReportIssuer, description: 'The alderman who issued it on behalf of the college' })
  issuedBy!: ReportIssuer;
  @ApiProperty({ type: LogHeadView }) logHead!: LogHeadView;
  @ApiProperty({
    type: [ReportDecisionView],
    description: 'Every decision since the previous report, in the order of the process log',
  })
  decisions!: ReportDecisionView[];
  @ApiProperty({
    type: [ReportCaseView],
    description: 'The closed cases this report moved to reported_to_raad',
  })
  cases!: ReportCaseView[];
  @ApiProperty({ type: [ReportTransferView] }) transfers!: ReportTransferView[];
  @ApiProperty({ type: ReportTotals }) totals!: ReportTotals;
}

export class ReportPage {
  @ApiProperty({ type: [ReportView], description: 'Newest first' }) items!: ReportView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ReportIdParams {
  @IsUUID('all') id!: string;
}

export class ListReportsQuery {
  @PageLimit({ maximum: 100, default: 20 })
  limit?: number;
  @PageCursor({ maxLength: 12 })
  // At most 9 digits: reports.number is a PostgreSQL integer, and 2147483648 or more would
  // be refused there (a 500). No council issues a billion reports.
  @Matches(/^[1-9]\d{0,8}$/, { message: reason('cursor') })
  cursor?: string;
}
