// What the lifecycle means, from the API's own machines (GET /workflows): the Dutch names of
// states and events, and which states carry which tag ("open", "term_suspended", …). The
// screens ask here instead of keeping their own lists of states.

import { api } from './api.js';
import { ACTIONS, EVENTS, STATES } from './format.js';

const tagsOf = new Map();
const fieldsOf = new Map();

/** Loads the workflows once, before the first screen, and fills the label maps of format.js. */
export async function loadWorkflows() {
  const workflows = await api('/workflows');
  for (const workflow of workflows) {
    for (const s of workflow.stateDetails) {
      STATES[s.name] = s.label;
      tagsOf.set(s.name, s.tags);
    }
    for (const e of workflow.eventDetails) {
      EVENTS[e.type] = e.label;
      fieldsOf.set(e.type, e.fields);
      if (e.action) ACTIONS[e.type] = e.action;
    }
  }
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
