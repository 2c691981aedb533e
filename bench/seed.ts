import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { entryHash, LOG_HASH_VERSION } from '../libs/domain/src/index.js';
import {
  applyEvent,
  type ActorRef,
  type CaseEventInput,
  type CaseState,
  DECISION_TERM_DAYS,
  EVENT_PERMISSIONS,
  initialCase,
  type PersistedCase,
} from '../libs/workflows/src/index.js';

/**
 * Fast seeding straight into the application's schema, consistent with what the API would
 * have written: every case has one hash-chained process-log entry per version, its last
 * entry's toState is its state, and its snapshot comes from the real machine. Rows go in
 * with multi-row INSERT … SELECT FROM unnest(…) in batches; hashing the next batch overlaps
 * with inserting the previous one.
 */

export const AREAS = ['centrum', 'oude-wijken', 'west', 'oost', 'zuid'];
const THEMES = ['speelruimte', 'groen', 'ontmoeting', 'verkeer', 'cultuur'];
const DECISION_TERM_MS = DECISION_TERM_DAYS * 24 * 3600 * 1000;

interface Step {
  event: string;
  body: CaseEventInput | null;
  actor: { id: string; role: string; name: string | null };
}

interface Chain {
  seq: number;
  hash: string;
  /** The hash before the head, kept in log_head.prev_hash. */
  prev: string;
}

interface Batch {
  cases: unknown[][];
  entries: unknown[][];
}

