import { reason } from '../common/validation.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { DECISION_KINDS, DECISION_WORDS, type DecisionKind } from '../../../../libs/workflows/src/index.js';
import type { DecisionRow } from './decisions.repository.js';

export class DecisionParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
  @ApiProperty({ example: 'BES-2026-000042' })
  @Matches(/^BES-\d{4}-\d{6,9}$/, { message: reason('decisionNumber') })
  number!: string;
}

export class DecidedBy {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Officials and aldermen act by name' })
  name!: string | null;
  @ApiProperty() role!: string;
}

/** A decision (besluit) on a case, as its letter states it. */
export class DecisionView {
  @ApiProperty({ example: 'BES-2026-000042' }) number!: string;
  @ApiProperty({ enum: DECISION_KINDS }) kind!: string;
  @ApiProperty({ description: 'The kind in Dutch, as the letter names it', example: 'Toekenning' })
  kindLabel!: string;
  @ApiProperty({ description: 'The event that took the decision' }) event!: string;
  @ApiProperty({ description: 'The process-log entry of the decision' }) seq!: number;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
  @ApiProperty({ type: DecidedBy }) decidedBy!: DecidedBy;
  @ApiProperty() motivation!: string;
  @ApiPropertyOptional({ description: 'Obligations attached to the decision' }) conditions?: string;
  @ApiPropertyOptional({ description: 'Euro cents: the amount granted or settled' }) amountCents?: number;
  @ApiProperty() legalBasis!: string;
  @ApiProperty() objectionPossible!: boolean;
  @ApiPropertyOptional({ format: 'date', description: 'The last day to object (six weeks, Awb 6:7)' })
  objectionDeadline?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'A verdaging (kind extension, no besluit): the moment the decision is now due by',
  })
  newDueAt?: string;
}

export function toDecisionView(row: DecisionRow): DecisionView {
  const view: DecisionView = {
    number: row.number,
    kind: row.kind,
    kindLabel: DECISION_WORDS[row.kind as DecisionKind]?.title ?? row.kind,
    event: row.event,
    seq: Number(row.seq),
    decidedAt: new Date(row.decided_at).toISOString(),
    decidedBy: { name: row.decided_by_name, role: row.decided_by_role },
    motivation: row.motivation,
    legalBasis: row.legal_basis,
    objectionPossible: row.objection_possible,
  };
  if (row.conditions !== null) view.conditions = row.conditions;
  if (row.amount_cents !== null) view.amountCents = Number(row.amount_cents);
  if (row.objection_deadline !== null) view.objectionDeadline = row.objection_deadline;
  if (row.due_at) view.newDueAt = new Date(row.due_at).toISOString();
  return view;
}
