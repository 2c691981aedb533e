import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One raadslid is not the raad: a programme is adopted by the raad in a meeting, which its
 * clerk (griffier) registers with the programme: `{meetingOn, agendaItem, votesFor?,
 * votesAgainst?}` of the latest adoption or revision. Programmes adopted before this have none
 * (NULL). The decisions on referred cases carry theirs in the log entry of the event.
 */
export class CouncilDecisions1765300000000 implements MigrationInterface {
  name = 'CouncilDecisions1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programmes ADD COLUMN council_decision jsonb NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programmes DROP COLUMN council_decision`);
  }
}
