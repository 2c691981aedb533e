// Every sentence the API says to a person, as a key and its parameters: services and the
// workflow say which (amounts in cents, days as YYYY-MM-DD, moments as ISO 8601, names as
// given), the problem filter renders it in the negotiated language (catalogue.ts).
import type { CaseType, Role, Violation } from '../../workflows/src/case-types.js';

/** What a 404 says was not found. */
export type Thing = 'case' | 'caseType' | 'decision' | 'report' | 'endpoint' | 'resource' | 'checkpoint';

/** Shapes a request body may not exceed (common/body-shape.ts). */
export type ShapeLimit = 'keysPerObject' | 'nodes' | 'arrayItems' | 'depth';

type None = Record<string, never>;

/**
 * The parameters of each message. A key names a detail (the sentence of a problem) or a
 * reason (why one field of invalidParams is refused, without the field's name).
 */
export interface MessageParams {
  // Details
  'detail.invalidFields': None;
  'detail.bodyShape': None;
  'detail.invalidCheckpoint': None;
  'detail.malformedJson': None;
  'detail.unreadableBody': None;
  'detail.notFound': { thing: Thing };
  'detail.unauthenticated': None;
  'detail.tokenLifetime': { maxSeconds: number };
  'detail.forbidden': None;
  'detail.rolesRequired': { roles: Role[] };
  'detail.transferFromOwnArea': { areaCode: string };
  'detail.methodNotAllowed': None;
  'detail.notAcceptable': { offered: string[] };
  'detail.requestTimeout': None;
  'detail.payloadTooLarge': None;
  'detail.unsupportedMediaType': None;
  'detail.tooManyRequests': { seconds?: number };
  'detail.unavailable': None;
  'detail.identityProviderUnavailable': None;
  'detail.busy': None;
  'detail.internal': None;
  'detail.refused': None;
  'detail.concurrentUpdate': None;
  'detail.versionMismatch': { current: number; expected: number };
  'detail.idempotencyKeyReused': None;
  'detail.transferNoProgramme': { year: number; areaCodes: string[] };
  'detail.transferBudgetExceeded': {
    year: number;
    areaCode: string;
    availableCents: number;
    amountCents: number;
  };
  /** A refusal of the workflow or of a programme, by its code. */
  'detail.refusal': Violation;

  // Reasons: class-validator's constraints (named as class-validator names them)
  'reason.isString': None;
  'reason.isInt': None;
  'reason.isBoolean': None;
  'reason.isArray': None;
  'reason.isEmail': None;
  'reason.isUuid': None;
  'reason.isIso8601': None;
  'reason.isCalendarDate': None;
  'reason.isIn': { values: readonly string[] };
  'reason.length': { min: number; max?: number };
  'reason.maxLength': { max: number };
  'reason.min': { min: number };
  'reason.max': { max: number };
  'reason.minAmount': { cents: number };
  'reason.maxAmount': { cents: number };
  'reason.arrayMaxSize': { max: number };
  'reason.arrayMinSize': { min: number };
  'reason.arrayNotEmpty': None;
  'reason.arrayUnique': None;
  'reason.matches': None;
  'reason.notAbove': { other: string };
  'reason.unknownField': None;
  'reason.nested': None;
  'reason.required': None;
  'reason.invalid': None;
  /** Several reasons for one field. */
  'reason.all': { reasons: Message[] };
  // Reasons of this API's own checks
  'reason.themeSlug': None;
  'reason.subjectCharacters': None;
  'reason.eventName': None;
  'reason.areaCodeFormat': None;
  'reason.caseTypeName': None;
  'reason.year': None;
  'reason.decisionNumber': None;
  'reason.cursor': None;
  'reason.bodyObject': None;
  'reason.noBody': None;
  'reason.eventType': { values: readonly string[] };
  'reason.onlyForRightToChallenge': None;
  'reason.ifMatch': None;
  'reason.idempotencyKey': None;
  'reason.unknownArea': { codes: string[] };
  'reason.notLaterThan': { other: string };
  'reason.unstorable': None;
  'reason.notCheckpoint': None;
  'reason.shape': { limit: ShapeLimit; max: number };
  'reason.requiredForCaseType': { caseType: CaseType };
  'reason.notForCaseType': { caseType: CaseType };
  'reason.dayBetween': { from: string; to: string };
  'reason.atMostCommitted': { cents: number };
  'reason.agreementHasNoIndicators': None;
  'reason.oneOfIndicators': { names: string[] };
  'reason.afterStartsOn': None;
  'reason.monthsAfterStartsOn': { months: number; latest: string };
  'reason.ownIndicatorNames': None;
  'reason.afterAgreementEnd': { endsOn: string };
  'reason.monthsAfterAgreementStart': { months: number; latest: string };
  /** A new decision term (EXTEND_TERM): moments, not days. */
  'reason.momentWithTime': None;
  'reason.afterTerm': { decisionDueAt: string };
  'reason.daysAfterTerm': { days: number; latest: string };
}

export type MessageKey = keyof MessageParams;
export type ReasonKey = Extract<MessageKey, `reason.${string}`>;

/** A sentence not yet written: its key and parameters. */
export type Message = { [K in MessageKey]: { key: K; params: MessageParams[K] } }[MessageKey];

type Args<K extends MessageKey> = MessageParams[K] extends None ? [] : [params: MessageParams[K]];

/** msg('detail.notFound', { thing: 'case' }); msg('reason.isInt'). */
export function msg<K extends MessageKey>(key: K, ...params: Args<K>): Message {
  return { key, params: params[0] ?? {} } as Message;
}

/** The message of a refusal by the workflow or a programme. */
export function refusalMessage(violation: Violation): Message {
  return { key: 'detail.refusal', params: violation };
}

export function isMessage(x: unknown): x is Message {
  return typeof x === 'object' && x !== null && typeof (x as Message).key === 'string' && 'params' in x;
}
