// The objection (bezwaar, Awb chapter 6 and 7) as a case with a small machine of its own: the
// objector is heard, then an alderman who did not hear them decides; until then the objector
// may withdraw. A founded objection sends the case it was made against back to be decided
// again (meta reopensOriginal; the API sends REOPEN there in the same transaction).
import { assign, setup } from 'xstate';
import type { CaseFacts, MachineEvent, NewCaseFacts } from './case-types.js';
import { LEGAL_TERMS } from './case-terms.js';
import { addDays, amsterdamDate, startOfAmsterdamDay } from './dates.js';
import { EMPTY_AFTER_SUBMISSION, REPORTED, type TransitionMeta } from './machine-parts.js';
import type { StateTag } from './state-tags.js';

/**
 * When an objection must be decided on: the term starts the day after the objection term ended
 * (its last day `objectionDeadline`) and lasts `decisionTermDays` (six weeks by law), so it ends
 * with the day objectionDeadline + 42 in Amsterdam (Awb 7:10). The objection case type's terms
 * are the raad's (GET /case-types), the law's by default (LEGAL_TERMS.objection).
 */
export function objectionDecisionDue(
  objectionDeadline: string,
  decisionTermDays = LEGAL_TERMS.objection.decisionTermDays,
): string {
  return startOfAmsterdamDay(addDays(objectionDeadline, decisionTermDays + 1));
}

/** Whether an objection made at `at` (ISO 8601) came after the last day of its term. */
export function isLateObjection(objectionDeadline: string, at: string): boolean {
  return amsterdamDate(at) > objectionDeadline;
}

/** The besluit on an objection (beslissing op bezwaar); only a founded one reopens the original. */
const DECIDED_ON_OBJECTION: TransitionMeta = { decision: true, besluit: 'objection_decision' };

export function createObjectionMachine() {
  return setup({
    types: {} as { context: CaseFacts; events: MachineEvent; input: NewCaseFacts; tags: StateTag },
    guards: {
      founded: ({ event }) => event.type === 'DECIDE_OBJECTION' && event.outcome === 'founded',
    },
    actions: {
      recordHearing: assign(({ context, event }) =>
        event.type === 'HEAR' && context.objection
          ? {
              heardBy: event.actor.id,
              objection: {
                ...context.objection,
                hearing: { heardOn: event.heardOn, minutes: event.minutes },
              },
            }
          : {},
      ),
      recordOutcome: assign(({ context, event }) =>
        event.type === 'DECIDE_OBJECTION' && context.objection
          ? { objection: { ...context.objection, outcome: event.outcome } }
          : {},
      ),
      recordDecided: assign({ decidedAt: ({ context, event }) => context.decidedAt ?? event.at }),
    },
  }).createMachine({
    id: 'objection',
    initial: 'received',
    context: ({ input }) => {
      const to = input.objectionTo;
      if (!to) throw new Error('An objection names the besluit it is made against');
      // The objection type's terms at submission stay the case's own (a copy, JSON-safe).
      const terms = { ...(input.terms ?? LEGAL_TERMS.objection) };
      return {
        type: 'objection',
        areaCode: input.areaCode,
        theme: input.theme,
        initiatorId: input.initiatorId,
        requestedAmountCents: input.requestedAmountCents,
        ...EMPTY_AFTER_SUBMISSION,
        terms,
        decisionDueAt: objectionDecisionDue(to.objectionDeadline, terms.decisionTermDays),
        objection: {
          decisionNumber: to.decisionNumber,
          caseId: to.caseId,
          late: isLateObjection(to.objectionDeadline, input.submittedAt),
          hearing: null,
          outcome: null,
        },
        heardBy: null,
      };
    },
    states: {
      received: {
        tags: ['open', 'term_running'],
        meta: { label: 'Bezwaar ontvangen' },
        on: {
          HEAR: { target: 'heard', actions: 'recordHearing' },
          WITHDRAW: { target: 'withdrawn', actions: 'recordDecided' },
        },
      },
      // Heard (Awb 7:2): an alderman who did not hear the objector decides.
      heard: {
        tags: ['open', 'term_running', 'awaiting_decision'],
        meta: { label: 'Gehoord' },
        on: {
          DECIDE_OBJECTION: [
            {
              target: 'decided',
              guard: 'founded',
              actions: ['recordOutcome', 'recordDecided'],
              meta: { ...DECIDED_ON_OBJECTION, reopensOriginal: true } satisfies TransitionMeta,
            },
            { target: 'decided', actions: ['recordOutcome', 'recordDecided'], meta: DECIDED_ON_OBJECTION },
          ],
          WITHDRAW: { target: 'withdrawn', actions: 'recordDecided' },
        },
      },
      decided: {
        tags: ['decided', 'reportable'],
        meta: { label: 'Op bezwaar beslist' },
        on: { REPORT: 'reported_to_raad' },
      },
      withdrawn: { type: 'final', tags: ['closed'], meta: { label: 'Bezwaar ingetrokken' } },
      reported_to_raad: { ...REPORTED, type: 'final' },
    },
  });
}
