// Objections (bezwaar) end to end: the initiator objects to a besluit of their case; the
// objection is a case of type objection with its own machine (heard, decided with four eyes,
// withdrawn), its own reference series, log and decision; a founded objection sends the case
// objected against back to `assessed` through the one transition path, releasing its grant,
// and the next report lists the decisions.
import { Database } from '../apps/api/src/database/database.service.js';
import { addDays, amsterdamDate, startOfAmsterdamDay } from '../libs/workflows/src/index.js';
import { bearer, type Cast, cast } from './support/actors.js';
import {
  assessed,
  caseLog,
  decide,
  decisionsOf,
  eventBody,
  getCase,
  grantTerms,
  initiative,
  letObjectionTermPass,
  objectTo,
  postEvent,
  postObjection,
  sendEvent,
  submit,
} from './support/cases.js';
import { expectCommittedMatchesLog, programmeOf, seedProgramme } from './support/programmes.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

describe('objections (bezwaar)', () => {
  let t: TestApp;
  let a: Cast;
  /** An official who is also an alderman of the area: after hearing an objector, four eyes applies. */
  let hearer: string;
  /** The initiator, also an alderman of the area: may object, never decide their own objection. */
  let initiatorAlderman: string;
  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t);
    hearer = await t.token('hearer-1', ['official', 'alderman'], ['oost'], 'Hanna Hoorder');
    initiatorAlderman = await t.token('resident-1', ['resident', 'alderman'], ['oost']);
    await seedProgramme(t, 'oost', {
      budgetCents: 10_000_000,
      delegationLimitCents: 5_000_000,
      themes: ['speelruimte', 'groen'],
    });
  });
  afterAll(() => t.close());

  /** A case of the resident, honoured with `amountCents`, and its grant's decision. */
  async function granted(amountCents = 100_000) {
    const c = await submit(t, a.resident, initiative());
    await decide(t, a, c.id, 'honoured', amountCents);
    const [grant] = await decisionsOf(t, a.resident, c.id);
    return { c, grant };
  }

  const listObjections = async (token: string) =>
    (await t.http.get('/api/v1/cases?type=objection&limit=100').set(bearer(token)).expect(200)).body
      .items as {
      id: string;
    }[];

  it('the initiator objects to a grant: 201, a case of type objection with its own reference, in time', async () => {
    const { c, grant } = await granted();
    const res = await postObjection(t, a.resident, c.id, grant.number, {
      grounds: 'Wij vroegen € 2.500,00; € 1.000,00 is te weinig.',
    }).expect(201);
    const objection = res.body;
    expect(res.headers.location).toBe(`/api/v1/cases/${objection.id}`);
    expect(objection).toMatchObject({
      type: 'objection',
      reference: expect.stringMatching(/^BZW-\d{4}-\d{6}$/),
      decisionNumber: grant.number,
      caseId: c.id,
      grounds: 'Wij vroegen € 2.500,00; € 1.000,00 is te weinig.',
      late: false,
      areaCode: 'oost',
      initiatorId: 'resident-1',
      state: 'received',
      version: 1,
      availableEvents: ['WITHDRAW'],
    });
    // Six weeks after the objection term ends, with the day it ends (Awb 7:10).
    expect(objection.decisionDueAt).toBe(startOfAmsterdamDay(addDays(grant.objectionDeadline!, 43)));
    // Its own series: the next objection takes the next number.
    const second = await objectTo(t, a.resident, c.id, grant.number);
    expect(Number(String(second.reference).slice(-6))).toBe(Number(objection.reference.slice(-6)) + 1);
    // Logged as submitted, linking the decision and the case objected against.
    const [entry] = await caseLog(t, a.resident, objection.id);
    expect(entry).toMatchObject({
      event: 'SUBMIT',
      fromState: null,
      toState: 'received',
      actor: { id: 'resident-1', role: 'resident' },
      payload: {
        type: 'objection',
        decisionNumber: grant.number,
        objectsTo: { caseId: c.id, reference: c.reference },
        late: false,
      },
    });
    // Notified like any submission.
    const rows: { topic: string }[] = await t.app
      .get(Database)
      .read((m) => m.query(`SELECT topic FROM outbox WHERE payload->>'caseId' = $1`, [objection.id]));
    expect(rows.map((r) => r.topic)).toEqual(['case.submitted']);
  });

  it('is seen by the area team, the initiator, the council and the clerk, and listed with type=objection', async () => {
    const { c, grant } = await granted();
    const objection = await objectTo(t, a.resident, c.id, grant.number);
    for (const token of [a.resident, a.official, a.alderman, a.council, a.clerk]) {
      expect((await getCase(t, token, objection.id)).id).toBe(objection.id);
      expect((await listObjections(token)).map((o) => o.id)).toContain(objection.id);
    }
    for (const token of [a.otherResident, a.officialElsewhere, a.aldermanElsewhere]) {
      expectProblem(await t.http.get(`/api/v1/cases/${objection.id}`).set(bearer(token)), 404);
      expect((await listObjections(token)).map((o) => o.id)).not.toContain(objection.id);
    }
    // The council reads no contact data, here neither.
    expect((await getCase(t, a.council, objection.id)).contactEmail).toBeUndefined();
    expect((await getCase(t, a.official, objection.id)).contactEmail).toBe('anna@example.org');
    // Applications are not objections.
    expect((await listObjections(a.official)).map((o) => o.id)).not.toContain(c.id);
  });

  it('refuses what it may not: 404 unseen, 403 not the initiator, 400 bad grounds, 404 unknown decision; nothing written', async () => {
    const { c, grant } = await granted();
    const other = await granted();
    const countRows = async () => {
      const [row]: { cases: string; log: string }[] = await t.app
        .get(Database)
        .read((m) =>
          m.query(`SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM process_log) AS log`),
        );
      return row;
    };
    const before = await countRows();
    const good = { grounds: 'Te weinig.' };
    expectProblem(await postObjection(t, a.otherResident, c.id, grant.number, good), 404);
    expectProblem(await postObjection(t, a.officialElsewhere, c.id, grant.number, good), 404);
    for (const token of [a.official, a.alderman, a.council, a.clerk]) {
      expect(expectProblem(await postObjection(t, token, c.id, grant.number, good), 403)).toMatchObject({
        code: 'ROLE',
      });
    }
    for (const [body, field] of [
      [{}, 'grounds'],
      [{ grounds: '' }, 'grounds'],
      [{ grounds: 42 }, 'grounds'],
      [{ grounds: 'x'.repeat(10_001) }, 'grounds'],
      [{ grounds: 'Te weinig.', late: true }, 'late'],
    ] as const) {
      const problem = expectProblem(await postObjection(t, a.resident, c.id, grant.number, body), 400);
      expect((problem.invalidParams as { name: string }[]).map((p) => p.name)).toContain(field);
    }
    expectProblem(await postObjection(t, a.resident, c.id, 'BES-1999-000001', good), 404);
    expectProblem(await postObjection(t, a.resident, c.id, 'besluit-1', good), 400);
    // A decision of another case is not found on this one.
    expectProblem(await postObjection(t, a.resident, c.id, other.grant.number, good), 404);
    expect(await countRows()).toEqual(before);
  });

  it('accepts an objection after the deadline, marked late (Awb 6:11); the term still counts from the deadline', async () => {
    const { c, grant } = await granted();
    const deadline = await letObjectionTermPass(t, grant.number);
    const late = await objectTo(t, a.resident, c.id, grant.number);
    expect(late).toMatchObject({ late: true, state: 'received' });
    expect(late.decisionDueAt).toBe(startOfAmsterdamDay(addDays(deadline, 43)));
    expect((await caseLog(t, a.official, late.id))[0].payload).toMatchObject({ late: true });
  });

  it('hearing, four eyes and an unfounded decision: a numbered beslissing op bezwaar, no objection against it', async () => {
    const { c, grant } = await granted();
    const objection = await objectTo(t, a.resident, c.id, grant.number);
    const tomorrow = addDays(amsterdamDate(new Date().toISOString()), 1);
    // Only an official of the area hears; not in the future.
    expect(expectProblem(await postEvent(t, a.alderman, objection.id, eventBody('HEAR')), 403)).toMatchObject(
      { code: 'ROLE' },
    );
    const future = expectProblem(
      await postEvent(t, a.official, objection.id, { ...eventBody('HEAR'), heardOn: tomorrow }),
      400,
    );
    expect(future.invalidParams).toEqual([expect.objectContaining({ name: 'heardOn' })]);
    // Not before the hearing.
    expect(
      expectProblem(await postEvent(t, a.alderman, objection.id, eventBody('DECIDE_OBJECTION')), 409),
    ).toMatchObject({ code: 'STATE' });
    const heard = await sendEvent(t, hearer, objection.id, eventBody('HEAR'));
    expect(heard).toMatchObject({
      state: 'heard',
      hearing: { heardOn: amsterdamDate(new Date().toISOString()), minutes: expect.any(String) },
    });
    // Whoever heard the objector does not decide on the objection (four eyes).
    expect(
      expectProblem(await postEvent(t, hearer, objection.id, eventBody('DECIDE_OBJECTION')), 403),
    ).toMatchObject({ code: 'FOUR_EYES', event: 'DECIDE_OBJECTION' });
    expect((await getCase(t, hearer, objection.id)).blockedEvents).toEqual([
      expect.objectContaining({ type: 'DECIDE_OBJECTION', code: 'FOUR_EYES' }),
    ]);
    // Nor does the initiator who is also an alderman (conflict of interest).
    expect(
      expectProblem(await postEvent(t, initiatorAlderman, objection.id, eventBody('DECIDE_OBJECTION')), 403),
    ).toMatchObject({ code: 'CONFLICT_OF_INTEREST' });
    expect(
      expectProblem(
        await postEvent(t, a.alderman, objection.id, { ...eventBody('DECIDE_OBJECTION'), outcome: 'partly' }),
        400,
      ).invalidParams,
    ).toEqual([expect.objectContaining({ name: 'outcome' })]);
    const decided = await sendEvent(t, a.alderman, objection.id, eventBody('DECIDE_OBJECTION'));
    expect(decided).toMatchObject({ state: 'decided', outcome: 'unfounded', availableEvents: [] });
    const [onObjection] = await decisionsOf(t, a.resident, objection.id);
    expect(onObjection).toMatchObject({
      number: expect.stringMatching(/^BES-\d{4}-\d{6}$/),
      kind: 'objection_decision',
      kindLabel: 'Beslissing op bezwaar',
      event: 'DECIDE_OBJECTION',
      legalBasis: expect.stringContaining('7:11'),
      objectionPossible: false,
      decidedBy: { name: 'Wethouder Wim', role: 'alderman' },
    });
    expect(onObjection.objectionDeadline).toBeUndefined();
    // One appeals to the court against it, one does not object again.
    expect(
      expectProblem(
        await postObjection(t, a.resident, objection.id, onObjection.number, { grounds: 'Nee.' }),
        409,
      ),
    ).toMatchObject({ code: 'NOT_OBJECTIONABLE' });
    // Unfounded: the case objected against stays as it was.
    expect(await getCase(t, a.official, c.id)).toMatchObject({
      state: 'honoured',
      honouredAmountCents: 100_000,
    });
  });

  it('the objector withdraws before the decision, not after it', async () => {
    const { c, grant } = await granted();
    const early = await objectTo(t, a.resident, c.id, grant.number);
    expectProblem(await postEvent(t, a.official, early.id, eventBody('WITHDRAW')), 403);
    expect(await sendEvent(t, a.resident, early.id, eventBody('WITHDRAW'))).toMatchObject({
      state: 'withdrawn',
      availableEvents: [],
    });
    const heard = await objectTo(t, a.resident, c.id, grant.number);
    await sendEvent(t, a.official, heard.id, eventBody('HEAR'));
    expect((await sendEvent(t, a.resident, heard.id, eventBody('WITHDRAW'))).state).toBe('withdrawn');
    const decided = await objectTo(t, a.resident, c.id, grant.number);
    await sendEvent(t, a.official, decided.id, eventBody('HEAR'));
    await sendEvent(t, a.alderman, decided.id, eventBody('DECIDE_OBJECTION'));
    expect(
      expectProblem(await postEvent(t, a.resident, decided.id, eventBody('WITHDRAW')), 409),
    ).toMatchObject({ code: 'STATE' });
  });

  it('a founded objection reopens the case: back to assessed, the grant back in the programme, both logs linked, a new decision in the next report', async () => {
    await t.http.post('/api/v1/reports').set(bearer(a.alderman)).expect(201); // a clean slate
    const { c, grant } = await granted(200_000);
    const committedBefore = (await programmeOf(t, a.council, 'oost'))!.committedCents;
    const objection = await objectTo(t, a.resident, c.id, grant.number);
    await sendEvent(t, a.official, objection.id, eventBody('HEAR'));
    const decided = await sendEvent(t, a.otherAlderman, objection.id, {
      type: 'DECIDE_OBJECTION',
      outcome: 'founded',
      motivation: 'Het aantal deelnemers is hoger dan aangenomen.',
    });
    expect(decided).toMatchObject({ state: 'decided', outcome: 'founded' });

    const reopened = await getCase(t, a.official, c.id);
    expect(reopened).toMatchObject({
      state: 'assessed',
      honouredAmountCents: null,
    });
    // The grant no longer stands: nothing of it is shown as released or due either.
    expect(reopened.releasedAmountCents).toBeUndefined();
    expect(reopened.accountBy).toBeUndefined();
    expect((await programmeOf(t, a.council, 'oost'))!.committedCents).toBe(committedBefore - 200_000);
    await expectCommittedMatchesLog(t, a.council);

    // Both logs show the link; the reopening's actor is the deciding alderman.
    const originalLog = await caseLog(t, a.council, c.id);
    const reopen = originalLog[originalLog.length - 1];
    expect(reopen).toMatchObject({
      event: 'REOPEN',
      fromState: 'honoured',
      toState: 'assessed',
      actor: { id: 'alderman-2', role: 'alderman' },
      payload: {
        objectionId: objection.id,
        objectionReference: objection.reference,
        decisionNumber: grant.number,
      },
    });
    const objectionLog = await caseLog(t, a.council, objection.id);
    const decision = objectionLog[objectionLog.length - 1];
    expect(decision).toMatchObject({
      event: 'DECIDE_OBJECTION',
      payload: { outcome: 'founded', reopened: { caseId: c.id, reference: c.reference } },
    });
    // In one transaction: the reopening directly follows the decision in the chain.
    expect(reopen.seq).toBe((decision.seq as number) + 1);

    // A new decision can be taken (not by the assessor: four eyes still holds).
    const again = await sendEvent(t, a.alderman, c.id, {
      type: 'HONOUR',
      amountCents: 150_000,
      motivation: 'Heroverwogen na het bezwaar.',
      ...grantTerms(),
    });
    expect(again).toMatchObject({ state: 'honoured', honouredAmountCents: 150_000 });
    expect((await decisionsOf(t, a.resident, c.id)).map((d) => d.event)).toEqual(['HONOUR', 'HONOUR']);
    await expectCommittedMatchesLog(t, a.council);

    // The next report lists the decision on the objection and the new grant, and files the objection.
    const report = (await t.http.post('/api/v1/reports').set(bearer(a.alderman)).expect(201)).body;
    const listed = report.decisions.map((d: { caseId: string; event: string }) => [d.caseId, d.event]);
    expect(listed).toEqual(
      expect.arrayContaining([
        [objection.id, 'DECIDE_OBJECTION'],
        [c.id, 'HONOUR'],
      ]),
    );
    expect(report.cases.map((r: { caseId: string }) => r.caseId)).toContain(objection.id);
    expect((await getCase(t, a.council, objection.id)).state).toBe('reported_to_raad');
  });

  it('reopens a case already closed and reported to the raad', async () => {
    const c = await assessed(t, a, initiative());
    await sendEvent(t, a.alderman, c.id, { type: 'REJECT', motivation: 'Past niet in het programma.' });
    const [refusal] = await decisionsOf(t, a.resident, c.id);
    await t.http.post('/api/v1/reports').set(bearer(a.alderman)).expect(201);
    expect((await getCase(t, a.resident, c.id)).state).toBe('reported_to_raad');
    const objection = await objectTo(t, a.resident, c.id, refusal.number);
    await sendEvent(t, a.official, objection.id, eventBody('HEAR'));
    await sendEvent(t, a.alderman, objection.id, { ...eventBody('DECIDE_OBJECTION'), outcome: 'founded' });
    const reopened = await getCase(t, a.alderman, c.id);
    expect(reopened.state).toBe('assessed');
    // Decided anew by someone who did not assess it (the alderman), with the budget rules as ever.
    expect(reopened.availableEvents).toEqual(expect.arrayContaining(['HONOUR', 'REJECT']));
  });

  it('a founded objection is refused (409) when the case cannot be decided again; nothing changes', async () => {
    const { c, grant } = await granted();
    await sendEvent(t, a.resident, c.id, eventBody('WITHDRAW'));
    const objection = await objectTo(t, a.resident, c.id, grant.number);
    await sendEvent(t, a.official, objection.id, eventBody('HEAR'));
    const before = await caseLog(t, a.council, objection.id);
    const problem = expectProblem(
      await postEvent(t, a.alderman, objection.id, { ...eventBody('DECIDE_OBJECTION'), outcome: 'founded' }),
      409,
    );
    expect(problem).toMatchObject({ code: 'STATE' });
    expect(String(problem.detail)).toContain(c.reference);
    expect(await caseLog(t, a.council, objection.id)).toEqual(before);
    expect(await decisionsOf(t, a.resident, objection.id)).toEqual([]);
    expect((await getCase(t, a.resident, c.id)).state).toBe('withdrawn');
    // Inadmissible is still possible.
    await sendEvent(t, a.alderman, objection.id, {
      ...eventBody('DECIDE_OBJECTION'),
      outcome: 'inadmissible',
    });
  });

  it('POST /cases takes no objection: it is made against a decision', async () => {
    expectProblem(
      await t.http
        .post('/api/v1/cases')
        .set(bearer(a.resident))
        .send(initiative({ type: 'objection' })),
      400,
    );
  });
});
