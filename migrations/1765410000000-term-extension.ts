import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The letter of a verdaging (EXTEND_TERM, Awb 4:14 lid 3) is listed with the decisions, though
 * it is no besluit (objection_possible false): it states the moment the decision is now due by,
 * kept here as it was written (`due_at`), since the case's term may still move on later.
 */
export class TermExtension1765410000000 implements MigrationInterface {
  name = 'TermExtension1765410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decisions ADD COLUMN due_at timestamptz NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decisions DROP COLUMN due_at`);
  }
}
