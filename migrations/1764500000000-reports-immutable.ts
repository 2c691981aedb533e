import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports are documents sent to the council, and the log heads they store are the anchors
 * GET /audit/verify checks. Like the process log, the database itself refuses to change or
 * delete them, so removing an anchor takes bypassing a trigger, not a stray UPDATE.
 */
export class ReportsImmutable1764500000000 implements MigrationInterface {
  name = 'ReportsImmutable1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION reports_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'reports cannot be changed or deleted' USING ERRCODE = 'WF002';
      END $$`);
    await q.query(`CREATE TRIGGER reports_no_update_delete BEFORE UPDATE OR DELETE ON reports
      FOR EACH ROW EXECUTE FUNCTION reports_immutable()`);
    await q.query(`CREATE TRIGGER reports_no_truncate BEFORE TRUNCATE ON reports
      FOR EACH STATEMENT EXECUTE FUNCTION reports_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS reports_no_truncate ON reports`);
    await q.query(`DROP TRIGGER IF EXISTS reports_no_update_delete ON reports`);
    await q.query(`DROP FUNCTION IF EXISTS reports_immutable()`);
  }
}
