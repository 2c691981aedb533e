import { CASE_STATES, CASE_TYPES, EVENT_TYPES } from './case-types.js';
import { besluitTerms } from './decision-kinds.js';
import { besluitOf } from './event-effects.js';

/** The law's term to object, as a case has it unless the raad set another (Awb 6:7). */
const SIX_WEEKS = 42;

describe('besluitTerms: legal basis and objection deadline of a besluit', () => {
  it('six weeks from the Amsterdam day of the decision (Awb 6:7, 6:8)', () => {
    // 23:59 in Amsterdam in winter (UTC+1): still 2 December.
    expect(besluitTerms('grant', 'initiative', '2026-12-02T22:59:00.000Z', SIX_WEEKS).objectionDeadline).toBe(
      '2027-01-13',
    );
    // 00:30 in Amsterdam: already 3 December.
    expect(besluitTerms('grant', 'initiative', '2026-12-02T23:30:00.000Z', SIX_WEEKS).objectionDeadline).toBe(
      '2027-01-14',
    );
    // Summer time (UTC+2): 00:30 on 1 July in Amsterdam.
    expect(
      besluitTerms('refusal', 'initiative', '2026-06-30T22:30:00.000Z', SIX_WEEKS).objectionDeadline,
    ).toBe('2026-08-12');
  });

  it('the case’s own term to object when the raad set another: eight weeks,', () => {
    expect(besluitTerms('grant', 'initiative', '2026-12-02T22:59:00.000Z', 56).objectionDeadline).toBe(
      '2027-01-27',
    );
    expect(besluitTerms('grant', 'initiative', '2026-12-02T23:30:00.000Z', 56).objectionDeadline).toBe(
      '2027-01-28',
    );
  });

  it('names the article of the Awb for every besluit any machine takes', () => {
    let besluiten = 0;
    for (const type of CASE_TYPES) {
      for (const state of CASE_STATES) {
        for (const event of EVENT_TYPES) {
          const kind = besluitOf(type, state, event);
          if (kind === null) continue;
          besluiten++;
          expect(besluitTerms(kind, type, '2026-12-02T10:00:00.000Z', SIX_WEEKS).legalBasis).toMatch(
            /Algemene wet bestuursrecht/,
          );
        }
      }
    }
    expect(besluiten).toBeGreaterThan(10);
    expect(besluitTerms('grant', 'initiative', '2026-12-02T10:00:00.000Z', SIX_WEEKS).legalBasis).toContain(
      '4:29',
    );
    expect(
      besluitTerms('settlement', 'initiative', '2026-12-02T10:00:00.000Z', SIX_WEEKS).legalBasis,
    ).toContain('4:44');
    expect(
      besluitTerms('revocation', 'right_to_challenge', '2026-12-02T10:00:00.000Z', SIX_WEEKS).legalBasis,
    ).toContain('4:48');
  });

  it('a decision on an objection can be appealed, not objected to: no deadline to object', () => {
    expect(besluitTerms('objection_decision', 'objection', '2026-12-02T10:00:00.000Z', SIX_WEEKS)).toEqual({
      legalBasis: expect.stringContaining('7:11'),
      objectionDeadline: null,
    });
    expect(() =>
      besluitTerms('objection_decision', 'initiative', '2026-12-02T10:00:00.000Z', SIX_WEEKS),
    ).toThrow(/legal basis/);
  });
});
