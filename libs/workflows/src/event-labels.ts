// The Dutch words for each event: `label` says what happened (timeline, audit trail,
// reports), `action` is what a person does (a button). A Record over EventType, so a new
// event does not compile until it has its words.
import type { EventType } from './case-types.js';

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
  WITHDRAW: { label: 'Ingetrokken', action: 'Trek de aanvraag in' },
  REPORT: { label: 'Gemeld aan de raad' },
});

/**
 * The Dutch label of each field an event body can carry, for forms drawn from GET /workflows.
 * A test checks that every field of every event has one.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = Object.freeze({
  question: 'Welke informatie heeft u nodig?',
  answer: 'Uw antwoord',
  advice: 'Advies',
  motivation: 'Motivering',
  amountCents: 'Bedrag (euro)',
  agreementMonths: 'Looptijd van de overeenkomst (maanden)',
  reason: 'Reden',
});
