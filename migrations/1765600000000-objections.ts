import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Objections (bezwaar) are cases of their own type, `objection`, with references BZW-<year>-…
 * (their own series in case_counters). Their machine keeps what it needs in the snapshot; the
 * grounds are in `details`. Only the check on the type changes.
 */
export class Objections1765600000000 implements MigrationInterface {
  name = 'Objections1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP CONSTRAINT cases_type_check`);
    await q.query(
      `ALTER TABLE cases ADD CONSTRAINT cases_type_check CHECK (type IN ('initiative', 'right_to_challenge', 'objection'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP CONSTRAINT cases_type_check`);
    await q.query(
      `ALTER TABLE cases ADD CONSTRAINT cases_type_check CHECK (type IN ('initiative', 'right_to_challenge'))`,
    );
  }
}
