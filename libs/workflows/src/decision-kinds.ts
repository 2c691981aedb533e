// Decisions (besluiten) an initiator receives as a letter, and what the law says about them.
// Which transition is a besluit, and of which kind, is in the machines' transition meta
// (`besluit`); this file holds the words and the legal basis of each kind.
import type { CaseType } from './case-types.js';
import { addDays, amsterdamDate } from './dates.js';

export const DECISION_KINDS = Object.freeze([
  'grant',
  'refusal',
  'set_aside',
  'settlement',
  'revocation',
  // Verdaging (Awb 4:14 lid 3): a letter, but no besluit (transition meta `letter`).
  'extension',
  /** Beslissing op bezwaar (Awb 7:11, 7:12). */
  'objection_decision',
] as const);
export type DecisionKind = (typeof DECISION_KINDS)[number];

export interface DecisionWords {
  /** The letter's subject in Dutch ("Besluit op uw aanvraag: toekenning"). */
  title: string;
  /** The legal basis per case type the kind is taken on, as the letter states it. */
  legalBasis: Readonly<Partial<Record<CaseType, string>>>;
  /**
   * Whether one may object to it (bezwaar). Not against a decision on an objection: then one
   * appeals to the court (beroep, Awb 7:1 and 8:1).
   */
  objectionPossible: boolean;
  /** A letter that decides nothing (a verdaging): no besluit, so nothing to object or appeal to. */
  noBesluit?: true;
}

export const DECISION_WORDS: Readonly<Record<DecisionKind, DecisionWords>> = Object.freeze({
  grant: {
    objectionPossible: true,
    title: 'Toekenning',
    legalBasis: {
      initiative:
        'Artikel 4:29 van de Algemene wet bestuursrecht (verlening van een subsidie) en het programma van de gemeenteraad voor het gebied.',
      right_to_challenge:
        'Afdeling 4.1.1 van de Algemene wet bestuursrecht (aanvraag) en het programma van de gemeenteraad voor het gebied; de uitvoering wordt vastgelegd in een overeenkomst.',
    },
  },
  refusal: {
    objectionPossible: true,
    title: 'Afwijzing',
    legalBasis: {
      initiative: 'Artikel 4:35 van de Algemene wet bestuursrecht (weigering van een subsidie).',
      right_to_challenge:
        'Afdeling 4.1.1 van de Algemene wet bestuursrecht (aanvraag) en het programma van de gemeenteraad voor het gebied.',
    },
  },
  // Buiten behandeling gesteld (Awb 4:5).
  set_aside: {
    objectionPossible: true,
    title: 'Buiten behandeling gesteld',
    legalBasis: {
      initiative:
        'Artikel 4:5 van de Algemene wet bestuursrecht (buiten behandeling laten van een onvolledige aanvraag).',
      right_to_challenge:
        'Artikel 4:5 van de Algemene wet bestuursrecht (buiten behandeling laten van een onvolledige aanvraag).',
    },
  },
  settlement: {
    objectionPossible: true,
    title: 'Vaststelling',
    legalBasis: {
      initiative:
        'Artikelen 4:44 tot en met 4:47 van de Algemene wet bestuursrecht (vaststelling van een subsidie).',
      right_to_challenge:
        'Artikelen 4:44 tot en met 4:47 van de Algemene wet bestuursrecht (vaststelling van een subsidie).',
    },
  },
  revocation: {
    objectionPossible: true,
    title: 'Intrekking',
    legalBasis: {
      initiative: 'Artikel 4:48 van de Algemene wet bestuursrecht (intrekking van de subsidieverlening).',
      right_to_challenge:
        'Artikel 4:48 van de Algemene wet bestuursrecht (intrekking) en de overeenkomst die op de toekenning volgde.',
    },
  },
  extension: {
    objectionPossible: false,
    noBesluit: true,
    title: 'Verdaging van de beslistermijn',
    legalBasis: {
      initiative:
        'Artikel 4:14, derde lid, van de Algemene wet bestuursrecht (verdaging van de beslistermijn).',
      right_to_challenge:
        'Artikel 4:14, derde lid, van de Algemene wet bestuursrecht (verdaging van de beslistermijn).',
    },
  },
  objection_decision: {
    objectionPossible: false,
    title: 'Beslissing op bezwaar',
    legalBasis: {
      objection:
        'Artikelen 7:11 en 7:12 van de Algemene wet bestuursrecht (heroverweging en beslissing op bezwaar).',
    },
  },
});

/** What the law says about a besluit of this kind on this case type taken at a moment. */
export interface BesluitTerms {
  legalBasis: string;
  /** The last day to object (YYYY-MM-DD, Amsterdam); null when no objection is possible. */
  objectionDeadline: string | null;
}

/**
 * The legal basis of a besluit of `kind` on a case of `caseType`, taken at `at` (ISO 8601),
 * and until when the initiator may object: the term starts the day after the decision is made
 * known (Awb 6:8) and lasts `objectionTermDays`, the case's own term (six weeks by law, Awb 6:7).
 */
export function besluitTerms(
  kind: DecisionKind,
  caseType: CaseType,
  at: string,
  objectionTermDays: number,
): BesluitTerms {
  const words = DECISION_WORDS[kind];
  const legalBasis = words.legalBasis[caseType];
  // A machine that takes a besluit of a kind on a type without its words is a modelling error;
  // decision-kinds.spec.ts checks every besluit transition of every machine.
  if (legalBasis === undefined) throw new Error(`No legal basis for a ${kind} on a case of type ${caseType}`);
  return {
    legalBasis,
    objectionDeadline: words.objectionPossible ? addDays(amsterdamDate(at), objectionTermDays) : null,
  };
}
