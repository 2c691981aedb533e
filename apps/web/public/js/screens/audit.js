// The council's audit trail: every entry of the process log, with filters, and a check that the
// hash chain is whole (GET /audit/verify), said plainly.

import { api, ApiError, describeError } from '../api.js';
import { busy, el, field, problemBox, resetErrors, showFormErrors, moreButton } from '../dom.js';
import { EVENTS, ROLES, STATES, amsterdamDayStart, count, formatShortDateTime, label } from '../format.js';

const PAGE_SIZE = 50;

export async function render(view, ctx) {
  document.title = 'Procesregistratie – Wijkflow';
  const results = el('div', { 'aria-live': 'polite' });
  // Filters stay in this page, not in the address: an actor id may be an e-mail address.
  const filterBox = filterForm(ctx, (filters) => showEntries(results, filterBox, filters, ctx));
  view.append(
    el('h1', {}, 'Procesregistratie'),
    el(
      'p',
      {},
      'Elke wijziging (een aanvraag, een besluit, een programma, een overheveling, een brief) staat hier, ' +
        'in volgorde. Elke registratie is met een vingerafdruk (hash) aan de vorige gekoppeld, zodat wijzigen, ' +
        'weglaten of omwisselen opvalt.',
    ),
    verifySection(),
    filterBox,
    results,
  );
  await showEntries(results, filterBox, {}, ctx);
}

/** Loads the first page for these filters into `results`, with "Meer laden" for the next ones. */
async function showEntries(results, filterBox, filters, ctx) {
  const body = el('tbody');
  const table = el(
    'div',
    { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'audit-caption' },
    el(
      'table',
      {},
      el('caption', { id: 'audit-caption' }, 'Registraties, oudste eerst'),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ['Nr.', 'Tijdstip', 'Gebeurtenis', 'Aanvraag', 'Gebied', 'Door', 'Status', 'Toelichting'].map((h) =>
            el('th', { scope: 'col' }, h),
          ),
        ),
      ),
      body,
    ),
  );
  const more = moreButton(() => load());
  let cursor = null;
  const load = async () => {
    const query = new URLSearchParams({ ...filters, limit: String(PAGE_SIZE) });
    // Dates are days in Amsterdam: "from" from the start of that day, "to" up to and including it.
    if (filters.from) query.set('from', amsterdamDayStart(filters.from));
    if (filters.to) query.set('to', amsterdamDayStart(filters.to, 1));
    if (cursor) query.set('cursor', cursor);
    const page = await api(`/audit?${query}`);
    for (const entry of page.items) body.append(row(entry, ctx));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    return page.items;
  };
  let first;
  try {
    first = await load();
  } catch (error) {
    // A filter the API refuses (an id that is no UUID, say): say so beside that filter.
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    results.replaceChildren();
    showFormErrors(filterBox, error);
    return;
  }
  results.replaceChildren(
    first.length === 0 ? el('p', {}, 'Geen registraties die aan deze filters voldoen.') : table,
    more,
  );
}

function row(entry, ctx) {
  const actor = `${entry.actor.name ?? entry.actor.id} (${label(ROLES, entry.actor.role)})`;
  const change =
    entry.fromState || entry.toState
      ? `${entry.fromState ? label(STATES, entry.fromState) : '–'} → ${entry.toState ? label(STATES, entry.toState) : '–'}`
      : '';
  return el(
    'tr',
    {},
    el('td', { class: 'num' }, String(entry.seq)),
    el('td', { class: 'nowrap' }, formatShortDateTime(entry.at)),
    el('td', {}, label(EVENTS, entry.event)),
    el(
      'td',
      {},
      entry.caseId
        ? el('a', { href: `#/aanvragen/${entry.caseId}` }, entry.caseReference ?? 'aanvraag')
        : '–',
    ),
    el('td', {}, entry.areaCode ? ctx.areaName(entry.areaCode) : '–'),
    el('td', {}, actor),
    el('td', {}, change),
    el('td', {}, entry.motivation ?? ''),
  );
}

function verifySection() {
  const result = el('div', { class: 'verify-result', 'aria-live': 'polite' });
  const form = el(
    'form',
    { class: 'panel', 'aria-labelledby': 'verify-title' },
    el('h2', { id: 'verify-title' }, 'Is de procesregistratie ongeschonden?'),
    el('button', { type: 'submit' }, 'Controleer de procesregistratie'),
    result,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.replaceChildren(el('p', {}, 'Bezig met controleren…'));
    await busy(form, async () => {
      try {
        const v = await api('/audit/verify');
        result.replaceChildren(verdict(v));
      } catch (error) {
        result.replaceChildren(problemBox(describeError(error), error));
      }
    });
  });
  return form;
}

function verdict(v) {
  const facts = el(
    'p',
    { class: 'hint' },
    `${count(v.checked, 'registratie', 'registraties')} gecontroleerd, tot en met nr. ${v.headSeq}; ` +
      `${count(v.anchorsChecked, 'vastgelegde stand', 'vastgelegde standen')} uit raadsinformatiebrieven vergeleken. `,
    'Vingerafdruk van de laatste registratie: ',
    el('code', { class: 'hash' }, v.headHash),
  );
  if (v.valid) {
    return el(
      'div',
      { class: 'verdict verdict-valid', 'data-valid': 'true' },
      el('p', { class: 'verdict-title' }, 'In orde: de procesregistratie is volledig en ongewijzigd.'),
      facts,
    );
  }
  return el(
    'div',
    { class: 'verdict verdict-invalid', role: 'alert', 'data-valid': 'false' },
    el('p', { class: 'verdict-title' }, 'Niet in orde: de procesregistratie is gewijzigd of onvolledig.'),
    v.firstInvalidSeq !== undefined
      ? el('p', {}, `De eerste afwijking zit bij registratie nr. ${v.firstInvalidSeq}.`)
      : null,
    v.reason ? el('p', {}, `Reden (van de server): ${v.reason}`) : null,
    facts,
  );
}

function filterForm(ctx, onFilter) {
  const form = el(
    'form',
    { class: 'filters', 'aria-label': 'Filters', novalidate: true },
    field({
      id: 'audit-caseId',
      name: 'caseId',
      label: 'Aanvraag-id',
      hint: 'Het id (UUID) van de aanvraag.',
      autocomplete: 'off',
    }),
    field({ id: 'audit-actorId', name: 'actorId', label: 'Gebruikers-id', autocomplete: 'off' }),
    field({
      id: 'audit-event',
      name: 'event',
      label: 'Gebeurtenis',
      kind: 'select',
      options: [['', 'Alle'], ...Object.entries(EVENTS)],
    }),
    field({
      id: 'audit-areaCode',
      name: 'areaCode',
      label: 'Gebied',
      kind: 'select',
      options: [['', 'Alle'], ...ctx.areas.map((a) => [a.code, a.name])],
    }),
    field({ id: 'audit-from', name: 'from', label: 'Vanaf', type: 'date' }),
    field({ id: 'audit-to', name: 'to', label: 'Tot en met', type: 'date' }),
    el('button', { type: 'submit' }, 'Toon'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    resetErrors(form);
    const filters = {};
    for (const [name, value] of new FormData(form))
      if (String(value).trim()) filters[name] = String(value).trim();
    await busy(form, () => onFilter(filters)).catch((error) => showFormErrors(form, error));
  });
  return form;
}
