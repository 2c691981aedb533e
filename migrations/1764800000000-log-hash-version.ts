import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which rule each process-log entry's hash follows. Rule 1 left the case reference, the area
 * and the actor's name outside the hash, so they could be changed unseen; rule 2 covers every
 * column. Entries already written cannot be re-hashed (the chain and the anchors in reports
 * name their hashes), so they stay version 1 and verify checks them by the old rule; the
 * application writes every new entry as version 2, naming the version explicitly.
 *
 * The column default stays 1 on purpose: a process of the previous release that still appends
 * during a rolling upgrade names no version and hashes by rule 1, so its entries are marked
 * correctly instead of failing verification forever.
 */
export class LogHashVersion1764800000000 implements MigrationInterface {
  name = 'LogHashVersion1764800000000';

  async up(q: QueryRunner): Promise<void> {
    // A constant default: no table rewrite and no row trigger fires on the append-only log.
    await q.query(`ALTER TABLE process_log ADD COLUMN hash_version smallint NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE process_log DROP COLUMN hash_version`);
  }
}
