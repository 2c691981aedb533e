import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the outbox relay needs to retry and to give up: when a notification is next due (also
 * the lease a relay takes while it delivers, so a second process skips the row), and when it
 * was given up. The index finds a case's earlier pending notification, which holds back the
 * later ones so that each case's notifications go out in order.
 */
export class OutboxRetry1764700000000 implements MigrationInterface {
  name = 'OutboxRetry1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE outbox ADD COLUMN failed_at timestamptz NULL`);
    await q.query(
      `CREATE INDEX outbox_pending_case_idx ON outbox ((payload->>'caseId'), id)
       WHERE delivered_at IS NULL AND failed_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS outbox_pending_case_idx`);
    await q.query(`ALTER TABLE outbox DROP COLUMN failed_at`);
    await q.query(`ALTER TABLE outbox DROP COLUMN next_attempt_at`);
  }
}
