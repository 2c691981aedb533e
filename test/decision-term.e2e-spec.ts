import { DataSource } from 'typeorm';
import { MachineOwnsDecisionTerm1764900000000 } from '../migrations/1764900000000-machine-owns-decision-term.js';
import { MACHINE_VERSION } from '../libs/workflows/src/index.js';
import { bearer, team } from './support/actors.js';
import { initiative, sendEvent, submit } from './support/cases.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The decision term is the machine's: it runs from submission, stands still while the
 * initiator is asked for information, and the row's decision_due_at is the projection of
 * the snapshot. Cases stored under machine version 1 are brought to version 2 by a migration.
 */
describe('decision term: kept by the machine, projected onto the row', () => {
  let t: TestApp;
  let resident: string;
  beforeAll(async () => {
    t = await createTestApp();
    resident = await t.token('term-resident', ['resident']);
  });
  afterAll(() => t.close());

  async function stored(id: string) {
    const [row] = await t.app
      .get(DataSource)
      .query(`SELECT snapshot, details, machine_version, decision_due_at FROM cases WHERE id = $1`, [id]);
    return row as {
      snapshot: { machineVersion: number; context: Record<string, unknown> };
      details: Record<string, unknown>;
      machine_version: number;
      decision_due_at: Date;
    };
  }

  it('moves the term on by exactly the time the initiator was asked for information', async () => {
    const tm = await team(t, 'oost');
    const { id } = await submit(t, resident, initiative());
    const submitted = (await t.http.get(`/api/v1/cases/${id}`).set(bearer(resident)).expect(200)).body;
    const asked = await sendEvent(t, tm.official, id, { type: 'REQUEST_INFO', question: 'Wie doet er mee?' });
    // Moved on at once by the longest the request can suspend the term (until respondBy ends).
    expect(Date.parse(asked.decisionDueAt as string)).toBeGreaterThan(Date.parse(submitted.decisionDueAt));
    await new Promise((r) => setTimeout(r, 50));
    const answered = await sendEvent(t, resident, id, { type: 'SUPPLY_INFO', answer: 'Twintig buren.' });
    const suspended = Date.parse(answered.updatedAt as string) - Date.parse(asked.updatedAt as string);
    expect(suspended).toBeGreaterThanOrEqual(50);
    expect(Date.parse(answered.decisionDueAt as string)).toBe(
      Date.parse(submitted.decisionDueAt) + suspended,
    );
    // The column is the snapshot's projection; no bookkeeping of the service is left in details.
    const row = await stored(id);
    expect(row.decision_due_at.toISOString()).toBe(row.snapshot.context.decisionDueAt);
    expect(row.snapshot.context.termSuspendedSince).toBeNull();
    expect(row.details).toEqual({});
  });

  it('migrates a case stored under machine version 1 (and back) without losing its term', async () => {
    const tm = await team(t, 'oost');
    const { id } = await submit(t, resident, initiative({ title: 'Bloembakken' }));
    await sendEvent(t, tm.official, id, { type: 'REQUEST_INFO', question: 'Welke planten?' });
    // Stored as machine version 2 stored it: the term in the context, none of the later facts.
    await t.app.get(DataSource).query(
      `UPDATE cases SET machine_version = 2,
         snapshot = jsonb_set(snapshot, '{context}', (snapshot->'context') - ARRAY['accountBy', 'conditions',
           'account', 'accountReview', 'reviewedBy', 'settledAmountCents', 'releasedAmountCents', 'committedCents',
           'agreement', 'respondBy', 'noticeOfDefaultAt', 'decidedAt']) || '{"machineVersion": 2}'::jsonb,
         decision_due_at = (snapshot->'context'->>'termSuspendedSince')::timestamptz + interval '56 days'
       WHERE id = $1`,
      [id],
    );
    await t.app.get(DataSource).query(
      `UPDATE cases SET snapshot = jsonb_set(snapshot, '{context,decisionDueAt}',
           to_jsonb(to_char(decision_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) WHERE id = $1`,
      [id],
    );
    const before = await stored(id);
    expect(before.snapshot.context.termSuspendedSince).toEqual(expect.any(String));

    const migration = new MachineOwnsDecisionTerm1764900000000();
    const runner = t.app.get(DataSource).createQueryRunner();
    try {
      await migration.down(runner);
      const v1 = await stored(id);
      expect(v1.machine_version).toBe(1);
      expect(v1.snapshot.machineVersion).toBe(1);
      expect(v1.snapshot.context).not.toHaveProperty('decisionDueAt');
      expect(v1.details).toEqual({ infoRequestedAt: before.snapshot.context.termSuspendedSince });

      await migration.up(runner);
      const v2 = await stored(id);
      expect(v2.machine_version).toBe(2);
      expect(v2.snapshot).toEqual(before.snapshot);
      expect(v2.details).toEqual({});
    } finally {
      await runner.release();
    }
    // The migrated case goes on as any other: its suspension, begun before respondBy existed,
    // lasted until the answer.
    const answered = await sendEvent(t, resident, id, { type: 'SUPPLY_INFO', answer: 'Lavendel.' });
    expect(Date.parse(answered.decisionDueAt as string)).toBe(
      Date.parse(before.snapshot.context.decisionDueAt as string) +
        Date.parse(answered.updatedAt as string) -
        Date.parse(before.snapshot.context.termSuspendedSince as string),
    );
    expect((await stored(id)).machine_version).toBe(MACHINE_VERSION);
  });
});
