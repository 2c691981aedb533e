// The Dutch words for each event: `label` says what happened (timeline, audit trail,
// reports), `action` is what a person does (a button). A Record over EventType, so a new
// event does not compile until it has its words.
import type { CaseType, EventType } from './case-types.js';

export interface EventWords {
  label: string;
  /** Absent for events no person sends (REPORT comes from POST /reports). */
  action?: string;
}

export const EVENT_WORDS: Readonly<Record<EventType, EventWords>> = Object.freeze({
  REQUEST_INFO: { label: 'Informatie gevraagd', action: 'Vraag informatie' },
  SUPPLY_INFO: { label: 'Informatie aangevuld', action: 'Geef de gevraagde informatie' },
  ASSESS: { label: 'Beoordeeld', action: 'Beoordeel' },
  HONOUR: { label: 'Toegekend', action: 'Ken toe' },
  REJECT: { label: 'Afgewezen', action: 'Wijs af' },
  REFER_TO_COUNCIL: { label: 'Voorgelegd aan de raad', action: 'Leg voor aan de raad' },
  COUNCIL_HONOUR: { label: 'Toegekend door de raad', action: 'Ken toe (besluit van de raad)' },
  COUNCIL_REJECT: { label: 'Afgewezen door de raad', action: 'Wijs af (besluit van de raad)' },
  WITHDRAW: { label: 'Aanvraag ingetrokken', action: 'Trek de aanvraag in' },
  SUBMIT_ACCOUNT: { label: 'Verantwoording ingediend', action: 'Dien de verantwoording in' },
  REVIEW_ACCOUNT: { label: 'Verantwoording beoordeeld', action: 'Beoordeel de verantwoording' },
  SETTLE: { label: 'Subsidie vastgesteld', action: 'Stel de subsidie vast' },
  REVOKE: { label: 'Toekenning ingetrokken', action: 'Trek de toekenning in' },
  SIGN_AGREEMENT: { label: 'Overeenkomst getekend', action: 'Teken de overeenkomst' },
  PROGRESS_REVIEW: { label: 'Voortgang besproken', action: 'Leg de voortgang vast' },
  EXTEND_AGREEMENT: { label: 'Overeenkomst verlengd', action: 'Verleng de overeenkomst' },
  EVALUATE: { label: 'Geëvalueerd', action: 'Leg de evaluatie vast' },
  TERMINATE: { label: 'Overeenkomst beëindigd', action: 'Beëindig de overeenkomst' },
  NOT_PROCESSED: { label: 'Buiten behandeling gesteld', action: 'Stel buiten behandeling' },
  NOTICE_OF_DEFAULT: { label: 'In gebreke gesteld', action: 'Stel de gemeente in gebreke' },
  EXTEND_TERM: { label: 'Beslistermijn verdaagd', action: 'Verdaag de beslistermijn' },
  HEAR: { label: 'Bezwaarmaker gehoord', action: 'Leg de hoorzitting vast' },
  DECIDE_OBJECTION: { label: 'Op bezwaar beslist', action: 'Beslis op het bezwaar' },
  REOPEN: { label: 'Heropend na een gegrond bezwaar' },
  REPORT: { label: 'Gemeld aan de raad' },
});

/** Where an event means something else on one case type: an objector withdraws an objection. */
const WORDS_BY_CASE_TYPE: Readonly<Partial<Record<CaseType, Partial<Record<EventType, EventWords>>>>> =
  Object.freeze({
    objection: { WITHDRAW: { label: 'Bezwaar ingetrokken', action: 'Trek het bezwaar in' } },
  });

/** The Dutch words of an event on a case of this type. */
export function eventWords(type: CaseType, event: EventType): EventWords {
  return WORDS_BY_CASE_TYPE[type]?.[event] ?? EVENT_WORDS[event];
}

/**
 * The Dutch label of each field an event body can carry, for forms drawn from GET /workflows.
 * A test checks that every field of every event has one.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = Object.freeze({
  question: 'Welke informatie heeft u nodig?',
  respondBy: 'Aanvullen uiterlijk op',
  answer: 'Uw antwoord',
  advice: 'Advies',
  motivation: 'Motivering',
  amountCents: 'Bedrag (euro)',
  agreementMonths: 'Looptijd van de overeenkomst (maanden)',
  reason: 'Reden',
  accountBy: 'Verantwoorden uiterlijk op',
  conditions: 'Voorwaarden (verplichtingen bij de subsidie)',
  report: 'Verslag: wat is er gedaan?',
  actualCostCents: 'Werkelijke kosten (euro)',
  advisedCents: 'Geadviseerd vast te stellen bedrag (euro)',
  settledCents: 'Vastgesteld bedrag (euro)',
  startsOn: 'Begindatum',
  endsOn: 'Einddatum',
  deliverables: 'Wat de bewoners leveren',
  indicators: 'Indicatoren (naam, eenheid, doel)',
  fallback: 'Terugvaloptie: wat de gemeente doet als de taak terugkomt',
  findings: 'Bevindingen',
  onTrack: 'Ligt het op schema?',
  indicatorValues: 'Gemeten waarden van de indicatoren',
  newEndsOn: 'Nieuwe einddatum',
  newDueAt: 'Nieuwe uiterste beslisdatum',
  evaluation: 'Evaluatie',
  releasedCents: 'Bedrag dat terugvloeit naar het budget (euro)',
  // The fields of an indicator, and of a measured value of one.
  name: 'Naam',
  unit: 'Eenheid',
  target: 'Doel',
  value: 'Gemeten waarde',
  // A raadsbesluit (COUNCIL_HONOUR, COUNCIL_REJECT) and the meeting it was taken in.
  councilDecision: 'Besluit van de raad',
  meetingOn: 'Datum van de raadsvergadering',
  agendaItem: 'Agendapunt',
  votesFor: 'Stemmen voor',
  votesAgainst: 'Stemmen tegen',
  // An objection (bezwaar): its grounds, the hearing and the decision on it.
  grounds: 'Waarom bent u het niet eens met het besluit?',
  heardOn: 'Datum van de hoorzitting',
  minutes: 'Verslag van de hoorzitting',
  outcome: 'Beslissing op het bezwaar',
});

/** The Dutch words of a field's choices, for forms: an objection is gegrond, ongegrond… */
export const CHOICE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.freeze({
  outcome: {
    founded: 'Gegrond: het besluit wordt heroverwogen',
    unfounded: 'Ongegrond: het besluit blijft',
    inadmissible: 'Niet-ontvankelijk',
  },
});
