// One case: its state in Dutch, the decision term, its details, what the user may do now (only
// the events the API lists in availableEvents) and the process log as a timeline.

import { api, ApiError } from '../api.js';
import { announce, busy, choices, el, field, missingRequired, showFormErrors } from '../dom.js';
import {
  ACTIONS,
  ADVICE,
  CLAIMS,
  EVENTS,
  ROLES,
  STATES,
  TYPES,
  centsToInput,
  currentYear,
  euro,
  formatDate,
  formatDateTime,
  label,
  parseEuro,
} from '../format.js';
import { eventFieldsOf, hasTag, tagClasses } from '../workflow.js';

const HONOURING = ['HONOUR', 'COUNCIL_HONOUR'];

export async function render(view, ctx) {
  const id = ctx.params[0];
  const [c, log] = await Promise.all([api(`/cases/${id}`), api(`/cases/${id}/log`)]);
  const frame = c.availableEvents.some((e) => HONOURING.includes(e) || e === 'REFER_TO_COUNCIL')
    ? await programmeOf(c.areaCode)
    : null;
  document.title = `${c.title} – Wijkflow`;
  const reload = () => ctx.navigate(`#/aanvragen/${c.id}`);
  view.append(
    el('p', { class: 'back' }, el('a', { href: '#/aanvragen' }, '← Terug naar de lijst')),
    el('h1', {}, c.title),
    el('p', { class: 'subtitle' }, `${c.reference} · ${label(TYPES, c.type)} · ${ctx.areaName(c.areaCode)}`),
    statusPanel(c, log),
    actions(c, ctx, log, frame, reload),
    details(c, ctx),
    timeline(log, ctx),
  );
}

function statusPanel(c, log) {
  const open = hasTag(c.state, 'open');
  const question = hasTag(c.state, 'awaiting_initiator')
    ? lastOf(log, 'REQUEST_INFO')?.payload?.question
    : null;
  return el(
    'section',
    { class: 'panel', 'aria-labelledby': 'status-title' },
    el('h2', { id: 'status-title', class: 'visually-hidden' }, 'Status'),
    el(
      'p',
      { class: 'state-line' },
      'Status: ',
      el('span', { class: `badge ${tagClasses(c.state)}`, 'data-state': c.state }, label(STATES, c.state)),
    ),
    open
      ? el(
          'p',
          {},
          'Besluit uiterlijk op ',
          el('strong', {}, formatDate(c.decisionDueAt)),
          hasTag(c.state, 'term_suspended')
            ? '. Deze termijn staat stil tot de gevraagde informatie er is.'
            : '.',
        )
      : null,
    question ? el('p', {}, 'Gevraagde informatie: ', el('q', {}, question)) : null,
  );
}

function details(c, ctx) {
  const rows = [
    ['Soort', label(TYPES, c.type)],
    ['Gebied', ctx.areaName(c.areaCode)],
    ['Thema', c.theme],
    ['Gevraagd bedrag', euro(c.requestedAmountCents)],
    c.honouredAmountCents !== null ? ['Toegekend bedrag', euro(c.honouredAmountCents)] : null,
    ['Ingediend op', formatDateTime(c.createdAt)],
    ['Laatst gewijzigd', formatDateTime(c.updatedAt)],
    c.challengedTask ? ['Over te nemen taak', c.challengedTask] : null,
    c.organisation ? ['Organisatie', c.organisation] : null,
    c.claim ? ['Belofte', label(CLAIMS, c.claim)] : null,
    c.proposedCostCents !== undefined && c.proposedCostCents !== null
      ? ['Kosten bij overname', euro(c.proposedCostCents)]
      : null,
    c.currentCostCents !== undefined && c.currentCostCents !== null
      ? ['Kosten nu (gemeente)', euro(c.currentCostCents)]
      : null,
    c.agreementMonths ? ['Looptijd overeenkomst', `${c.agreementMonths} maanden`] : null,
    // Contact data is for the initiator and the area team, never for the council (AVG): the API
    // leaves it out for the council, and this page does not show it to a council member anyway.
    c.contactEmail && !ctx.me.roles.includes('council') ? ['E-mailadres voor contact', c.contactEmail] : null,
  ].filter(Boolean);
  return el(
    'section',
    { 'aria-labelledby': 'details-title' },
    el('h2', { id: 'details-title' }, 'Gegevens'),
    el(
      'dl',
      { class: 'details' },
      rows.map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]),
    ),
    el('h3', {}, 'Omschrijving'),
    el('p', { class: 'description' }, c.description),
  );
}

