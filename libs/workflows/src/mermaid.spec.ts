import { createMachine } from 'xstate';
import type { CaseState, CaseType } from './case-types.js';
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
/** A founded objection sends a decided case back to assessed (not after a withdrawal). */
const reopenedFrom = (states: CaseState[]) => states.map((s) => `${s} --> assessed : REOPEN`);
const REOPENED_FROM_BOTH: CaseState[] = [
  'honoured',
  'rejected',
  'not_processed',
  'revoked',
  'reported_to_raad',
];
const TRANSITION_LINES: Record<CaseType, string[]> = {
  initiative: [
    ...SHARED_LINES,
    ...reopenedFrom([...REOPENED_FROM_BOTH, 'accounted', 'account_reviewed', 'settled']),
    'honoured --> accounted : SUBMIT_ACCOUNT',
    'accounted --> account_reviewed : REVIEW_ACCOUNT',
    'accounted --> revoked : REVOKE',
    'account_reviewed --> settled : SETTLE',
    'account_reviewed --> revoked : REVOKE',
    'settled --> reported_to_raad : REPORT',
  ],
  right_to_challenge: [
    ...SHARED_LINES,
    ...reopenedFrom([...REOPENED_FROM_BOTH, 'in_execution', 'evaluated', 'terminated']),
    'honoured --> in_execution : SIGN_AGREEMENT',
    'in_execution --> in_execution : PROGRESS_REVIEW',
    'in_execution --> in_execution : EXTEND_AGREEMENT',
    'in_execution --> evaluated : EVALUATE',
    'in_execution --> terminated : TERMINATE',
    'in_execution --> revoked : REVOKE',
    'evaluated --> reported_to_raad : REPORT',
    'terminated --> reported_to_raad : REPORT',
  ],
  objection: [
    'received --> heard : HEAR',
    'received --> withdrawn : WITHDRAW',
    'heard --> decided : DECIDE_OBJECTION',
    'heard --> withdrawn : WITHDRAW',
    'decided --> reported_to_raad : REPORT',
  ],
};
const START: Record<CaseType, CaseState> = {
  initiative: 'submitted',
  right_to_challenge: 'submitted',
  objection: 'received',
};
/** Reopening takes a reported case out again: only an objection's report is final. */
const FINAL: Record<CaseType, CaseState[]> = {
  initiative: ['withdrawn'],
  right_to_challenge: ['withdrawn'],
  objection: ['withdrawn', 'reported_to_raad'],
};
/** The states and events of a diagram: those of its lines. */
const namesIn = (type: CaseType) => {
  const parsed = TRANSITION_LINES[type].map((l) => /^(\w+) --> (\w+) : (\w+)$/.exec(l)!);
  return {
    states: new Set(parsed.flatMap((m) => [m[1], m[2]])),
    events: new Set(parsed.map((m) => m[3])),
  };
};

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
    expect(lines[1]).toBe(`[*] --> ${START[type]}`);
    expect(lines.slice(2).sort()).toEqual(
      [...TRANSITION_LINES[type], ...FINAL[type].map((s) => `${s} --> [*]`)].sort(),
    );
  });

  it('names every state and every event of its case type, and none of the others', () => {
    const own = namesIn(type);
    for (const s of CASE_STATES) {
      if (own.states.has(s)) expect(text).toContain(s);
      else expect(text).not.toMatch(new RegExp(`\\b${s}\\b`));
    }
    for (const e of EVENT_TYPES) {
      if (own.events.has(e)) expect(text).toContain(`: ${e}`);
      else expect(text).not.toContain(`: ${e}`);
    }
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
