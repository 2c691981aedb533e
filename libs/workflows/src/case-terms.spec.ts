// The terms a case keeps from its type at submission (machine version 5): the decision term
// runs that long, a request for information without a day gets the case's own hersteltermijn,
// and a case stored before terms were kept per case is given the law's.
import { LEGAL_TERMS, TERM_NAMES, TERM_RANGES, type CaseTerms } from './case-terms.js';
import type { ActorRef, CaseType, PersistedCase } from './case-types.js';
import { CASE_TYPES } from './case-types.js';
import { applyEvent, initialCase, migrateSnapshot } from './case-workflow.js';
import { MACHINE_VERSION } from './case.machine.js';
import { MAX_RESPOND_BY_DAYS } from './event-fields.js';

const official: ActorRef = { id: 'off-1', roles: ['official'], areas: ['west'] };
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
  it('hold for every case type: eight weeks, eight more at most, two weeks, six weeks (Awb 4:13, 4:14, 4:5, 6:7)', () => {
    for (const type of CASE_TYPES) {
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

describe.each(CASE_TYPES)('%s: a case keeps the terms it was submitted under', (type) => {
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
