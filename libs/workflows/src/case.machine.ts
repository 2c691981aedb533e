// The case lifecycle as XState v5 machines, one per case type, built by one factory so the
// types cannot drift apart. Guards call the same pure rules as applyEvent (honour-rules.ts);
// permissions and four eyes are checked by applyEvent before the machine is asked.
import { assign, setup, type AnyStateMachine } from 'xstate';
import type { CaseFacts, CaseType, MachineEvent, NewCaseFacts } from './case-types.js';
import type { ApplicationType } from './case-types.js';
import { createObjectionMachine } from './objection.machine.js';
import type { StateTag } from './state-tags.js';
import type { DecisionKind } from './decision-kinds.js';
import {
  checkHonour,
  checkExtendTerm,
  checkNoticeOfDefault,
  checkReferToCouncil,
  checkRespondByPassed,
} from './honour-rules.js';
import { addDays, amsterdamDate, startOfAmsterdamDay } from './dates.js';
import { LEGAL_TERMS } from './case-terms.js';
import { DAY_MS, EMPTY_AFTER_SUBMISSION, REPORTED, later, type TransitionMeta } from './machine-parts.js';

export { EMPTY_AFTER_SUBMISSION, type TransitionMeta };

/** Bump when states, transitions or context change; stored beside every snapshot. */
export const MACHINE_VERSION = 5;

/** Eight weeks: the law's longest "reasonable term" for a decision (Awb 4:13), unless the raad sets one. */
export const DECISION_TERM_DAYS = LEGAL_TERMS.initiative.decisionTermDays;

/** The moment the day `respondBy` ends in Amsterdam: until then the decision term stands still. */
function endOfRespondBy(respondBy: string): string {
  return startOfAmsterdamDay(addDays(respondBy, 1));
}

const DECISION: { meta: TransitionMeta } = { meta: { decision: true } };
/** Notice of default, in every state where the application still waits for its decision. */
const notice = <S extends string>(state: S) =>
  ({ target: state, guard: 'noticeAllowed', actions: 'recordNotice' }) as const;
/** Verdaging, in every state where the application still waits for its decision: a letter, no besluit. */
const extension = <S extends string>(state: S) => ({
  target: state,
  guard: 'extensionAllowed' as const,
  actions: 'extendTerm' as const,
  meta: { letter: 'extension' } satisfies TransitionMeta,
});

/** A decision that is also a besluit: a numbered letter the initiator may object to. */
const besluit = (kind: DecisionKind, more: TransitionMeta = {}): { meta: TransitionMeta } => ({
  meta: { decision: true, besluit: kind, ...more },
});
/**
 * REOPEN (internal): a founded objection against a besluit sends the case back to `assessed`,
 * from every state a besluit leads to (withdrawn excepted: the initiator ended it).
 */
const REOPEN = {
  REOPEN: { target: 'assessed', actions: 'reopen', meta: { movesBudget: true } satisfies TransitionMeta },
} as const;
/** A grant: it reads the programme and commits money against it. */
const GRANT_META: TransitionMeta = { movesBudget: true, readsFrame: true };
/** Money goes back to the programme. */
const RELEASES: TransitionMeta = { movesBudget: true };

