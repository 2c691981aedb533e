// A resident submits a bewonersinitiatief or a Right to Challenge. Phone first: one column,
// big controls, the keyboard that fits each field. The area is chosen from a list that says
// which wijken each covers, the theme from the themes of that area's programme for this year;
// the resident checks everything on a review step ("Controleer uw aanvraag") before sending.

import { api, ApiError } from '../api.js';
import { busy, choices, el, field, missingRequired, showFormErrors } from '../dom.js';
import { CLAIMS, TYPES, currentYear, euro, parseEuro } from '../format.js';

export async function render(view, ctx) {
  document.title = 'Nieuwe aanvraag – Wijkflow';
  const year = currentYear();
  const programmes = await programmesOf(year);
  // One key per filled-in form: a double tap or a retry after a lost answer creates one case.
  let idempotencyKey = crypto.randomUUID();
  const themePart = el('div', { class: 'theme-part', 'data-field': 'theme' });
  showThemes(themePart, ctx, programmes, year, '');

  const rtcPart = el(
    'fieldset',
    { class: 'rtc', id: 'rtc-fields', hidden: true },
    el('legend', {}, 'Uitdaagrecht'),
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
    choices({
      name: 'areaCode',
      idPrefix: 'case-area',
      legend: 'In welk gebied ligt uw plan?',
      hint: 'Elk gebied heeft een eigen gebiedsteam. Onder elk gebied staan de wijken die erbij horen.',
      options: ctx.areas.map((a) => [a.code, areaLabel(a)]),
      required: true,
    }),
    themePart,
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
    el('button', { type: 'submit' }, 'Controleer uw aanvraag'),
  );
  const title = el('h1', { id: 'case-form-title', tabindex: '-1' }, 'Nieuwe aanvraag');
  const intro = el(
    'p',
    {},
    'Vul alle velden in, behalve die met “(niet verplicht)”. Daarna controleert u alles.',
  );
  const review = el('div', { class: 'stack review', hidden: true });
  view.append(title, intro, form, review);

  /** Back from the review to the form as it was filled in. */
  const edit = () => {
    review.hidden = true;
    form.hidden = false;
    intro.hidden = false;
    title.textContent = 'Nieuwe aanvraag';
    document.title = 'Nieuwe aanvraag – Wijkflow';
    title.focus();
  };

  form.addEventListener('change', (event) => {
    if (event.target.name === 'type') rtcPart.hidden = event.target.value !== 'right_to_challenge';
    if (event.target.name === 'areaCode') showThemes(themePart, ctx, programmes, year, event.target.value);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { body, errors } = readForm(form);
    if (errors.length) return showFormErrors(form, errors);
    const sendForm = el(
      'form',
      { novalidate: true, class: 'button-row', 'aria-label': 'Versturen' },
      el('button', { type: 'submit' }, 'Verstuur de aanvraag'),
      el('button', { type: 'button', class: 'secondary', onclick: edit }, 'Wijzig uw aanvraag'),
    );
    sendForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      await busy(sendForm, async () => {
        try {
          const created = await api('/cases', {
            method: 'POST',
            body,
            headers: { 'Idempotency-Key': idempotencyKey },
          });
          ctx.navigate(
            `#/aanvragen/${created.id}/ingediend`,
            `Uw aanvraag is ingediend. Het kenmerk is ${created.reference}.`,
          );
        } catch (error) {
          // The server refused this body and stored nothing: a corrected form is a new submission.
          // (After a lost answer or a 5xx the key stays, so a retry cannot create a second case.)
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
            idempotencyKey = crypto.randomUUID();
          }
          // The fields are on the form: show what was refused there.
          edit();
          showFormErrors(form, error);
        }
      });
    });
    review.replaceChildren(
      el(
        'p',
        {},
        'Klopt alles? Verstuur dan uw aanvraag. Wilt u iets veranderen, kies dan “Wijzig uw aanvraag”.',
      ),
      el(
        'dl',
        { class: 'details', 'data-review': '' },
        reviewRows(body, ctx).map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]),
      ),
      sendForm,
    );
    form.hidden = true;
    intro.hidden = true;
    review.hidden = false;
    title.textContent = 'Controleer uw aanvraag';
    document.title = 'Controleer uw aanvraag – Wijkflow';
    title.focus();
  });
}

