import { createMachine } from 'xstate';
import type { CaseState, CaseType } from './case-types.js';
import { CASE_TYPES } from './case-types.js';
import { getCaseMachine } from './case.machine.js';
import { machineGraph, unreachableStates } from './machine-graph.js';

// Written out from the lifecycle of docs/api.md: the states of each case type and how many
// transitions lead out of each (a self-transition counted too).
// NOTICE_OF_DEFAULT and EXTEND_TERM are self-transitions in each of the four open states; REOPEN
// (a founded objection) leads out of every state a besluit leads to, withdrawn excepted.
const SHARED_OUT: Partial<Record<CaseState, number>> = {
  submitted: 5,
  // SUPPLY_INFO, WITHDRAW, NOT_PROCESSED, NOTICE_OF_DEFAULT, EXTEND_TERM.
  awaiting_info: 5,
  assessed: 6,
  awaiting_council: 4,
  // SUBMIT_ACCOUNT or SIGN_AGREEMENT, REVOKE, WITHDRAW, REOPEN.
  honoured: 4,
  rejected: 2,
  not_processed: 2,
  revoked: 2,
  withdrawn: 0,
  reported_to_raad: 1,
};
const OUT: Record<CaseType, Partial<Record<CaseState, number>>> = {
  initiative: { ...SHARED_OUT, accounted: 3, account_reviewed: 3, settled: 2 },
  // PROGRESS_REVIEW and EXTEND_AGREEMENT stay in in_execution.
  right_to_challenge: { ...SHARED_OUT, in_execution: 6, evaluated: 2, terminated: 2 },
  // DECIDE_OBJECTION twice: founded (which reopens the original) and otherwise.
  objection: { received: 2, heard: 3, decided: 1, withdrawn: 0, reported_to_raad: 0 },
};
const INITIAL: Record<CaseType, CaseState> = {
  initiative: 'submitted',
  right_to_challenge: 'submitted',
  objection: 'received',
};
const FINAL: Record<CaseType, CaseState[]> = {
  initiative: ['withdrawn'],
  right_to_challenge: ['withdrawn'],
  objection: ['reported_to_raad', 'withdrawn'],
};
const total = (type: CaseType) => Object.values(OUT[type]).reduce((a, b) => a + (b ?? 0), 0);

describe('machineGraph', () => {
  it.each(CASE_TYPES)('%s: reads states, finals and every transition from the machine', (type) => {
    const g = machineGraph(getCaseMachine(type));
    expect(g.initial).toBe(INITIAL[type]);
    expect([...g.states].sort()).toEqual(Object.keys(OUT[type]).sort());
    expect(g.finalStates.sort()).toEqual(FINAL[type]);
    for (const state of g.states) {
      expect({ state, out: g.transitions.filter((t) => t.source === state).length }).toEqual({
        state,
        out: OUT[type][state as CaseState],
      });
    }
    expect(g.transitions).toHaveLength(total(type));
  });

  it('counts 39 transitions for an initiative, 41 for a Right to Challenge and 6 for an objection', () => {
    expect(machineGraph(getCaseMachine('initiative')).transitions).toHaveLength(39);
    expect(machineGraph(getCaseMachine('right_to_challenge')).transitions).toHaveLength(41);
    expect(machineGraph(getCaseMachine('objection')).transitions).toHaveLength(6);
  });

  it('keeps self-transitions as edges from a state to itself', () => {
    const selfEdges = (type: CaseType) =>
      machineGraph(getCaseMachine(type))
        .transitions.filter((t) => t.source === t.target)
        .map((t) => `${t.source}:${t.event}`)
        .sort();
    const notices = ['submitted', 'awaiting_info', 'assessed', 'awaiting_council'].flatMap((s) => [
      `${s}:NOTICE_OF_DEFAULT`,
      `${s}:EXTEND_TERM`,
    ]);
    expect(selfEdges('right_to_challenge')).toEqual(
      [...notices, 'in_execution:EXTEND_AGREEMENT', 'in_execution:PROGRESS_REVIEW'].sort(),
    );
    expect(selfEdges('initiative')).toEqual([...notices].sort());
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

  it('does not count a self-transition as a way in', () => {
    const broken = createMachine({
      initial: 'a',
      states: {
        a: { on: { GO: 'b' } },
        b: {},
        island: { on: { STAY: 'island' } },
      },
    });
    expect(unreachableStates(broken)).toEqual(['island']);
  });
});
