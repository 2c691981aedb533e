import type { ActorRef, CaseFacts } from './case-types.js';
import { EVENT_TYPES } from './case-types.js';
import { EVENT_PERMISSIONS, checkFourEyes, checkPermission } from './permissions.js';

const facts: CaseFacts = {
  type: 'initiative',
  areaCode: 'west',
  theme: 'green',
  initiatorId: 'res-1',
  requestedAmountCents: 100,
  assessedBy: 'off-1',
  honouredAmountCents: null,
  agreementMonths: null,
};

describe('EVENT_PERMISSIONS', () => {
  it('matches the contract', () => {
    expect(EVENT_PERMISSIONS).toEqual({
      REQUEST_INFO: { role: 'official', scope: 'area', decides: false, internal: false },
      ASSESS: { role: 'official', scope: 'area', decides: false, internal: false },
      SUPPLY_INFO: { role: 'resident', scope: 'initiator', decides: false, internal: false },
      WITHDRAW: { role: 'resident', scope: 'initiator', decides: false, internal: false },
      HONOUR: { role: 'alderman', scope: 'area', decides: true, internal: false },
      REJECT: { role: 'alderman', scope: 'area', decides: true, internal: false },
      REFER_TO_COUNCIL: { role: 'alderman', scope: 'area', decides: true, internal: false },
      COUNCIL_HONOUR: { role: 'council', scope: 'all', decides: true, internal: false },
      COUNCIL_REJECT: { role: 'council', scope: 'all', decides: true, internal: false },
      REPORT: { role: 'alderman', scope: 'all', decides: false, internal: true },
    });
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
