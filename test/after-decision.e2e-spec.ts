// After the decision, through HTTP on either database: an initiative grant accounted for,
// reviewed and settled with the rest going back to its programme; a Right to Challenge
// agreement signed, reviewed, extended and evaluated or terminated; revocation and
// withdrawal of a grant; four eyes on the settlement; the fields the case decides; and a
// case stored under machine version 2 carried on under version 3.
import { Database } from '../apps/api/src/database/database.service.js';
import { addDays, addMonths, amsterdamDate, MACHINE_VERSION } from '../libs/workflows/src/index.js';
import { bearer, type Cast, cast } from './support/actors.js';
import {
  assessed,
  caseLog,
  eventBody,
  getCase,
  grantTerms,
  initiative,
  postEvent,
  rightToChallenge,
  sendEvent,
} from './support/cases.js';
import { expectCommittedMatchesLog, programmeOf, seedProgramme } from './support/programmes.js';
import { verifyLog } from './support/process-log.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

const THEMES = ['speelruimte', 'groen'];

describe('after the decision', () => {
  let t: TestApp;
  let a: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t, 'oost', 'west');
    await seedProgramme(t, 'oost', {
      budgetCents: 10_000_000,
      delegationLimitCents: 5_000_000,
      themes: THEMES,
    });
    await seedProgramme(t, 'west', {
      budgetCents: 10_000_000,
      delegationLimitCents: 5_000_000,
      themes: THEMES,
    });
  });
  afterAll(() => t.close());

  const committed = async (area = 'oost') => (await programmeOf(t, a.council, area))!.committedCents;
  const granted = async (body = initiative(), amountCents = 200_000) => {
    const c = await assessed(t, a, body);
    const terms = grantTerms(body.type);
    await sendEvent(t, a.alderman, c.id, {
      type: 'HONOUR',
      amountCents,
      motivation: 'Past in het programma.',
      conditions: 'Vermeld de gemeente op de uitnodiging.',
      ...terms,
    });
    return c.id;
  };

  it('takes an initiative from grant to settlement; what was not spent goes back to the programme', async () => {
    const before = await committed();
    const id = await granted();
    expect(await committed()).toBe(before + 200_000);
    let c = await getCase(t, a.resident, id);
    expect(c).toMatchObject({
      state: 'honoured',
      honouredAmountCents: 200_000,
      accountBy: grantTerms().accountBy,
      conditions: 'Vermeld de gemeente op de uitnodiging.',
      availableEvents: ['WITHDRAW', 'SUBMIT_ACCOUNT'],
    });

    c = await sendEvent(t, a.resident, id, {
      type: 'SUBMIT_ACCOUNT',
      report: 'Het buurtfeest is gehouden met 120 bewoners.',
      actualCostCents: 150_000,
    });
    expect(c).toMatchObject({
      state: 'accounted',
      account: { report: 'Het buurtfeest is gehouden met 120 bewoners.', actualCostCents: 150_000 },
    });
    c = await sendEvent(t, a.official, id, {
      type: 'REVIEW_ACCOUNT',
      advisedCents: 150_000,
      motivation: 'De bonnen tonen € 1.500,00 aan kosten.',
    });
    expect(c).toMatchObject({ state: 'account_reviewed', accountReview: { advisedCents: 150_000 } });
    c = await sendEvent(t, a.alderman, id, {
      type: 'SETTLE',
      settledCents: 150_000,
      motivation: 'Vastgesteld op de werkelijke kosten.',
    });
    expect(c).toMatchObject({
      state: 'settled',
      honouredAmountCents: 200_000,
      settledAmountCents: 150_000,
      releasedAmountCents: 50_000,
      availableEvents: [],
    });
    // €500 went back: only the settled €1,500 stays committed.
    expect(await committed()).toBe(before + 150_000);

    // The resident reads what was settled and why in the log of the case.
    const log = await caseLog(t, a.resident, id);
    expect(log.map((e) => e.event)).toEqual([
      'SUBMIT',
      'ASSESS',
      'HONOUR',
      'SUBMIT_ACCOUNT',
      'REVIEW_ACCOUNT',
      'SETTLE',
    ]);
    expect(log[5]).toMatchObject({
      fromState: 'account_reviewed',
      toState: 'settled',
      payload: { settledCents: 150_000, motivation: 'Vastgesteld op de werkelijke kosten.' },
    });
    await expectCommittedMatchesLog(t, a.council);
    expect(await verifyLog(t, a.council)).toMatchObject({ valid: true });
  });

  it('lets nobody settle an account they reviewed themselves (four eyes)', async () => {
    const both = await t.token('official-alderman-1', ['official', 'alderman'], ['oost'], 'Dubbelrol');
    const id = await granted();
    await sendEvent(t, a.resident, id, eventBody('SUBMIT_ACCOUNT', { amountCents: 100_000 }));
    await sendEvent(t, both, id, eventBody('REVIEW_ACCOUNT', { amountCents: 100_000 }));
    expect((await getCase(t, both, id)).availableEvents).not.toContain('SETTLE');
    const refused = expectProblem(
      await postEvent(t, both, id, eventBody('SETTLE', { amountCents: 100_000 })),
      403,
    );
    expect(refused.code).toBe('FOUR_EYES');
    // Another alderman settles.
    await sendEvent(t, a.otherAlderman, id, eventBody('SETTLE', { amountCents: 100_000 }));
  });

  it('refuses amounts above the grant and fields that do not fit the case with a 400 that changes nothing', async () => {
    const id = await granted(initiative(), 100_000);
    await sendEvent(t, a.resident, id, eventBody('SUBMIT_ACCOUNT'));
    const tooMuch = expectProblem(
      await postEvent(t, a.official, id, { type: 'REVIEW_ACCOUNT', advisedCents: 100_001, motivation: 'x' }),
      400,
    );
    expect(tooMuch.invalidParams).toEqual([expect.objectContaining({ name: 'advisedCents' })]);
    await sendEvent(t, a.official, id, { type: 'REVIEW_ACCOUNT', advisedCents: 100_000, motivation: 'x' });
    const settleTooMuch = expectProblem(
      await postEvent(t, a.alderman, id, { type: 'SETTLE', settledCents: 100_001, motivation: 'x' }),
      400,
    );
    expect(settleTooMuch.invalidParams).toEqual([expect.objectContaining({ name: 'settledCents' })]);
    expect(await getCase(t, a.alderman, id)).toMatchObject({ state: 'account_reviewed', version: 5 });
    // Settled at nothing: the whole grant goes back.
    const before = await committed();
    const c = await sendEvent(t, a.alderman, id, {
      type: 'SETTLE',
      settledCents: 0,
      motivation: 'Niet doorgegaan.',
    });
    expect(c).toMatchObject({ settledAmountCents: 0, releasedAmountCents: 100_000 });
    expect(await committed()).toBe(before - 100_000);

    // An account date too soon or too late, and an agreement term on an initiative.
    const other = await assessed(t, a, initiative());
    const today = amsterdamDate(new Date().toISOString());
    for (const accountBy of [addDays(addMonths(today, 1), -1), addDays(addMonths(today, 36), 1)]) {
      const res = expectProblem(
        await postEvent(t, a.alderman, other.id, {
          type: 'HONOUR',
          amountCents: 1_000,
          motivation: 'x',
          accountBy,
        }),
        400,
      );
      expect(res.invalidParams).toEqual([expect.objectContaining({ name: 'accountBy' })]);
    }
    const bad = expectProblem(
      await postEvent(t, a.alderman, other.id, {
        type: 'HONOUR',
        amountCents: 1_000,
        motivation: 'x',
        accountBy: '2027-02-30',
      }),
      400,
    );
    expect(bad.invalidParams).toEqual([expect.objectContaining({ name: 'accountBy' })]);
    expect(await getCase(t, a.alderman, other.id)).toMatchObject({ state: 'assessed', version: 2 });
  });

  it('gives the whole grant back when it is revoked or the initiator withdraws before accounting', async () => {
    const before = await committed();
    const revoked = await granted(initiative(), 70_000);
    await sendEvent(t, a.resident, revoked, eventBody('SUBMIT_ACCOUNT', { amountCents: 70_000 }));
    const r = await sendEvent(t, a.alderman, revoked, {
      type: 'REVOKE',
      motivation: 'Het geld is anders besteed.',
    });
    expect(r).toMatchObject({ state: 'revoked', releasedAmountCents: 70_000 });

    const withdrawn = await granted(initiative(), 30_000);
    const w = await sendEvent(t, a.resident, withdrawn, {
      type: 'WITHDRAW',
      reason: 'Het feest gaat niet door.',
    });
    expect(w).toMatchObject({ state: 'withdrawn', releasedAmountCents: 30_000 });
    expect(await committed()).toBe(before);

    // Once the account is in, the initiator can no longer withdraw.
    const accounted = await granted(initiative(), 10_000);
    await sendEvent(t, a.resident, accounted, eventBody('SUBMIT_ACCOUNT', { amountCents: 10_000 }));
    expect(expectProblem(await postEvent(t, a.resident, accounted, { type: 'WITHDRAW' }), 409).code).toBe(
      'STATE',
    );
    await expectCommittedMatchesLog(t, a.council);
  });

  it('carries a Right to Challenge from its agreement through reviews to its evaluation', async () => {
    const id = await granted(
      rightToChallenge({ areaCode: 'oost', requestedAmountCents: 1_000_000 }),
      500_000,
    );
    const today = amsterdamDate(new Date().toISOString());
    // The agreement may run at most agreementMonths (12) from its start.
    const tooLong = expectProblem(
      await postEvent(t, a.alderman, id, { ...eventBody('SIGN_AGREEMENT'), endsOn: addMonths(today, 13) }),
      400,
    );
    expect(tooLong.invalidParams).toEqual([expect.objectContaining({ name: 'endsOn' })]);
    let c = await sendEvent(t, a.alderman, id, {
      type: 'SIGN_AGREEMENT',
      startsOn: today,
      endsOn: addMonths(today, 12),
      deliverables: ['Maaien van de bermen', 'Snoeien van de heggen'],
      indicators: [{ name: 'gemaaide bermen', unit: 'meter', target: 1_000 }],
      fallback: 'De gemeente neemt het onderhoud binnen een maand weer over.',
    });
    expect(c).toMatchObject({
      state: 'in_execution',
      agreementMonths: 12,
      agreement: {
        startsOn: today,
        endsOn: addMonths(today, 12),
        deliverables: ['Maaien van de bermen', 'Snoeien van de heggen'],
        indicators: [{ name: 'gemaaide bermen', unit: 'meter', target: 1_000 }],
        fallback: 'De gemeente neemt het onderhoud binnen een maand weer over.',
      },
    });
    const unknown = expectProblem(
      await postEvent(t, a.official, id, {
        type: 'PROGRESS_REVIEW',
        findings: 'Loopt.',
        onTrack: true,
        indicatorValues: [{ name: 'geplante bomen', value: 3 }],
      }),
      400,
    );
    expect(unknown.invalidParams).toEqual([
      expect.objectContaining({ name: 'indicatorValues.geplante bomen' }),
    ]);
    c = await sendEvent(t, a.official, id, {
      type: 'PROGRESS_REVIEW',
      findings: 'Na een half jaar ligt het op schema.',
      onTrack: true,
      indicatorValues: [{ name: 'gemaaide bermen', value: 480 }],
    });
    expect(c).toMatchObject({ state: 'in_execution', version: 5 });
    const notLater = expectProblem(
      await postEvent(t, a.alderman, id, { type: 'EXTEND_AGREEMENT', newEndsOn: today, motivation: 'x' }),
      400,
    );
    expect(notLater.invalidParams).toEqual([expect.objectContaining({ name: 'newEndsOn' })]);
    c = await sendEvent(t, a.alderman, id, {
      type: 'EXTEND_AGREEMENT',
      newEndsOn: addMonths(today, 24),
      motivation: 'Het werk gaat goed; nog een jaar.',
    });
    expect(c).toMatchObject({ state: 'in_execution', agreement: { endsOn: addMonths(today, 24) } });
    c = await sendEvent(t, a.alderman, id, {
      type: 'EVALUATE',
      evaluation: 'De bewoners deden het beter en goedkoper.',
      indicatorValues: [{ name: 'gemaaide bermen', value: 1_020 }],
    });
    expect(c).toMatchObject({ state: 'evaluated', availableEvents: [] });
    expect((await caseLog(t, a.council, id)).map((e) => e.event)).toEqual([
      'SUBMIT',
      'ASSESS',
      'HONOUR',
      'SIGN_AGREEMENT',
      'PROGRESS_REVIEW',
      'EXTEND_AGREEMENT',
      'EVALUATE',
    ]);
  });

  it('ends an agreement early with what is released going back to the programme', async () => {
    const id = await granted(
      rightToChallenge({ areaCode: 'oost', requestedAmountCents: 1_000_000 }),
      400_000,
    );
    await sendEvent(t, a.alderman, id, eventBody('SIGN_AGREEMENT'));
    const before = await committed();
    const tooMuch = expectProblem(
      await postEvent(t, a.alderman, id, { type: 'TERMINATE', reason: 'x', releasedCents: 400_001 }),
      400,
    );
    expect(tooMuch.invalidParams).toEqual([expect.objectContaining({ name: 'releasedCents' })]);
    const c = await sendEvent(t, a.alderman, id, {
      type: 'TERMINATE',
      reason: 'De vereniging is opgeheven.',
      releasedCents: 150_000,
    });
    expect(c).toMatchObject({ state: 'terminated', releasedAmountCents: 150_000 });
    expect(await committed()).toBe(before - 150_000);
    await expectCommittedMatchesLog(t, a.council);
  });

  it('carries on a case stored under machine version 2 (a grant made before this version)', async () => {
    const id = await granted(initiative(), 20_000);
    // Rewrite the stored snapshot as version 2 wrote it: none of the facts after the decision.
    await t.app.get(Database).transaction(async (m) => {
      await m.query(
        `UPDATE cases SET machine_version = 2, snapshot = jsonb_set(
           (snapshot #- '{context,accountBy}' #- '{context,conditions}' #- '{context,account}'
              #- '{context,accountReview}' #- '{context,reviewedBy}' #- '{context,settledAmountCents}'
              #- '{context,releasedAmountCents}' #- '{context,committedCents}' #- '{context,agreement}'),
           '{machineVersion}', '2'::jsonb),
           account_by = NULL
         WHERE id = $1`,
        [id],
      );
    });
    const before = await committed();
    const c = await getCase(t, a.resident, id);
    expect(c).toMatchObject({ state: 'honoured', availableEvents: ['WITHDRAW', 'SUBMIT_ACCOUNT'] });
    expect(c.accountBy).toBeUndefined();
    // Its whole grant is still committed, and comes back whole when it is withdrawn.
    const w = await sendEvent(t, a.resident, id, { type: 'WITHDRAW' });
    expect(w).toMatchObject({ state: 'withdrawn', releasedAmountCents: 20_000 });
    expect(await committed()).toBe(before - 20_000);
    const [{ machine_version }] = await t.app
      .get(Database)
      .read((m) => m.query(`SELECT machine_version FROM cases WHERE id = $1`, [id]));
    // Written back under the machine version of today.
    expect(machine_version).toBe(MACHINE_VERSION);
  });

  it('shows the agreement and the money to the council without contact data', async () => {
    const id = await granted(
      rightToChallenge({ areaCode: 'oost', requestedAmountCents: 1_000_000 }),
      100_000,
    );
    await sendEvent(t, a.alderman, id, eventBody('SIGN_AGREEMENT'));
    const res = await t.http.get(`/api/v1/cases/${id}`).set(bearer(a.council)).expect(200);
    expect(res.body).toMatchObject({
      agreement: { fallback: expect.any(String) },
      honouredAmountCents: 100_000,
    });
    expect(res.body.contactEmail).toBeUndefined();
  });
});
