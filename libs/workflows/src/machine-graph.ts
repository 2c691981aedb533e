// Reads a machine's structure through xstate/graph, so the diagram and the reachability
// check are derived from the machine itself and cannot drift from it.
import type { AnyStateMachine } from 'xstate';
import { toDirectedGraph, type DirectedGraphNode } from 'xstate/graph';

export interface GraphTransition {
  source: string;
  target: string;
  event: string;
}

export interface MachineGraph {
  initial: string;
  states: string[];
  finalStates: string[];
  transitions: GraphTransition[];
}

function flatten(node: DirectedGraphNode): DirectedGraphNode[] {
  return [node, ...node.children.flatMap(flatten)];
}

/** The machine's top-level states and every transition between them (guards ignored). */
export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const root = toDirectedGraph(machine);
  const nodes = flatten(root).filter((n) => n !== root);
  const transitions: GraphTransition[] = nodes.flatMap((n) =>
    n.edges.map((e) => ({ source: e.source.key, target: e.target.key, event: e.label.text })),
  );
  const initialTarget = machine.root.initial?.target?.[0];
  if (!initialTarget) throw new Error(`Machine ${machine.id} has no initial state`);
  return {
    initial: initialTarget.key,
    states: nodes.map((n) => n.stateNode.key),
    finalStates: nodes.filter((n) => n.stateNode.type === 'final').map((n) => n.stateNode.key),
    transitions,
  };
}

/** States that no path of transitions (ignoring guards) leads to from the initial state. */
export function unreachableStates(machine: AnyStateMachine): string[] {
  const g = machineGraph(machine);
  const seen = new Set<string>([g.initial]);
  const queue = [g.initial];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const t of g.transitions) {
      if (t.source === current && !seen.has(t.target)) {
        seen.add(t.target);
        queue.push(t.target);
      }
    }
  }
  return g.states.filter((s) => !seen.has(s));
}
