// The fields of any event's form, drawn from the API's description of them (GET /workflows:
// name, Dutch label, kind, required, limits), and the body read back from that form. No event
// has a hand-written form: a new event, or a new field, needs no change here unless it brings a
// new kind. Kinds: text, integer (amounts in euro when the name ends in "Cents"), choice, date,
// boolean, texts (a list of texts), records (a list of objects whose fields are in `of`) and
// record (one object whose fields are in `of`, such as the raad's meeting of a raadsbesluit).

import { choices, el, field } from './dom.js';
import {
  ADVICE,
  YES_NO,
  addDaysTo,
  centsToInput,
  euro,
  formatDate,
  formatDay,
  label,
  parseEuro,
  todayInAmsterdam,
} from './format.js';

/**
 * Grant fields that one case type requires and the other may not send (the API answers 400
 * with invalidParams otherwise). GET /workflows describes an event's fields once for every
 * case type, so this is the one thing the form has to know itself.
 */
const CASE_TYPE_FIELDS = {
  initiative: { required: ['accountBy'], absent: ['agreementMonths'] },
  right_to_challenge: { required: ['agreementMonths'], absent: ['accountBy'] },
};

/** Labels for the fields of a list's items where the API gives only the field's own name. */
const ITEM_LABELS = { name: 'Naam', unit: 'Eenheid', target: 'Doel', value: 'Waarde' };

const isAmount = (f) => f.kind === 'integer' && /Cents$/.test(f.name);
const labelOf = (f) => (f.label && f.label !== f.name ? f.label : (ITEM_LABELS[f.name] ?? f.name));

/** The fields as this case's form shows them: required where its type requires them, the why last. */
export function fieldsFor(fields, c) {
  const rule = CASE_TYPE_FIELDS[c.type] ?? { required: [], absent: [] };
  return fields
    .filter((f) => !rule.absent.includes(f.name))
    .map((f) => (rule.required.includes(f.name) ? { ...f, required: true } : f))
    .sort((a, b) => Number(a.name === 'motivation') - Number(b.name === 'motivation'));
}

/** Hints and suggested values that the case itself gives for a field. */
function helpFor(f, c) {
  const granted = c.honouredAmountCents;
  const actual = c.account?.actualCostCents;
  const advised = c.accountReview?.advisedCents;
  const upToGrant = `Van ${euro(0)} tot en met het toegekende bedrag, ${euro(granted)}.`;
  switch (f.name) {
    case 'amountCents':
      return {
        value: centsToInput(c.requestedAmountCents),
        hint: `Ten hoogste het gevraagde bedrag, ${euro(c.requestedAmountCents)}.`,
      };
    case 'actualCostCents':
      return { hint: `Wat het initiatief werkelijk heeft gekost. Toegekend is ${euro(granted)}.` };
    case 'advisedCents':
      return {
        value: actual !== undefined && granted !== null ? centsToInput(Math.min(actual, granted)) : undefined,
        hint: `${upToGrant} Werkelijke kosten volgens de verantwoording: ${euro(actual)}.`,
      };
    case 'settledCents':
      return {
        value: advised !== undefined ? centsToInput(advised) : undefined,
        hint: `${upToGrant} Het gebiedsteam adviseert ${euro(advised)}. Wat niet wordt vastgesteld, gaat terug naar het budget van het gebied.`,
      };
    case 'releasedCents':
      return { hint: `${upToGrant} Dit bedrag gaat terug naar het budget van het gebied.` };
    case 'accountBy':
      return { hint: 'Tussen één maand en drie jaar na vandaag.' };
    case 'respondBy': {
      // The hersteltermijn: one to 90 days ahead; without a day the API gives two weeks.
      const today = todayInAmsterdam();
      const [min, max] = [addDaysTo(today, 1), addDaysTo(today, 90)];
      return {
        min,
        max,
        hint:
          `Zonder datum heeft de aanvrager twee weken: tot en met ${formatDay(addDaysTo(today, 14))}. ` +
          `Kies anders een dag van ${formatDay(min)} tot en met ${formatDay(max)}.`,
      };
    }
    case 'startsOn':
      return { value: todayInAmsterdam() };
    case 'endsOn':
      return c.agreementMonths
        ? {
            hint: `Ten hoogste ${c.agreementMonths} maanden na de begindatum (de looptijd van de toekenning).`,
          }
        : {};
    case 'newEndsOn':
      return c.agreement ? { hint: `Later dan de huidige einddatum, ${formatDay(c.agreement.endsOn)}.` } : {};
    default:
      if (isAmount(f) && granted !== null) return { hint: upToGrant };
      if (f.kind === 'integer' && f.minimum !== undefined && f.maximum !== undefined) {
        return { hint: `${f.minimum} tot en met ${f.maximum}.` };
      }
      return {};
  }
}

