/**
 * TypeORM entities: the shape of the tables the migrations create. Hot paths (transitions,
 * the log append) use parameterised SQL through the same EntityManager for round-trip
 * economy; simple reads use these entities.
 */
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'areas' })
export class Area {
  @PrimaryColumn('text') code!: string;
  @Column('text') name!: string;
}

@Entity({ name: 'cases' })
export class Case {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') reference!: string;
  @Column('text') type!: string;
  @Column('text') title!: string;
  @Column('text') description!: string;
  @Column('text', { name: 'area_code' }) areaCode!: string;
  @Column('text') theme!: string;
  @Column('bigint', { name: 'requested_amount_cents' }) requestedAmountCents!: number;
  @Column('bigint', { name: 'honoured_amount_cents', nullable: true }) honouredAmountCents!: number | null;
  @Column('text') state!: string;
  @Column('integer') version!: number;
  @Column('text', { name: 'initiator_id' }) initiatorId!: string;
  @Column('text', { name: 'contact_email' }) contactEmail!: string;
  @Column('jsonb') details!: Record<string, unknown>;
  @Column('jsonb') snapshot!: unknown;
  @Column('integer', { name: 'machine_version' }) machineVersion!: number;
  @Column('integer', { name: 'programme_year', nullable: true }) programmeYear!: number | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'decision_due_at' }) decisionDueAt!: Date;
  @Column('uuid', { name: 'report_id', nullable: true }) reportId!: string | null;
}

@Entity({ name: 'process_log' })
export class ProcessLogEntry {
  @PrimaryColumn('bigint') seq!: number;
  @Column('timestamptz') at!: Date;
  @Column('uuid', { name: 'case_id', nullable: true }) caseId!: string | null;
  @Column('text', { name: 'case_reference', nullable: true }) caseReference!: string | null;
  @Column('text', { name: 'area_code', nullable: true }) areaCode!: string | null;
  @Column('text') event!: string;
  @Column('text', { name: 'from_state', nullable: true }) fromState!: string | null;
  @Column('text', { name: 'to_state', nullable: true }) toState!: string | null;
  @Column('text', { name: 'actor_id' }) actorId!: string;
  @Column('text', { name: 'actor_role' }) actorRole!: string;
  @Column('text', { name: 'actor_name', nullable: true }) actorName!: string | null;
  @Column('jsonb') payload!: unknown;
  @Column('text', { name: 'prev_hash' }) prevHash!: string;
  @Column('text') hash!: string;
  /** The rule the hash follows (see log-hash.ts); the database default 1 marks entries from before rule 2. */
  @Column('smallint', { name: 'hash_version', default: 1 }) hashVersion!: number;
}

@Entity({ name: 'programmes' })
export class Programme {
  @PrimaryColumn('integer') year!: number;
  @PrimaryColumn('text', { name: 'area_code' }) areaCode!: string;
  @Column('bigint', { name: 'budget_cents' }) budgetCents!: number;
  @Column('bigint', { name: 'delegation_limit_cents' }) delegationLimitCents!: number;
  @Column('jsonb') themes!: string[];
  @Column('bigint', { name: 'committed_cents' }) committedCents!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

export const ENTITIES = [Area, Case, ProcessLogEntry, Programme];
