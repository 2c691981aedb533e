import { randomUUID } from 'node:crypto';
import { entryHash, GENESIS_HASH } from '../../libs/domain/src/index.js';
import type { LogRow } from '../../apps/api/src/audit/log-row.js';
import { type LogAppend, ProcessLogRepository } from '../../apps/api/src/audit/process-log.repository.js';
import { actor, createRepoApp, logEntry, type RepoApp } from './repo-app.js';

let r: RepoApp;
let log: ProcessLogRepository;
beforeAll(async () => {
  r = await createRepoApp();
  log = r.get(ProcessLogRepository);
});
afterAll(() => r.close());

const council = actor('council-1', ['council'], [], 'Raadslid Roos');
const entry = (over: Partial<LogAppend> = {}): LogAppend =>
  logEntry(council, 'council', { payload: { year: 2031, budgetCents: 500_000 }, ...over });

const stored = (seq: number) =>
  r.rows<LogRow>(`SELECT * FROM process_log WHERE seq = $1`, [seq]).then(([e]) => e);

describe('ProcessLogRepository: append', () => {
  it('chains entries 1, 2, 3 from the genesis hash, each hashed by the database under rule 2', async () => {
    const heads = [];
    for (const event of ['PROGRAMME_ADOPTED', 'PROGRAMME_REVISED', 'BUDGET_TRANSFERRED']) {
      heads.push(await r.tx((m) => log.append(m, entry({ event }))));
    }
    expect(heads.map((h) => h.seq)).toEqual([1, 2, 3]);
    let prev = GENESIS_HASH;
    for (const head of heads) {
      const e = await stored(head.seq);
      expect(e).toMatchObject({
        prev_hash: prev,
        hash: head.hash,
        hash_version: 2,
        actor_name: 'Raadslid Roos',
      });
      expect(head.hash).toBe(
        entryHash(prev, {
          seq: head.seq,
          at: new Date(e.at).toISOString(),
          caseId: e.case_id,
          caseReference: e.case_reference,
          areaCode: e.area_code,
          event: e.event,
          fromState: e.from_state,
          toState: e.to_state,
          actorId: e.actor_id,
          actorRole: e.actor_role,
          actorName: e.actor_name,
          payload: e.payload,
        }),
      );
      prev = head.hash;
    }
    expect(await r.rows(`SELECT seq, hash FROM log_head`)).toEqual([{ seq: 3, hash: prev }]);
  });

  it('drops personal data at any depth and names residents by id only', async () => {
    const caseId = randomUUID();
    await r.tx(async (m) => {
      // The case row may come later in the same transaction (the foreign key is deferred).
      await m.query(
        `INSERT INTO cases (id, reference, type, title, description, area_code, theme, requested_amount_cents,
           state, version, initiator_id, contact_email, details, snapshot, machine_version, created_at, updated_at,
           decision_due_at)
         VALUES ($1, 'INI-2031-000001', 'initiative', 'T', 'D', 'oost', 'groen', 1, 'submitted', 1, 'resident-9',
           'x@example.org', '{}', '{}', 2, now(), now(), now())`,
        [caseId],
      );
      return log.append(
        m,
        entry({
          caseId,
          caseReference: 'INI-2031-000001',
          event: 'SUBMIT',
          toState: 'submitted',
          actor: actor('resident-9', ['resident'], [], 'Anna de Vries'),
          role: 'resident',
          payload: {
            title: 'T',
            contactEmail: 'x@example.org',
            nested: [{ bsn: '123', phone: '06', keep: 1 }],
          },
          notify: {
            topic: 'case.submitted',
            payload: { caseId, recipient: 'resident-9', email: 'x@example.org' },
          },
        }),
      );
    });
    const [e] = await r.rows<LogRow>(`SELECT * FROM process_log WHERE case_id = $1`, [caseId]);
    expect(e).toMatchObject({ actor_id: 'resident-9', actor_role: 'resident', actor_name: null });
    expect(e.payload).toEqual({ title: 'T', nested: [{ keep: 1 }] });
    // The notification is queued with the entry, without the e-mail.
    expect(await r.rows(`SELECT topic, payload FROM outbox WHERE payload->>'caseId' = $1`, [caseId])).toEqual(
      [{ topic: 'case.submitted', payload: { caseId, recipient: 'resident-9' } }],
    );
    expect(await r.read((m) => log.casesWithEvent(m, [caseId, randomUUID()], ['SUBMIT']))).toEqual(
      new Set([caseId]),
    );
    expect(await r.read((m) => log.casesWithEvent(m, [caseId], ['COUNCIL_HONOUR']))).toEqual(new Set());
    expect(await r.read((m) => log.casesWithEvent(m, [], ['SUBMIT']))).toEqual(new Set());
  });

  it('appends nothing, and moves no head, when its transaction rolls back', async () => {
    const before = await r.rows(`SELECT seq, hash FROM log_head`);
    await expect(
      r.tx(async (m) => {
        await log.append(m, entry());
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await r.rows(`SELECT seq, hash FROM log_head`)).toEqual(before);
  });
});

describe('ProcessLogRepository: reads', () => {
  let caseId: string;
  beforeAll(async () => {
    // Entries 4 to 6, after the three above: two about areas, one with a motivation.
    await r.tx((m) => log.append(m, entry({ areaCode: 'west', event: 'PROGRAMME_ADOPTED' })));
    await r.tx((m) =>
      log.append(
        m,
        entry({
          actor: actor('alderman-1', ['alderman'], ['oost']),
          role: 'alderman',
          event: 'BUDGET_TRANSFERRED',
        }),
      ),
    );
    await r.tx((m) =>
      log.append(m, entry({ areaCode: null, event: 'REPORT_ISSUED', payload: { reason: 'Kwartaal' } })),
    );
    [{ case_id: caseId }] = await r.rows<{ case_id: string }>(
      `SELECT case_id FROM process_log WHERE event = 'SUBMIT'`,
    );
  });
  const seqs = async (f: Parameters<ProcessLogRepository['page']>[1]) =>
    (await r.read((m) => log.page(m, f))).map((e) => Number(e.seq));

  it('reads a case’s entries, and the head', async () => {
    const [e] = await r.read((m) => log.forCase(m, caseId));
    expect(e).toMatchObject({
      case_id: caseId,
      event: 'SUBMIT',
      hash_version: 2,
      payload: { title: 'T', nested: [{ keep: 1 }] },
    });
    expect(await r.read((m) => log.forCase(m, randomUUID()))).toEqual([]);
    const [last] = await r.rows<{ hash: string }>(`SELECT hash FROM process_log WHERE seq = 7`);
    expect(await r.read((m) => log.head(m))).toEqual({ seq: 7, hash: last.hash });
  });

  it('pages in seq order after a cursor, one more than the limit, with every filter', async () => {
    expect(await seqs({ limit: 2 })).toEqual([1, 2, 3]);
    expect(await seqs({ afterSeq: 5, limit: 10 })).toEqual([6, 7]);
    expect(await seqs({ event: 'BUDGET_TRANSFERRED', limit: 10 })).toEqual([3, 6]);
    expect(await seqs({ areaCode: 'west', limit: 10 })).toEqual([5]);
    expect(await seqs({ actorId: 'alderman-1', limit: 10 })).toEqual([6]);
    expect(await seqs({ caseId, limit: 10 })).toEqual([4]);
    expect(await seqs({ areaCode: 'oost', event: 'PROGRAMME_ADOPTED', afterSeq: 0, limit: 10 })).toEqual([1]);
    const [at5] = await r.rows<{ at: Date }>(`SELECT at FROM process_log WHERE seq = 5`);
    const at = new Date(at5.at).toISOString();
    expect(await seqs({ from: at, limit: 10 })).toEqual(expect.arrayContaining([5, 6, 7]));
    expect((await seqs({ to: at, limit: 10 })).every((seq) => seq < 5)).toBe(true);
    expect(await seqs({ from: at, to: at, limit: 10 })).toEqual([]);
  });

  it('reads a seq range for verify with at and payload as the texts the hash covers', async () => {
    const rows = await r.read((m) => log.hashedRange(m, 6, 8));
    expect(rows.map((e) => Number(e.seq))).toEqual([6, 7]);
    expect(rows[1].payload).toBe('{"reason": "Kwartaal"}');
    expect(rows[1].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const [stored7] = await r.rows<{ at: Date }>(`SELECT at FROM process_log WHERE seq = 7`);
    expect(rows[1].at).toBe(new Date(stored7.at).toISOString());
  });

  it('finds the first entry in a range, and one beyond the head', async () => {
    expect(await r.read((m) => log.firstSeqBetween(m, 3, 7))).toBe(4);
    expect(await r.read((m) => log.firstSeqBetween(m, 7, 9))).toBeNull();
    expect(await r.read((m) => log.firstSeqBeyondHead(m))).toBeNull();
    // An entry written past the chain (triggers off, as only a test may).
    await r.tx(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(
        `INSERT INTO process_log (seq, at, event, actor_id, actor_role, payload, prev_hash, hash, hash_version)
         VALUES (9, now(), 'FORGED', 'x', 'council', '{}', $1, $1, 2)`,
        ['f'.repeat(64)],
      );
    });
    expect(await r.read((m) => log.firstSeqBeyondHead(m))).toBe(9);
    expect(await r.read((m) => log.firstSeqBetween(m, 7, 9))).toBe(9);
  });
});