/**
 * What a person should know before sending an event, beyond its fields: words said beside the
 * action (the form points at them with aria-describedby). Null for most events.
 */
export function eventHelp(event, c) {
  switch (event) {
    case 'NOTICE_OF_DEFAULT':
      // Offered by the API only to the initiator, and only once decisionDueAt has passed.
      return [
        `De gemeente had uiterlijk op ${formatDate(c.decisionDueAt)} over uw aanvraag moeten beslissen. ` +
          'Dat is niet gebeurd.',
        'Met een ingebrekestelling laat u de gemeente weten dat zij te laat is. Heeft de gemeente twee weken ' +
          'daarna nog steeds niet beslist, dan moet zij u een dwangsom betalen voor elke dag dat het besluit ' +
          `uitblijft: eerst ${euro(2_300)} per dag, na twee weken ${euro(3_500)} en na vier weken ${euro(4_500)}, ` +
          `samen ten hoogste ${euro(144_200)} (42 dagen). De dwangsom stopt op de dag van het besluit.`,
        'U kunt de gemeente maar één keer in gebreke stellen.',
      ];
    default:
      return null;
  }
}

/** The controls of an event's form; each field sits in an element with data-field="<name>". */
export function fieldControls(fields, c, prefix) {
  return fields.map((f) => control(f, c, `${prefix}-${f.name}`));
}

function control(f, c, id) {
  const help = helpFor(f, c);
  const optional = !f.required;
  switch (f.kind) {
    case 'choice':
    case 'boolean':
      return withField(
        f.name,
        choices({
          name: f.name,
          idPrefix: id,
          legend: [labelOf(f), optional ? el('span', { class: 'optional' }, ' (niet verplicht)') : null],
          hint: help.hint,
          options: f.kind === 'boolean' ? YES_NO : f.choices.map((v) => [v, label(ADVICE, v)]),
          required: f.required,
        }),
      );
    case 'texts':
      return listOfTexts(f, id, help);
    case 'records':
      return f.name === 'indicatorValues' && c.agreement?.indicators?.length
        ? indicatorValues(f, id, c.agreement.indicators)
        : listOfRecords(f, id, help);
    case 'record':
      return oneRecord(f, id);
    default:
      return withField(f.name, single(f, id, { ...help, name: f.name }, optional));
  }
}

function withField(name, node) {
  node.setAttribute('data-field', name);
  return node;
}

/** One text, number, amount or date. */
function single(f, id, help = {}, optional = !f.required, labelText = labelOf(f)) {
  const common = {
    id,
    name: help.name ?? id,
    label: labelText,
    hint: help.hint,
    value: help.value,
    optional,
    required: f.required,
  };
  if (f.kind === 'date') return field({ ...common, type: 'date', min: help.min, max: help.max });
  if (isAmount(f)) return field({ ...common, inputmode: 'decimal', autocomplete: 'off' });
  if (f.kind === 'integer') {
    return field({
      ...common,
      type: 'number',
      inputmode: 'numeric',
      min: f.minimum,
      max: f.maximum,
      step: 1,
    });
  }
  return (f.maxLength ?? 5000) > 200
    ? field({ ...common, kind: 'textarea', maxlength: f.maxLength, rows: f.maxLength > 5000 ? 6 : 4 })
    : field({ ...common, maxlength: f.maxLength, autocomplete: 'off' });
}

