export * from './case-types.js';
export * from './permissions.js';
export * from './honour-rules.js';
export { MACHINE_VERSION, getCaseMachine, createCaseMachine } from './case.machine.js';
export {
  initialCase,
  migrateSnapshot,
  applyEvent,
  availableEvents,
  describeWorkflow,
  assertAllStatesReachable,
} from './case-workflow.js';
export { toMermaid } from './mermaid.js';
