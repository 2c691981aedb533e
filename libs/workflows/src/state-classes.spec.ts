import type { CaseState } from './case-types.js';
import { CASE_STATES, CASE_TYPES } from './case-types.js';
import { stateDetails, stateHasTag, stateLabel, statesTagged } from './state-classes.js';
import { STATE_TAGS, type StateTag } from './state-tags.js';

// Which states each tag names, written out from the contract's lifecycle.
const TAGGED: Record<StateTag, CaseState[]> = {
  open: ['submitted', 'awaiting_info', 'assessed', 'awaiting_council', 'received', 'heard'],
  term_running: ['submitted', 'assessed', 'awaiting_council', 'received', 'heard'],
  term_suspended: ['awaiting_info'],
  awaiting_initiator: ['awaiting_info'],
  awaiting_decision: ['assessed', 'awaiting_council', 'heard'],
  referred: ['awaiting_council'],
  decided: [
    'honoured',
    'accounted',
    'account_reviewed',
    'settled',
    'in_execution',
    'evaluated',
    'terminated',
    'rejected',
    'not_processed',
    'revoked',
    'decided',
    'reported_to_raad',
  ],
  granted: ['honoured', 'accounted', 'account_reviewed', 'settled', 'in_execution', 'evaluated'],
  in_progress: ['honoured', 'accounted', 'account_reviewed', 'in_execution'],
  account_due: ['honoured'],
  // Buiten behandeling (Awb 4:5) refuses to decide on the merits: the application is refused.
  refused: ['rejected', 'not_processed'],
  funds_committed: [
    'honoured',
    'accounted',
    'account_reviewed',
    'settled',
    'in_execution',
    'evaluated',
    'terminated',
    'reported_to_raad',
  ],
  // Closed by their last decision: the next report lists them and moves them on.
  reportable: ['rejected', 'not_processed', 'settled', 'revoked', 'evaluated', 'terminated', 'decided'],
  closed: ['withdrawn', 'reported_to_raad'],
  reported: ['reported_to_raad'],
};

describe('statesTagged', () => {
  it.each(STATE_TAGS)('%s', (tag) => {
    expect(statesTagged(tag).sort()).toEqual([...TAGGED[tag]].sort());
  });

  it('no longer calls a grant reportable: honoured is still being carried out', () => {
    expect(stateHasTag('honoured', 'reportable')).toBe(false);
    expect(stateHasTag('honoured', 'in_progress')).toBe(true);
    expect(stateHasTag('honoured', 'account_due')).toBe(true);
  });

  it('leaves no state both open and decided, nor reportable and closed', () => {
    for (const s of CASE_STATES) {
      expect({ s, both: stateHasTag(s, 'open') && stateHasTag(s, 'decided') }).toEqual({ s, both: false });
      expect({ s, both: stateHasTag(s, 'reportable') && stateHasTag(s, 'closed') }).toEqual({
        s,
        both: false,
      });
    }
  });
});

describe('stateDetails', () => {
  const APPLICATION: CaseState[] = [
    'submitted',
    'awaiting_info',
    'assessed',
    'awaiting_council',
    'honoured',
    'rejected',
    'withdrawn',
    'revoked',
    'not_processed',
    'reported_to_raad',
  ];
  const STATES: Record<(typeof CASE_TYPES)[number], CaseState[]> = {
    initiative: [...APPLICATION, 'accounted', 'account_reviewed', 'settled'],
    right_to_challenge: [...APPLICATION, 'in_execution', 'evaluated', 'terminated'],
    objection: ['received', 'heard', 'decided', 'withdrawn', 'reported_to_raad'],
  };

  it.each(CASE_TYPES)('%s: its own states and the shared ones, each with a Dutch label', (type) => {
    const names = stateDetails(type).map((d) => d.name);
    expect([...names].sort()).toEqual([...STATES[type]].sort());
    const labels = stateDetails(type).map((d) => d.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const d of stateDetails(type)) {
      expect(d.label).not.toBe(d.name);
      expect(d.label).toMatch(/^[A-Z]/);
      expect(stateLabel(d.name, type)).toBe(d.label);
      expect([...d.tags].sort()).toEqual(STATE_TAGS.filter((t) => TAGGED[t].includes(d.name)).sort());
    }
  });

  it('names a withdrawn objection as an objection, and the objection’s states in Dutch', () => {
    expect(stateLabel('withdrawn')).toBe('Aanvraag ingetrokken');
    expect(stateLabel('withdrawn', 'initiative')).toBe('Aanvraag ingetrokken');
    expect(stateLabel('withdrawn', 'objection')).toBe('Bezwaar ingetrokken');
    expect(['received', 'heard', 'decided'].map((s) => stateLabel(s as CaseState))).toEqual([
      'Bezwaar ontvangen',
      'Gehoord',
      'Op bezwaar beslist',
    ]);
  });

  it('gives the new states their Dutch names', () => {
    expect(
      Object.fromEntries(
        (
          [
            'accounted',
            'account_reviewed',
            'settled',
            'revoked',
            'in_execution',
            'evaluated',
            'terminated',
            'not_processed',
          ] as CaseState[]
        ).map((s) => [s, stateLabel(s)]),
      ),
    ).toEqual({
      accounted: 'Verantwoording ingediend',
      account_reviewed: 'Verantwoording beoordeeld',
      settled: 'Subsidie vastgesteld',
      revoked: 'Toekenning ingetrokken',
      in_execution: 'Overeenkomst loopt',
      evaluated: 'Geëvalueerd',
      terminated: 'Overeenkomst beëindigd',
      not_processed: 'Buiten behandeling gesteld',
    });
  });
});
