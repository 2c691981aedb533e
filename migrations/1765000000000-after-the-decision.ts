import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case machine version 3 follows a case past its decision: an initiative grant is accounted
 * for and settled, a Right to Challenge agreement is signed, reviewed and evaluated, and what
 * is not spent goes back to the programme. The new columns are projections of the machine's
 * snapshot, for filters, totals and open data: the settled amount, the amount released back to
 * the programme, the date an account is due, and the reports that listed the case's decisions.
 * Stored version 2 snapshots are brought up to version 3 when they are read (migrateSnapshot).
 */
export class AfterTheDecision1765000000000 implements MigrationInterface {
  name = 'AfterTheDecision1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases
      ADD COLUMN settled_amount_cents bigint NULL CHECK (settled_amount_cents >= 0),
      ADD COLUMN released_amount_cents bigint NULL CHECK (released_amount_cents >= 0),
      ADD COLUMN account_by date NULL,
      ADD COLUMN reported_in uuid[] NOT NULL DEFAULT '{}'`);
    // Under version 2 a report listed the cases it moved to reported_to_raad.
    await q.query(`UPDATE cases SET reported_in = ARRAY[report_id] WHERE report_id IS NOT NULL`);
    await q.query(`CREATE INDEX cases_account_by_idx ON cases (account_by) WHERE account_by IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_account_by_idx`);
    await q.query(`ALTER TABLE cases DROP COLUMN settled_amount_cents, DROP COLUMN released_amount_cents,
      DROP COLUMN account_by, DROP COLUMN reported_in`);
  }
}
