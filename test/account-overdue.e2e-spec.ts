import { Database } from '../apps/api/src/database/database.service.js';
import { sql } from '../apps/api/src/database/sql.js';
import { addDays, addMonths, amsterdamDate } from '../libs/workflows/src/index.js';
import { bearer, type Cast, cast, team } from './support/actors.js';
import { type CaseView, getCase, initiative, rightToChallenge, sendEvent, submit } from './support/cases.js';
import { seedProgramme } from './support/programmes.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

/**
 * GET /api/v1/cases?accountOverdue=true: initiative grants whose accountBy has passed (the
 * day after it, in Europe/Amsterdam) and that still wait for their account; =false: every
 * other case. The list reads today's date, so a grant is made overdue by moving its accountBy
 * into the past in the database (a grant's accountBy must lie at least a month ahead).
 */
const AMOUNT = 10_000;
const today = () => amsterdamDate(new Date().toISOString());

describe('GET /cases?accountOverdue', () => {
  let t: TestApp;
  let people: Cast;
  const cases: Record<string, CaseView> = {};

  /** Moves a grant's accountBy straight in the database: the row and the machine's fact. */
  async function moveAccountBy(id: string, day: string): Promise<void> {
    await t.app.get(Database).transaction((m) =>
      sql(
        m,
        `UPDATE cases SET account_by = $2::date,
           snapshot = jsonb_set(snapshot, '{context,accountBy}', to_jsonb($2::text)) WHERE id = $1::uuid`,
        [id, day],
      ),
    );
  }

  async function grant(title: string, accountBy = addMonths(today(), 2)): Promise<CaseView> {
    const c = await submit(t, people.resident, initiative({ title, requestedAmountCents: AMOUNT }));
    await sendEvent(t, people.official, c.id, { type: 'ASSESS', advice: 'honour', motivation: 'Past.' });
    return sendEvent(t, people.alderman, c.id, {
      type: 'HONOUR',
      amountCents: AMOUNT,
      motivation: 'Akkoord.',
      accountBy,
    });
  }

  async function listed(token: string, query: string): Promise<string[]> {
    const res = await t.http.get(`/api/v1/cases?${query}&limit=100`).set(bearer(token)).expect(200);
    return (res.body.items as CaseView[]).map((c) => c.id);
  }
  const named = (ids: string[]) =>
    ids.map((id) => Object.keys(cases).find((name) => cases[name].id === id) ?? id).sort();

  beforeAll(async () => {
    t = await createTestApp({ ACCOUNT_REMINDER_INTERVAL_MS: '0' });
    people = await cast(t);
    const frame = {
      budgetCents: 100_000_000,
      delegationLimitCents: 100_000_000,
      themes: ['speelruimte', 'groen'],
    };
    await seedProgramme(t, 'oost', frame);
    await seedProgramme(t, 'west', frame);
    const yesterday = addDays(today(), -1);
    const longAgo = addMonths(today(), -7);

    cases.overdue = await grant('Over de datum');
    await moveAccountBy(cases.overdue.id, yesterday);
    cases.longOverdue = await grant('Lang over de datum');
    await moveAccountBy(cases.longOverdue.id, longAgo);

    cases.accounted = await grant('Verantwoord na de datum');
    await moveAccountBy(cases.accounted.id, yesterday);
    await sendEvent(t, people.resident, cases.accounted.id, {
      type: 'SUBMIT_ACCOUNT',
      report: 'Het feest is gehouden.',
      actualCostCents: AMOUNT,
    });

    cases.revoked = await grant('Ingetrokken na de datum');
    await moveAccountBy(cases.revoked.id, yesterday);
    await sendEvent(t, people.alderman, cases.revoked.id, {
      type: 'REVOKE',
      motivation: 'Geen verantwoording.',
    });

    cases.dueToday = await grant('Vandaag te verantwoorden');
    await moveAccountBy(cases.dueToday.id, today());
    cases.future = await grant('Later te verantwoorden');

    const west = await team(t, 'west');
    cases.rightToChallenge = await submit(
      t,
      people.resident,
      rightToChallenge({ requestedAmountCents: AMOUNT }),
    );
    await sendEvent(t, west.official, cases.rightToChallenge.id, {
      type: 'ASSESS',
      advice: 'honour',
      motivation: 'Past.',
    });
    await sendEvent(t, west.alderman, cases.rightToChallenge.id, {
      type: 'HONOUR',
      amountCents: AMOUNT,
      motivation: 'Akkoord.',
      agreementMonths: 12,
    });

    cases.submitted = await submit(t, people.resident, initiative({ title: 'Nog niet besloten' }));
  });
  afterAll(() => t.close());

  it('lists a grant past its accountBy without an account, not one with an account, revoked, due today or later, nor a Right to Challenge', async () => {
    expect(named(await listed(people.council, 'accountOverdue=true'))).toEqual(['longOverdue', 'overdue']);
    expect(named(await listed(people.council, 'accountOverdue=false'))).toEqual(
      ['accounted', 'dueToday', 'future', 'revoked', 'rightToChallenge', 'submitted'].sort(),
    );
    // The case shows the day it was due.
    expect((await getCase(t, people.council, cases.overdue.id)).accountBy).toBe(addDays(today(), -1));
  });

  it('keeps to what the caller may see, and combines with the other filters', async () => {
    expect(named(await listed(people.resident, 'accountOverdue=true'))).toEqual(['longOverdue', 'overdue']);
    expect(await listed(people.otherResident, 'accountOverdue=true')).toEqual([]);
    expect(named(await listed(people.official, 'accountOverdue=true'))).toEqual(['longOverdue', 'overdue']);
    expect(await listed(people.officialElsewhere, 'accountOverdue=true')).toEqual([]);
    expect(await listed(people.council, 'accountOverdue=true&type=right_to_challenge')).toEqual([]);
    expect(await listed(people.council, 'accountOverdue=true&areaCode=west')).toEqual([]);
    expect(named(await listed(people.council, 'accountOverdue=true&type=initiative&areaCode=oost'))).toEqual([
      'longOverdue',
      'overdue',
    ]);
    // A Right to Challenge grant shares the state, without an accountBy.
    expect(named(await listed(people.council, `accountOverdue=false&state=${cases.overdue.state}`))).toEqual([
      'dueToday',
      'future',
      'rightToChallenge',
    ]);
  });

  it('pages through the overdue cases, newest first', async () => {
    const first = await t.http
      .get('/api/v1/cases?accountOverdue=true&limit=1')
      .set(bearer(people.council))
      .expect(200);
    expect(first.body.items.map((c: CaseView) => c.id)).toEqual([cases.longOverdue.id]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http
      .get(`/api/v1/cases?accountOverdue=true&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`)
      .set(bearer(people.council))
      .expect(200);
    expect(second.body.items.map((c: CaseView) => c.id)).toEqual([cases.overdue.id]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('refuses a value other than true or false', async () => {
    for (const value of ['yes', '1', 'TRUE', '']) {
      const problem = expectProblem(
        await t.http.get(`/api/v1/cases?accountOverdue=${value}`).set(bearer(people.council)),
        400,
      );
      expect((problem.invalidParams as { name: string }[]).map((p) => p.name)).toContain('accountOverdue');
    }
  });
});
