// Mermaid state diagram drawn from the machine (via xstate/graph), never by hand, so
// GET /workflows/{type}/diagram always shows what the engine really does.
import type { AnyStateMachine } from 'xstate';
import type { CaseState, CaseType, EventType } from './case-types.js';
import { getCaseMachine } from './case.machine.js';
import { EVENT_WORDS } from './event-labels.js';
import { machineGraph } from './machine-graph.js';
import { stateLabel } from './state-classes.js';

/** Words to draw instead of the codes: a state's name and an event's, for people. */
export interface DiagramWords {
  state: (state: string) => string;
  event: (event: string) => string;
}

/** Mermaid ends a label at a line break and reads quotes, `;`, `#` and `:` in it as syntax. */
const inLabel = (text: string) => text.replace(/[\r\n"#;:]+/g, ' ').trim();

export function machineToMermaid(machine: AnyStateMachine, words?: DiagramWords): string {
  const g = machineGraph(machine);
  const lines = ['stateDiagram-v2'];
  if (words) {
    // A state's code stays its id (the lines below are the same), its Dutch name is what is drawn.
    const states = new Set([g.initial, ...g.transitions.flatMap((t) => [t.source, t.target])]);
    for (const s of states) lines.push(`  state "${inLabel(words.state(s))}" as ${s}`);
  }
  lines.push(`  [*] --> ${g.initial}`);
  const seen = new Set<string>();
  for (const t of g.transitions) {
    // Guarded alternatives for one event and target would repeat a line; draw it once.
    const line = `  ${t.source} --> ${t.target} : ${words ? inLabel(words.event(t.event)) : t.event}`;
    if (!seen.has(line)) {
      seen.add(line);
      lines.push(line);
    }
  }
  for (const s of g.finalStates) lines.push(`  ${s} --> [*]`);
  return lines.join('\n') + '\n';
}

/** The Dutch names of states and events, as GET /workflows gives them. */
export const DUTCH_DIAGRAM_WORDS: DiagramWords = {
  state: (state) => stateLabel(state as CaseState),
  event: (event) => EVENT_WORDS[event as EventType]?.label ?? event,
};

/** The case type's diagram with codes, or with Dutch words for people (`dutch`). */
export function toMermaid(type: CaseType, { dutch = false } = {}): string {
  return machineToMermaid(getCaseMachine(type), dutch ? DUTCH_DIAGRAM_WORDS : undefined);
}
