import { randomUUID } from 'node:crypto';
import { entryHash, GENESIS_HASH } from '../../libs/domain/src/index.js';
import { programmeYear } from '../../apps/api/src/cases/case-row.js';
import { CasesRepository, type TransitionWrite } from '../../apps/api/src/cases/cases.repository.js';
import { pgCode } from '../../apps/api/src/database/database.service.js';
import { ProgrammesRepository } from '../../apps/api/src/programmes/programmes.repository.js';
import { actor, createRepoApp, newCase, type RepoApp, transition } from './repo-app.js';

const YEAR = programmeYear();

let r: RepoApp;
let cases: CasesRepository;
beforeAll(async () => {
  r = await createRepoApp();
  cases = r.get(CasesRepository);
  await r.tx((m) =>
    r.get(ProgrammesRepository).insertIfAbsent(m, {
      year: YEAR,
      areaCode: 'oost',
      budgetCents: 1_000_000,
      delegationLimitCents: 300_000,
      themes: ['groen'],
      councilDecision: { meetingOn: '2026-01-15', agendaItem: '5' },
      at: new Date(),
    }),
  );
});
afterAll(() => r.close());

const logOf = (caseId: string) =>
  r.rows<{ seq: number; event: string; to_state: string; payload: Record<string, unknown> }>(
    `SELECT seq, event, to_state, payload FROM process_log WHERE case_id = $1 ORDER BY seq`,
    [caseId],
  );
const outboxOf = (caseId: string) =>
  r.rows<{ topic: string; payload: Record<string, unknown> }>(
    `SELECT topic, payload FROM outbox WHERE payload->>'caseId' = $1 ORDER BY id`,
    [caseId],
  );
const programme = async () =>
  (
    await r.rows<{ committed_cents: number }>(
      `SELECT committed_cents FROM programmes WHERE year = $1 AND area_code = 'oost'`,
      [YEAR],
    )
  )[0].committed_cents;

describe('CasesRepository: insert and read', () => {
  it('inserts a case at version 1 with the snapshot projected into its columns, and reads it back', async () => {
    const c = newCase({ details: { organisation: 'Buurt' } });
    const inserted = await r.tx((m) => cases.insert(m, c));
    expect(inserted).toMatchObject({
      id: c.id,
      reference: c.reference,
      state: 'submitted',
      version: 1,
      area_code: 'oost',
      initiator_id: 'resident-1',
      contact_email: 'anna@example.org',
      details: { organisation: 'Buurt' },
      requested_amount_cents: 100_000,
      honoured_amount_cents: null,
    });
    expect(new Date(inserted.decision_due_at).toISOString()).toBe(c.snapshot.context.decisionDueAt);
    expect(inserted.snapshot).toEqual(c.snapshot);
    expect(await r.read((m) => cases.findById(m, c.id))).toEqual(inserted);
    expect(await r.tx((m) => cases.findById(m, c.id, true))).toEqual(inserted);
    expect(await r.read((m) => cases.contactEmail(m, c.id))).toBe('anna@example.org');
    expect(await r.read((m) => cases.findById(m, randomUUID()))).toBeUndefined();
    expect(await r.read((m) => cases.contactEmail(m, randomUUID()))).toBeNull();
  });

  it('reads a case with its area programme’s frame of the year, or none', async () => {
    const c = newCase();
    await r.tx((m) => cases.insert(m, c));
    const { row, frame } = await r.read((m) => cases.findWithFrame(m, c.id, YEAR));
    expect(row).toEqual(await r.read((m) => cases.findById(m, c.id)));
    expect(frame).toEqual({
      themes: ['groen'],
      availableCents: 1_000_000 - (await programme()),
      delegationLimitCents: 300_000,
    });
    expect((await r.read((m) => cases.findWithFrame(m, c.id, YEAR + 1))).frame).toBeNull();
    expect(await r.read((m) => cases.findWithFrame(m, randomUUID(), YEAR))).toEqual({
      row: undefined,
      frame: null,
    });
  });

  it('numbers references per prefix and year without gaps', async () => {
    const next = (prefix: string, year: number) => r.tx((m) => cases.nextNumber(m, prefix, year));
    expect([
      await next('INI', 2031),
      await next('INI', 2031),
      await next('RTC', 2031),
      await next('INI', 2032),
    ]).toEqual([1, 2, 1, 1]);
  });

  it('claims an Idempotency-Key once per actor and finds it again', async () => {
    const c = newCase();
    await r.tx(async (m) => {
      await cases.claimIdempotencyKey(m, {
        actorId: 'resident-1',
        key: 'k-1',
        requestHash: 'h1',
        caseId: c.id,
      });
      await cases.insert(m, c);
    });
    expect(await r.read((m) => cases.findIdempotencyKey(m, 'resident-1', 'k-1'))).toEqual({
      caseId: c.id,
      requestHash: 'h1',
    });
    expect(await r.read((m) => cases.findIdempotencyKey(m, 'resident-2', 'k-1'))).toBeUndefined();
    const again = r.tx((m) =>
      cases.claimIdempotencyKey(m, { actorId: 'resident-1', key: 'k-1', requestHash: 'h2', caseId: c.id }),
    );
    expect(pgCode(await again.catch((e: unknown) => e))).toBe('23505');
  });
});

