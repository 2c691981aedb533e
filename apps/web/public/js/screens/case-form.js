// A resident submits a bewonersinitiatief or a Right to Challenge. Phone first: one column,
// big controls, the keyboard that fits each field.

import { api, ApiError } from '../api.js';
import { busy, choices, el, field, missingRequired, showFormErrors } from '../dom.js';
import { CLAIMS, TYPES, currentYear, parseEuro } from '../format.js';

export async function render(view, ctx) {
  document.title = 'Nieuwe aanvraag – Wijkflow';
  const themes = await programmeThemes();
  // One key per filled-in form: a double tap or a retry after a lost answer creates one case.
  let idempotencyKey = crypto.randomUUID();

  const rtcPart = el(
    'fieldset',
    { class: 'rtc', id: 'rtc-fields', hidden: true },
    el('legend', {}, 'Right to Challenge'),
    field({
      id: 'case-challengedTask',
      name: 'challengedTask',
      label: 'Welke taak van de gemeente wilt u overnemen?',
      kind: 'textarea',
      rows: 3,
      required: true,
      minlength: 3,
      maxlength: 500,
    }),
    field({
      id: 'case-organisation',
      name: 'organisation',
      label: 'Naam van uw organisatie',
      hint: 'Bijvoorbeeld uw buurtvereniging of coöperatie.',
      required: true,
      minlength: 2,
      maxlength: 200,
      autocomplete: 'organization',
    }),
    choices({
      name: 'claim',
      idPrefix: 'case-claim',
      legend: 'U doet de taak',
      options: Object.entries(CLAIMS).map(([value, text]) => [value, `${text} dan de gemeente`]),
      required: true,
    }),
    euroField('proposedCostCents', 'Wat kost het als u het doet? (euro)', true),
    euroField('currentCostCents', 'Wat kost het de gemeente nu? (euro)', false),
  );

  const form = el(
    'form',
    { novalidate: true, class: 'stack', 'aria-labelledby': 'case-form-title' },
    choices({
      name: 'type',
      idPrefix: 'case-type',
      legend: 'Wat voor aanvraag is het?',
      options: [
        ['initiative', `${TYPES.initiative}: een bijdrage voor uw plan voor de buurt`],
        ['right_to_challenge', `${TYPES.right_to_challenge}: u neemt een taak van de gemeente over`],
      ],
      checked: ['initiative'],
      required: true,
    }),
    field({
      id: 'case-title',
      name: 'title',
      label: 'Titel',
      hint: 'Kort en duidelijk, 3 tot 200 tekens. Bijvoorbeeld: Speeltuin Oosterpark.',
      required: true,
      minlength: 3,
      maxlength: 200,
    }),
    field({
      id: 'case-description',
      name: 'description',
      label: 'Omschrijving',
      hint: 'Wat wilt u doen, voor wie, en wanneer?',
      kind: 'textarea',
      rows: 6,
      required: true,
      maxlength: 10000,
    }),
    field({
      id: 'case-areaCode',
      name: 'areaCode',
      label: 'Gebied',
      kind: 'select',
      options: [['', 'Kies een gebied'], ...ctx.areas.map((a) => [a.code, a.name])],
      required: true,
    }),
    field({
      id: 'case-theme',
      name: 'theme',
      label: 'Thema',
      hint: 'Kleine letters, cijfers en streepjes, zoals speelruimte of groen.',
      required: true,
      maxlength: 60,
      list: 'case-theme-options',
      autocapitalize: 'none',
      autocomplete: 'off',
    }),
    el(
      'datalist',
      { id: 'case-theme-options' },
      themes.map((t) => el('option', { value: t })),
    ),
    euroField('requestedAmountCents', 'Gevraagd bedrag (euro)', true),
    field({
      id: 'case-contactEmail',
      name: 'contactEmail',
      label: 'Uw e-mailadres',
      hint: 'Alleen het gebiedsteam gebruikt dit, om contact met u op te nemen over deze aanvraag.',
      type: 'email',
      autocomplete: 'email',
      inputmode: 'email',
      required: true,
      maxlength: 254,
    }),
    rtcPart,
    el('button', { type: 'submit' }, 'Dien de aanvraag in'),
  );
  view.append(
    el('h1', { id: 'case-form-title' }, 'Nieuwe aanvraag'),
    el('p', {}, 'Vul alle velden in, behalve die met “(niet verplicht)”.'),
    form,
  );

  form.addEventListener('change', (event) => {
    if (event.target.name === 'type') rtcPart.hidden = event.target.value !== 'right_to_challenge';
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { body, errors } = readForm(form);
    if (errors.length) return showFormErrors(form, errors);
    await busy(form, async () => {
      try {
        const created = await api('/cases', {
          method: 'POST',
          body,
          headers: { 'Idempotency-Key': idempotencyKey },
        });
        ctx.navigate(
          `#/aanvragen/${created.id}`,
          `Uw aanvraag is ingediend. Het kenmerk is ${created.reference}.`,
        );
      } catch (error) {
        // The server refused this body and stored nothing: a corrected form is a new submission.
        // (After a lost answer or a 5xx the key stays, so a retry cannot create a second case.)
        if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
          idempotencyKey = crypto.randomUUID();
        }
        showFormErrors(form, error);
      }
    });
  });
}

function euroField(name, label, required) {
  return field({
    id: `case-${name}`,
    name,
    label,
    hint: 'Bijvoorbeeld 2.500,00',
    inputmode: 'decimal',
    autocomplete: 'off',
    required,
    optional: !required,
  });
}

/** The body for POST /cases, with the amounts in cents; and what is clearly missing or wrong. */
function readForm(form) {
  const data = new FormData(form);
  const type = data.get('type');
  const rtc = type === 'right_to_challenge';
  const errors = missingRequired(form);
  const text = (name) => String(data.get(name) ?? '').trim();
  const cents = (name) => {
    if (text(name) === '') return undefined;
    const value = parseEuro(text(name));
    if (value === null) errors.push({ name, reason: 'Vul een bedrag in euro in, bijvoorbeeld 2.500,00.' });
    return value ?? undefined;
  };
  const body = {
    type,
    title: text('title'),
    description: text('description'),
    areaCode: text('areaCode'),
    theme: text('theme'),
    requestedAmountCents: cents('requestedAmountCents'),
    contactEmail: text('contactEmail'),
  };
  if (rtc) {
    Object.assign(body, {
      challengedTask: text('challengedTask'),
      organisation: text('organisation'),
      claim: data.get('claim') ?? undefined,
      proposedCostCents: cents('proposedCostCents'),
      currentCostCents: cents('currentCostCents'),
    });
  }
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return { body, errors };
}

/** Themes of this year's programmes, as suggestions (any theme may be typed). */
async function programmeThemes() {
  try {
    const programmes = await api(`/programmes/${currentYear()}`);
    return [...new Set(programmes.flatMap((p) => p.themes))].sort();
  } catch {
    return [];
  }
}