export function createCaseMachine(type: ApplicationType) {
  return setup({
    types: {} as { context: CaseFacts; events: MachineEvent; input: NewCaseFacts; tags: StateTag },
    guards: {
      honourAllowed: ({ context, event }) =>
        event.type === 'HONOUR' &&
        checkHonour(context, event, event.frame ?? null, { delegationLimit: true }) === null,
      councilHonourAllowed: ({ context, event }) =>
        event.type === 'COUNCIL_HONOUR' &&
        checkHonour(context, event, event.frame ?? null, { delegationLimit: false }) === null,
      referAllowed: ({ context, event }) => checkReferToCouncil(context, event.frame ?? null) === null,
      respondByPassed: ({ context, event }) => checkRespondByPassed(context, event.at) === null,
      noticeAllowed: ({ context, event }) => checkNoticeOfDefault(context, event.at) === null,
      extensionAllowed: ({ context, event }) => checkExtendTerm(context, event.at) === null,
    },
    actions: {
      recordAssessor: assign({ assessedBy: ({ event }) => event.actor.id }),
      // The decision term stands still from the request for information until it is supplied or
      // the day given for it (respondBy) has ended, whichever comes first (Awb 4:15 lid 1a).
      // The term is moved on at once by the longest the suspension can last, so decisionDueAt is
      // always right; what is left of it comes back when the information arrives earlier.
      // A term that has already passed is not revived by a request: nothing is suspended then.
      suspendTerm: assign(({ context, event }) => {
        if (event.type !== 'REQUEST_INFO') return {};
        const respondBy =
          event.respondBy ?? addDays(amsterdamDate(event.at), context.terms.defaultRespondByDays);
        const longest = Date.parse(endOfRespondBy(respondBy)) - Date.parse(event.at);
        const running = Date.parse(event.at) <= Date.parse(context.decisionDueAt);
        return {
          termSuspendedSince: event.at,
          respondBy,
          decisionDueAt: running ? later(context.decisionDueAt, Math.max(0, longest)) : context.decisionDueAt,
        };
      }),
      resumeTerm: assign(({ context, event }) => {
        if (context.termSuspendedSince === null) return {};
        // A suspension begun before respondBy existed (machine version 3) lasts until the answer.
        if (context.respondBy === null) {
          return {
            decisionDueAt: later(
              context.decisionDueAt,
              Date.parse(event.at) - Date.parse(context.termSuspendedSince),
            ),
            termSuspendedSince: null,
          };
        }
        const since = Date.parse(context.termSuspendedSince);
        const longest = Math.max(0, Date.parse(endOfRespondBy(context.respondBy)) - since);
        // Moved on at the request only if the term still ran then (see suspendTerm): the term
        // before the request is at or after its moment exactly when it was.
        const moved = Date.parse(context.decisionDueAt) - longest >= since;
        const unused = Math.max(0, Date.parse(endOfRespondBy(context.respondBy)) - Date.parse(event.at));
        return {
          decisionDueAt: moved ? later(context.decisionDueAt, -unused) : context.decisionDueAt,
          termSuspendedSince: null,
          respondBy: null,
        };
      }),
      // The application is decided on (or withdrawn): a penalty for lateness stops growing. A
      // decision taken again after a founded objection does not set it going again.
      recordDecided: assign({ decidedAt: ({ context, event }) => context.decidedAt ?? event.at }),
      recordNotice: assign({ noticeOfDefaultAt: ({ event }) => event.at }),
      // Verdaging (Awb 4:14 lid 3): the term ends at the new moment, once. A suspension that
      // follows moves it on from there, like any other term.
      extendTerm: assign(({ event }) =>
        event.type === 'EXTEND_TERM'
          ? { decisionDueAt: new Date(event.newDueAt).toISOString(), termExtended: true }
          : {},
      ),
      // The grant (verlening): its amount is committed against the programme until released.
      recordHonour: assign(({ event }) => {
        if (event.type !== 'HONOUR' && event.type !== 'COUNCIL_HONOUR') return {};
        return {
          honouredAmountCents: event.amountCents,
          committedCents: event.amountCents,
          agreementMonths: event.agreementMonths ?? null,
          accountBy: event.accountBy ?? null,
          conditions: event.conditions ?? null,
        };
      }),
      recordAccount: assign(({ event }) =>
        event.type === 'SUBMIT_ACCOUNT'
          ? {
              account: {
                report: event.report,
                actualCostCents: event.actualCostCents,
                submittedAt: event.at,
              },
            }
          : {},
      ),
      recordAccountReview: assign(({ event }) =>
        event.type === 'REVIEW_ACCOUNT'
          ? {
              accountReview: { advisedCents: event.advisedCents, motivation: event.motivation },
              reviewedBy: event.actor.id,
            }
          : {},
      ),
      // The final amount (vaststelling, Awb 4:44): what was granted and not settled goes back.
      settle: assign(({ context, event }) =>
        event.type === 'SETTLE'
          ? {
              settledAmountCents: event.settledCents,
              releasedAmountCents: context.committedCents - event.settledCents,
              committedCents: event.settledCents,
            }
          : {},
      ),
      // Revoked or withdrawn after the grant: everything still committed goes back (Awb 4:48).
      releaseAll: assign(({ context }) => ({
        releasedAmountCents: (context.releasedAmountCents ?? 0) + context.committedCents,
        committedCents: 0,
      })),
      recordAgreement: assign(({ event }) =>
        event.type === 'SIGN_AGREEMENT'
          ? {
              agreement: {
                startsOn: event.startsOn,
                endsOn: event.endsOn,
                deliverables: [...event.deliverables],
                indicators: event.indicators.map((i) => ({ ...i })),
                fallback: event.fallback,
              },
            }
          : {},
      ),
      extendAgreement: assign(({ context, event }) =>
        event.type === 'EXTEND_AGREEMENT' && context.agreement
          ? { agreement: { ...context.agreement, endsOn: event.newEndsOn } }
          : {},
      ),
      // A founded objection (Awb 7:11): the decision is taken again from the assessment. What
      // the case held committed goes back to its programme (budgetDelta), and the grant and
      // what followed it (terms, account, agreement, what was released) no longer stand; a new
      // decision term runs. Who assessed the case still may not decide it (four eyes), and a
      // penalty stays frozen (decidedAt stays: the first decision stopped it).
      reopen: assign(({ context, event }) => ({
        ...REOPENED,
        decisionDueAt: later(event.at, context.terms.decisionTermDays * DAY_MS),
      })),
      // The task comes back early: the part of the grant not needed goes back to the programme.
      terminate: assign(({ context, event }) =>
        event.type === 'TERMINATE'
          ? {
              releasedAmountCents: (context.releasedAmountCents ?? 0) + event.releasedCents,
              committedCents: context.committedCents - event.releasedCents,
            }
          : {},
      ),
    },
  }).createMachine({
    id: type,
    initial: 'submitted',
    // Copy only the known facts, so the persisted context stays small and JSON-safe.
    context: ({ input }) => {
      // The terms of the case type at submission stay the case's own (a copy, JSON-safe).
      const terms = { ...(input.terms ?? LEGAL_TERMS[type]) };
      return {
        type,
        areaCode: input.areaCode,
        theme: input.theme,
        initiatorId: input.initiatorId,
        requestedAmountCents: input.requestedAmountCents,
        ...EMPTY_AFTER_SUBMISSION,
        terms,
        decisionDueAt: later(input.submittedAt, terms.decisionTermDays * DAY_MS),
      };
    },
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
          WITHDRAW: { target: 'withdrawn', actions: 'recordDecided' },
          NOTICE_OF_DEFAULT: notice('submitted'),
          EXTEND_TERM: extension('submitted'),
        },
      },
      awaiting_info: {
        tags: ['open', 'term_suspended', 'awaiting_initiator'],
        meta: { label: 'Wacht op informatie' },
        on: {
          SUPPLY_INFO: { target: 'submitted', actions: 'resumeTerm' },
          WITHDRAW: { target: 'withdrawn', actions: 'recordDecided' },
          NOT_PROCESSED: {
            target: 'not_processed',
            guard: 'respondByPassed',
            actions: 'recordDecided',
            ...besluit('set_aside'),
          },
          NOTICE_OF_DEFAULT: notice('awaiting_info'),
          EXTEND_TERM: extension('awaiting_info'),
        },
      },
      assessed: {
        tags: ['open', 'term_running', 'awaiting_decision'],
        meta: { label: 'Beoordeeld' },
        on: {
          HONOUR: {
            target: 'honoured',
            guard: 'honourAllowed',
            actions: ['recordHonour', 'recordDecided'],
            ...besluit('grant', GRANT_META),
          },
          REJECT: { target: 'rejected', actions: 'recordDecided', ...besluit('refusal') },
          REFER_TO_COUNCIL: {
            target: 'awaiting_council',
            guard: 'referAllowed',
            meta: { readsFrame: true } satisfies TransitionMeta,
          },
          WITHDRAW: { target: 'withdrawn', actions: 'recordDecided' },
          NOTICE_OF_DEFAULT: notice('assessed'),
          EXTEND_TERM: extension('assessed'),
        },
      },
      awaiting_council: {
        tags: ['open', 'term_running', 'awaiting_decision', 'referred'],
        meta: { label: 'Voorgelegd aan de raad' },
        on: {
          COUNCIL_HONOUR: {
            target: 'honoured',
            guard: 'councilHonourAllowed',
            actions: ['recordHonour', 'recordDecided'],
            ...besluit('grant', GRANT_META),
          },
          COUNCIL_REJECT: { target: 'rejected', actions: 'recordDecided', ...besluit('refusal') },
          NOTICE_OF_DEFAULT: notice('awaiting_council'),
          EXTEND_TERM: extension('awaiting_council'),
        },
      },
      // Granted: the initiative is carried out and accounted for; a Right to Challenge waits
      // for its agreement. Until then the initiator may still step back.
      honoured: {
        tags: ['decided', 'granted', 'funds_committed', 'in_progress', 'account_due'],
        meta: { label: 'Toegekend' },
        on: {
          ...(type === 'initiative'
            ? { SUBMIT_ACCOUNT: { target: 'accounted', actions: 'recordAccount' } }
            : { SIGN_AGREEMENT: { target: 'in_execution', actions: 'recordAgreement', ...DECISION } }),
          REVOKE: { target: 'revoked', actions: 'releaseAll', ...besluit('revocation', RELEASES) },
          WITHDRAW: { target: 'withdrawn', actions: 'releaseAll', meta: { decision: true, ...RELEASES } },
          ...REOPEN,
        },
      },
      ...(type === 'initiative' ? initiativeAfterGrant() : challengeAfterGrant()),
      rejected: {
        tags: ['decided', 'refused', 'reportable'],
        meta: { label: 'Afgewezen' },
        on: { REPORT: 'reported_to_raad', ...REOPEN },
      },
      // Buiten behandeling (Awb 4:5): the information asked for did not come in time.
      not_processed: {
        tags: ['decided', 'refused', 'reportable'],
        meta: { label: 'Buiten behandeling gesteld' },
        on: { REPORT: 'reported_to_raad', ...REOPEN },
      },
      revoked: {
        tags: ['decided', 'reportable'],
        meta: { label: 'Toekenning ingetrokken' },
        on: { REPORT: 'reported_to_raad', ...REOPEN },
      },
      withdrawn: { type: 'final', tags: ['closed'], meta: { label: 'Aanvraag ingetrokken' } },
      // A founded objection against its last decision opens it again (REOPEN), so it is not final.
      reported_to_raad: { ...REPORTED, on: REOPEN },
    },
  });
}

