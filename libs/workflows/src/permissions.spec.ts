import type { ActorRef, CaseFacts } from './case-types.js';
import { EVENT_TYPES } from './case-types.js';
import { EVENT_PERMISSIONS, checkConflictOfInterest, checkFourEyes, checkPermission } from './permissions.js';

const facts: CaseFacts = {
  type: 'initiative',
  areaCode: 'west',
  theme: 'green',
  initiatorId: 'res-1',
  requestedAmountCents: 100,
  assessedBy: 'off-1',
  honouredAmountCents: null,
  agreementMonths: null,
  decisionDueAt: '2026-04-27T09:00:00.000Z',
  termSuspendedSince: null,
};

describe('EVENT_PERMISSIONS', () => {
  it('matches the lifecycle table of docs/api.md', () => {
    expect(EVENT_PERMISSIONS).toEqual({
      REQUEST_INFO: {
        role: 'official',
        scope: 'area',
        decides: false,
        internal: false,
        notByInitiator: true,
      },
      ASSESS: { role: 'official', scope: 'area', decides: false, internal: false, notByInitiator: true },
      SUPPLY_INFO: {
        role: 'resident',
        scope: 'initiator',
        decides: false,
        internal: false,
        notByInitiator: false,
      },
      WITHDRAW: {
        role: 'resident',
        scope: 'initiator',
        decides: false,
        internal: false,
        notByInitiator: false,
      },
      HONOUR: { role: 'alderman', scope: 'area', decides: true, internal: false, notByInitiator: true },
      REJECT: { role: 'alderman', scope: 'area', decides: true, internal: false, notByInitiator: true },
      REFER_TO_COUNCIL: {
        role: 'alderman',
        scope: 'area',
        decides: true,
        internal: false,
        notByInitiator: true,
      },
      COUNCIL_HONOUR: { role: 'council', scope: 'all', decides: true, internal: false, notByInitiator: true },
      COUNCIL_REJECT: { role: 'council', scope: 'all', decides: true, internal: false, notByInitiator: true },
      REPORT: { role: 'alderman', scope: 'all', decides: false, internal: true, notByInitiator: false },
    });
    // Nobody acts on their own case: every event of the municipality is barred to the initiator.
    for (const [event, perm] of Object.entries(EVENT_PERMISSIONS)) {
      expect({ event, notByInitiator: perm.notByInitiator }).toEqual({
        event,
        notByInitiator: perm.role !== 'resident' && !perm.internal,
      });
    }
    expect(Object.keys(EVENT_PERMISSIONS).sort()).toEqual([...EVENT_TYPES].sort());
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
    expect(checkPermission('COUNCIL_REJECT', a('c', ['council']), facts)).toBeNull();
    expect(checkPermission('REPORT', a('x', ['alderman'], ['oost']), facts)).toBeNull();
  });
  it('explains who may act in a sentence', () => {
    expect(checkPermission('HONOUR', a('o', ['official'], ['west']), facts)?.detail).toBe(
      "Only an alderman of the case's area may send HONOUR on this case.",
    );
  });
});

describe('checkFourEyes', () => {
  const assessor: ActorRef = { id: 'off-1', roles: ['alderman'], areas: ['west'] };
  it('stops the assessor from deciding, and only from deciding', () => {
    expect(checkFourEyes('HONOUR', assessor, facts)?.code).toBe('FOUR_EYES');
    expect(checkFourEyes('COUNCIL_REJECT', assessor, facts)?.code).toBe('FOUR_EYES');
    expect(checkFourEyes('REPORT', assessor, facts)).toBeNull();
    expect(checkFourEyes('HONOUR', { ...assessor, id: 'other' }, facts)).toBeNull();
    expect(checkFourEyes('HONOUR', assessor, { ...facts, assessedBy: null })).toBeNull();
  });
});

describe('checkConflictOfInterest', () => {
  // The initiator of `facts` (res-1), also working for the municipality.
  const self = (roles: ActorRef['roles'], areas: string[] = ['west']): ActorRef => ({
    id: 'res-1',
    roles,
    areas,
  });
  const officeEvents = EVENT_TYPES.filter((e) => !['SUPPLY_INFO', 'WITHDRAW', 'REPORT'].includes(e));

  it('bars an initiator with an office role from every event of the municipality on their own case', () => {
    for (const roles of [
      ['resident', 'official'],
      ['resident', 'alderman'],
      ['resident', 'council'],
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
    expect(checkConflictOfInterest('REPORT', both, facts)).toBeNull();
    expect(checkPermission('HONOUR', both, { ...facts, initiatorId: 'res-2' })).toBeNull();
    // A resident without an office role is refused for the role, as before.
    expect(checkConflictOfInterest('HONOUR', self(['resident']), facts)).toBeNull();
    expect(checkPermission('HONOUR', self(['resident']), facts)?.code).toBe('ROLE');
  });

  it('explains the refusal in a sentence', () => {
    expect(checkPermission('HONOUR', self(['resident', 'alderman']), facts)?.detail).toBe(
      'You submitted this case yourself, so someone else must handle it (HONOUR).',
    );
  });
});