describe('CasesRepository: lists', () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    // Five cases a second apart, oldest first, in an area of their own.
    const base = Date.now() - 60_000;
    const specs = [
      { key: 'a', initiatorId: 'lister-1', type: 'initiative' as const },
      { key: 'b', initiatorId: 'lister-2', type: 'right_to_challenge' as const },
      { key: 'c', initiatorId: 'lister-1', type: 'initiative' as const },
      { key: 'd', initiatorId: 'lister-3', type: 'initiative' as const },
      { key: 'e', initiatorId: 'lister-1', type: 'initiative' as const },
    ];
    for (const [i, s] of specs.entries()) {
      const c = newCase({
        areaCode: 'zuid',
        initiatorId: s.initiatorId,
        type: s.type,
        at: new Date(base + i * 1000),
      });
      ids[s.key] = c.id;
      await r.tx((m) => cases.insert(m, c));
    }
    // One of them overdue: its term passed while it runs.
    await r.rows(`UPDATE cases SET decision_due_at = now() - interval '1 day' WHERE id = $1`, [ids.c]);
  });
  const list = async (f: Parameters<CasesRepository['list']>[1]) =>
    (await r.read((m) => cases.list(m, f))).map((row) => Object.keys(ids).find((k) => ids[k] === row.id));

  it('lists newest first, one more than the limit', async () => {
    expect(await list({ areaCode: 'zuid', limit: 3 })).toEqual(['e', 'd', 'c', 'b']);
  });

  it('pages by (created_at, id) before the last one seen', async () => {
    const [, , c] = await r.read((m) => cases.list(m, { areaCode: 'zuid', limit: 10 }));
    const before = { createdAt: new Date(c.created_at).toISOString(), id: c.id };
    expect(await list({ areaCode: 'zuid', before, limit: 10 })).toEqual(['b', 'a']);
  });

  it('restricts to what an actor may see: the initiator’s own, or (OR) the areas, or nothing', async () => {
    expect(await list({ areaCode: 'zuid', visibleTo: { initiatorId: 'lister-1' }, limit: 10 })).toEqual([
      'e',
      'c',
      'a',
    ]);
    expect(await list({ visibleTo: { initiatorId: 'lister-2', areaCodes: ['zuid'] }, limit: 10 })).toEqual([
      'e',
      'd',
      'c',
      'b',
      'a',
    ]);
    expect(await list({ visibleTo: { areaCodes: ['west'] }, areaCode: 'zuid', limit: 10 })).toEqual([]);
    expect(await list({ visibleTo: {}, limit: 10 })).toEqual([]);
  });

  it('filters by state, type and being overdue', async () => {
    expect(await list({ areaCode: 'zuid', type: 'right_to_challenge', limit: 10 })).toEqual(['b']);
    expect(await list({ areaCode: 'zuid', state: 'submitted', type: 'initiative', limit: 10 })).toEqual([
      'e',
      'd',
      'c',
      'a',
    ]);
    const overdue = (yes: boolean) => ({ overdue: yes, openStates: ['submitted'] });
    expect(await list({ areaCode: 'zuid', overdue: overdue(true), limit: 10 })).toEqual(['c']);
    expect(await list({ areaCode: 'zuid', overdue: overdue(false), limit: 10 })).toEqual([
      'e',
      'd',
      'b',
      'a',
    ]);
    // A suspended term (a state where it does not run) is never overdue.
    expect(await list({ areaCode: 'zuid', overdue: { overdue: true, openStates: [] }, limit: 10 })).toEqual(
      [],
    );
  });

  it('locks the cases in given states, in decision order', async () => {
    const locked = await r.tx((m) => cases.lockInStates(m, ['submitted']));
    expect(locked.length).toBeGreaterThanOrEqual(5);
    const order = locked.map((c) => `${new Date(c.updated_at).toISOString()} ${c.reference}`);
    expect(order).toEqual([...order].sort());
    expect(await r.tx((m) => cases.lockInStates(m, ['no_such_state']))).toEqual([]);
  });
});

