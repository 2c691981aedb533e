// English, for clients that ask for it (Accept-Language: en): developers and integrations.
import type { Catalogue } from './catalogue-types.js';
import { render } from './catalogue.js';
import { formatDay, formatEuro, formatMoment, formatMomentDay } from './format.js';
import { whoMay, type RoleWords } from './roles.js';

const euro = (cents: number) => formatEuro(cents, 'en');
const day = (d: string) => formatDay(d, 'en');

/** a, b or c */
function either(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

const ROLE_WORDS: RoleWords = {
  role: {
    resident: 'the resident who submitted the case',
    official: 'an official',
    alderman: 'an alderman',
    council: 'the municipal council',
    clerk: "the council's clerk (griffier)",
  },
  ofArea: " of the case's area",
  either,
};

/** a, b and c */
function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const quoted = (items: readonly string[]) => list(items.map((i) => `“${i}”`));

const SHAPE: Record<'keysPerObject' | 'nodes' | 'arrayItems' | 'depth', (max: number) => string> = {
  keysPerObject: (max) => `has an object with more than ${max} fields`,
  nodes: (max) => `has more than ${max} values in all`,
  arrayItems: (max) => `has an array of more than ${max} items`,
  depth: (max) => `is nested more than ${max} levels deep`,
};

export const EN: Catalogue = {
  titles: {
    INVALID_INPUT: 'Invalid input',
    UNAUTHENTICATED: 'Not authenticated',
    FORBIDDEN: 'Forbidden',
    NOT_FOUND: 'Not found',
    STATE_CONFLICT: 'Not allowed in the current state',
    RULE_VIOLATION: 'Business rule violated',
    CONCURRENT_UPDATE: 'Changed concurrently',
    VERSION_MISMATCH: 'Version is no longer current',
    IDEMPOTENCY_KEY_REUSED: 'Idempotency key reused',
    PAYLOAD_TOO_LARGE: 'Payload too large',
    NOT_ACCEPTABLE: 'Not acceptable',
    TOO_MANY_REQUESTS: 'Too many requests',
    UNAVAILABLE: 'Service unavailable',
    BAD_REQUEST: 'Bad request',
    METHOD_NOT_ALLOWED: 'Method not allowed',
    REQUEST_TIMEOUT: 'Request timeout',
    UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
    INTERNAL: 'Internal error',
    REFUSED: 'Request refused',
  },
  refusals: {
    STATE: ({ state, event }) => `This case is in state ${state}, so ${event} is not possible now.`,
    ROLE: (p) => `Only ${whoMay(p, ROLE_WORDS)} may send ${p.event} on this case.`,
    CONFLICT_OF_INTEREST: ({ event }) =>
      `You submitted this case yourself, so someone else must handle it (${event}).`,
    FOUR_EYES: ({ event, prepared }) =>
      prepared === 'reviewedBy'
        ? `You reviewed the account of this case, so someone else must settle it (${event}).`
        : `You assessed this case, so someone else must decide on it (${event}).`,
    NO_PROGRAMME: () => "The council has adopted no programme for this case's area for the current year.",
    THEME_NOT_IN_PROGRAMME: ({ theme, themes }) =>
      `The theme “${theme}” is not part of the area's programme for the current year` +
      (themes.length > 0 ? ` (its themes: ${quoted(themes)}).` : '.'),
    AMOUNT_ABOVE_REQUEST: ({ amountCents, requestedCents }) =>
      `The amount of ${euro(amountCents)} is more than the ${euro(requestedCents)} requested.`,
    BUDGET_EXCEEDED: ({ amountCents, availableCents }) =>
      `The amount of ${euro(amountCents)} is more than the ${euro(availableCents)} still available in the area's programme.`,
    ABOVE_DELEGATION_LIMIT: ({ amountCents, limitCents }) =>
      `The amount of ${euro(amountCents)} is above the alderman's delegation limit of ${euro(limitCents)}; refer the case to the council instead.`,
    NOT_ABOVE_DELEGATION_LIMIT: ({ requestedCents, limitCents }) =>
      `The requested ${euro(requestedCents)} is within the alderman's delegation limit of ${euro(limitCents)}, so the alderman decides this case.`,
    BUDGET_BELOW_COMMITTED: ({ budgetCents, committedCents }) =>
      `The budget of ${euro(budgetCents)} is less than the ${euro(committedCents)} already granted against this programme; it cannot go below that.`,
    RESPOND_BY_NOT_PASSED: ({ respondBy }) =>
      respondBy === null
        ? 'No day was set to supply the information, so the application cannot be set aside for want of it.'
        : `The initiator has until ${day(respondBy)} to supply the information; only after that day can the application be set aside.`,
    TERM_NOT_EXPIRED: ({ decisionDueAt }) =>
      decisionDueAt === null
        ? 'The decision term stands still until the information asked for is supplied; notice of default can be given once the term has passed.'
        : `The decision is due by ${formatMomentDay(decisionDueAt, 'en')}; notice of default can be given once that moment has passed.`,
    NOTICE_ALREADY_GIVEN: () => 'Notice of default was already given on this application.',
    TERM_EXPIRED: ({ decisionDueAt }) =>
      `The decision was due by ${formatMoment(decisionDueAt, 'en')}; a term that has passed cannot be extended.`,
    TERM_ALREADY_EXTENDED: () =>
      'The decision term of this application was already extended; the law allows that once.',
  },
  messages: {
    'detail.invalidFields': () => 'The request contains invalid fields.',
    'detail.bodyShape': () => 'The request body is larger in shape than any request takes.',
    'detail.invalidCheckpoint': () =>
      'A checkpoint is not a signed checkpoint note (c2sp.org/tlog-checkpoint).',
    'detail.malformedJson': () => 'The request body is not valid JSON.',
    'detail.unreadableBody': () => 'The request body could not be read.',
    'detail.notFound': ({ thing }) =>
      ({
        case: 'The case was not found.',
        caseType: 'The case type was not found.',
        decision: 'The decision was not found.',
        report: 'The report was not found.',
        endpoint: 'This endpoint was not found.',
        resource: 'The resource does not exist or is not visible to you.',
        checkpoint: 'No checkpoint has been published yet.',
      })[thing],
    'detail.unauthenticated': () => 'A valid bearer token is required.',
    'detail.tokenLifetime': ({ maxSeconds }) =>
      `A valid bearer token is required: one with an expiry (exp) at most ${maxSeconds} seconds after it was issued.`,
    'detail.forbidden': () => 'You may not do this.',
    'detail.rolesRequired': ({ roles }) => `This requires the role ${roles.join(' or ')}.`,
    'detail.transferFromOwnArea': ({ areaCode }) =>
      `Only an alderman of ${areaCode}, the area that gives up budget, may transfer from its programme.`,
    'detail.methodNotAllowed': () => 'This method is not allowed here.',
    'detail.notAcceptable': ({ offered }) => `This resource is available as ${offered.join(', ')}.`,
    'detail.requestTimeout': () => 'The request took too long.',
    'detail.payloadTooLarge': () => 'The request body is larger than 1 MB.',
    'detail.unsupportedMediaType': () => 'Send the body as application/json (UTF-8).',
    'detail.tooManyRequests': ({ seconds }) =>
      seconds === undefined
        ? 'Too many requests; try again later.'
        : `Too many requests; try again in ${seconds} seconds.`,
    'detail.unavailable': () => 'The service is temporarily unavailable.',
    'detail.identityProviderUnavailable': () =>
      'The identity provider cannot be reached to check the token. Try again after Retry-After seconds.',
    'detail.busy': () => 'The request took too long and was stopped; nothing was changed. Try again shortly.',
    'detail.internal': () => 'Something went wrong on our side. The error has been logged.',
    'detail.refused': () => 'Request refused.',
    'detail.concurrentUpdate': () => 'The case was changed at the same time. Reload it and try again.',
    'detail.versionMismatch': ({ current, expected }) =>
      `The case is at version ${current}, not ${expected}. Reload it and try again.`,
    'detail.idempotencyKeyReused': () =>
      'This Idempotency-Key was used before with a different request body.',
    'detail.transferNoProgramme': ({ year, areaCodes }) =>
      `The council has adopted no ${year} programme for ${list(areaCodes)}, so no budget can move there or from there.`,
    'detail.transferBudgetExceeded': ({ year, areaCode, availableCents, amountCents }) =>
      `The ${year} programme of ${areaCode} has ${euro(availableCents)} available, less than the ${euro(amountCents)} to transfer.`,

    'reason.isString': () => 'must be a string',
    'reason.isInt': () => 'must be an integer',
    'reason.isBoolean': () => 'must be true or false',
    'reason.isArray': () => 'must be an array',
    'reason.isEmail': () => 'must be an e-mail address',
    'reason.isUuid': () => 'must be a UUID',
    'reason.isIso8601': () => 'must be an ISO 8601 date-time',
    'reason.isCalendarDate': () => 'must be a date written YYYY-MM-DD',
    'reason.isIn': ({ values }) => `must be one of ${values.join(', ')}`,
    'reason.length': ({ min, max }) =>
      max === undefined ? `must be at least ${min} characters` : `must be ${min} to ${max} characters`,
    'reason.maxLength': ({ max }) => `must be at most ${max} characters`,
    'reason.min': ({ min }) => `must not be less than ${min}`,
    'reason.max': ({ max }) => `must not be greater than ${max}`,
    'reason.minAmount': ({ cents }) => `must not be less than ${euro(cents)}`,
    'reason.maxAmount': ({ cents }) => `must not be more than ${euro(cents)}`,
    'reason.arrayMaxSize': ({ max }) => `must contain at most ${max} elements`,
    'reason.arrayMinSize': ({ min }) => `must contain at least ${min} elements`,
    'reason.arrayNotEmpty': () => 'must not be empty',
    'reason.arrayUnique': () => 'must not repeat a value',
    'reason.matches': () => 'does not have the right form',
    'reason.notAbove': ({ other }) => `must not be more than ${other}`,
    'reason.unknownField': () => 'unknown field',
    'reason.nested': () => 'must be an object',
    'reason.required': () => 'is required',
    'reason.all': ({ reasons }) => reasons.map((r) => render(r, 'en')).join('; '),
    'reason.invalid': () => 'is invalid',
    'reason.themeSlug': () => 'must be lower-case letters, digits and hyphens, such as “buurtwelzijn”',
    'reason.subjectCharacters': () => 'may contain letters, digits and . : @ _ - only',
    'reason.eventName': () => 'must be an event name in capitals, e.g. HONOUR',
    'reason.areaCodeFormat': () => 'must be an area code from GET /areas',
    'reason.caseTypeName': () => 'must be a case type from GET /case-types',
    'reason.year': () => 'must be an integer from 2000 to 2100',
    'reason.decisionNumber': () => 'must be a decision number such as BES-2026-000042',
    'reason.cursor': () => 'is not a cursor this API gave out',
    'reason.bodyObject': () => 'must be a JSON object',
    'reason.noBody': () => 'unknown field: this request takes no body',
    'reason.eventType': ({ values }) => `must be one of ${values.join(', ')}`,
    'reason.onlyForRightToChallenge': () => 'only for type right_to_challenge',
    'reason.ifMatch': () => 'must be a version as given in the ETag, e.g. "3"',
    'reason.idempotencyKey': () => 'must be 1 to 255 visible ASCII characters',
    'reason.unknownArea': ({ codes }) => `unknown area code: ${codes.join(', ')}`,
    'reason.notLaterThan': ({ other }) => `must not be later than ${other}`,
    'reason.unstorable': () => 'contains a NUL character or an unpaired surrogate, which cannot be stored',
    'reason.notCheckpoint': () => 'is not a signed checkpoint',
    'reason.shape': ({ limit, max }) => SHAPE[limit](max),
    'reason.requiredForCaseType': ({ caseType }) => `is required for a case of type ${caseType}`,
    'reason.notForCaseType': ({ caseType }) => `does not apply to a case of type ${caseType}`,
    'reason.dayBetween': ({ from, to }) => `must be between ${day(from)} and ${day(to)}`,
    'reason.atMostCommitted': ({ cents }) =>
      `must be at most ${euro(cents)}, the amount granted and still committed`,
    'reason.agreementHasNoIndicators': () => 'the agreement has no indicators',
    'reason.oneOfIndicators': ({ names }) => `must be one of the agreement's indicators: ${quoted(names)}`,
    'reason.afterStartsOn': () => 'must be after startsOn',
    'reason.monthsAfterStartsOn': ({ months, latest }) =>
      `must be at most ${months} months after startsOn (${day(latest)})`,
    'reason.ownIndicatorNames': () => 'each indicator needs a name of its own',
    'reason.afterAgreementEnd': ({ endsOn }) =>
      `must be after the current end of the agreement (${day(endsOn)})`,
    'reason.monthsAfterAgreementStart': ({ months, latest }) =>
      `must be at most ${months} months after the agreement started (${day(latest)})`,
    'reason.momentWithTime': () => 'must be a date with a time, such as 2027-03-01T17:00:00Z',
    'reason.afterTerm': ({ decisionDueAt }) =>
      `must be after the current term, ${formatMoment(decisionDueAt, 'en')}`,
    'reason.daysAfterTerm': ({ days, latest }) =>
      `must be at most ${days} days after the current term (${formatMoment(latest, 'en')})`,
  },
};
