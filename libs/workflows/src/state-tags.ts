// The classes of states the rest of the system asks about. A state's tags are set on the
// state in case.machine.ts; code outside this library asks for "the open states" or "the
// states a report lists" through state-classes.ts and never names a state itself.

export const STATE_TAGS = Object.freeze([
  /** No decision yet: the case is being handled. */
  'open',
  /** The decision term runs (Awb 4:13). */
  'term_running',
  /** The decision term stands still while the initiator is asked for information (Awb 4:15). */
  'term_suspended',
  /** Waiting for the initiator to act. */
  'awaiting_initiator',
  /** Waiting for the deciding event; the area's programme decides what may be granted. */
  'awaiting_decision',
  /** Referred to the council, which decides instead of the alderman. */
  'referred',
  /** A decision has been taken on the application. */
  'decided',
  /** The decision granted money. */
  'granted',
  /** Granted and being carried out: the grant is accounted for, or the agreement runs. */
  'in_progress',
  /** An initiative's account is due by its accountBy (cases without one never are). */
  'account_due',
  /** The decision refused the application. */
  'refused',
  /** A granted amount, if there is one, stays committed against the programme. */
  'funds_committed',
  /** Closed by its last decision; the next report to the council lists the case and files it. */
  'reportable',
  /** Nothing more happens to the case. */
  'closed',
  /** The council has been told of the case's decision. */
  'reported',
] as const);

export type StateTag = (typeof STATE_TAGS)[number];
