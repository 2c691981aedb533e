// Building the page from data without innerHTML: text from the API is always text, never markup.

import { ApiError, describeError } from './api.js';
import { componentClasses } from './nlds.js';

/** el('p', { class: 'x', onclick: fn }, 'text', child, [more]) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  const nlds = componentClasses(tag, attrs);
  if (nlds) node.classList.add(...nlds.split(' '));
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : String(child));
  }
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/** Says something to screen-reader users (and shows it) in the page's live region. */
export function announce(text) {
  const region = document.getElementById('status');
  region.textContent = '';
  // A fresh text node after a tick, so the same message twice is read twice.
  setTimeout(() => (region.textContent = text), 50);
}

/**
 * A labelled form control with an optional hint and a slot for its error message.
 * `kind`: 'input' (default), 'textarea' or 'select' (with `options: [[value, label], …]`);
 * `optional: true` says "(niet verplicht)" in a form where the other fields are required.
 */
export function field({ id, name, label, hint, kind = 'input', options = [], value, optional, ...attrs }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const common = { id, name, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' '), ...attrs };
  let control;
  if (kind === 'select') {
    control = el(
      'select',
      common,
      options.map(([v, text]) =>
        el('option', { value: v, selected: String(v) === String(value ?? '') }, text),
      ),
    );
  } else if (kind === 'textarea') {
    control = el('textarea', { rows: 4, ...common }, value ?? '');
  } else {
    control = el('input', { type: 'text', ...common, value });
  }
  control.classList.add('utrecht-form-field__input');
  return el(
    'div',
    { class: 'field utrecht-form-field utrecht-form-field--text' },
    el(
      'label',
      { for: id, class: 'utrecht-form-field__label' },
      label,
      optional ? el('span', { class: 'optional' }, ' (niet verplicht)') : null,
    ),
    hint ? el('p', { class: HINT, id: hintId }, hint) : null,
    el('p', { class: ERROR, id: errorId, hidden: true }),
    control,
  );
}

/** The description and error message of a field, as the app and NL Design System call them. */
const HINT = 'hint utrecht-form-field-description';
const ERROR = 'field-error utrecht-form-field-error-message';

/** A group of radio buttons or check boxes in a fieldset. */
export function choices({
  name,
  legend,
  type = 'radio',
  options,
  checked = [],
  hint,
  idPrefix = name,
  required,
}) {
  const hintId = hint ? `${idPrefix}-hint` : undefined;
  return el(
    'fieldset',
    {
      class: 'field choices utrecht-form-fieldset',
      'aria-describedby': [hintId, `${idPrefix}-error`].filter(Boolean).join(' '),
    },
    el('legend', {}, legend),
    hint ? el('p', { class: HINT, id: hintId }, hint) : null,
    el('p', { class: ERROR, id: `${idPrefix}-error`, hidden: true }),
    options.map(([value, text]) => {
      const id = `${idPrefix}-${value}`;
      return el(
        'div',
        { class: `choice utrecht-form-field utrecht-form-field--${type}` },
        el('input', {
          type,
          id,
          name,
          value,
          checked: checked.includes(value),
          required,
          class: 'utrecht-form-field__input',
        }),
        el('label', { for: id, class: `utrecht-form-field__label utrecht-form-label--${type}` }, text),
      );
    }),
  );
}

/**
 * The API's reason for a field as a sentence beside it. The API writes it in Dutch (api() asks for
 * nl), from one catalogue, so the page keeps no table of its own: "moet een geheel getal zijn" →
 * "Moet een geheel getal zijn.".
 */
