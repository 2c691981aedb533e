// Checks of an event's fields that depend on the case: which fields its type needs, and
// ranges set by what was decided before (an amount up to the grant, dates within the
// agreement). The API validates the shape of a body on its own (case-event.dto.ts); these
// checks need the stored case, so the workflow runs them, and a failure is a 400 listing the
// fields, like any other invalid field.
import type {
  CaseEventInput,
  CaseFacts,
  CaseType,
  EventType,
  FieldProblem,
  IndicatorValue,
} from './case-types.js';
import { addDays, addMonths, amsterdamDate } from './dates.js';
import { checkExtendTerm, MAX_AGREEMENT_MONTHS } from './honour-rules.js';
import { msg } from '../../messages/src/messages.js';

const DAY_MS = 86_400_000;

/** Fields of an event that one case type requires and the other may not send. */
export const FIELDS_BY_CASE_TYPE: Readonly<Record<CaseType, { required: string[]; notAllowed: string[] }>> =
  Object.freeze({
    // A subsidy is accounted for by a date (Awb 4:46); it has no agreement term.
    initiative: { required: ['accountBy'], notAllowed: ['agreementMonths'] },
    // A Right to Challenge becomes an agreement for a term; it is not accounted for as a subsidy.
    right_to_challenge: { required: ['agreementMonths'], notAllowed: ['accountBy'] },
  });

/** The grant's events: the ones FIELDS_BY_CASE_TYPE applies to. */
const GRANTS: ReadonlySet<EventType> = new Set(['HONOUR', 'COUNCIL_HONOUR']);

/** The longest hersteltermijn an official may give: 90 days. */
export const MAX_RESPOND_BY_DAYS = 90;

/** An account is due at least a month and at most three years after the grant. */
export const ACCOUNT_BY_MIN_MONTHS = 1;
export const ACCOUNT_BY_MAX_MONTHS = 36;

function upToGrant(name: string, cents: number, facts: CaseFacts): FieldProblem[] {
  const limit = facts.committedCents;
  return cents > limit ? [{ name, reason: msg('reason.atMostCommitted', { cents: limit }) }] : [];
}

function indicatorNames(
  name: string,
  values: IndicatorValue[] | undefined,
  facts: CaseFacts,
): FieldProblem[] {
  const known = new Set((facts.agreement?.indicators ?? []).map((i) => i.name));
  return (values ?? [])
    .filter((v) => !known.has(v.name))
    .map((v) => ({
      name: `${name}.${v.name}`,
      reason:
        known.size === 0
          ? msg('reason.agreementHasNoIndicators')
          : msg('reason.oneOfIndicators', { names: [...known] }),
    }));
}

/**
 * What is wrong with the event's fields for this case at moment `at` (ISO 8601); empty when
 * nothing is. Runs after the state and permission checks and before the business rules.
 */
export function checkEventFields(facts: CaseFacts, event: CaseEventInput, at: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const sent = event as unknown as Record<string, unknown>;
  if (GRANTS.has(event.type)) {
    const rule = FIELDS_BY_CASE_TYPE[facts.type];
    for (const name of rule.required) {
      // A JSON null passes the body's @IsOptional(): it is as missing as an absent field.
      if (sent[name] === undefined || sent[name] === null)
        problems.push({ name, reason: msg('reason.requiredForCaseType', { caseType: facts.type }) });
    }
    for (const name of rule.notAllowed) {
      if (sent[name] !== undefined)
        problems.push({ name, reason: msg('reason.notForCaseType', { caseType: facts.type }) });
    }
  }
  const today = amsterdamDate(at);
  switch (event.type) {
    case 'REQUEST_INFO':
      if (event.respondBy !== undefined && event.respondBy !== null) {
        const earliest = addDays(today, 1);
        const latest = addDays(today, MAX_RESPOND_BY_DAYS);
        if (event.respondBy < earliest || event.respondBy > latest) {
          problems.push({
            name: 'respondBy',
            reason: msg('reason.dayBetween', { from: earliest, to: latest }),
          });
        }
      }
      break;
    case 'HONOUR':
    case 'COUNCIL_HONOUR':
      if (event.accountBy !== undefined) {
        const earliest = addMonths(today, ACCOUNT_BY_MIN_MONTHS);
        const latest = addMonths(today, ACCOUNT_BY_MAX_MONTHS);
        if (event.accountBy < earliest || event.accountBy > latest) {
          problems.push({
            name: 'accountBy',
            reason: msg('reason.dayBetween', { from: earliest, to: latest }),
          });
        }
      }
      break;
    case 'REVIEW_ACCOUNT':
      problems.push(...upToGrant('advisedCents', event.advisedCents, facts));
      break;
    case 'SETTLE':
      problems.push(...upToGrant('settledCents', event.settledCents, facts));
      break;
    case 'TERMINATE':
      problems.push(...upToGrant('releasedCents', event.releasedCents, facts));
      break;
    case 'SIGN_AGREEMENT': {
      const months = facts.agreementMonths ?? MAX_AGREEMENT_MONTHS;
      const latest = addMonths(event.startsOn, months);
      if (event.endsOn <= event.startsOn) {
        problems.push({ name: 'endsOn', reason: msg('reason.afterStartsOn') });
      } else if (event.endsOn > latest) {
        problems.push({
          name: 'endsOn',
          reason: msg('reason.monthsAfterStartsOn', { months, latest }),
        });
      }
      const names = event.indicators.map((i) => i.name);
      if (new Set(names).size !== names.length) {
        problems.push({ name: 'indicators', reason: msg('reason.ownIndicatorNames') });
      }
      break;
    }
    case 'EXTEND_AGREEMENT': {
      const agreement = facts.agreement;
      if (!agreement) break;
      const latest = addMonths(agreement.startsOn, MAX_AGREEMENT_MONTHS);
      if (event.newEndsOn <= agreement.endsOn) {
        problems.push({
          name: 'newEndsOn',
          reason: msg('reason.afterAgreementEnd', { endsOn: agreement.endsOn }),
        });
      } else if (event.newEndsOn > latest) {
        problems.push({
          name: 'newEndsOn',
          reason: msg('reason.monthsAfterAgreementStart', { months: MAX_AGREEMENT_MONTHS, latest }),
        });
      }
      break;
    }
    case 'EXTEND_TERM': {
      // No day would do once the term has passed or was extended: the 409 says why (checkExtendTerm).
      if (checkExtendTerm(facts, at) !== null) break;
      const due = Date.parse(facts.decisionDueAt);
      const latest = new Date(due + facts.terms.maxExtensionDays * DAY_MS).toISOString();
      const asked = Date.parse(event.newDueAt);
      if (!(asked > due)) {
        problems.push({
          name: 'newDueAt',
          reason: msg('reason.afterTerm', { decisionDueAt: facts.decisionDueAt }),
        });
      } else if (asked > Date.parse(latest)) {
        problems.push({
          name: 'newDueAt',
          reason: msg('reason.daysAfterTerm', { days: facts.terms.maxExtensionDays, latest }),
        });
      }
      break;
    }
    case 'PROGRESS_REVIEW':
    case 'EVALUATE':
      problems.push(...indicatorNames('indicatorValues', event.indicatorValues, facts));
      break;
    default:
      break;
  }
  return problems;
}