function timeline(log, ctx) {
  return el(
    'section',
    { 'aria-labelledby': 'log-title' },
    el('h2', { id: 'log-title' }, 'Verloop'),
    el(
      'ol',
      { class: 'timeline' },
      log.map((entry) =>
        el(
          'li',
          {},
          el('p', { class: 'timeline-when' }, el('time', { datetime: entry.at }, formatDateTime(entry.at))),
          el('p', { class: 'timeline-what' }, label(EVENTS, entry.event)),
          el('p', { class: 'timeline-who' }, 'Door ', actorName(entry.actor, ctx)),
          entry.fromState && entry.toState && entry.fromState !== entry.toState
            ? el(
                'p',
                { class: 'hint' },
                `Status: ${label(STATES, entry.fromState)} → ${label(STATES, entry.toState)}`,
              )
            : null,
          entryDetails(entry),
        ),
      ),
    ),
  );
}

function actorName(actor, ctx) {
  if (actor.id === ctx.me.id) return 'u';
  const role = label(ROLES, actor.role);
  return actor.name ? `${actor.name} (${role})` : role;
}

/** The words that came with an event: question, answer, advice, amount, motivation, reason. */
function entryDetails(entry) {
  if (entry.event === 'SUBMIT') return null;
  const p = entry.payload ?? {};
  const lines = [
    p.question ? ['Vraag', p.question] : null,
    p.answer ? ['Antwoord', p.answer] : null,
    p.advice ? ['Advies', label(ADVICE, p.advice)] : null,
    typeof p.amountCents === 'number' ? ['Bedrag', euro(p.amountCents)] : null,
    p.agreementMonths ? ['Looptijd', `${p.agreementMonths} maanden`] : null,
    (entry.motivation ?? p.motivation) ? ['Motivering', entry.motivation ?? p.motivation] : null,
    p.reason ? ['Reden', p.reason] : null,
  ].filter(Boolean);
  if (lines.length === 0) return null;
  return el(
    'dl',
    { class: 'timeline-details' },
    lines.map(([t, d]) => [el('dt', {}, t), el('dd', {}, d)]),
  );
}

function lastOf(log, event) {
  return [...log].reverse().find((e) => e.event === event);
}

async function programmeOf(areaCode) {
  try {
    return (await api(`/programmes/${currentYear()}`)).find((p) => p.areaCode === areaCode) ?? null;
  } catch {
    return null;
  }
}

function actions(c, ctx, log, frame, reload) {
  const section = el('section', { 'aria-labelledby': 'actions-title', class: 'actions' });
  if (c.availableEvents.length === 0) return section;
  section.append(el('h2', { id: 'actions-title' }, 'Wat kunt u nu doen?'));
  if (frame) {
    section.append(
      el(
        'p',
        { class: 'hint' },
        `Programma ${frame.year} voor dit gebied: nog beschikbaar ${euro(frame.availableCents)}, ` +
          `mandaat wethouder ${euro(frame.delegationLimitCents)}, thema's: ${frame.themes.join(', ')}.`,
      ),
    );
  }
  for (const event of c.availableEvents) {
    const form = eventForm(event, c, ctx, reload);
    // Withdrawing cannot be undone: it stays folded away until asked for.
    section.append(
      event === 'WITHDRAW'
        ? el('details', { class: 'fold' }, el('summary', {}, 'Aanvraag intrekken'), form)
        : form,
    );
  }
  return section;
}

/** The fields each event needs, as docs/api.md lists them. */
function eventFields(event, c, prefix) {
  const motivation = field({
    id: `${prefix}-motivation`,
    name: 'motivation',
    label: 'Motivering',
    kind: 'textarea',
    required: true,
    maxlength: 5000,
  });
  switch (event) {
    case 'REQUEST_INFO':
      return [
        field({
          id: `${prefix}-question`,
          name: 'question',
          label: 'Welke informatie heeft u nodig?',
          kind: 'textarea',
          required: true,
          maxlength: 5000,
        }),
      ];
    case 'SUPPLY_INFO':
      return [
        field({
          id: `${prefix}-answer`,
          name: 'answer',
          label: 'Uw antwoord',
          kind: 'textarea',
          rows: 6,
          required: true,
          maxlength: 10000,
        }),
      ];
    case 'ASSESS':
      return [
        choices({
          name: 'advice',
          idPrefix: `${prefix}-advice`,
          legend: 'Advies',
          options: Object.entries(ADVICE),
          required: true,
        }),
        motivation,
      ];
    case 'HONOUR':
    case 'COUNCIL_HONOUR':
      return [
        field({
          id: `${prefix}-amountCents`,
          name: 'amountCents',
          label: 'Toe te kennen bedrag (euro)',
          hint: `Ten hoogste het gevraagde bedrag, ${euro(c.requestedAmountCents)}.`,
          inputmode: 'decimal',
          autocomplete: 'off',
          value: centsToInput(c.requestedAmountCents),
          required: true,
        }),
        c.type === 'right_to_challenge'
          ? field({
              id: `${prefix}-agreementMonths`,
              name: 'agreementMonths',
              label: 'Looptijd van de overeenkomst (maanden)',
              hint: '1 tot en met 120 maanden.',
              type: 'number',
              inputmode: 'numeric',
              min: 1,
              max: 120,
              required: true,
            })
          : null,
        motivation,
      ];
    case 'WITHDRAW':
      return [
        field({
          id: `${prefix}-reason`,
          name: 'reason',
          label: 'Waarom trekt u de aanvraag in?',
          kind: 'textarea',
          maxlength: 5000,
          optional: true,
        }),
        choices({
          name: 'confirm',
          type: 'checkbox',
          idPrefix: `${prefix}-confirm`,
          legend: 'Bevestigen',
          options: [['yes', 'Ja, ik trek mijn aanvraag in. Dit kan niet ongedaan worden gemaakt.']],
          required: true,
        }),
      ];
    default: // REJECT, REFER_TO_COUNCIL, COUNCIL_REJECT, and any event without a form of its own
      return eventFieldsOf(event).map((f) => fieldFromApi(f, prefix));
  }
}