const CASE_COLUMNS = [
  ['id', 'uuid'],
  ['reference', 'text'],
  ['type', 'text'],
  ['title', 'text'],
  ['description', 'text'],
  ['area_code', 'text'],
  ['theme', 'text'],
  ['requested_amount_cents', 'bigint'],
  ['state', 'text'],
  ['version', 'int'],
  ['initiator_id', 'text'],
  ['contact_email', 'text'],
  ['details', 'jsonb'],
  ['snapshot', 'jsonb'],
  ['machine_version', 'int'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
  ['decision_due_at', 'timestamptz'],
] as const;

const LOG_COLUMNS = [
  ['seq', 'bigint'],
  ['at', 'timestamptz'],
  ['case_id', 'uuid'],
  ['case_reference', 'text'],
  ['area_code', 'text'],
  ['event', 'text'],
  ['from_state', 'text'],
  ['to_state', 'text'],
  ['actor_id', 'text'],
  ['actor_role', 'text'],
  ['actor_name', 'text'],
  ['payload', 'jsonb'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
  ['hash_version', 'smallint'],
] as const;

/** INSERT INTO t (cols) SELECT … FROM unnest($1::type[], …): one statement, one round trip a batch. */
function bulkInsertSql(table: string, columns: readonly (readonly [string, string])[]): string {
  const names = columns.map(([n]) => n);
  // jsonb travels as text[] and is cast per row (there is no jsonb[] parameter in pg).
  const args = columns.map(([, t], i) => `$${i + 1}::${t === 'jsonb' ? 'text' : t}[]`);
  const select = columns.map(([n, t]) => (t === 'jsonb' ? `${n}::jsonb` : n));
  return `INSERT INTO ${table} (${names.join(', ')}) SELECT ${select.join(', ')} FROM unnest(${args.join(', ')}) AS t(${names.join(', ')})`;
}

const INSERT_CASES = bulkInsertSql('cases', CASE_COLUMNS);
const INSERT_LOG = bulkInsertSql('process_log', LOG_COLUMNS);

function columnsOf(rows: unknown[][], width: number): unknown[][] {
  const cols: unknown[][] = Array.from({ length: width }, () => new Array(rows.length));
  for (let r = 0; r < rows.length; r++) for (let c = 0; c < width; c++) cols[c][r] = rows[r][c];
  return cols;
}

/**
 * The kinds of history a seeded case can have, named by the state they end in: typed against
 * the machines' states, so renaming a state makes the compiler point here.
 */
export type Kind = Extract<CaseState, 'submitted' | 'awaiting_info' | 'assessed' | 'rejected' | 'withdrawn'>;

function history(kind: Kind, loops: number, initiator: string, official: string, alderman: string): Step[] {
  const resident = { id: initiator, role: 'resident', name: null };
  const off = { id: official, role: 'official', name: `Ambtenaar ${official}` };
  const ald = { id: alderman, role: 'alderman', name: `Wethouder ${alderman}` };
  const steps: Step[] = [{ event: 'SUBMIT', body: null, actor: resident }];
  for (let i = 0; i < loops; i++) {
    steps.push({
      event: 'REQUEST_INFO',
      body: { type: 'REQUEST_INFO', question: 'Hoeveel buurtbewoners doen mee?' },
      actor: off,
    });
    steps.push({
      event: 'SUPPLY_INFO',
      body: { type: 'SUPPLY_INFO', answer: 'Ongeveer veertig, zie de handtekeningenlijst.' },
      actor: resident,
    });
  }
  const assess: Step = {
    event: 'ASSESS',
    body: { type: 'ASSESS', advice: 'reject', motivation: 'Past niet binnen de thema’s van het programma.' },
    actor: off,
  };
  if (kind === 'awaiting_info') {
    steps.push({
      event: 'REQUEST_INFO',
      body: { type: 'REQUEST_INFO', question: 'Wie beheert het na afloop?' },
      actor: off,
    });
  }
  if (kind === 'assessed') steps.push(assess);
  if (kind === 'rejected')
    steps.push(assess, {
      event: 'REJECT',
      body: { type: 'REJECT', motivation: 'Conform advies.' },
      actor: ald,
    });
  if (kind === 'withdrawn')
    steps.push({ event: 'WITHDRAW', body: { type: 'WITHDRAW', reason: 'Zelf geregeld.' }, actor: resident });
  return steps;
}

/**
 * Runs a history through the real machine once, for a template case, and returns the states
 * it passes through and the final snapshot; per seeded case only the facts are swapped in.
 */
/** The moment of every event of the template history: per case the facts are swapped in. */
const TEMPLATE_AT = '2026-01-05T09:00:00.000Z';

function template(kind: Kind, loops: number): { states: (CaseState | null)[]; snapshot: PersistedCase } {
  const facts = {
    type: 'initiative' as const,
    areaCode: 'oost',
    theme: 'groen',
    initiatorId: 'r',
    requestedAmountCents: 100,
  };
  let snapshot = initialCase({ ...facts, submittedAt: TEMPLATE_AT });
  const states: (CaseState | null)[] = [null, snapshot.value];
  for (const step of history(kind, loops, 'r', 'o', 'a').slice(1)) {
    const perm = EVENT_PERMISSIONS[step.body!.type];
    const actor: ActorRef = { id: step.actor.id, roles: [...perm.roles], areas: ['oost'] };
    const outcome = applyEvent(snapshot, step.body!, actor, null, TEMPLATE_AT);
    if (!outcome.accepted) throw new Error(`seed history ${kind} refused: ${JSON.stringify(outcome)}`);
    snapshot = outcome.snapshot;
    states.push(outcome.toState);
  }
  if (snapshot.value !== kind) throw new Error(`seed history ${kind} ended in ${snapshot.value}`);
  return { states, snapshot };
}

export interface SeedSpec {
  count: number;
  /** Final state of case i. */
  kind: (i: number) => Kind;
  /** REQUEST_INFO/SUPPLY_INFO round trips in case i's history. */
  loops: (i: number) => number;
  /** First reference number to use (references must stay unique). */
  firstNumber: number;
  /** Time of the first entry; entries follow each other by `stepMs`. */
  startAt: number;
  stepMs: number;
  onCase?: (id: string, i: number) => void;
}

export class Seeder {
  private readonly templates = new Map<string, ReturnType<typeof template>>();
  private chain: Chain = { seq: 0, hash: '', prev: '' };
  constructor(private readonly client: pg.Client) {}

  get head(): Chain {
    return this.chain;
  }

  private templateFor(kind: Kind, loops: number) {
    const key = `${kind}/${loops}`;
    let t = this.templates.get(key);
    if (!t) this.templates.set(key, (t = template(kind, loops)));
    return t;
  }

  /** Seeds `spec.count` cases with their histories; returns the number of log entries written. */
  async seed(spec: SeedSpec): Promise<number> {
    // The API may have appended since the last seed: continue from the head as it is now.
    const { rows } = await this.client.query<{ seq: string; hash: string }>(
      'SELECT seq, hash FROM log_head WHERE id = 1',
    );
    this.chain = { seq: Number(rows[0].seq), hash: rows[0].hash, prev: '' };
    const year = new Date(spec.startAt).getUTCFullYear();
    const batchCases = 2000;
    let pending: Promise<unknown> = Promise.resolve();
    let written = 0;
    let clock = spec.startAt;
    for (let start = 0; start < spec.count; start += batchCases) {
      const batch: Batch = { cases: [], entries: [] };
      for (let i = start; i < Math.min(spec.count, start + batchCases); i++) {
        written += this.addCase(batch, spec, i, year, () => (clock += spec.stepMs));
      }
      await pending; // the previous batch's INSERTs, which ran while this one was hashed
      pending = this.insert(batch);
    }
    await pending;
    // The head's trigger lets it move one appended entry at a time; a seeder that wrote a
    // million entries straight into the table moves it once, with triggers off (superuser).
    await this.client.query('BEGIN');
    await this.client.query('SET LOCAL session_replication_role = replica');
    await this.client.query('UPDATE log_head SET seq = $1, hash = $2, prev_hash = $3 WHERE id = 1', [
      this.chain.seq,
      this.chain.hash,
      this.chain.prev,
    ]);
    await this.client.query('COMMIT');
    await this.client.query(
      `INSERT INTO case_counters (prefix, year, last) VALUES ('INI', $1, $2)
       ON CONFLICT (prefix, year) DO UPDATE SET last = GREATEST(case_counters.last, $2)`,
      [year, spec.firstNumber + spec.count],
    );
    return written;
  }

  private addCase(batch: Batch, spec: SeedSpec, i: number, year: number, tick: () => number): number {
    const id = randomUUID();
    const number = spec.firstNumber + i;
    const reference = `INI-${year}-${String(number).padStart(6, '0')}`;
    const areaCode = AREAS[i % AREAS.length];
    const theme = THEMES[Math.floor(i / AREAS.length) % THEMES.length];
    const initiator = `resident-${i % 5000}`;
    const amount = 10_000 + (i % 50) * 1_000;
    const kind = spec.kind(i);
    const steps = history(kind, spec.loops(i), initiator, `official-${i % 8}`, `alderman-${i % 4}`);
    const t = this.templateFor(kind, spec.loops(i));
    const submission = {
      type: 'initiative',
      title: `Bewonersinitiatief ${number}`,
      description: 'Een plan van en voor de buurt.',
      areaCode,
      theme,
      requestedAmountCents: amount,
    };
    let firstAt = 0;
    let lastAt = 0;
    let infoRequestedAt: string | null = null;
    steps.forEach((step, k) => {
      const atMs = tick();
      if (k === 0) firstAt = atMs;
      lastAt = atMs;
      const at = new Date(atMs).toISOString();
      if (step.event === 'REQUEST_INFO') infoRequestedAt = at;
      if (step.event === 'SUPPLY_INFO') infoRequestedAt = null;
      const payload = step.body ? (({ type: _t, ...rest }) => rest)(step.body) : submission;
      const seq = this.chain.seq + 1;
      const fromState = t.states[k];
      const toState = t.states[k + 1];
      const hash = entryHash(this.chain.hash, {
        seq,
        at,
        caseId: id,
        caseReference: reference,
        areaCode,
        event: step.event,
        fromState,
        toState,
        actorId: step.actor.id,
        actorRole: step.actor.role,
        actorName: step.actor.name,
        payload,
      });
      batch.entries.push([
        seq,
        at,
        id,
        reference,
        areaCode,
        step.event,
        fromState,
        toState,
        step.actor.id,
        step.actor.role,
        step.actor.name,
        JSON.stringify(payload),
        this.chain.hash,
        hash,
        LOG_HASH_VERSION,
      ]);
      this.chain = { seq, hash, prev: this.chain.hash };
    });
    const assessor = steps.find((s) => s.event === 'ASSESS')?.actor.id ?? null;
    const snapshot: PersistedCase = {
      ...t.snapshot,
      context: {
        ...t.snapshot.context,
        areaCode,
        theme,
        initiatorId: initiator,
        requestedAmountCents: amount,
        assessedBy: assessor,
        // The seeded history's own term (suspensions not counted), the same as the column.
        decisionDueAt: new Date(firstAt + DECISION_TERM_MS).toISOString(),
        termSuspendedSince: infoRequestedAt,
      },
    };
    batch.cases.push([
      id,
      reference,
      'initiative',
      submission.title,
      submission.description,
      areaCode,
      theme,
      amount,
      kind,
      steps.length,
      initiator,
      `bewoner${i}@example.org`,
      JSON.stringify({}),
      JSON.stringify(snapshot),
      snapshot.machineVersion,
      new Date(firstAt),
      new Date(lastAt),
      new Date(firstAt + DECISION_TERM_MS),
    ]);
    spec.onCase?.(id, i);
    return steps.length;
  }

  private async insert(batch: Batch): Promise<void> {
    await this.client.query(INSERT_CASES, columnsOf(batch.cases, CASE_COLUMNS.length));
    // The log is inserted in slices: one statement with 20,000+ rows of text is slow to bind.
    for (let i = 0; i < batch.entries.length; i += 10000) {
      await this.client.query(INSERT_LOG, columnsOf(batch.entries.slice(i, i + 10000), LOG_COLUMNS.length));
    }
  }
}
