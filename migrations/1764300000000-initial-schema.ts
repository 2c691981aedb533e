import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema: areas, cases, the hash-chained process log, programmes, transfers,
 * reports, idempotency keys and the notification outbox. Never edit after it landed:
 * add a new migration instead.
 */
export class InitialSchema1764300000000 implements MigrationInterface {
  name = 'InitialSchema1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE areas (code text PRIMARY KEY, name text NOT NULL)`);
    await q.query(`INSERT INTO areas (code, name) VALUES
      ('centrum', 'Centrum'), ('oude-wijken', 'Oude Wijken'), ('west', 'West'), ('oost', 'Oost'), ('zuid', 'Zuid')`);

    await q.query(`CREATE TABLE cases (
      id uuid PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      type text NOT NULL CHECK (type IN ('initiative', 'right_to_challenge')),
      title text NOT NULL,
      description text NOT NULL,
      area_code text NOT NULL REFERENCES areas(code),
      theme text NOT NULL,
      requested_amount_cents bigint NOT NULL CHECK (requested_amount_cents >= 0),
      honoured_amount_cents bigint NULL,
      state text NOT NULL,
      version integer NOT NULL,
      initiator_id text NOT NULL,
      contact_email text NOT NULL,
      details jsonb NOT NULL DEFAULT '{}',
      snapshot jsonb NOT NULL,
      machine_version integer NOT NULL,
      programme_year integer NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      decision_due_at timestamptz NOT NULL,
      report_id uuid NULL
    )`);
    await q.query(`CREATE INDEX cases_area_state_idx ON cases (area_code, state, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX cases_initiator_idx ON cases (initiator_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX cases_created_idx ON cases (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX cases_state_idx ON cases (state)`);

    await q.query(`CREATE TABLE case_counters (
      prefix text NOT NULL, year integer NOT NULL, last integer NOT NULL, PRIMARY KEY (prefix, year))`);

    await q.query(`CREATE TABLE idempotency_keys (
      actor_id text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      case_id uuid NOT NULL REFERENCES cases(id) DEFERRABLE INITIALLY DEFERRED,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (actor_id, key))`);

    await q.query(`CREATE TABLE process_log (
      seq bigint PRIMARY KEY,
      at timestamptz NOT NULL,
      case_id uuid NULL,
      case_reference text NULL,
      area_code text NULL,
      event text NOT NULL,
      from_state text NULL,
      to_state text NULL,
      actor_id text NOT NULL,
      actor_role text NOT NULL,
      actor_name text NULL,
      payload jsonb NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL)`);
    await q.query(`CREATE INDEX process_log_case_idx ON process_log (case_id, seq)`);
    await q.query(`CREATE INDEX process_log_actor_idx ON process_log (actor_id, seq)`);
    await q.query(`CREATE INDEX process_log_at_idx ON process_log (at)`);
    // The head of the chain: one row, locked only for the last statements of a transaction.
    await q.query(`CREATE TABLE log_head (
      id integer PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL, hash text NOT NULL)`);
    await q.query(`INSERT INTO log_head (id, seq, hash) VALUES (1, 0, '${'0'.repeat(64)}')`);
    // The log is append-only: the database itself refuses changes and deletions.
    await q.query(`CREATE FUNCTION process_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'process_log is append-only' USING ERRCODE = 'WF001';
      END $$`);
    await q.query(`CREATE TRIGGER process_log_no_update_delete BEFORE UPDATE OR DELETE ON process_log
      FOR EACH ROW EXECUTE FUNCTION process_log_append_only()`);
    await q.query(`CREATE TRIGGER process_log_no_truncate BEFORE TRUNCATE ON process_log
      FOR EACH STATEMENT EXECUTE FUNCTION process_log_append_only()`);

    await q.query(`CREATE TABLE programmes (
      year integer NOT NULL,
      area_code text NOT NULL REFERENCES areas(code),
      budget_cents bigint NOT NULL CHECK (budget_cents >= 0),
      delegation_limit_cents bigint NOT NULL CHECK (delegation_limit_cents >= 0),
      themes jsonb NOT NULL,
      committed_cents bigint NOT NULL DEFAULT 0 CHECK (committed_cents >= 0),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (year, area_code),
      CONSTRAINT programmes_not_overspent CHECK (committed_cents <= budget_cents))`);

    await q.query(`CREATE TABLE budget_transfers (
      id uuid PRIMARY KEY,
      year integer NOT NULL,
      from_area_code text NOT NULL REFERENCES areas(code),
      to_area_code text NOT NULL REFERENCES areas(code),
      amount_cents bigint NOT NULL CHECK (amount_cents > 0),
      reason text NOT NULL,
      actor_id text NOT NULL,
      created_at timestamptz NOT NULL,
      report_id uuid NULL)`);

    await q.query(`CREATE TABLE reports (
      id uuid PRIMARY KEY,
      number integer NOT NULL UNIQUE,
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      log_head_seq bigint NOT NULL,
      log_head_hash text NOT NULL,
      body jsonb NOT NULL)`);

    await q.query(`CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      topic text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz NULL,
      attempts integer NOT NULL DEFAULT 0)`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE delivered_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['outbox', 'reports', 'budget_transfers', 'programmes', 'log_head', 'process_log',
      'idempotency_keys', 'case_counters', 'cases', 'areas']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS process_log_append_only()`);
  }
}
