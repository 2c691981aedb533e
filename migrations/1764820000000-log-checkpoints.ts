import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed checkpoints of the process log's head (c2sp.org/tlog-checkpoint notes), published at
 * GET /open/checkpoint(s) for anyone to keep. Stored here so that every API process serves the
 * same ones and the hourly checkpoint is made once, not once per process. One per head: the
 * primary key is the seq. Like reports, they are never changed or deleted; the signing key
 * lives outside the database, so whoever can rewrite the log cannot sign a new checkpoint.
 */
export class LogCheckpoints1764820000000 implements MigrationInterface {
  name = 'LogCheckpoints1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE log_checkpoints (
      seq bigint PRIMARY KEY CHECK (seq >= 1),
      hash text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('report', 'periodic')),
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      note text NOT NULL)`);
    // The periodic task asks for the newest one by time.
    await q.query(`CREATE INDEX log_checkpoints_created_idx ON log_checkpoints (created_at)`);
    await q.query(`CREATE FUNCTION log_checkpoints_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'log checkpoints cannot be changed or deleted' USING ERRCODE = 'WF004';
      END $$`);
    await q.query(`CREATE TRIGGER log_checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON log_checkpoints
      FOR EACH ROW EXECUTE FUNCTION log_checkpoints_immutable()`);
    await q.query(`CREATE TRIGGER log_checkpoints_no_truncate BEFORE TRUNCATE ON log_checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION log_checkpoints_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS log_checkpoints`);
    await q.query(`DROP FUNCTION IF EXISTS log_checkpoints_immutable()`);
  }
}
