import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The log head keeps the hash before its current one, so that one UPDATE can move the head
 * on and hand the new entry both its prevHash and its hash (RETURNING sees new values only).
 */
export class LogHeadPrevHash1764600000000 implements MigrationInterface {
  name = 'LogHeadPrevHash1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE log_head ADD COLUMN prev_hash text`);
    await q.query(
      `UPDATE log_head h SET prev_hash = COALESCE((SELECT prev_hash FROM process_log WHERE seq = h.seq), h.hash)`,
    );
    await q.query(`ALTER TABLE log_head ALTER COLUMN prev_hash SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE log_head DROP COLUMN prev_hash`);
  }
}