/** A form field drawn from the API's description of an event's field (GET /workflows). */
function fieldFromApi(f, prefix) {
  const id = `${prefix}-${f.name}`;
  if (f.kind === 'choice') {
    return choices({
      name: f.name,
      idPrefix: id,
      legend: f.label,
      options: f.choices.map((c) => [c, label(ADVICE, c)]),
      required: f.required,
    });
  }
  const limits =
    f.kind === 'integer'
      ? { type: 'number', inputmode: 'numeric', min: f.minimum, max: f.maximum }
      : { kind: 'textarea', maxlength: f.maxLength };
  return field({ id, name: f.name, label: f.label, required: f.required, optional: !f.required, ...limits });
}

function eventBody(event, form) {
  const data = new FormData(form);
  const text = (name) => String(data.get(name) ?? '').trim();
  const body = { type: event };
  const errors = [];
  // Texts are textareas, whole numbers number inputs: whatever fields the event's form has.
  for (const area of form.querySelectorAll('textarea[name]')) {
    if (text(area.name) !== '') body[area.name] = text(area.name);
  }
  for (const input of form.querySelectorAll('input[type=number][name]')) {
    if (text(input.name) !== '') body[input.name] = Number(text(input.name));
  }
  for (const name of new Set([...form.querySelectorAll('input[type=radio][name]')].map((r) => r.name))) {
    body[name] = data.get(name) ?? undefined;
  }
  if (form.elements.amountCents) {
    const cents = parseEuro(text('amountCents'));
    if (cents === null && text('amountCents') !== '') {
      errors.push({ name: 'amountCents', reason: 'Vul een bedrag in euro in, bijvoorbeeld 2.500,00.' });
    }
    if (cents !== null) body.amountCents = cents;
  }
  return { body, errors: [...missingRequired(form), ...errors] };
}

function eventForm(event, c, ctx, reload) {
  const prefix = `event-${event.toLowerCase()}`;
  const danger = ['WITHDRAW', 'REJECT', 'COUNCIL_REJECT'].includes(event);
  const form = el(
    'form',
    {
      novalidate: true,
      class: 'stack event-form',
      'aria-labelledby': `${prefix}-title`,
      'data-event': event,
    },
    el('h3', { id: `${prefix}-title` }, label(ACTIONS, event)),
    eventFields(event, c, prefix),
    el('button', { type: 'submit', class: danger ? 'danger' : null }, label(ACTIONS, event)),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const { body, errors } = eventBody(event, form);
    if (errors.length) return showFormErrors(form, errors);
    await busy(form, async () => {
      try {
        // If-Match: the version this page showed. Someone else's change in between is a 412, not a surprise.
        const updated = await api(`/cases/${c.id}/events`, {
          method: 'POST',
          body,
          headers: { 'If-Match': `"${c.version}"` },
        });
        ctx.navigate(
          `#/aanvragen/${c.id}`,
          `${label(EVENTS, event)}. De status is nu: ${label(STATES, updated.state)}.`,
        );
      } catch (error) {
        // The page no longer shows the case as it is: offer to load it again.
        const stale =
          error instanceof ApiError &&
          (error.status === 412 || ['STATE', 'CONCURRENT_UPDATE'].includes(error.code));
        showFormErrors(form, error, stale ? { onReload: reload } : {});
        if (!(error instanceof ApiError)) announce('Er ging iets mis.');
      }
    });
  });
  return form;
}
