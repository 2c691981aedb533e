// The case lifecycle as XState v5 machines, one per case type, built by one factory so the
// types cannot drift apart. Guards call the same pure rules as applyEvent (honour-rules.ts);
// permissions and four eyes are checked by applyEvent before the machine is asked.
import { assign, setup, type AnyStateMachine } from 'xstate';
import type { CaseFacts, CaseType, MachineEvent, NewCaseFacts } from './case-types.js';
import { CASE_TYPES } from './case-types.js';
import type { StateTag } from './state-tags.js';
import { checkHonour, checkReferToCouncil, requiresAgreementMonths } from './honour-rules.js';

/** Bump when states, transitions or context change; stored beside every snapshot. */
export const MACHINE_VERSION = 2;

/** Eight weeks: the longest "reasonable term" for a decision on an application (Awb 4:13). */
export const DECISION_TERM_DAYS = 56;

const DAY_MS = 24 * 3600 * 1000;

/** `iso` moved on by `ms` milliseconds, as ISO 8601. */
function later(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

export function createCaseMachine(type: CaseType) {
  // The only difference between the case types: Right to Challenge needs an agreement term.
  const agreementRequired = requiresAgreementMonths(type);

  return setup({
    types: {} as { context: CaseFacts; events: MachineEvent; input: NewCaseFacts; tags: StateTag },
    guards: {
      honourAllowed: ({ context, event }) =>
        event.type === 'HONOUR' &&
        checkHonour(context, event, event.frame ?? null, { delegationLimit: true, agreementRequired }) ===
          null,
      councilHonourAllowed: ({ context, event }) =>
        event.type === 'COUNCIL_HONOUR' &&
        checkHonour(context, event, event.frame ?? null, { delegationLimit: false, agreementRequired }) ===
          null,
      referAllowed: ({ context, event }) => checkReferToCouncil(context, event.frame ?? null) === null,
    },
    actions: {
      recordAssessor: assign({ assessedBy: ({ event }) => event.actor.id }),
      // The decision term stands still while the initiator is asked for information (Awb 4:15).
      suspendTerm: assign({ termSuspendedSince: ({ event }) => event.at }),
      resumeTerm: assign(({ context, event }) => ({
        decisionDueAt:
          context.termSuspendedSince === null
            ? context.decisionDueAt
            : later(context.decisionDueAt, Date.parse(event.at) - Date.parse(context.termSuspendedSince)),
        termSuspendedSince: null,
      })),
      recordHonour: assign(({ event }) => {
        if (event.type !== 'HONOUR' && event.type !== 'COUNCIL_HONOUR') return {};
        return {
          honouredAmountCents: event.amountCents,
          agreementMonths: agreementRequired ? (event.agreementMonths ?? null) : null,
        };
      }),
    },
  }).createMachine({
    id: type,
    initial: 'submitted',
    // Copy only the known facts, so the persisted context stays small and JSON-safe.
    context: ({ input }) => ({
      type,
      areaCode: input.areaCode,
      theme: input.theme,
      initiatorId: input.initiatorId,
      requestedAmountCents: input.requestedAmountCents,
      assessedBy: null,
      honouredAmountCents: null,
      agreementMonths: null,
      decisionDueAt: later(input.submittedAt, DECISION_TERM_DAYS * DAY_MS),
      termSuspendedSince: null,
    }),
    // Tags say what a state means to the rest of the system (see state-classes.ts): which
    // states are open, where the decision term runs, which a report lists. Every list of
    // states outside this library is derived from them; meta.label is the Dutch name people read.
    states: {
      submitted: {
        tags: ['open', 'term_running'],
        meta: { label: 'Ingediend' },
        on: {
          REQUEST_INFO: { target: 'awaiting_info', actions: 'suspendTerm' },
          ASSESS: { target: 'assessed', actions: 'recordAssessor' },
          WITHDRAW: 'withdrawn',
        },
      },
      awaiting_info: {
        tags: ['open', 'term_suspended', 'awaiting_initiator'],
        meta: { label: 'Wacht op informatie' },
        on: {
          SUPPLY_INFO: { target: 'submitted', actions: 'resumeTerm' },
          WITHDRAW: 'withdrawn',
        },
      },
      assessed: {
        tags: ['open', 'term_running', 'awaiting_decision'],
        meta: { label: 'Beoordeeld' },
        on: {
          HONOUR: { target: 'honoured', guard: 'honourAllowed', actions: 'recordHonour' },
          REJECT: 'rejected',
          REFER_TO_COUNCIL: { target: 'awaiting_council', guard: 'referAllowed' },
          WITHDRAW: 'withdrawn',
        },
      },
      awaiting_council: {
        tags: ['open', 'term_running', 'awaiting_decision', 'referred'],
        meta: { label: 'Voorgelegd aan de raad' },
        on: {
          COUNCIL_HONOUR: { target: 'honoured', guard: 'councilHonourAllowed', actions: 'recordHonour' },
          COUNCIL_REJECT: 'rejected',
        },
      },
      // Decided cases stay open only to be reported to the council (POST /reports).
      honoured: {
        tags: ['decided', 'granted', 'funds_committed', 'reportable'],
        meta: { label: 'Toegekend' },
        on: { REPORT: 'reported_to_raad' },
      },
      rejected: {
        tags: ['decided', 'refused', 'reportable'],
        meta: { label: 'Afgewezen' },
        on: { REPORT: 'reported_to_raad' },
      },
      withdrawn: { type: 'final', tags: ['closed'], meta: { label: 'Ingetrokken' } },
      // A case honoured before the report keeps its amount committed after it.
      reported_to_raad: {
        type: 'final',
        tags: ['decided', 'closed', 'reported', 'funds_committed'],
        meta: { label: 'Gemeld aan de raad' },
      },
    },
  });
}

export type CaseMachine = ReturnType<typeof createCaseMachine>;

// Built once: machines are immutable definitions.
const MACHINES: Readonly<Record<CaseType, CaseMachine>> = Object.freeze(
  Object.fromEntries(CASE_TYPES.map((t) => [t, createCaseMachine(t)])) as Record<CaseType, CaseMachine>,
);

export function getCaseMachine(type: CaseType): AnyStateMachine {
  return getTypedCaseMachine(type);
}

/** Typed variant for use inside the library. */
export function getTypedCaseMachine(type: CaseType): CaseMachine {
  const machine = MACHINES[type];
  if (!machine) throw new Error(`Unknown case type: ${String(type)}`);
  return machine;
}