/** An area as the list shows it: its name, and the wijken it covers beneath. */
function areaLabel(area) {
  const wijken = area.neighbourhoods ?? [];
  return [
    area.name,
    // The space keeps name and wijken apart for a screen reader too.
    wijken.length ? el('span', { class: 'choice-detail' }, ` Wijken: ${wijken.join(', ')}`) : null,
  ];
}

/** A theme as people read it: "buurt-feest" → "Buurt feest". */
const themeLabel = (theme) => (theme.charAt(0).toUpperCase() + theme.slice(1)).replace(/-/g, ' ');

/**
 * The theme for the chosen area: one of the themes of its programme for this year; where the
 * raad adopted none, that is said plainly with what it means, and the theme is typed.
 */
function showThemes(part, ctx, programmes, year, areaCode) {
  const programme = programmes.get(areaCode);
  if (!areaCode) {
    part.replaceChildren(
      el('p', { class: 'hint', id: 'case-theme-wait' }, 'Kies eerst een gebied; dan ziet u de thema’s.'),
    );
    return;
  }
  if (programme && programme.themes.length > 0) {
    part.replaceChildren(
      field({
        id: 'case-theme',
        name: 'theme',
        label: 'Thema',
        hint: `De thema’s in het programma ${year} van ${ctx.areaName(areaCode)}, vastgesteld door de gemeenteraad.`,
        kind: 'select',
        options: [['', 'Kies een thema'], ...programme.themes.map((t) => [t, themeLabel(t)])],
        required: true,
      }),
    );
    return;
  }
  part.replaceChildren(
    el(
      'div',
      { class: 'panel no-programme', 'data-no-programme': areaCode },
      el(
        'p',
        {},
        `De gemeenteraad heeft voor ${ctx.areaName(areaCode)} nog geen programma voor ${year} vastgesteld. ` +
          'U kunt uw aanvraag wel indienen en het gebiedsteam kan haar beoordelen, maar de gemeente kan haar pas ' +
          'toekennen als de raad een programma heeft vastgesteld waarin uw thema staat.',
      ),
    ),
    field({
      id: 'case-theme',
      name: 'theme',
      label: 'Thema',
      hint: 'Waar gaat uw plan over? Kleine letters, cijfers en streepjes, zoals speelruimte of groen.',
      required: true,
      maxlength: 60,
      autocapitalize: 'none',
      autocomplete: 'off',
    }),
  );
}

/** What the resident checks before sending: every answer, in words. */
function reviewRows(body, ctx) {
  const area = ctx.areas.find((a) => a.code === body.areaCode);
  const rows = [
    ['Soort aanvraag', TYPES[body.type]],
    ['Titel', body.title],
    ['Omschrijving', el('span', { class: 'description' }, body.description)],
    ['Gebied', area ? area.name : body.areaCode],
    ['Thema', themeLabel(body.theme)],
    ['Gevraagd bedrag', euro(body.requestedAmountCents)],
    ['Uw e-mailadres', body.contactEmail],
  ];
  if (body.type === 'right_to_challenge') {
    rows.push(
      ['Over te nemen taak', body.challengedTask],
      ['Organisatie', body.organisation],
      ['U doet de taak', `${CLAIMS[body.claim]} dan de gemeente`],
      ['Kosten als u het doet', euro(body.proposedCostCents)],
      [
        'Kosten nu (gemeente)',
        body.currentCostCents === undefined ? 'Niet ingevuld' : euro(body.currentCostCents),
      ],
    );
  }
  return rows;
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

/** This year's programmes by area code; none when they cannot be read (the theme is then typed). */
async function programmesOf(year) {
  try {
    return new Map((await api(`/programmes/${year}`)).map((p) => [p.areaCode, p]));
  } catch {
    return new Map();
  }
}
