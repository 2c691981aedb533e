import { createMachine } from 'xstate';
import { CASE_STATES, CASE_TYPES, EVENT_TYPES } from './case-types.js';
import { machineToMermaid, toMermaid } from './mermaid.js';

// The lifecycle of docs/api.md, as the lines the diagram must contain.
const TRANSITION_LINES = [
  'submitted --> awaiting_info : REQUEST_INFO',
  'submitted --> assessed : ASSESS',
  'submitted --> withdrawn : WITHDRAW',
  'awaiting_info --> submitted : SUPPLY_INFO',
  'awaiting_info --> withdrawn : WITHDRAW',
  'assessed --> honoured : HONOUR',
  'assessed --> rejected : REJECT',
  'assessed --> awaiting_council : REFER_TO_COUNCIL',
  'assessed --> withdrawn : WITHDRAW',
  'awaiting_council --> honoured : COUNCIL_HONOUR',
  'awaiting_council --> rejected : COUNCIL_REJECT',
  'honoured --> reported_to_raad : REPORT',
  'rejected --> reported_to_raad : REPORT',
];

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
      [...TRANSITION_LINES, 'withdrawn --> [*]', 'reported_to_raad --> [*]'].sort(),
    );
  });

  it('names every state and every event', () => {
    for (const s of CASE_STATES) expect(text).toContain(s);
    for (const e of EVENT_TYPES) expect(text).toContain(`: ${e}`);
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
