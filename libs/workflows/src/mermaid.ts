// Mermaid state diagram drawn from the machine (via xstate/graph), never by hand, so
// GET /workflows/{type}/diagram always shows what the engine really does.
import type { AnyStateMachine } from 'xstate';
import type { CaseType } from './case-types.js';
import { getCaseMachine } from './case.machine.js';
import { machineGraph } from './machine-graph.js';

export function machineToMermaid(machine: AnyStateMachine): string {
  const g = machineGraph(machine);
  const lines = ['stateDiagram-v2', `  [*] --> ${g.initial}`];
  const seen = new Set<string>();
  for (const t of g.transitions) {
    // Guarded alternatives for one event and target would repeat a line; draw it once.
    const line = `  ${t.source} --> ${t.target} : ${t.event}`;
    if (!seen.has(line)) {
      seen.add(line);
      lines.push(line);
    }
  }
  for (const s of g.finalStates) lines.push(`  ${s} --> [*]`);
  return lines.join('\n') + '\n';
}

export function toMermaid(type: CaseType): string {
  return machineToMermaid(getCaseMachine(type));
}
