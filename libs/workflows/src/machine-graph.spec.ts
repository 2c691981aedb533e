import { createMachine } from 'xstate';
import { CASE_STATES, CASE_TYPES } from './case-types.js';
import { getCaseMachine } from './case.machine.js';
import { machineGraph, unreachableStates } from './machine-graph.js';

describe('machineGraph', () => {
  it.each(CASE_TYPES)('%s: reads states, finals and all 13 transitions from the machine', (type) => {
    const g = machineGraph(getCaseMachine(type));
    expect(g.initial).toBe('submitted');
    expect([...g.states].sort()).toEqual([...CASE_STATES].sort());
    expect(g.finalStates.sort()).toEqual(['reported_to_raad', 'withdrawn']);
    expect(g.transitions).toHaveLength(13);
  });
});

describe('unreachableStates', () => {
  it.each(CASE_TYPES)('%s has none', (type) => {
    expect(unreachableStates(getCaseMachine(type))).toEqual([]);
  });

  it('finds a state no transition leads to', () => {
    const broken = createMachine({
      initial: 'a',
      states: {
        a: { on: { GO: 'b' } },
        b: { on: { BACK: 'a' } },
        orphan: { on: { GO: 'a' } },
      },
    });
    expect(unreachableStates(broken)).toEqual(['orphan']);
  });
});
