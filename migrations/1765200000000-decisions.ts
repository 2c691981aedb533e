import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions (besluiten): every event that decides on an application becomes a numbered
 * decision the initiator receives as a letter, written in the same statement as the
 * transition and its log entry (`seq` is that entry). A decision is a document sent: like the
 * process log and the reports, the database refuses to change or delete it.
 */
export class Decisions1765200000000 implements MigrationInterface {
  name = 'Decisions1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE decisions (
      number text PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id),
      kind text NOT NULL,
      event text NOT NULL,
      seq bigint NOT NULL UNIQUE,
      decided_at timestamptz NOT NULL,
      decided_by_id text NOT NULL,
      decided_by_name text NULL,
      decided_by_role text NOT NULL,
      motivation text NOT NULL,
      conditions text NULL,
      amount_cents bigint NULL CHECK (amount_cents >= 0),
      legal_basis text NOT NULL,
      objection_possible boolean NOT NULL,
      objection_deadline date NULL
    )`);
    await q.query(`CREATE INDEX decisions_case_idx ON decisions (case_id, seq)`);
    await q.query(`CREATE FUNCTION decisions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'decisions cannot be changed or deleted' USING ERRCODE = 'WF005';
      END $$`);
    await q.query(`CREATE TRIGGER decisions_no_update_delete BEFORE UPDATE OR DELETE ON decisions
      FOR EACH ROW EXECUTE FUNCTION decisions_immutable()`);
    await q.query(`CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions
      FOR EACH STATEMENT EXECUTE FUNCTION decisions_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE decisions`);
    await q.query(`DROP FUNCTION IF EXISTS decisions_immutable()`);
  }
}
