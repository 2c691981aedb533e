import { CASE_TYPES } from './case-types.js';
import { DECISION_KINDS, besluitTerms } from './decision-kinds.js';

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

  it('names the article of the Awb for every kind and application type', () => {
    for (const kind of DECISION_KINDS) {
      for (const type of CASE_TYPES) {
        expect(besluitTerms(kind, type, '2026-12-02T10:00:00.000Z', SIX_WEEKS).legalBasis).toMatch(
          /Algemene wet bestuursrecht/,
        );
      }
    }
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
});
