import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders of an initiative grant's account: the initiator hears a fortnight before
 * `accountBy` and once more when that day has passed without an account. Each reminder sent
 * is a row here, claimed by `INSERT … ON CONFLICT DO NOTHING` in the statement that queues its
 * notification in the outbox, so it goes out once however many API processes scan at once.
 * The key holds `account_by`: a grant whose due day changed would be reminded of the new day.
 * The partial index serves the scan for due cases (a state waiting for an account, the day
 * within reach), which runs in every process every ACCOUNT_REMINDER_INTERVAL_MS.
 */
export class AccountReminders1765100000000 implements MigrationInterface {
  name = 'AccountReminders1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE account_reminders (
      case_id uuid NOT NULL REFERENCES cases(id),
      kind text NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
      account_by date NOT NULL,
      queued_at timestamptz NOT NULL,
      PRIMARY KEY (case_id, kind, account_by))`);
    await q.query(
      `CREATE INDEX cases_account_due_idx ON cases (state, account_by) WHERE account_by IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS cases_account_due_idx`);
    await q.query(`DROP TABLE IF EXISTS account_reminders`);
  }
}
