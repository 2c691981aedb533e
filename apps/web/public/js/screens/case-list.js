// "Mijn aanvragen" for residents; for officials, aldermen, the council and its clerk the cases they may
// see, with filters (state, type, area) and "Meer laden" through the API's cursor.

import { api } from '../api.js';
import { choices, el, field, moreButton } from '../dom.js';
import { STATES, TYPES, count, euro, formatDate, formatDay, label, todayInAmsterdam } from '../format.js';
import { hasTag, tagClasses } from '../workflow.js';

const PAGE_SIZE = 20;

/** The council's members and its clerk (griffier) read every case. */
const readsEveryCase = (ctx) => ['council', 'clerk'].some((r) => ctx.me.roles.includes(r));

export async function render(view, ctx) {
  const staff = ['official', 'alderman', 'council', 'clerk'].some((r) => ctx.me.roles.includes(r));
  const filters = staff ? readFilters(ctx.query) : {};
  const referred = hasTag(filters.state, 'referred') && readsEveryCase(ctx);
  const title = !staff
    ? 'Mijn aanvragen'
    : referred
      ? 'Voorgelegd aan de raad'
      : filters.accountOverdue
        ? 'Verantwoording te laat'
        : 'Aanvragen';
  document.title = `${title} – Wijkflow`;
  view.append(el('h1', {}, title));
  if (!staff)
    view.append(el('p', {}, el('a', { href: '#/aanvragen/nieuw', class: 'button' }, 'Nieuwe aanvraag')));
  if (staff) view.append(filterForm(ctx, filters));

  const list = el('ul', { class: 'cards', 'aria-label': 'Aanvragen' });
  // Focus the first newly loaded case, so keyboard and screen-reader users continue there.
  const more = moreButton(async () => {
    const items = await load();
    list.querySelector(`[data-id="${items[0]?.id}"] a`)?.focus();
  });
  const counter = el('p', { class: 'hint', 'aria-live': 'polite' });
  view.append(counter, list, more);

  let cursor = null;
  let shown = 0;
  const load = async () => {
    const query = new URLSearchParams({ ...filters, limit: String(PAGE_SIZE) });
    if (cursor) query.set('cursor', cursor);
    const page = await api(`/cases?${query}`);
    for (const c of page.items) list.append(card(c, ctx));
    shown += page.items.length;
    cursor = page.nextCursor;
    more.hidden = !cursor;
    counter.textContent = cursor ? `${count(shown, 'aanvraag', 'aanvragen')} getoond; er zijn er meer.` : '';
    return page.items;
  };
  await load();
  if (shown === 0) {
    list.replaceWith(
      el(
        'p',
        {},
        staff
          ? 'Er zijn geen aanvragen die aan deze filters voldoen.'
          : 'U heeft nog geen aanvragen. Met “Nieuwe aanvraag” dient u er een in.',
      ),
    );
  }
}

function card(c, ctx) {
  const open = hasTag(c.state, 'open');
  const due = hasTag(c.state, 'account_due') && c.accountBy;
  const overdue = due && c.accountBy < todayInAmsterdam();
  return el(
    'li',
    { class: 'card', 'data-id': c.id },
    el('h2', { class: 'card-title' }, el('a', { href: `#/aanvragen/${c.id}` }, c.title)),
    el(
      'p',
      { class: 'card-meta' },
      el('span', { class: `badge ${tagClasses(c.state)}`, 'data-state': c.state }, label(STATES, c.state)),
      ` ${c.reference} · ${label(TYPES, c.type)} · ${ctx.areaName(c.areaCode)}`,
    ),
    el(
      'p',
      { class: 'card-meta' },
      `Gevraagd ${euro(c.requestedAmountCents)}`,
      c.honouredAmountCents !== null ? ` · toegekend ${euro(c.honouredAmountCents)}` : '',
      open ? ` · besluit uiterlijk ${formatDate(c.decisionDueAt)}` : '',
      c.settledAmountCents !== undefined ? ` · vastgesteld ${euro(c.settledAmountCents)}` : '',
    ),
    due
      ? el(
          'p',
          { class: overdue ? 'card-meta overdue' : 'card-meta' },
          overdue
            ? `Verantwoording te laat: was uiterlijk ${formatDay(c.accountBy)}`
            : `Verantwoorden uiterlijk ${formatDay(c.accountBy)}`,
        )
      : null,
  );
}

function readFilters(query) {
  const filters = {};
  for (const name of ['state', 'type', 'areaCode']) {
    const value = query.get(name);
    if (value) filters[name] = value;
  }
  if (query.get('accountOverdue') === 'true') filters.accountOverdue = 'true';
  return filters;
}

function filterForm(ctx, filters) {
  const areas = readsEveryCase(ctx) ? ctx.areas : ctx.areas.filter((a) => ctx.me.areas.includes(a.code));
  const all = [['', 'Alle']];
  const form = el(
    'form',
    { class: 'filters', 'aria-label': 'Filters' },
    field({
      id: 'filter-state',
      name: 'state',
      label: 'Status',
      kind: 'select',
      options: [...all, ...Object.entries(STATES)],
      value: filters.state,
    }),
    field({
      id: 'filter-type',
      name: 'type',
      label: 'Soort',
      kind: 'select',
      options: [...all, ...Object.entries(TYPES)],
      value: filters.type,
    }),
    field({
      id: 'filter-areaCode',
      name: 'areaCode',
      label: 'Gebied',
      kind: 'select',
      options: [...all, ...areas.map((a) => [a.code, a.name])],
      value: filters.areaCode,
    }),
    choices({
      name: 'accountOverdue',
      type: 'checkbox',
      idPrefix: 'filter-accountOverdue',
      legend: 'Verantwoording',
      options: [['true', 'Alleen te laat verantwoord']],
      checked: filters.accountOverdue ? ['true'] : [],
    }),
    el('button', { type: 'submit' }, 'Toon'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (value) chosen.set(name, value);
    const query = chosen.toString();
    ctx.navigate(`#/aanvragen${query ? `?${query}` : ''}`);
  });
  return form;
}
