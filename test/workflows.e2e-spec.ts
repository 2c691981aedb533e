import { CASE_STATES } from '../libs/workflows/src/index.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

describe('workflows: described and drawn from the machines', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists both case types publicly with their states and events', async () => {
    const res = await t.http.get('/api/v1/workflows').expect(200);
    expect(res.body.map((w: { type: string }) => w.type)).toEqual(['initiative', 'right_to_challenge']);
    for (const w of res.body) {
      expect(w.initial).toBe('submitted');
      expect([...w.states].sort()).toEqual([...CASE_STATES].sort());
      expect(w.events).toEqual(
        expect.arrayContaining(['ASSESS', 'HONOUR', 'REFER_TO_COUNCIL', 'COUNCIL_HONOUR', 'WITHDRAW']),
      );
    }
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
      'honoured --> reported_to_raad : REPORT',
      'assessed --> withdrawn : WITHDRAW',
    ]) {
      expect(text).toContain(line);
    }
    for (const s of CASE_STATES) expect(text).toContain(s);
    expectProblem(await t.http.get('/api/v1/workflows/unknown/diagram'), 400);
  });
});
