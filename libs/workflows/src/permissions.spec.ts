import type { ActorRef, CaseFacts, EventType, Role } from './case-types.js';
import { EVENT_TYPES } from './case-types.js';
import { LEGAL_TERMS } from './case-terms.js';
import { EMPTY_AFTER_SUBMISSION } from './case.machine.js';
import {
  EVENT_PERMISSIONS,
  checkConflictOfInterest,
  checkFourEyes,
  checkPermission,
  type EventPermission,
  type FourEyesFact,
  type Scope,
} from './permissions.js';
import { renderRefusal } from '../../messages/src/catalogue.js';
import type { Violation } from './case-types.js';

/** The refusal in English words, as the API says it with Accept-Language: en. */
const en = (v: Violation | null | undefined) => (v ? renderRefusal(v, 'en') : undefined);

const facts: CaseFacts = {
  type: 'initiative',
  areaCode: 'west',
  theme: 'green',
  initiatorId: 'res-1',
  requestedAmountCents: 100,
  ...EMPTY_AFTER_SUBMISSION,
  terms: { ...LEGAL_TERMS['initiative'] },
  assessedBy: 'off-1',
  decisionDueAt: '2026-04-27T09:00:00.000Z',
};

describe('EVENT_PERMISSIONS', () => {
  // Written out from the lifecycle table of docs/api.md.
  const office = (
    role: Role | Role[],
    scope: Scope,
    fourEyes: FourEyesFact | null = null,
  ): EventPermission => ({
    roles: typeof role === 'string' ? [role] : role,
    scope,
    fourEyes,
    internal: false,
    notByInitiator: true,
  });
  const initiator: EventPermission = {
    roles: ['resident'],
    scope: 'initiator',
    fourEyes: null,
    internal: false,
    notByInitiator: false,
  };
  it('matches the lifecycle table of docs/api.md', () => {
    expect(EVENT_PERMISSIONS).toEqual({
      REQUEST_INFO: office('official', 'area'),
      ASSESS: office('official', 'area'),
      SUPPLY_INFO: initiator,
      WITHDRAW: initiator,
      HONOUR: office('alderman', 'area', 'assessedBy'),
      REJECT: office('alderman', 'area', 'assessedBy'),
      REFER_TO_COUNCIL: office('alderman', 'area', 'assessedBy'),
      COUNCIL_HONOUR: office('clerk', 'all', 'assessedBy'),
      COUNCIL_REJECT: office('clerk', 'all', 'assessedBy'),
      SUBMIT_ACCOUNT: initiator,
      REVIEW_ACCOUNT: office('official', 'area'),
      SETTLE: office('alderman', 'area', 'reviewedBy'),
      REVOKE: office('alderman', 'area'),
      SIGN_AGREEMENT: office('alderman', 'area'),
      PROGRESS_REVIEW: office('official', 'area'),
      EXTEND_AGREEMENT: office('alderman', 'area'),
      EVALUATE: office('alderman', 'area'),
      TERMINATE: office('alderman', 'area'),
      // Buiten behandeling (Awb 4:5): the official who asked for the information.
      NOT_PROCESSED: office('official', 'area'),
      // Ingebrekestelling (Awb 4:17): the applicant, against the municipality.
      NOTICE_OF_DEFAULT: initiator,
      // Verdaging (Awb 4:14): the official who handles the case or the alderman who decides it.
      EXTEND_TERM: office(['official', 'alderman'], 'area'),
      REPORT: { roles: ['alderman'], scope: 'all', fourEyes: null, internal: true, notByInitiator: false },
    });
    // Nobody acts on their own case: every event of the municipality is barred to the initiator.
    for (const [event, perm] of Object.entries(EVENT_PERMISSIONS)) {
      expect({ event, notByInitiator: perm.notByInitiator }).toEqual({
        event,
        notByInitiator: !perm.roles.includes('resident') && !perm.internal,
      });
    }
    expect(Object.keys(EVENT_PERMISSIONS).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('is frozen', () => {
    expect(Object.isFrozen(EVENT_PERMISSIONS)).toBe(true);
    for (const perm of Object.values(EVENT_PERMISSIONS)) expect(Object.isFrozen(perm)).toBe(true);
  });
});

describe('checkPermission', () => {
  const a = (id: string, roles: ActorRef['roles'], areas: string[] = []): ActorRef => ({ id, roles, areas });
  it('needs both the role and the scope', () => {
    expect(checkPermission('ASSESS', a('o', ['official'], ['west']), facts)).toBeNull();
    expect(checkPermission('ASSESS', a('o', ['official'], ['oost']), facts)?.code).toBe('ROLE');
    expect(checkPermission('ASSESS', a('o', ['alderman'], ['west']), facts)?.code).toBe('ROLE');
    expect(checkPermission('WITHDRAW', a('res-1', ['resident']), facts)).toBeNull();
    expect(checkPermission('WITHDRAW', a('res-2', ['resident'], ['west']), facts)?.code).toBe('ROLE');
    expect(checkPermission('WITHDRAW', a('res-1', []), facts)?.code).toBe('ROLE');
    expect(checkPermission('COUNCIL_REJECT', a('g', ['clerk']), facts)).toBeNull();
    // One raadslid is not the raad: the clerk registers its decisions.
    expect(checkPermission('COUNCIL_REJECT', a('c', ['council']), facts)?.code).toBe('ROLE');
    expect(en(checkPermission('COUNCIL_HONOUR', a('c', ['council']), facts))).toBe(
      "Only the council's clerk (griffier) may send COUNCIL_HONOUR on this case.",
    );
    expect(checkPermission('REPORT', a('x', ['alderman'], ['oost']), facts)).toBeNull();
    // Only the initiator gives notice of default; only an official of the area sets a case aside.
    expect(checkPermission('NOTICE_OF_DEFAULT', a('res-1', ['resident']), facts)).toBeNull();
    expect(checkPermission('NOTICE_OF_DEFAULT', a('res-2', ['resident'], ['west']), facts)?.code).toBe(
      'ROLE',
    );
    expect(checkPermission('NOTICE_OF_DEFAULT', a('o', ['official'], ['west']), facts)?.code).toBe('ROLE');
    expect(checkPermission('NOT_PROCESSED', a('o', ['official'], ['west']), facts)).toBeNull();
    expect(checkPermission('NOT_PROCESSED', a('o', ['official'], ['oost']), facts)?.code).toBe('ROLE');
    expect(checkPermission('NOT_PROCESSED', a('x', ['alderman'], ['west']), facts)?.code).toBe('ROLE');
  });
  it('explains who may act in a sentence', () => {
    expect(en(checkPermission('HONOUR', a('o', ['official'], ['west']), facts))).toBe(
      "Only an alderman of the case's area may send HONOUR on this case.",
    );
  });
});

describe('checkFourEyes', () => {
  const assessor: ActorRef = { id: 'off-1', roles: ['alderman'], areas: ['west'] };
  const reviewer: ActorRef = { id: 'off-3', roles: ['alderman'], areas: ['west'] };
  const reviewed: CaseFacts = { ...facts, reviewedBy: 'off-3' };
  const ASSESSED_DECISIONS: EventType[] = [
    'HONOUR',
    'REJECT',
    'REFER_TO_COUNCIL',
    'COUNCIL_HONOUR',
    'COUNCIL_REJECT',
  ];

  it('stops the assessor from deciding on the application, and only from that', () => {
    for (const event of EVENT_TYPES) {
      expect({ event, code: checkFourEyes(event, assessor, reviewed)?.code ?? null }).toEqual({
        event,
        code: ASSESSED_DECISIONS.includes(event) ? 'FOUR_EYES' : null,
      });
    }
    expect(checkFourEyes('HONOUR', { ...assessor, id: 'other' }, facts)).toBeNull();
    expect(checkFourEyes('HONOUR', assessor, { ...facts, assessedBy: null })).toBeNull();
  });

  it('stops whoever reviewed the account from settling it, and only from that', () => {
    for (const event of EVENT_TYPES) {
      expect({ event, code: checkFourEyes(event, reviewer, reviewed)?.code ?? null }).toEqual({
        event,
        code: event === 'SETTLE' ? 'FOUR_EYES' : null,
      });
    }
    expect(checkFourEyes('SETTLE', { ...reviewer, id: 'other' }, reviewed)).toBeNull();
    // No review recorded: nobody is barred (not even an actor whose id would match a null).
    expect(checkFourEyes('SETTLE', reviewer, facts)).toBeNull();
    expect(checkFourEyes('SETTLE', assessor, facts)).toBeNull();
  });

  it('says in a sentence which step the actor took', () => {
    expect(en(checkFourEyes('HONOUR', assessor, facts))).toBe(
      'You assessed this case, so someone else must decide on it (HONOUR).',
    );
    expect(en(checkFourEyes('SETTLE', reviewer, reviewed))).toBe(
      'You reviewed the account of this case, so someone else must settle it (SETTLE).',
    );
  });
});

describe('checkConflictOfInterest', () => {
  // The initiator of `facts` (res-1), also working for the municipality.
  const self = (roles: ActorRef['roles'], areas: string[] = ['west']): ActorRef => ({
    id: 'res-1',
    roles,
    areas,
  });
  const officeEvents = EVENT_TYPES.filter(
    (e) => !['SUPPLY_INFO', 'WITHDRAW', 'SUBMIT_ACCOUNT', 'NOTICE_OF_DEFAULT', 'REPORT'].includes(e),
  );

  it('bars an initiator with an office role from every event of the municipality on their own case', () => {
    for (const roles of [
      ['resident', 'official'],
      ['resident', 'alderman'],
      ['resident', 'clerk'],
      ['alderman'],
    ] as ActorRef['roles'][]) {
      for (const event of officeEvents) {
        const want = { roles, event, code: 'CONFLICT_OF_INTEREST' };
        expect({ roles, event, code: checkConflictOfInterest(event, self(roles), facts)?.code }).toEqual(
          want,
        );
        // checkPermission gives it too, before the role and area would be considered.
        expect({ roles, event, code: checkPermission(event, self(roles), facts)?.code }).toEqual(want);
      }
    }
  });

  it("leaves the initiator's own events, REPORT, other people's cases and plain residents alone", () => {
    const both = self(['resident', 'alderman']);
    expect(checkPermission('WITHDRAW', both, facts)).toBeNull();
    expect(checkPermission('SUPPLY_INFO', both, facts)).toBeNull();
    expect(checkPermission('SUBMIT_ACCOUNT', both, facts)).toBeNull();
    // An initiator who works for the municipality may still hold it to its term.
    expect(checkPermission('NOTICE_OF_DEFAULT', both, facts)).toBeNull();
    expect(checkPermission('NOTICE_OF_DEFAULT', self(['resident', 'official']), facts)).toBeNull();
    expect(checkConflictOfInterest('REPORT', both, facts)).toBeNull();
    expect(checkPermission('HONOUR', both, { ...facts, initiatorId: 'res-2' })).toBeNull();
    // A resident without an office role is refused for the role, as before.
    expect(checkConflictOfInterest('HONOUR', self(['resident']), facts)).toBeNull();
    expect(checkPermission('HONOUR', self(['resident']), facts)?.code).toBe('ROLE');
    // A raadslid sends none of the municipality's events, so holds no office: refused for the role.
    expect(checkConflictOfInterest('COUNCIL_HONOUR', self(['resident', 'council']), facts)).toBeNull();
    expect(checkPermission('COUNCIL_HONOUR', self(['resident', 'council']), facts)?.code).toBe('ROLE');
  });

  it('explains the refusal in a sentence', () => {
    expect(en(checkPermission('HONOUR', self(['resident', 'alderman']), facts))).toBe(
      'You submitted this case yourself, so someone else must handle it (HONOUR).',
    );
  });
});
