// What every case machine shares: the meta of transitions, the closed-and-reported state,
// the facts a new case starts without, and moving a moment on. Its own module so that the
// machines can share it without importing each other.
import type { DecisionKind } from './decision-kinds.js';
import type { StateTag } from './state-tags.js';

export const DAY_MS = 24 * 3600 * 1000;

/** `iso` moved on by `ms` milliseconds, as ISO 8601. */
export function later(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

/**
 * What a transition means beyond its target, in its `meta`: `decision` marks a decision the
 * council is told of in the next report (a grant, a refusal, a settlement…). Read through
 * event-effects.ts, never by naming events elsewhere.
 */
export interface TransitionMeta {
  decision?: true;
  /** A besluit the initiator receives as a letter, with its kind (decision-kinds.ts). */
  besluit?: DecisionKind;
  /**
   * Its actions change what the case holds committed against its programme (a grant commits;
   * a settlement, revocation, withdrawal or termination releases): written under the
   * programme's lock.
   */
  movesBudget?: true;
  /** Its guard reads the area's programme of the current year (the frame). */
  readsFrame?: true;
  /**
   * A founded objection: the case whose besluit was objected to goes back to be decided again
   * (REOPEN, through the same transition path and in the same transaction).
   */
  reopensOriginal?: true;
  /** A letter the initiator receives that is no besluit (nothing to object to), with its kind. */
  letter?: DecisionKind;
}

/**
 * Closed, and the raad has been told of the decision that closed it. What stays committed (a
 * settled amount, the part of a terminated agreement) stays spent. Shared by every machine.
 */
export const REPORTED = {
  tags: ['decided', 'closed', 'reported', 'funds_committed'] as StateTag[],
  meta: { label: 'Afgerond en gemeld aan de raad' },
};

/** The facts that only later events fill in: empty when a case is submitted. */
export const EMPTY_AFTER_SUBMISSION = Object.freeze({
  assessedBy: null,
  honouredAmountCents: null,
  agreementMonths: null,
  termSuspendedSince: null,
  respondBy: null,
  noticeOfDefaultAt: null,
  decidedAt: null,
  termExtended: false,
  accountBy: null,
  conditions: null,
  account: null,
  accountReview: null,
  reviewedBy: null,
  settledAmountCents: null,
  releasedAmountCents: null,
  committedCents: 0,
  agreement: null,
});
