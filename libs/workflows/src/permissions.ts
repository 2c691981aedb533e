// Who may send each event, as data. The API and the workflow both read this table,
// so there is one place to change when the municipality changes its mandate rules.
import type { ActorRef, CaseFacts, EventType, Role, Violation } from './case-types.js';

/** 'area': actor works for the case's area; 'initiator': actor submitted the case; 'all': any case. */
export type Scope = 'area' | 'initiator' | 'all';

export interface EventPermission {
  /** The roles that may send it; an actor who holds one of them acts in the first they hold. */
  roles: readonly Role[];
  scope: Scope;
  /**
   * Four eyes: the fact naming who prepared this decision, who may therefore not take it
   * (whoever assessed a case does not decide it; whoever reviewed an account does not settle it).
   */
  fourEyes: FourEyesFact | null;
  /** Sent by the system (reports service), never accepted from a client. */
  internal: boolean;
  /**
   * Conflict of interest: whoever submitted the case may not send this event on it, whatever
   * other roles they hold. True for every event the municipality takes on a case (handling,
   * deciding); false for the initiator's own events and for REPORT, which decides nothing
   * and is sent for every decided case at once by whichever alderman issues the report.
   */
  notByInitiator: boolean;
}

/** The facts that name who prepared a decision. */
export type FourEyesFact = 'assessedBy' | 'reviewedBy';

type Flags = Partial<Pick<EventPermission, 'fourEyes' | 'internal' | 'notByInitiator'>>;

const p = (role: Role | readonly Role[], scope: Scope, flags: Flags = {}): EventPermission =>
  Object.freeze({
    roles: Object.freeze(typeof role === 'string' ? [role] : [...role]),
    scope,
    fourEyes: null,
    internal: false,
    notByInitiator: false,
    ...flags,
  });

/** Office events: handled or decided for the municipality, never by whoever submitted the case. */
const office = (role: Role | readonly Role[], scope: Scope, fourEyes: FourEyesFact | null = null) =>
  p(role, scope, { fourEyes, notByInitiator: true });

export const EVENT_PERMISSIONS: Readonly<Record<EventType, EventPermission>> = Object.freeze({
  REQUEST_INFO: office('official', 'area'),
  ASSESS: office('official', 'area'),
  SUPPLY_INFO: p('resident', 'initiator'),
  WITHDRAW: p('resident', 'initiator'),
  HONOUR: office('alderman', 'area', 'assessedBy'),
  REJECT: office('alderman', 'area', 'assessedBy'),
  REFER_TO_COUNCIL: office('alderman', 'area', 'assessedBy'),
  // Raadsbesluiten: the raad decides in a meeting, the clerk registers it (not one raadslid).
  COUNCIL_HONOUR: office('clerk', 'all', 'assessedBy'),
  COUNCIL_REJECT: office('clerk', 'all', 'assessedBy'),
  SUBMIT_ACCOUNT: p('resident', 'initiator'),
  REVIEW_ACCOUNT: office('official', 'area'),
  SETTLE: office('alderman', 'area', 'reviewedBy'),
  REVOKE: office('alderman', 'area'),
  SIGN_AGREEMENT: office('alderman', 'area'),
  PROGRESS_REVIEW: office('official', 'area'),
  EXTEND_AGREEMENT: office('alderman', 'area'),
  EVALUATE: office('alderman', 'area'),
  TERMINATE: office('alderman', 'area'),
  NOT_PROCESSED: office('official', 'area'),
  NOTICE_OF_DEFAULT: p('resident', 'initiator'),
  // Verdaging (Awb 4:14): whoever handles the case or decides on it sees the term will not do.
  EXTEND_TERM: office(['official', 'alderman'], 'area'),
  REPORT: p('alderman', 'all', { internal: true }),
});

/**
 * The roles that act for the municipality on a case: those of the events an initiator may not
 * send on their own case. Holding one of them while being the initiator is the conflict.
 */
const OFFICE_ROLES: ReadonlySet<Role> = new Set(
  Object.values(EVENT_PERMISSIONS)
    .filter((perm) => perm.notByInitiator)
    .flatMap((perm) => perm.roles),
);

/** Whether the actor holds one of the roles that may send the event (scope not considered). */
export function holdsRoleFor(event: EventType, actor: Pick<ActorRef, 'roles'>): boolean {
  return EVENT_PERMISSIONS[event].roles.some((role) => actor.roles.includes(role));
}

/** The role the actor sends the event in, for the log: the first of the event's roles they hold. */
export function actingRole(event: EventType, actor: Pick<ActorRef, 'roles'>): Role {
  const roles = EVENT_PERMISSIONS[event].roles;
  return roles.find((role) => actor.roles.includes(role)) ?? roles[0];
}

/**
 * Who may send the event: null when the actor may send it on this case. Conflict of interest
 * comes first, so an initiator who works for the municipality hears that the case is their
 * own rather than which role or area would be needed.
 */
export function checkPermission(event: EventType, actor: ActorRef, facts: CaseFacts): Violation | null {
  return checkConflictOfInterest(event, actor, facts) ?? checkRole(event, actor, facts);
}

/**
 * Nobody acts on their own case: whoever submitted it and also holds an office role may send
 * it none of the municipality's events. A resident without such a role gets the ROLE refusal.
 */
export function checkConflictOfInterest(
  event: EventType,
  actor: ActorRef,
  facts: CaseFacts,
): Violation | null {
  if (!EVENT_PERMISSIONS[event].notByInitiator || actor.id !== facts.initiatorId) return null;
  if (!actor.roles.some((role) => OFFICE_ROLES.has(role))) return null;
  return { code: 'CONFLICT_OF_INTEREST', params: { event } };
}

/** Role and scope check. */
function checkRole(event: EventType, actor: ActorRef, facts: CaseFacts): Violation | null {
  const perm = EVENT_PERMISSIONS[event];
  const hasRole = holdsRoleFor(event, actor);
  const inScope =
    perm.scope === 'all' ||
    (perm.scope === 'area' && actor.areas.includes(facts.areaCode)) ||
    (perm.scope === 'initiator' && actor.id === facts.initiatorId);
  if (hasRole && inScope) return null;
  return { code: 'ROLE', params: { event, roles: [...perm.roles], scope: perm.scope } };
}

/** Four eyes: whoever prepared a decision (assessed the case, reviewed the account) does not take it. */
export function checkFourEyes(event: EventType, actor: ActorRef, facts: CaseFacts): Violation | null {
  const fact = EVENT_PERMISSIONS[event].fourEyes;
  if (fact === null || facts[fact] === null || actor.id !== facts[fact]) return null;
  return { code: 'FOUR_EYES', params: { event, prepared: fact } };
}
