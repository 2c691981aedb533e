export * from './case-types.js';
export * from './permissions.js';
export * from './honour-rules.js';
export {
  DECISION_TERM_DAYS,
  MACHINE_VERSION,
  EMPTY_AFTER_SUBMISSION,
  getCaseMachine,
  createCaseMachine,
} from './case.machine.js';
export {
  initialCase,
  migrateSnapshot,
  applyEvent,
  availableEvents,
  blockedEvents,
  describeWorkflow,
  assertAllStatesReachable,
} from './case-workflow.js';
export { toMermaid } from './mermaid.js';
export * from './state-tags.js';
export * from './state-classes.js';
export * from './event-labels.js';
export type { BlockedEvent, EventDetail, WorkflowDescription } from './case-workflow.js';
export * from './event-effects.js';
export * from './event-fields.js';
export * from './dates.js';
export type { TransitionMeta } from './machine-parts.js';
export { objectionDecisionDue, isLateObjection } from './objection.machine.js';
export * from './decision-kinds.js';
export * from './penalty.js';
export * from './case-terms.js';
