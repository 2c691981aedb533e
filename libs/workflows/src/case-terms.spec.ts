// The terms a case keeps from its type at submission (machine version 5): the decision term
// runs that long, a request for information without a day gets the case's own hersteltermijn,
// and a case stored before terms were kept per case is given the law's.
import { LEGAL_TERMS, TERM_NAMES, TERM_RANGES, type CaseTerms } from './case-terms.js';
import type { ActorRef, CaseType, PersistedCase } from './case-types.js';
import { APPLICATION_TYPES, CASE_TYPES } from './case-types.js';
import { applyEvent, initialCase, migrateSnapshot } from './case-workflow.js';
import { MACHINE_VERSION } from './case.machine.js';
import { MAX_RESPOND_BY_DAYS } from './event-fields.js';
import { besluitOf, isDecision, letterOf } from './event-effects.js';

const official: ActorRef = { id: 'off-1', roles: ['official'], areas: ['west'] };
const alderman: ActorRef = { id: 'ald-1', roles: ['alderman'], areas: ['west'] };
const aldermanElsewhere: ActorRef = { id: 'ald-2', roles: ['alderman'], areas: ['oost'] };
const initiator: ActorRef = { id: 'res-1', roles: ['resident'], areas: [] };
/** Monday 2 March 2026, 10:00 in Amsterdam (winter time). */
const AT = '2026-03-02T09:00:00.000Z';

const submitted = (type: CaseType, terms?: CaseTerms): PersistedCase =>
  initialCase({
    type,
    areaCode: 'west',
    theme: 'green',
    initiatorId: 'res-1',
    requestedAmountCents: 50_000,
    submittedAt: AT,
    ...(terms ? { terms } : {}),
  });

const SHORT: CaseTerms = {
  decisionTermDays: 21,
  maxExtensionDays: 7,
  defaultRespondByDays: 5,
  objectionTermDays: 56,
};

describe('the law’s terms', () => {
  it('hold for every application type: eight weeks, eight more at most, two weeks, six weeks (Awb 4:13, 4:14, 4:5, 6:7)', () => {
    // An objection: six weeks to decide, six more at most (Awb 7:10); objection.machine.spec.ts.
    for (const type of APPLICATION_TYPES) {
      expect(LEGAL_TERMS[type]).toEqual({
        decisionTermDays: 56,
        maxExtensionDays: 56,
        defaultRespondByDays: 14,
        objectionTermDays: 42,
      });
      expect(Object.isFrozen(LEGAL_TERMS[type])).toBe(true);
    }
  });

  it('lie within what the raad may set, and the ranges name every term', () => {
    expect(Object.keys(TERM_RANGES).sort()).toEqual([...TERM_NAMES].sort());
    for (const type of CASE_TYPES) {
      for (const name of TERM_NAMES) {
        expect(LEGAL_TERMS[type][name]).toBeGreaterThanOrEqual(TERM_RANGES[name].min);
        expect(LEGAL_TERMS[type][name]).toBeLessThanOrEqual(TERM_RANGES[name].max);
      }
    }
    // Six weeks to object is the law's and cannot be shortened; a hersteltermijn is bound as respondBy is.
    expect(TERM_RANGES.objectionTermDays.min).toBe(42);
    expect(TERM_RANGES.defaultRespondByDays.max).toBe(MAX_RESPOND_BY_DAYS);
  });
});