export function reasonSentence(reason) {
  const text = String(reason ?? '').trim();
  if (!text) return 'Dit is niet goed ingevuld.';
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** Clears the error messages of a form and its summary. */
export function resetErrors(form) {
  for (const p of form.querySelectorAll('.field-error')) {
    p.hidden = true;
    p.textContent = '';
  }
  for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  form.querySelector('.form-problem')?.remove();
}

/**
 * Shows what went wrong with a form: each invalid field gets its message beside it, and a box at
 * the top of the form says what happened in plain Dutch, with the server's details.
 * `errors`: [{ name, reason }] (client-side) or an ApiError / other error.
 */
export function showFormErrors(form, errorOrParams, { onReload } = {}) {
  resetErrors(form);
  const apiError = errorOrParams instanceof ApiError ? errorOrParams : null;
  const fromClient = Array.isArray(errorOrParams); // already in Dutch
  const params = fromClient ? errorOrParams : (apiError?.invalidParams ?? []);
  const listed = [];
  for (const { name, reason } of params) {
    const target = findTarget(form, name);
    const text = fromClient ? reason : reasonSentence(reason);
    if (!target) {
      listed.push(el('li', {}, `${name}: ${text}`));
      continue;
    }
    // A control, or a group (a list's fieldset) whose own slot takes the message.
    const group = target.matches('input, textarea, select') ? null : target;
    const box = group ?? target.closest('.field');
    const slot = box?.querySelector(':scope > .field-error');
    if (slot) {
      slot.textContent = text;
      slot.hidden = false;
    }
    const controls = group ? [...group.querySelectorAll('input, textarea, select')] : [target];
    for (const c of controls) c.setAttribute('aria-invalid', 'true');
    const focus = controls[0];
    listed.push(
      el(
        'li',
        {},
        focus
          ? el(
              'a',
              { href: `#${focus.id}`, 'data-focus': focus.id },
              labelOf(form, group ?? target),
              ': ',
              text,
            )
          : `${labelOf(form, group)}: ${text}`,
      ),
    );
  }
  const headline = Array.isArray(errorOrParams)
    ? 'Niet alle gegevens zijn goed ingevuld.'
    : describeError(errorOrParams);
  const box = problemBox(headline, apiError, listed, onReload);
  form.prepend(box);
  box.focus();
  return box;
}

/**
 * The control or group a problem is about: by the control's name, by the name the body sent it
 * as (data-param, set for lists), or by the field's box (data-field); `indicators.0.name` falls
 * back to `indicators.0`, then `indicators`.
 */
function findTarget(form, name) {
  const parts = name.split('.');
  while (parts.length > 0) {
    const n = CSS.escape(parts.join('.'));
    const found =
      form.querySelector(`[name="${n}"]:is(input, textarea, select)`) ??
      form.querySelector(`[data-param="${n}"]`) ??
      form.querySelector(`[data-field="${n}"]`);
    if (found) {
      // A field's box holding one control (not a group of choices or a list): the control itself.
      const inner = found.matches('input, textarea, select')
        ? null
        : found.querySelectorAll('input, textarea, select');
      return inner && inner.length === 1 && !found.matches('fieldset') ? inner[0] : found;
    }
    parts.pop();
  }
  return null;
}

/** What the person reads as the name of a control or group: its label or legend, without "(niet verplicht)". */
function labelOf(form, node) {
  const own = (n) =>
    [...n.childNodes]
      .filter((c) => !c.classList?.contains('optional'))
      .map((c) => c.textContent)
      .join('')
      .trim();
  if (node.matches('fieldset')) return own(node.querySelector('legend'));
  if (node.type === 'radio' || node.type === 'checkbox')
    return own(node.closest('fieldset').querySelector('legend'));
  const label = form.querySelector(`label[for="${CSS.escape(node.id)}"]`);
  return label ? own(label) : node.name;
}

/** An alert box: a Dutch headline, the server's title/detail/status, optional list and reload button. */
export function problemBox(headline, apiError, items = [], onReload) {
  const details =
    apiError && apiError.status > 0
      ? el(
          'p',
          { class: 'problem-details' },
          `Melding van de server (${apiError.status}${apiError.code ? `, ${apiError.code}` : ''}): `,
          // The detail once: it is often the headline itself (the API speaks Dutch).
          [apiError.problem.title, apiError.problem.detail !== headline ? apiError.problem.detail : null]
            .filter(Boolean)
            .join(' — '),
        )
      : null;
  const box = el(
    'div',
    { class: 'form-problem utrecht-alert utrecht-alert--error', role: 'alert', tabindex: '-1' },
    el('p', { class: 'problem-headline' }, headline),
    details,
    items.length ? el('ul', {}, items) : null,
    onReload
      ? el('button', { type: 'button', class: 'secondary', onclick: onReload }, 'Laad de aanvraag opnieuw')
      : null,
  );
  box.addEventListener('click', (event) => {
    const target = event.target.closest('[data-focus]');
    if (!target) return;
    event.preventDefault();
    document.getElementById(target.dataset.focus)?.focus();
  });
  return box;
}

/** For a whole screen that could not load. */
export function loadError(error) {
  return problemBox(describeError(error), error instanceof ApiError ? error : null);
}

/**
 * The "Meer laden" button of a paged list: hidden until the list says there is more, disabled
 * while `loadMore` runs, and showing a problem beside it when loading fails.
 */
export function moreButton(loadMore) {
  const more = el('button', { type: 'button', class: 'secondary', hidden: true }, 'Meer laden');
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      await loadMore();
    } catch (error) {
      more.after(loadError(error));
    } finally {
      more.disabled = false;
    }
  });
  return more;
}

/** A year picker that navigates to `route?jaar=<year>`; `years` lists the choices. */
export function yearForm(ctx, { id, year, years, route }) {
  const form = el(
    'form',
    { class: 'filters', 'aria-label': 'Jaar kiezen' },
    field({
      id,
      name: 'jaar',
      label: 'Jaar',
      kind: 'select',
      options: years.map((y) => [y, String(y)]),
      value: year,
    }),
    el('button', { type: 'submit' }, 'Toon'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.navigate(`${route}?jaar=${new FormData(form).get('jaar')}`);
  });
  return form;
}

/** Disables a form's submit button while a request runs, so a double tap sends once. */
export async function busy(form, work) {
  const buttons = form.querySelectorAll('button[type="submit"]');
  for (const b of buttons) b.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    for (const b of buttons) b.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

/** Required fields left empty, as [{ name, reason }] for showFormErrors; checked before sending. */
export function missingRequired(form) {
  const missing = [];
  const seen = new Set();
  for (const control of form.querySelectorAll('[required]')) {
    if (seen.has(control.name) || control.closest('[hidden]') || control.disabled) continue;
    seen.add(control.name);
    const empty =
      control.type === 'radio' || control.type === 'checkbox'
        ? !form.querySelector(`[name="${CSS.escape(control.name)}"]:checked`)
        : control.value.trim() === '';
    if (!empty) continue;
    const reason =
      control.type === 'checkbox'
        ? 'Vink dit aan om door te gaan.'
        : control.type === 'radio'
          ? 'Kies een van de mogelijkheden.'
          : 'Vul dit veld in.';
    missing.push({ name: control.name, reason });
  }
  return missing;
}