describe('CasesRepository: the transition’s one statement', () => {
  it('moves the case on at its version and appends the log entry and its notification with it', async () => {
    const row = await r.tx((m) => cases.insert(m, newCase()));
    const [head] = await r.rows<{ seq: number; hash: string }>(`SELECT seq, hash FROM log_head`);
    const t = transition(row, 'assessed', { details: { agreementMonths: 6 } });
    const updated = await r.read((m) => cases.commitTransition(m, t));
    expect(updated).toMatchObject({
      id: row.id,
      version: 2,
      state: 'assessed',
      details: { agreementMonths: 6 },
    });
    expect(updated!.snapshot).toEqual(t.snapshot);
    expect(new Date(updated!.updated_at).getTime()).toBe(t.at.getTime());
    const [entry] = await logOf(row.id);
    expect(entry).toMatchObject({ seq: Number(head.seq) + 1, event: 'ASSESS', to_state: 'assessed' });
    // Personal data never reaches the log or the outbox.
    expect(entry.payload).toEqual({ advice: 'honour', motivation: 'Past in het programma' });
    expect(await outboxOf(row.id)).toEqual([
      {
        topic: 'case.state_changed',
        payload: { caseId: row.id, reference: row.reference, toState: 'assessed', recipient: 'resident-1' },
      },
    ]);
    // The entry chains onto the head it found, hashed by the database as verify recomputes it.
    const [stored] = await r.rows<{ prev_hash: string; hash: string; at: Date }>(
      `SELECT prev_hash, hash, at FROM process_log WHERE seq = $1`,
      [Number(head.seq) + 1],
    );
    expect(stored.prev_hash).toBe(Number(head.seq) === 0 ? GENESIS_HASH : head.hash);
    expect(stored.hash).toBe(
      entryHash(stored.prev_hash, {
        seq: Number(head.seq) + 1,
        at: new Date(stored.at).toISOString(),
        caseId: row.id,
        caseReference: row.reference,
        areaCode: 'oost',
        event: 'ASSESS',
        fromState: 'submitted',
        toState: 'assessed',
        actorId: 'official-1',
        actorRole: 'official',
        actorName: 'Olga Official',
        payload: entry.payload,
      }),
    );
  });

  it('writes nothing when the case is no longer at the version read', async () => {
    const row = await r.tx((m) => cases.insert(m, newCase()));
    expect(await r.read((m) => cases.commitTransition(m, transition(row, 'assessed')))).toBeDefined();
    const [head] = await r.rows(`SELECT seq, hash FROM log_head`);
    expect(await r.read((m) => cases.commitTransition(m, transition(row, 'rejected')))).toBeUndefined();
    expect(await r.rows(`SELECT seq, hash FROM log_head`)).toEqual([head]);
    expect((await logOf(row.id)).map((e) => e.to_state)).toEqual(['assessed']);
    expect(await outboxOf(row.id)).toHaveLength(1);
    expect(await r.read((m) => cases.findById(m, row.id))).toMatchObject({ version: 2, state: 'assessed' });
  });

  it('commits an honour’s amount against the programme with the case, within budget, theme and limit', async () => {
    const honour = async (amount: number, over: Partial<TransitionWrite> = {}) => {
      const row = await r.tx((m) => cases.insert(m, newCase()));
      const before = await programme();
      const updated = await r.tx(async (m) => {
        // As the honour transaction does: both rows locked before the write.
        await cases.findById(m, row.id, true);
        await r.get(ProgrammesRepository).findForUpdate(m, YEAR, 'oost');
        return cases.commitTransition(
          m,
          transition(row, 'honoured', { honouredCents: amount, budgetDelta: amount, year: YEAR, ...over }),
        );
      });
      return { row, updated, committed: (await programme()) - before, log: await logOf(row.id) };
    };
    const done = await honour(200_000, { delegationLimitBinds: true });
    expect(done.updated).toMatchObject({ state: 'honoured', honoured_amount_cents: 200_000, version: 2 });
    expect(done.committed).toBe(200_000);
    const [{ programme_year }] = await r.rows<{ programme_year: number }>(
      `SELECT programme_year FROM cases WHERE id = $1`,
      [done.row.id],
    );
    expect(programme_year).toBe(YEAR);
    // Above the alderman's delegation limit: nothing at all is written.
    const aboveLimit = await honour(300_001, { delegationLimitBinds: true });
    expect(aboveLimit).toMatchObject({ updated: undefined, committed: 0, log: [] });
    // The council is not bound by it.
    expect((await honour(300_001)).committed).toBe(300_001);
    // A theme the programme does not hold, or more than is left: nothing.
    expect(await honour(1_000, { theme: 'sport' })).toMatchObject({
      updated: undefined,
      committed: 0,
      log: [],
    });
    expect(await honour(1_000_000)).toMatchObject({ updated: undefined, committed: 0, log: [] });
  });

  it('gives back to the programme of the grant what a later event releases, never below zero', async () => {
    const row = await r.tx((m) => cases.insert(m, newCase()));
    const write = (over: Partial<TransitionWrite>, version: number) =>
      r.tx(async (m) => {
        await cases.findById(m, row.id, true);
        await r.get(ProgrammesRepository).findForUpdate(m, YEAR, 'oost');
        return cases.commitTransition(m, { ...transition(row, 'honoured', over), version });
      });
    const start = await programme();
    expect(await write({ honouredCents: 50_000, budgetDelta: 50_000, year: YEAR }, 1)).toBeDefined();
    expect((await programme()) - start).toBe(50_000);
    // Settled at 30,000: 20,000 goes back; the columns project the facts.
    const settled = await write(
      {
        honouredCents: 50_000,
        settledCents: 30_000,
        releasedCents: 20_000,
        budgetDelta: -20_000,
        year: YEAR,
      },
      2,
    );
    expect(settled).toMatchObject({
      settled_amount_cents: 30_000,
      released_amount_cents: 20_000,
      programme_year: YEAR,
    });
    expect((await programme()) - start).toBe(30_000);
    // More back than the programme holds committed: refused by the statement's guard, nothing written.
    const committed = await programme();
    const tooMuch = await write({ honouredCents: 50_000, budgetDelta: -(committed + 1), year: YEAR }, 3);
    expect(tooMuch).toBeUndefined();
    expect(await programme()).toBe(committed);
    expect(await r.read((m) => cases.findById(m, row.id))).toMatchObject({ version: 3 });
  });
});