describe.each(APPLICATION_TYPES)('%s: a case keeps the terms it was submitted under', (type) => {
  it('without terms given, the law’s: due eight weeks after submission', () => {
    const p = submitted(type);
    expect(p.context.terms).toEqual(LEGAL_TERMS[type]);
    expect(p.context.termExtended).toBe(false);
    expect(p.context.decisionDueAt).toBe('2026-04-27T09:00:00.000Z');
  });

  it('with the raad’s terms: due that many days after submission', () => {
    const p = submitted(type, SHORT);
    expect(p.context.terms).toEqual(SHORT);
    // 21 days after Monday 2 March 10:00: Monday 23 March 10:00.
    expect(p.context.decisionDueAt).toBe('2026-03-23T09:00:00.000Z');
  });

  it('a request for information without a day gets the case’s own hersteltermijn', () => {
    const asked = (p: PersistedCase) => {
      const o = applyEvent(p, { type: 'REQUEST_INFO', question: 'Welke begroting?' }, official, null, AT);
      if (!o.accepted) throw new Error(JSON.stringify(o));
      return o.facts.respondBy;
    };
    expect(asked(submitted(type))).toBe('2026-03-16');
    expect(asked(submitted(type, SHORT))).toBe('2026-03-07');
    expect(asked(submitted(type, { ...SHORT, defaultRespondByDays: 1 }))).toBe('2026-03-03');
  });

  it('the terms stay with the case through its events', () => {
    const o = applyEvent(
      submitted(type, SHORT),
      { type: 'ASSESS', advice: 'reject', motivation: 'Past niet.' },
      official,
      null,
      AT,
    );
    expect(o).toMatchObject({ accepted: true, facts: { terms: SHORT } });
  });

  it('a version 4 case gains the law’s terms, not extended, and keeps everything else', () => {
    const { terms: _terms, termExtended: _extended, ...context } = submitted(type, SHORT).context;
    const v4 = { machineVersion: 4, value: 'submitted', context } as unknown as PersistedCase;
    const copy = structuredClone(v4);
    expect(migrateSnapshot(v4)).toEqual({
      machineVersion: MACHINE_VERSION,
      value: 'submitted',
      context: { ...context, terms: LEGAL_TERMS[type], termExtended: false },
    });
    expect(v4).toEqual(copy);
  });
});

