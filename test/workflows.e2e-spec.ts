import { stateLabel } from '../libs/workflows/src/index.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

/** The states of each lifecycle, as docs/api.md draws them. */
const SHARED = [
  'submitted',
  'awaiting_info',
  'assessed',
  'awaiting_council',
  'honoured',
  'rejected',
  'not_processed',
  'withdrawn',
  'revoked',
  'reported_to_raad',
];
const STATES = {
  initiative: [...SHARED, 'accounted', 'account_reviewed', 'settled'],
  right_to_challenge: [...SHARED, 'in_execution', 'evaluated', 'terminated'],
};
/** An objection (bezwaar) against a decision: its own small lifecycle. */
const OBJECTION_STATES = ['received', 'heard', 'decided', 'withdrawn', 'reported_to_raad'];

describe('workflows: described and drawn from the machines', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists every case type publicly with its states and events, the objection too', async () => {
    const res = await t.http.get('/api/v1/workflows').expect(200);
    expect(res.body.map((w: { type: string }) => w.type)).toEqual([
      'initiative',
      'right_to_challenge',
      'objection',
    ]);
    const objection = res.body[2];
    expect(objection).toMatchObject({
      initial: 'received',
      events: ['WITHDRAW', 'HEAR', 'DECIDE_OBJECTION', 'REPORT'],
    });
    expect([...objection.states].sort()).toEqual([...OBJECTION_STATES].sort());
    const decide = objection.eventDetails.find((e: { type: string }) => e.type === 'DECIDE_OBJECTION');
    expect(decide).toMatchObject({
      label: 'Op bezwaar beslist',
      action: 'Beslis op het bezwaar',
      roles: ['alderman'],
    });
    expect(decide.fields.find((f: { name: string }) => f.name === 'outcome')).toMatchObject({
      kind: 'choice',
      required: true,
      choices: ['founded', 'unfounded', 'inadmissible'],
      choiceLabels: {
        founded: expect.stringMatching(/^Gegrond/),
        unfounded: expect.stringMatching(/^Ongegrond/),
      },
    });
    expect(objection.eventDetails.find((e: { type: string }) => e.type === 'WITHDRAW')).toMatchObject({
      action: 'Trek het bezwaar in',
    });
    expect(objection.stateDetails.find((d: { name: string }) => d.name === 'withdrawn').label).toBe(
      'Bezwaar ingetrokken',
    );
    for (const w of res.body.slice(0, 2)) {
      expect(w.initial).toBe('submitted');
      expect([...w.states].sort()).toEqual([...STATES[w.type as keyof typeof STATES]].sort());
      expect(w.events).toEqual(
        expect.arrayContaining([
          'ASSESS',
          'HONOUR',
          'REFER_TO_COUNCIL',
          'COUNCIL_HONOUR',
          'WITHDRAW',
          'REVOKE',
        ]),
      );
    }
    const [initiative, challenge] = res.body;
    expect(initiative.events).toEqual(expect.arrayContaining(['SUBMIT_ACCOUNT', 'REVIEW_ACCOUNT', 'SETTLE']));
    expect(initiative.events).not.toContain('SIGN_AGREEMENT');
    expect(challenge.events).toEqual(
      expect.arrayContaining([
        'SIGN_AGREEMENT',
        'PROGRESS_REVIEW',
        'EXTEND_AGREEMENT',
        'EVALUATE',
        'TERMINATE',
      ]),
    );
    expect(challenge.events).not.toContain('SETTLE');
  });

  it("gives each state's Dutch label and tags, and each event's label, roles and fields", async () => {
    const res = await t.http.get('/api/v1/workflows').expect(200);
    const initiative = res.body[0];
    const state = (name: string) => initiative.stateDetails.find((d: { name: string }) => d.name === name);
    expect(initiative.stateDetails.map((d: { name: string }) => d.name)).toEqual(initiative.states);
    expect(state('awaiting_info')).toEqual({
      name: 'awaiting_info',
      label: 'Wacht op informatie',
      tags: expect.arrayContaining(['open', 'term_suspended']),
    });
    expect(state('awaiting_info').tags).not.toContain('term_running');
    // A grant is carried out before the case closes; the report files only closed cases.
    expect(state('honoured').tags).toEqual(expect.arrayContaining(['decided', 'granted', 'in_progress']));
    expect(state('honoured').tags).not.toContain('reportable');
    expect(state('settled').tags).toEqual(expect.arrayContaining(['decided', 'granted', 'reportable']));
    expect(state('withdrawn').tags).toContain('closed');
    for (const d of initiative.stateDetails) expect(d.label).toMatch(/^[A-Z][a-z]/);

    const event = (type: string) => initiative.eventDetails.find((e: { type: string }) => e.type === type);
    expect(initiative.eventDetails.map((e: { type: string }) => e.type)).toEqual(initiative.events);
    expect(event('ASSESS')).toEqual({
      type: 'ASSESS',
      label: 'Beoordeeld',
      action: 'Beoordeel',
      roles: ['official'],
      fields: expect.arrayContaining([
        { name: 'advice', label: 'Advies', kind: 'choice', required: true, choices: ['honour', 'reject'] },
        {
          name: 'motivation',
          label: 'Motivering',
          kind: 'text',
          required: true,
          minLength: 1,
          maxLength: 5000,
        },
      ]),
    });
    expect(event('HONOUR').fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'amountCents', kind: 'integer', required: true, minimum: 1 }),
        expect.objectContaining({ name: 'agreementMonths', kind: 'integer', required: false }),
      ]),
    );
    expect(event('HONOUR').fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'accountBy', kind: 'date', required: false })]),
    );
    expect(event('WITHDRAW').fields).toEqual([expect.objectContaining({ name: 'reason', required: false })]);
    const sign = res.body[1].eventDetails.find((e: { type: string }) => e.type === 'SIGN_AGREEMENT');
    expect(sign.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'startsOn', kind: 'date', required: true }),
        expect.objectContaining({ name: 'deliverables', kind: 'texts', minItems: 1, maxItems: 20 }),
        expect.objectContaining({
          name: 'indicators',
          kind: 'records',
          maxItems: 10,
          of: expect.arrayContaining([
            expect.objectContaining({ name: 'name', kind: 'text' }),
            expect.objectContaining({ name: 'target', kind: 'integer' }),
          ]),
        }),
      ]),
    );
    // Forms are drawn from these fields: every field of every event has its Dutch label.
    for (const w of res.body) {
      for (const e of w.eventDetails) {
        for (const f of [...e.fields, ...e.fields.flatMap((x: { of?: unknown[] }) => x.of ?? [])])
          expect({ event: e.type, field: f.name, labelled: f.label !== f.name }).toEqual({
            event: e.type,
            field: f.name,
            labelled: true,
          });
      }
    }
    // REPORT is sent by POST /reports, never by a person.
    expect(event('REPORT')).toEqual({ type: 'REPORT', label: 'Gemeld aan de raad', roles: [], fields: [] });
  });

  it('draws a Mermaid stateDiagram-v2 with every state and transition', async () => {
    const res = await t.http.get('/api/v1/workflows/right_to_challenge/diagram').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text: string = res.text;
    expect(text.split('\n')[0]).toBe('stateDiagram-v2');
    expect(text).toContain('[*] --> submitted');
    for (const line of [
      'submitted --> awaiting_info : REQUEST_INFO',
      'awaiting_info --> submitted : SUPPLY_INFO',
      'assessed --> awaiting_council : REFER_TO_COUNCIL',
      'awaiting_council --> honoured : COUNCIL_HONOUR',
      'honoured --> in_execution : SIGN_AGREEMENT',
      'in_execution --> in_execution : PROGRESS_REVIEW',
      'in_execution --> terminated : TERMINATE',
      'evaluated --> reported_to_raad : REPORT',
      'honoured --> withdrawn : WITHDRAW',
      'assessed --> withdrawn : WITHDRAW',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).not.toContain('honoured --> reported_to_raad');
    for (const s of STATES.right_to_challenge) expect(text).toContain(s);
    // A founded objection takes a decided case back (REOPEN), also once reported.
    expect(text).toContain('reported_to_raad --> assessed : REOPEN');
    const objection = (await t.http.get('/api/v1/workflows/objection/diagram').expect(200)).text;
    for (const line of [
      '[*] --> received',
      'received --> heard : HEAR',
      'heard --> decided : DECIDE_OBJECTION',
      'heard --> withdrawn : WITHDRAW',
      'decided --> reported_to_raad : REPORT',
    ]) {
      expect(objection).toContain(line);
    }
    expectProblem(await t.http.get('/api/v1/workflows/unknown/diagram'), 400);
  });

  it('draws the same diagram with Dutch names for people (labels=nl), the codes staying the ids', async () => {
    const codes = (await t.http.get('/api/v1/workflows/initiative/diagram').expect(200)).text;
    const res = await t.http.get('/api/v1/workflows/initiative/diagram?labels=nl').expect(200);
    const text: string = res.text;
    expect(text.split('\n')[0]).toBe('stateDiagram-v2');
    expect(text).toContain(`state "${stateLabel('reported_to_raad')}" as reported_to_raad`);
    expect(text).toContain('submitted --> assessed : Beoordeeld');
    expect(text).toContain('assessed --> honoured : Toegekend');
    expect(text).not.toMatch(/ : [A-Z_]+$/m);
    // One drawn line per line of the diagram with codes: the same transitions.
    const arrows = (x: string) => x.split('\n').filter((l) => l.includes('-->')).length;
    expect(arrows(text)).toBe(arrows(codes));
    for (const s of STATES.initiative) expect(text).toMatch(new RegExp(`^  state "[^"]+" as ${s}$`, 'm'));
    expect((await t.http.get('/api/v1/workflows/initiative/diagram?labels=codes').expect(200)).text).toBe(
      codes,
    );
    for (const q of ['labels=en', 'labels=', 'other=1']) {
      expectProblem(await t.http.get(`/api/v1/workflows/initiative/diagram?${q}`), 400);
    }
  });
});
