import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case machine version 2 keeps the decision term in its context (decisionDueAt, and
 * termSuspendedSince while information is asked for); the row's decision_due_at is now its
 * projection. Every stored version 1 snapshot gets both facts from its row, in the exact
 * format JavaScript's toISOString() writes, and the service's old bookkeeping key
 * details.infoRequestedAt goes.
 */
export class MachineOwnsDecisionTerm1764900000000 implements MigrationInterface {
  name = 'MachineOwnsDecisionTerm1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE cases SET
        snapshot = jsonb_set(
          jsonb_set(
            jsonb_set(snapshot, '{context,decisionDueAt}',
              to_jsonb(to_char(decision_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
            '{context,termSuspendedSince}', COALESCE(details->'infoRequestedAt', 'null'::jsonb)),
          '{machineVersion}', '2'::jsonb),
        machine_version = 2,
        details = details - 'infoRequestedAt'
      WHERE machine_version = 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE cases SET
        details = CASE WHEN snapshot->'context'->>'termSuspendedSince' IS NULL THEN details
                       ELSE details || jsonb_build_object('infoRequestedAt', snapshot->'context'->'termSuspendedSince') END,
        snapshot = jsonb_set(snapshot #- '{context,decisionDueAt}' #- '{context,termSuspendedSince}',
                             '{machineVersion}', '1'::jsonb),
        machine_version = 1
      WHERE machine_version = 2`);
  }
}
