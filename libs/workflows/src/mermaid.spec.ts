import { createMachine } from 'xstate';
import type { CaseState, CaseType, EventType } from './case-types.js';
import { CASE_STATES, CASE_TYPES, EVENT_TYPES } from './case-types.js';
import { machineToMermaid, toMermaid } from './mermaid.js';

// The lifecycle of docs/api.md, as the lines each diagram must contain.
const SHARED_LINES = [
  'submitted --> awaiting_info : REQUEST_INFO',
  'submitted --> assessed : ASSESS',
  'submitted --> withdrawn : WITHDRAW',
  'awaiting_info --> submitted : SUPPLY_INFO',
  'awaiting_info --> withdrawn : WITHDRAW',
  'awaiting_info --> not_processed : NOT_PROCESSED',
  'submitted --> submitted : NOTICE_OF_DEFAULT',
  'awaiting_info --> awaiting_info : NOTICE_OF_DEFAULT',
  'assessed --> assessed : NOTICE_OF_DEFAULT',
  'awaiting_council --> awaiting_council : NOTICE_OF_DEFAULT',
  'submitted --> submitted : EXTEND_TERM',
  'awaiting_info --> awaiting_info : EXTEND_TERM',
  'assessed --> assessed : EXTEND_TERM',
  'awaiting_council --> awaiting_council : EXTEND_TERM',
  'assessed --> honoured : HONOUR',
  'assessed --> rejected : REJECT',
  'assessed --> awaiting_council : REFER_TO_COUNCIL',
  'assessed --> withdrawn : WITHDRAW',
  'awaiting_council --> honoured : COUNCIL_HONOUR',
  'awaiting_council --> rejected : COUNCIL_REJECT',
  'honoured --> revoked : REVOKE',
  'honoured --> withdrawn : WITHDRAW',
  'rejected --> reported_to_raad : REPORT',
  'not_processed --> reported_to_raad : REPORT',
  'revoked --> reported_to_raad : REPORT',
];
const TRANSITION_LINES: Record<CaseType, string[]> = {
  initiative: [
    ...SHARED_LINES,
    'honoured --> accounted : SUBMIT_ACCOUNT',
    'accounted --> account_reviewed : REVIEW_ACCOUNT',
    'accounted --> revoked : REVOKE',
    'account_reviewed --> settled : SETTLE',
    'account_reviewed --> revoked : REVOKE',
    'settled --> reported_to_raad : REPORT',
  ],
  right_to_challenge: [
    ...SHARED_LINES,
    'honoured --> in_execution : SIGN_AGREEMENT',
    'in_execution --> in_execution : PROGRESS_REVIEW',
    'in_execution --> in_execution : EXTEND_AGREEMENT',
    'in_execution --> evaluated : EVALUATE',
    'in_execution --> terminated : TERMINATE',
    'in_execution --> revoked : REVOKE',
    'evaluated --> reported_to_raad : REPORT',
    'terminated --> reported_to_raad : REPORT',
  ],
};
const OWN_STATES: Record<CaseType, CaseState[]> = {
  initiative: ['accounted', 'account_reviewed', 'settled'],
  right_to_challenge: ['in_execution', 'evaluated', 'terminated'],
};
const OWN_EVENTS: Record<CaseType, EventType[]> = {
  initiative: ['SUBMIT_ACCOUNT', 'REVIEW_ACCOUNT', 'SETTLE'],
  right_to_challenge: ['SIGN_AGREEMENT', 'PROGRESS_REVIEW', 'EXTEND_AGREEMENT', 'EVALUATE', 'TERMINATE'],
};
const other = (type: CaseType): CaseType => (type === 'initiative' ? 'right_to_challenge' : 'initiative');

const body = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

describe.each(CASE_TYPES)('toMermaid(%s)', (type) => {
  const text = toMermaid(type);
  const lines = body(text);

  it('is a stateDiagram-v2 with exactly the start, the transitions and the final states', () => {
    expect(lines[0]).toBe('stateDiagram-v2');
    expect(lines[1]).toBe('[*] --> submitted');
    expect(lines.slice(2).sort()).toEqual(
      [...TRANSITION_LINES[type], 'withdrawn --> [*]', 'reported_to_raad --> [*]'].sort(),
    );
  });

  it('names every state and every event of its case type, and none of the other', () => {
    const foreignStates = OWN_STATES[other(type)];
    const foreignEvents = OWN_EVENTS[other(type)];
    for (const s of CASE_STATES.filter((s) => !foreignStates.includes(s))) expect(text).toContain(s);
    for (const e of EVENT_TYPES.filter((e) => !foreignEvents.includes(e))) expect(text).toContain(`: ${e}`);
    for (const s of foreignStates) expect(text).not.toMatch(new RegExp(`\\b${s}\\b`));
    for (const e of foreignEvents) expect(text).not.toContain(`: ${e}`);
  });
});

describe('machineToMermaid', () => {
  it('draws whatever machine it is given, so nothing is hand-written', () => {
    const other = createMachine({
      id: 'other',
      initial: 'a',
      states: {
        a: { on: { GO: 'b', STAY: 'a' } },
        b: { on: { STOP: [{ target: 'c', guard: () => false }, { target: 'c' }] } },
        c: { type: 'final' },
      },
    });
    expect(body(machineToMermaid(other))).toEqual([
      'stateDiagram-v2',
      '[*] --> a',
      'a --> b : GO',
      'a --> a : STAY',
      'b --> c : STOP',
      'c --> [*]',
    ]);
  });
});