/** What a founded objection undoes: everything that followed the decision objected to. */
const REOPENED = Object.freeze({
  committedCents: 0,
  honouredAmountCents: null,
  settledAmountCents: null,
  releasedAmountCents: null,
  agreementMonths: null,
  accountBy: null,
  conditions: null,
  account: null,
  accountReview: null,
  reviewedBy: null,
  agreement: null,
  termSuspendedSince: null,
  respondBy: null,
  // The new term may be extended once, like the first.
  termExtended: false,
});

/** A bewonersinitiatief after the grant: account, review, settlement (Awb 4:44–4:47). */
function initiativeAfterGrant() {
  return {
    accounted: {
      tags: ['decided', 'granted', 'funds_committed', 'in_progress'],
      meta: { label: 'Verantwoording ingediend' },
      on: {
        REVIEW_ACCOUNT: { target: 'account_reviewed', actions: 'recordAccountReview' },
        REVOKE: { target: 'revoked', actions: 'releaseAll', ...besluit('revocation', RELEASES) },
        ...REOPEN,
      },
    },
    account_reviewed: {
      tags: ['decided', 'granted', 'funds_committed', 'in_progress'],
      meta: { label: 'Verantwoording beoordeeld' },
      on: {
        SETTLE: { target: 'settled', actions: 'settle', ...besluit('settlement', RELEASES) },
        REVOKE: { target: 'revoked', actions: 'releaseAll', ...besluit('revocation', RELEASES) },
        ...REOPEN,
      },
    },
    settled: {
      tags: ['decided', 'granted', 'funds_committed', 'reportable'],
      meta: { label: 'Subsidie vastgesteld' },
      on: { REPORT: 'reported_to_raad', ...REOPEN },
    },
  } as const;
}

