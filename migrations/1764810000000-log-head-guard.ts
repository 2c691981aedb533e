import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The head row of the process log moves only the way an append moves it: one step forward,
 * its old hash becoming prev_hash, to the entry the same statement inserts. A plain UPDATE
 * that set the head back (to hide entries deleted from the end) or anywhere else, a DELETE,
 * a second row and TRUNCATE are refused by the database itself, like changes to the entries.
 *
 * Two triggers: BEFORE checks the step (seq + 1, prev_hash = old hash, a well-formed hash);
 * AFTER, which PostgreSQL runs at the end of the whole statement, once the append's other CTE
 * has inserted the entry, checks that an entry with exactly that seq, prev_hash and hash exists.
 * What it cannot stop is someone who switches triggers off (a superuser): the signed
 * checkpoints, which people outside keep, are for that.
 */
export class LogHeadGuard1764810000000 implements MigrationInterface {
  name = 'LogHeadGuard1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION log_head_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.seq = OLD.seq + 1 AND NEW.prev_hash = OLD.hash
           AND NEW.hash ~ '^[0-9a-f]{64}$' THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'log_head moves only forward, by appending one entry to process_log'
          USING ERRCODE = 'WF003';
      END $$`);
    await q.query(`CREATE FUNCTION log_head_matches_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM process_log
                       WHERE seq = NEW.seq AND hash = NEW.hash AND prev_hash = NEW.prev_hash) THEN
          RAISE EXCEPTION 'log_head must point at the entry appended with it' USING ERRCODE = 'WF003';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER log_head_append_only BEFORE INSERT OR UPDATE OR DELETE ON log_head
      FOR EACH ROW EXECUTE FUNCTION log_head_append_only()`);
    await q.query(`CREATE TRIGGER log_head_no_truncate BEFORE TRUNCATE ON log_head
      FOR EACH STATEMENT EXECUTE FUNCTION log_head_append_only()`);
    await q.query(`CREATE TRIGGER log_head_matches_entry AFTER UPDATE ON log_head
      FOR EACH ROW EXECUTE FUNCTION log_head_matches_entry()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS log_head_matches_entry ON log_head`);
    await q.query(`DROP TRIGGER IF EXISTS log_head_no_truncate ON log_head`);
    await q.query(`DROP TRIGGER IF EXISTS log_head_append_only ON log_head`);
    await q.query(`DROP FUNCTION IF EXISTS log_head_matches_entry()`);
    await q.query(`DROP FUNCTION IF EXISTS log_head_append_only()`);
  }
}