describe.each(APPLICATION_TYPES)('%s: the decision term extended (verdaging, Awb 4:14 lid 3)', (type) => {
  // Submitted Monday 2 March 2026 10:00 in Amsterdam: due eight weeks later, 27 April 11:00
  // (summer time; 09:00 UTC), and it may be moved at most 56 days on, to 22 June.
  const DUE = '2026-04-27T09:00:00.000Z';
  const MS = 1;
  const MINUTE = 60_000;
  const DAY = 86_400_000;
  const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
  const extend = (newDueAt: string) => ({ type: 'EXTEND_TERM' as const, reason: 'Advies nodig.', newDueAt });
  /** The outcome in one word: the state, the refusal code, or the invalid fields. */
  const outcome = (p: PersistedCase, newDueAt: string, at: string, actor: ActorRef = official) => {
    const o = applyEvent(p, extend(newDueAt), actor, null, at);
    if (o.accepted) return o.toState;
    return 'refusal' in o ? o.refusal.code : `INVALID ${o.invalidFields.map((f) => f.name).join(',')}`;
  };
  const accept = (p: PersistedCase, newDueAt: string, at: string, actor: ActorRef = official) => {
    const o = applyEvent(p, extend(newDueAt), actor, null, at);
    if (!o.accepted) throw new Error(JSON.stringify(o));
    return o.snapshot;
  };

  it('is taken until the very moment the term ends, not a millisecond after (409 TERM_EXPIRED)', () => {
    const p = submitted(type);
    expect(p.context.decisionDueAt).toBe(DUE);
    const later = plus(DUE, 7 * DAY);
    expect(outcome(p, later, plus(DUE, -MINUTE))).toBe('submitted');
    expect(outcome(p, later, DUE)).toBe('submitted');
    expect(outcome(p, later, plus(DUE, MS))).toBe('TERM_EXPIRED');
    expect(outcome(p, later, plus(DUE, DAY))).toBe('TERM_EXPIRED');
  });

  it('to a moment after the term and at most maxExtensionDays after it (400 newDueAt otherwise)', () => {
    const p = submitted(type);
    const at = '2026-04-01T08:00:00.000Z';
    expect(outcome(p, DUE, at)).toBe('INVALID newDueAt');
    expect(outcome(p, plus(DUE, -DAY), at)).toBe('INVALID newDueAt');
    expect(outcome(p, plus(DUE, MS), at)).toBe('submitted');
    expect(outcome(p, plus(DUE, 56 * DAY), at)).toBe('submitted');
    expect(outcome(p, plus(DUE, 56 * DAY + MS), at)).toBe('INVALID newDueAt');
    expect(outcome(p, plus(DUE, 57 * DAY), at)).toBe('INVALID newDueAt');
    // The raad's shorter extension binds the cases submitted under it.
    const short = submitted(type, SHORT);
    const shortDue = short.context.decisionDueAt;
    expect(outcome(short, plus(shortDue, 7 * DAY), AT)).toBe('submitted');
    expect(outcome(short, plus(shortDue, 8 * DAY), AT)).toBe('INVALID newDueAt');
  });

  it('sets decisionDueAt to the new moment, in UTC, and marks the term extended', () => {
    const extended = accept(submitted(type), '2026-05-25T12:00:00+02:00', AT);
    expect(extended.value).toBe('submitted');
    expect(extended.context).toMatchObject({ decisionDueAt: '2026-05-25T10:00:00.000Z', termExtended: true });
  });

  it('once: a second extension is refused (409 TERM_ALREADY_EXTENDED), however valid its day', () => {
    const extended = accept(submitted(type), plus(DUE, 7 * DAY), AT);
    expect(outcome(extended, plus(DUE, 14 * DAY), AT)).toBe('TERM_ALREADY_EXTENDED');
    expect(outcome(extended, plus(DUE, 14 * DAY), AT, alderman)).toBe('TERM_ALREADY_EXTENDED');
    // Once the extended term has passed, it is refused for that too; the one extension is told first.
    expect(outcome(extended, plus(DUE, 14 * DAY), plus(DUE, 8 * DAY))).toBe('TERM_ALREADY_EXTENDED');
  });

  it('by an official or an alderman of the area, in every state before the decision', () => {
    expect(outcome(submitted(type), plus(DUE, DAY), AT, alderman)).toBe('submitted');
    expect(outcome(submitted(type), plus(DUE, DAY), AT, aldermanElsewhere)).toBe('ROLE');
    expect(outcome(submitted(type), plus(DUE, DAY), AT, initiator)).toBe('ROLE');
    const assessed = applyEvent(
      submitted(type),
      { type: 'ASSESS', advice: 'reject', motivation: 'Past niet.' },
      official,
      null,
      AT,
    );
    if (!assessed.accepted) throw new Error('refused');
    // Whoever assessed may extend the term: four eyes binds the decision only.
    expect(outcome(assessed.snapshot, plus(DUE, DAY), AT, official)).toBe('assessed');
    expect(outcome(assessed.snapshot, plus(DUE, DAY), AT, alderman)).toBe('assessed');
    const rejected = applyEvent(
      assessed.snapshot,
      { type: 'REJECT', motivation: 'Past niet.' },
      alderman,
      null,
      AT,
    );
    if (!rejected.accepted) throw new Error('refused');
    expect(outcome(rejected.snapshot, plus(DUE, DAY), AT, alderman)).toBe('STATE');
  });

  it('while information is asked for: the answer gives back what is left of the suspension, the extension stays', () => {
    // Asked at AT with respondBy 16 March: the term moved on at once to DUE + 14 days 14 hours.
    const ask = applyEvent(
      submitted(type),
      { type: 'REQUEST_INFO', question: 'Welke begroting?', respondBy: '2026-03-16' },
      official,
      null,
      AT,
    );
    if (!ask.accepted) throw new Error('refused');
    const moved = ask.snapshot.context.decisionDueAt;
    expect(moved).toBe('2026-05-11T23:00:00.000Z');
    const extended = accept(ask.snapshot, plus(moved, 10 * DAY), plus(AT, DAY));
    // Answered two days after the request: two days of suspension count, the rest comes back.
    const answered = applyEvent(
      extended,
      { type: 'SUPPLY_INFO', answer: 'Hierbij.' },
      initiator,
      null,
      plus(AT, 2 * DAY),
    );
    if (!answered.accepted) throw new Error('refused');
    expect(answered.facts.decisionDueAt).toBe(plus(DUE, 10 * DAY + 2 * DAY));
    expect(answered.facts.termExtended).toBe(true);
  });

  it('sends a letter that is no besluit: not a decision the raad hears of, nothing to object to', () => {
    for (const state of ['submitted', 'awaiting_info', 'assessed', 'awaiting_council'] as const) {
      expect(letterOf(type, state, 'EXTEND_TERM')).toEqual({ kind: 'extension', besluit: false });
      expect(besluitOf(type, state, 'EXTEND_TERM')).toBeNull();
      expect(isDecision(type, state, 'EXTEND_TERM')).toBe(false);
    }
    expect(letterOf(type, 'assessed', 'REJECT')).toEqual({ kind: 'refusal', besluit: true });
    expect(letterOf(type, 'assessed', 'ASSESS')).toBeNull();
  });
});