/** A Right to Challenge after the grant: the agreement, carried out, reviewed and evaluated. */
function challengeAfterGrant() {
  return {
    in_execution: {
      tags: ['decided', 'granted', 'funds_committed', 'in_progress'],
      meta: { label: 'Overeenkomst loopt' },
      on: {
        PROGRESS_REVIEW: { target: 'in_execution' },
        EXTEND_AGREEMENT: { target: 'in_execution', actions: 'extendAgreement' },
        EVALUATE: { target: 'evaluated', ...DECISION },
        TERMINATE: { target: 'terminated', actions: 'terminate', meta: { decision: true, ...RELEASES } },
        REVOKE: { target: 'revoked', actions: 'releaseAll', ...besluit('revocation', RELEASES) },
        ...REOPEN,
      },
    },
    evaluated: {
      tags: ['decided', 'granted', 'funds_committed', 'reportable'],
      meta: { label: 'Geëvalueerd' },
      on: { REPORT: 'reported_to_raad', ...REOPEN },
    },
    terminated: {
      tags: ['decided', 'funds_committed', 'reportable'],
      meta: { label: 'Overeenkomst beëindigd' },
      on: { REPORT: 'reported_to_raad', ...REOPEN },
    },
  } as const;
}

export type CaseMachine = ReturnType<typeof createCaseMachine>;

// Built once: machines are immutable definitions. The objection's machine has the same
// context, events and input types, so the rest of the library handles it like any other.
const MACHINES: Readonly<Record<CaseType, CaseMachine>> = Object.freeze({
  initiative: createCaseMachine('initiative'),
  right_to_challenge: createCaseMachine('right_to_challenge'),
  objection: createObjectionMachine() as unknown as CaseMachine,
});

export function getCaseMachine(type: CaseType): AnyStateMachine {
  return getTypedCaseMachine(type);
}

/** Typed variant for use inside the library. */
export function getTypedCaseMachine(type: CaseType): CaseMachine {
  const machine = MACHINES[type];
  if (!machine) throw new Error(`Unknown case type: ${String(type)}`);
  return machine;
}
