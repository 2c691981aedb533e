// The terms of a case type (Awb): how long the municipality has to decide, how far it may
// extend that once, the hersteltermijn when an official names none, and the term to object.
// The raad may change them (PUT /case-types/{type}); a case keeps the terms it was submitted
// under, in its machine's context, so a later change never moves a running case's terms.
import type { CaseType } from './case-types.js';
import { MAX_RESPOND_BY_DAYS } from './event-fields.js';

export interface CaseTerms {
  /** The decision term from submission (beslistermijn, Awb 4:13). */
  decisionTermDays: number;
  /** The most the decision term may be extended, once (verdaging, Awb 4:14 lid 3). */
  maxExtensionDays: number;
  /** The day to supply information asked for, when the official names none (hersteltermijn, Awb 4:5). */
  defaultRespondByDays: number;
  /** The term to object to a decision (bezwaartermijn, Awb 6:7). */
  objectionTermDays: number;
}

/** The names of the terms, in the order they are shown and checked. */
export const TERM_NAMES = Object.freeze([
  'decisionTermDays',
  'maxExtensionDays',
  'defaultRespondByDays',
  'objectionTermDays',
] as const satisfies readonly (keyof CaseTerms)[]);

/**
 * The terms as the law has them when the raad sets none: eight weeks to decide (Awb 4:13), the
 * same again at most to extend (4:14), two weeks to supply information (4:5), six weeks to
 * object (6:7). Cases submitted before terms were kept per case were decided under these.
 */
export const LEGAL_TERMS: Readonly<Record<CaseType, Readonly<CaseTerms>>> = Object.freeze({
  initiative: Object.freeze({
    decisionTermDays: 56,
    maxExtensionDays: 56,
    defaultRespondByDays: 14,
    objectionTermDays: 42,
  }),
  right_to_challenge: Object.freeze({
    decisionTermDays: 56,
    maxExtensionDays: 56,
    defaultRespondByDays: 14,
    objectionTermDays: 42,
  }),
  // An objection is decided within six weeks after the objection term ended, extended by at
  // most six (Awb 7:10); the term to object is that of any besluit, though none lies against
  // the decision on an objection (one appeals to the court).
  objection: Object.freeze({
    decisionTermDays: 42,
    maxExtensionDays: 42,
    defaultRespondByDays: 14,
    objectionTermDays: 42,
  }),
});

/**
 * What the raad may set each term to, in days. Half a year is the outer bound of a reasonable
 * decision term or extension; the hersteltermijn is bound as an official's respondBy is; six
 * weeks to object is the law's (Awb 6:7) and cannot be shortened.
 */
export const TERM_RANGES: Readonly<Record<keyof CaseTerms, { min: number; max: number }>> = Object.freeze({
  decisionTermDays: { min: 1, max: 182 },
  maxExtensionDays: { min: 1, max: 182 },
  defaultRespondByDays: { min: 1, max: MAX_RESPOND_BY_DAYS },
  objectionTermDays: { min: 42, max: 182 },
});
