// What the lifecycle means, from the API's own machines (GET /workflows): the Dutch names of
// states and events, which states carry which tag ("open", "granted", …), the fields of each
// event, and where each event leads (from the diagram the API draws of each machine). The
// screens ask here instead of keeping their own lists of states or events.

import { api } from './api.js';
import { ACTIONS, EVENTS, STATES } from './format.js';

const tagsOf = new Map();
/** `${caseType} ${state}`, `${caseType} ${event}` and `… action` → the words that type uses. */
const wordsOf = new Map();
const fieldsOf = new Map();
/** `${caseType} ${fromState} ${event}` → the state the event leads to. */
const targets = new Map();

/** Loads the workflows once, before the first screen, and fills the label maps of format.js. */
export async function loadWorkflows() {
  const workflows = await api('/workflows');
  for (const workflow of workflows) {
    // A name shared by case types means the same; its words may fit the type (an objection is
    // withdrawn, not an application): the first type's words are the general ones.
    for (const s of workflow.stateDetails) {
      STATES[s.name] ??= s.label;
      wordsOf.set(`${workflow.type} ${s.name}`, s.label);
      tagsOf.set(s.name, s.tags);
    }
    for (const e of workflow.eventDetails) {
      EVENTS[e.type] ??= e.label;
      wordsOf.set(`${workflow.type} ${e.type}`, e.label);
      fieldsOf.set(e.type, e.fields);
      if (e.action) {
        ACTIONS[e.type] ??= e.action;
        wordsOf.set(`${workflow.type} ${e.type} action`, e.action);
      }
    }
  }
  // The transitions, from the Mermaid text the API draws from each machine ("a --> b : EVENT").
  const diagrams = await Promise.all(
    workflows.map((w) => api(`/workflows/${w.type}/diagram`, { accept: 'text/plain' }).catch(() => '')),
  );
  workflows.forEach((workflow, i) => {
    for (const [, from, to, event] of String(diagrams[i]).matchAll(/^\s*(\w+) --> (\w+) : (\w+)\s*$/gm)) {
      targets.set(`${workflow.type} ${from} ${event}`, to);
    }
  });
}

/** The Dutch name of a state or event (or, with `action`, the button) as a case type words it. */
export function wordsFor(caseType, name, action = false) {
  const fallback = action ? ACTIONS[name] : (STATES[name] ?? EVENTS[name]);
  return wordsOf.get(`${caseType} ${name}${action ? ' action' : ''}`) ?? fallback ?? name;
}

export function hasTag(state, tag) {
  return (tagsOf.get(state) ?? []).includes(tag);
}

/** The states of any case type that carry the tag. */
export function statesTagged(tag) {
  return [...tagsOf.keys()].filter((state) => hasTag(state, tag));
}

/** CSS classes for a state's badge: one per tag, so a new state gets its colour from its tags. */
export function tagClasses(state) {
  return (tagsOf.get(state) ?? []).map((tag) => `tag-${tag}`).join(' ');
}

/** The fields of an event's body as the API describes them: {name, label, kind, required, …}. */
export function eventFieldsOf(event) {
  return fieldsOf.get(event) ?? [];
}

/** The state an event sent in `state` leads to, or null when the machine does not say. */
export function targetOf(caseType, state, event) {
  return targets.get(`${caseType} ${state} ${event}`) ?? null;
}

/**
 * Whether the event ends the case without (or takes away) a grant: a refusal, a withdrawal, a
 * revocation, a termination. Its state is then neither open nor granted. Such actions are
 * folded away and asked to be confirmed.
 */
export function endsWithoutGrant(caseType, state, event) {
  const to = targetOf(caseType, state, event);
  return to !== null && !hasTag(to, 'open') && !hasTag(to, 'granted');
}