describe('CasesRepository: the submission’s one statement', () => {
  const resident = actor('resident-7', ['resident']);
  /** Submits a new case (with `id`, if given) in the series INI-`year`. */
  const submit = (year: number, id?: string) => {
    const { reference: _r, ...c } = newCase({ initiatorId: 'resident-7', ...(id ? { id } : {}) });
    return r.read((m) =>
      cases.submit(
        m,
        { ...c, prefix: 'INI', year },
        {
          caseId: c.id,
          areaCode: 'oost',
          event: 'SUBMIT',
          fromState: null,
          toState: 'submitted',
          actor: resident,
          role: 'resident',
          payload: { title: c.title, contactEmail: 'anna@example.org' },
          notify: {
            topic: 'case.submitted',
            payload: { caseId: c.id, toState: 'submitted', recipient: 'resident-7' },
          },
        },
      ),
    );
  };

  it('numbers the case in its series and logs it under that reference, hashed as verify recomputes it', async () => {
    const [head] = await r.rows<{ seq: number; hash: string }>(`SELECT seq, hash FROM log_head`);
    const first = await submit(2041);
    const second = await submit(2041);
    expect([first.reference, second.reference]).toEqual(['INI-2041-000001', 'INI-2041-000002']);
    expect(second).toMatchObject({ state: 'submitted', version: 1, contact_email: 'anna@example.org' });
    expect(await r.read((m) => cases.findById(m, second.id))).toEqual(second);
    const [entry] = await logOf(second.id);
    expect(entry).toMatchObject({ seq: Number(head.seq) + 2, event: 'SUBMIT', to_state: 'submitted' });
    expect(entry.payload).toEqual({ title: second.title });
    expect(await outboxOf(second.id)).toEqual([
      {
        topic: 'case.submitted',
        payload: {
          caseId: second.id,
          reference: 'INI-2041-000002',
          toState: 'submitted',
          recipient: 'resident-7',
        },
      },
    ]);
    const [stored] = await r.rows<{ prev_hash: string; hash: string; at: Date; case_reference: string }>(
      `SELECT prev_hash, hash, at, case_reference FROM process_log WHERE seq = $1`,
      [Number(head.seq) + 2],
    );
    expect(stored.case_reference).toBe('INI-2041-000002');
    expect(stored.hash).toBe(
      entryHash(stored.prev_hash, {
        seq: Number(head.seq) + 2,
        at: new Date(stored.at).toISOString(),
        caseId: second.id,
        caseReference: 'INI-2041-000002',
        areaCode: 'oost',
        event: 'SUBMIT',
        fromState: null,
        toState: 'submitted',
        actorId: 'resident-7',
        actorRole: 'resident',
        actorName: null,
        payload: entry.payload,
      }),
    );
  });

  it('takes no number when the insert fails: the series has no gap', async () => {
    const taken = await submit(2042);
    const failed = submit(2042, taken.id);
    expect(pgCode(await failed.catch((e: unknown) => e))).toBe('23505');
    expect((await submit(2042)).reference).toBe('INI-2042-000002');
  });
});
