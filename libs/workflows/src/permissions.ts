// Who may send each event, as data. The API and the workflow both read this table,
// so there is one place to change when the municipality changes its mandate rules.
import type { ActorRef, CaseFacts, EventType, Role, Violation } from './case-types.js';

/** 'area': actor works for the case's area; 'initiator': actor submitted the case; 'all': any case. */
export type Scope = 'area' | 'initiator' | 'all';

export interface EventPermission {
  role: Role;
  scope: Scope;
  /** A deciding event: the four-eyes rule applies (the assessor may not send it). */
  decides: boolean;
  /** Sent by the system (reports service), never accepted from a client. */
  internal: boolean;
}

const p = (role: Role, scope: Scope, decides = false, internal = false): EventPermission =>
  Object.freeze({ role, scope, decides, internal });

export const EVENT_PERMISSIONS: Readonly<Record<EventType, EventPermission>> = Object.freeze({
  REQUEST_INFO: p('official', 'area'),
  ASSESS: p('official', 'area'),
  SUPPLY_INFO: p('resident', 'initiator'),
  WITHDRAW: p('resident', 'initiator'),
  HONOUR: p('alderman', 'area', true),
  REJECT: p('alderman', 'area', true),
  REFER_TO_COUNCIL: p('alderman', 'area', true),
  COUNCIL_HONOUR: p('council', 'all', true),
  COUNCIL_REJECT: p('council', 'all', true),
  REPORT: p('alderman', 'all', false, true),
});

const ROLE_PHRASE: Record<Role, string> = {
  resident: 'the resident who submitted the case',
  official: "an official of the case's area",
  alderman: "an alderman of the case's area",
  council: 'the municipal council',
};

function phrase(perm: EventPermission): string {
  if (perm.scope === 'area' || perm.scope === 'initiator') return ROLE_PHRASE[perm.role];
  return perm.role === 'council' ? ROLE_PHRASE.council : `an ${perm.role}`;
}

/** Role and scope check: null when the actor may send this event on this case. */
export function checkPermission(event: EventType, actor: ActorRef, facts: CaseFacts): Violation | null {
  const perm = EVENT_PERMISSIONS[event];
  const hasRole = actor.roles.includes(perm.role);
  const inScope =
    perm.scope === 'all' ||
    (perm.scope === 'area' && actor.areas.includes(facts.areaCode)) ||
    (perm.scope === 'initiator' && actor.id === facts.initiatorId);
  if (hasRole && inScope) return null;
  return { code: 'ROLE', detail: `Only ${phrase(perm)} may send ${event} on this case.` };
}

/** Four eyes: whoever assessed a case may not also decide it. */
export function checkFourEyes(event: EventType, actor: ActorRef, facts: CaseFacts): Violation | null {
  if (!EVENT_PERMISSIONS[event].decides || facts.assessedBy === null || actor.id !== facts.assessedBy) {
    return null;
  }
  return {
    code: 'FOUR_EYES',
    detail: `You assessed this case, so someone else must decide on it (${event}).`,
  };
}
