import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case types and their terms (Awb), which the raad may change (PUT /case-types/{type},
 * registered by its clerk with the meeting: `council_decision`). A case copies its type's
 * terms into its machine's context when it is submitted, so a change applies to cases
 * submitted afterwards only. The rows hold the law's terms to begin with: eight weeks to
 * decide and at most eight more to extend (Awb 4:13, 4:14), two weeks to supply information
 * (4:5), six weeks to object (6:7); an objection is decided in six weeks, extended by at most
 * six (7:10). `objection` is seeded with the others, for the objection's own lifecycle.
 */
export class CaseTypes1765400000000 implements MigrationInterface {
  name = 'CaseTypes1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE case_types (
      type text PRIMARY KEY,
      position integer NOT NULL UNIQUE,
      name text NOT NULL,
      decision_term_days integer NOT NULL CHECK (decision_term_days > 0),
      max_extension_days integer NOT NULL CHECK (max_extension_days > 0),
      default_respond_by_days integer NOT NULL CHECK (default_respond_by_days > 0),
      objection_term_days integer NOT NULL CHECK (objection_term_days > 0),
      legal_basis text NOT NULL,
      council_decision jsonb NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `INSERT INTO case_types (type, position, name, decision_term_days, max_extension_days,
         default_respond_by_days, objection_term_days, legal_basis)
       VALUES
         ('initiative', 1, 'Bewonersinitiatief', 56, 56, 14, 42, $1),
         ('right_to_challenge', 2, 'Uitdaagrecht', 56, 56, 14, 42, $1),
         ('objection', 3, 'Bezwaar', 42, 42, 14, 42, $2)`,
      [
        'Algemene wet bestuursrecht: beslistermijn artikel 4:13, verdaging artikel 4:14, ' +
          'hersteltermijn artikel 4:5, bezwaartermijn artikel 6:7.',
        'Algemene wet bestuursrecht: beslistermijn op bezwaar artikel 7:10 lid 1, verdaging artikel 7:10 lid 3, ' +
          'hersteltermijn artikel 6:6, beroepstermijn artikel 6:7.',
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS case_types`);
  }
}
