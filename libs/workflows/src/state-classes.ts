// Lists of states, derived from the machines' tags: the one way code outside this library
// learns which states are open, reportable, or have a running decision term.
import type { CaseState } from './case-types.js';
import { CASE_TYPES } from './case-types.js';
import { getTypedCaseMachine } from './case.machine.js';
import { STATE_TAGS, type StateTag } from './state-tags.js';

export interface StateDetail {
  name: CaseState;
  /** The Dutch name people read. */
  label: string;
  tags: StateTag[];
}

function detailsOf(type: (typeof CASE_TYPES)[number]): StateDetail[] {
  const machine = getTypedCaseMachine(type);
  return Object.entries(machine.states).map(([name, node]) => ({
    name: name as CaseState,
    label: (node.meta as { label?: string } | undefined)?.label ?? name,
    tags: [...node.tags].filter((t): t is StateTag => (STATE_TAGS as readonly string[]).includes(t)),
  }));
}

// Built once: machines are immutable.
const DETAILS_BY_TYPE = new Map(CASE_TYPES.map((t) => [t, Object.freeze(detailsOf(t))]));
const ALL_DETAILS = new Map<CaseState, StateDetail>();
for (const details of DETAILS_BY_TYPE.values()) {
  for (const d of details) {
    const known = ALL_DETAILS.get(d.name);
    // The case types share state names; a shared name must mean the same thing in each (its
    // tags). Its words may fit the type: an objection is withdrawn, not an application.
    if (known && known.tags.join() !== d.tags.join()) {
      throw new Error(`State ${d.name} has different tags in different case types`);
    }
    if (!known) ALL_DETAILS.set(d.name, d);
  }
}

/** The states of one case type with their Dutch labels and tags, in the machine's order. */
export function stateDetails(type: (typeof CASE_TYPES)[number]): readonly StateDetail[] {
  return DETAILS_BY_TYPE.get(type)!;
}

/** Every state of any case type that carries the tag. */
export function statesTagged(tag: StateTag): CaseState[] {
  return [...ALL_DETAILS.values()].filter((d) => d.tags.includes(tag)).map((d) => d.name);
}

export function stateHasTag(state: CaseState, tag: StateTag): boolean {
  return ALL_DETAILS.get(state)?.tags.includes(tag) ?? false;
}

/** The Dutch name of a state, for letters, reports and problems; with `type`, as that type names it. */
export function stateLabel(state: CaseState, type?: (typeof CASE_TYPES)[number]): string {
  const ofType = type === undefined ? undefined : DETAILS_BY_TYPE.get(type)?.find((d) => d.name === state);
  return (ofType ?? ALL_DETAILS.get(state))?.label ?? state;
}