/** A fieldset holding a list that grows and shrinks: texts, or records of several fields. */
function listFieldset(f, id, help, makeItem) {
  const hintId = `${id}-hint`;
  const lines = (n) => (n === 1 ? '1 regel' : `${n} regels`);
  const limits = [
    f.minItems ? `Ten minste ${lines(f.minItems)}.` : null,
    f.maxItems ? `Ten hoogste ${lines(f.maxItems)}.` : null,
  ].filter(Boolean);
  const hint = [help.hint, f.kind === 'records' ? 'Een lege regel telt niet mee.' : null, ...limits]
    .filter(Boolean)
    .join(' ');
  const items = el('ol', { class: 'list-items' });
  const add = el('button', { type: 'button', class: 'secondary' }, `Regel toevoegen: ${labelOf(f)}`);
  const group = el(
    'fieldset',
    {
      class: 'field list-field',
      'data-field': f.name,
      'aria-describedby': `${hint ? `${hintId} ` : ''}${id}-error`,
    },
    el('legend', {}, labelOf(f), f.required ? null : el('span', { class: 'optional' }, ' (niet verplicht)')),
    hint ? el('p', { class: 'hint', id: hintId }, hint) : null,
    el('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
    items,
    add,
  );
  let next = 0;
  const renumber = () => {
    const rows = [...items.children];
    rows.forEach((row, i) => {
      for (const n of row.querySelectorAll('[data-number]')) n.textContent = String(i + 1);
    });
    add.disabled = f.maxItems !== undefined && rows.length >= f.maxItems;
  };
  const addRow = () => {
    const rowId = `${id}-${next++}`;
    const remove = el('button', { type: 'button', class: 'link-button remove-item' }, 'Verwijder regel ', [
      el('span', { 'data-number': '' }),
    ]);
    const row = el('li', { class: 'list-item', 'data-row': '' }, makeItem(rowId), remove);
    remove.addEventListener('click', () => {
      const sibling = row.previousElementSibling ?? row.nextElementSibling;
      row.remove();
      renumber();
      (sibling?.querySelector('input, textarea') ?? add).focus();
    });
    items.append(row);
    renumber();
    return row;
  };
  add.addEventListener('click', () => addRow().querySelector('input, textarea')?.focus());
  for (let i = 0; i < Math.max(f.minItems ?? 0, 1); i++) addRow();
  return group;
}

function listOfTexts(f, id, help) {
  return listFieldset(f, id, help, (rowId) =>
    field({
      id: rowId,
      name: rowId,
      label: ['Regel ', el('span', { 'data-number': '' })],
      maxlength: f.maxLength,
      autocomplete: 'off',
    }),
  );
}

function listOfRecords(f, id, help) {
  return listFieldset(f, id, help, (rowId) =>
    el(
      'fieldset',
      { class: 'record' },
      el('legend', {}, 'Regel ', el('span', { 'data-number': '' })),
      (f.of ?? []).map((sub) => {
        const box = single({ ...sub, required: false }, `${rowId}-${sub.name}`, {}, false);
        box.setAttribute('data-sub', sub.name);
        return box;
      }),
    ),
  );
}

/** Hints for the fields of one object, by the object's field and the sub-field's name. */
const RECORD_HINTS = {
  councilDecision: {
    meetingOn: 'De dag van de raadsvergadering waarin de raad dit besloot.',
    agendaItem: 'Het agendapunt waaronder de raad besloot, bijvoorbeeld 7.2.',
  },
};

/**
 * One object of several fields in a fieldset (the raad's meeting of a raadsbesluit): each
 * control is named `<field>.<sub>`, the name the API's invalidParams give it.
 */
function oneRecord(f, id) {
  const hints = RECORD_HINTS[f.name] ?? {};
  return el(
    'fieldset',
    { class: 'field record-field', 'data-field': f.name, 'aria-describedby': `${id}-error` },
    el('legend', {}, labelOf(f), f.required ? null : el('span', { class: 'optional' }, ' (niet verplicht)')),
    el('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
    (f.of ?? []).map((sub) => {
      const box = single(sub, `${id}-${sub.name}`, { name: `${f.name}.${sub.name}`, hint: hints[sub.name] });
      box.setAttribute('data-sub', sub.name);
      return box;
    }),
  );
}

/** Values measured for the indicators the agreement names: one number per indicator. */
function indicatorValues(f, id, indicators) {
  const valueField = (f.of ?? []).find((sub) => sub.name === 'value') ?? { kind: 'integer' };
  return el(
    'fieldset',
    {
      class: 'field list-field',
      'data-field': f.name,
      'data-per-indicator': '',
      'aria-describedby': `${id}-hint ${id}-error`,
    },
    el('legend', {}, labelOf(f), f.required ? null : el('span', { class: 'optional' }, ' (niet verplicht)')),
    el('p', { class: 'hint', id: `${id}-hint` }, 'Vul in wat u heeft gemeten; laat leeg wat u niet weet.'),
    el('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
    indicators.map((indicator, i) => {
      const box = single(
        { ...valueField, name: 'value', required: false },
        `${id}-${i}`,
        { hint: `Doel: ${new Intl.NumberFormat('nl-NL').format(indicator.target)} ${indicator.unit}.` },
        false,
        `${indicator.name} (${indicator.unit})`,
      );
      const input = box.querySelector('input');
      input.setAttribute('data-indicator', indicator.name);
      input.setAttribute('data-param', `${f.name}.${indicator.name}`);
      return box;
    }),
  );
}

/**
 * The body of the event from its form: each shown field read according to its kind. Returns
 * the body and the problems found before sending ([{name, reason}] in Dutch, for showFormErrors).
 */
export function readEventBody(form, type, fields) {
  const body = { type };
  const errors = [];
  for (const f of fields) {
    const box = form.querySelector(`[data-field="${CSS.escape(f.name)}"]`);
    if (!box) continue;
    if (f.kind === 'choice' || f.kind === 'boolean') {
      const checked = box.querySelector('input:checked');
      if (checked) body[f.name] = f.kind === 'boolean' ? checked.value === 'true' : checked.value;
    } else if (f.kind === 'texts') {
      const inputs = [...box.querySelectorAll('[data-row] input, [data-row] textarea')];
      const values = [];
      for (const input of inputs) {
        input.removeAttribute('data-param');
        if (input.value.trim() === '') continue;
        input.setAttribute('data-param', `${f.name}.${values.length}`);
        values.push(input.value.trim());
      }
      if (values.length < (f.minItems ?? (f.required ? 1 : 0))) {
        errors.push({ name: f.name, reason: `Vul er ten minste ${f.minItems ?? 1} in.` });
      } else if (values.length > 0 || f.required) body[f.name] = values;
    } else if (f.kind === 'records' && box.hasAttribute('data-per-indicator')) {
      const values = [];
      for (const input of box.querySelectorAll('input[data-indicator]')) {
        if (input.value.trim() === '') continue;
        const value = readNumber(input.value, false);
        if (value === null) errors.push({ name: input.name, reason: 'Vul een geheel getal in.' });
        else values.push({ name: input.dataset.indicator, value });
      }
      if (values.length > 0 || f.required) body[f.name] = values;
    } else if (f.kind === 'record') {
      const item = {};
      for (const sub of f.of ?? []) {
        const input = box.querySelector(`[data-sub="${CSS.escape(sub.name)}"] :is(input, textarea)`);
        if (!input) continue;
        const value = readSingle(sub, input, errors);
        if (value !== undefined) item[sub.name] = value;
      }
      if (Object.keys(item).length > 0 || f.required) body[f.name] = item;
    } else if (f.kind === 'records') {
      const items = [];
      for (const row of box.querySelectorAll('[data-row]')) {
        const controls = (f.of ?? []).map((sub) => [
          sub,
          row.querySelector(`[data-sub="${sub.name}"] :is(input, textarea)`),
        ]);
        for (const [, input] of controls) input?.removeAttribute('data-param');
        if (controls.every(([, input]) => !input || input.value.trim() === '')) continue;
        const item = {};
        for (const [sub, input] of controls) {
          if (!input) continue;
          input.setAttribute('data-param', `${f.name}.${items.length}.${sub.name}`);
          const value = readSingle(sub, input, errors);
          if (value === undefined && sub.required)
            errors.push({ name: input.name, reason: 'Vul dit veld in.' });
          if (value !== undefined) item[sub.name] = value;
        }
        items.push(item);
      }
      if (items.length < (f.minItems ?? 0)) {
        errors.push({ name: f.name, reason: `Vul er ten minste ${f.minItems} in.` });
      } else if (items.length > 0 || f.required) body[f.name] = items;
    } else {
      const value = readSingle(f, box.querySelector('input, textarea, select'), errors);
      if (value !== undefined) body[f.name] = value;
    }
  }
  return { body, errors };
}

/** A text, number, amount or date from its control; undefined when empty or not valid (then in errors). */
function readSingle(f, input, errors) {
  const text = input.value.trim();
  if (text === '') return undefined;
  if (isAmount(f)) {
    const cents = parseEuro(text);
    if (cents === null)
      errors.push({ name: input.name, reason: 'Vul een bedrag in euro in, bijvoorbeeld 2.500,00.' });
    return cents ?? undefined;
  }
  if (f.kind === 'integer') {
    const n = readNumber(text, f.minimum !== undefined && f.minimum < 0);
    if (n === null) errors.push({ name: input.name, reason: 'Vul een geheel getal in.' });
    return n ?? undefined;
  }
  return text;
}

function readNumber(text, negative) {
  const s = text.trim().replace(/\./g, '');
  return (negative ? /^-?\d+$/ : /^\d+$/).test(s) ? Number(s) : null;
}

/** What was sent with an event, for the timeline: [label, value as people read it] per field. */
export function describePayload(fields, payload) {
  return fields
    .filter((f) => payload[f.name] !== undefined && payload[f.name] !== null && payload[f.name] !== '')
    .map((f) => [labelOf(f).replace(/\s*\(euro\)$/, ''), show(f, payload[f.name])]);
}

function show(f, value) {
  switch (f.kind) {
    case 'integer':
      return isAmount(f) ? euro(value) : new Intl.NumberFormat('nl-NL').format(value);
    case 'date':
      return formatDay(value);
    case 'boolean':
      return value ? 'Ja' : 'Nee';
    case 'choice':
      return label(ADVICE, value);
    case 'texts':
      return el(
        'ul',
        { class: 'plain-list' },
        value.map((v) => el('li', {}, v)),
      );
    case 'record':
      return (f.of ?? [])
        .filter((sub) => value[sub.name] !== undefined)
        .map((sub) => `${labelOf(sub)}: ${show(sub, value[sub.name])}`)
        .join('; ');
    case 'records':
      return el(
        'ul',
        { class: 'plain-list' },
        value.map((item) =>
          el(
            'li',
            {},
            (f.of ?? [])
              .filter((sub) => item[sub.name] !== undefined)
              .map((sub) => `${labelOf(sub)}: ${show(sub, item[sub.name])}`)
              .join('; '),
          ),
        ),
      );
    default:
      return String(value);
  }
}
