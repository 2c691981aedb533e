// Open data, no sign-in: per area the budget, what has been honoured and how many initiatives,
// and (where the API gives them) the amounts settled and returned to the budget.

import { api } from '../api.js';
import { el, yearForm } from '../dom.js';
import { currentYear, euro } from '../format.js';

export async function render(view, ctx) {
  const year = Number(ctx.query.get('jaar')) || currentYear();
  document.title = `Uitgaven per gebied ${year} – Wijkflow`;
  const spending = await api(`/open/spending?year=${year}`);
  const total = (key) => spending.reduce((sum, s) => sum + s[key], 0);
  // Settled and returned amounts: columns of their own once the API reports them.
  const settlement = spending.some((s) => s.settledAmountCents !== undefined);
  const amounts = (s) =>
    settlement
      ? [
          el('td', { class: 'num' }, euro(s.settledAmountCents ?? 0)),
          el('td', { class: 'num' }, euro(s.releasedAmountCents ?? 0)),
        ]
      : [];
  view.append(
    el('h1', {}, `Uitgaven per gebied ${year}`),
    el(
      'p',
      {},
      'Hoeveel geld de gemeenteraad per gebied beschikbaar stelde voor bewonersinitiatieven en uitdaagrecht, ' +
        'hoeveel daarvan is toegekend, en wat na afloop is vastgesteld of teruggegaan naar het budget. ' +
        'Er staan geen persoonsgegevens in.',
    ),
    yearForm(ctx, { id: 'spending-year', year, years: yearChoices(), route: '#/openbaar/uitgaven' }),
    el(
      'div',
      { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'spending-caption' },
      el(
        'table',
        {},
        el('caption', { id: 'spending-caption' }, `Budget en toegekende bedragen per gebied, ${year}`),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, 'Gebied'),
            el('th', { scope: 'col', class: 'num' }, 'Budget'),
            el('th', { scope: 'col', class: 'num' }, 'Toegekend'),
            el(
              'th',
              { scope: 'col', class: 'num' },
              'Aantal',
              el('span', { class: 'visually-hidden' }, ' toegekende aanvragen'),
            ),
            settlement
              ? [
                  el('th', { scope: 'col', class: 'num' }, 'Vastgesteld'),
                  el('th', { scope: 'col', class: 'num' }, 'Teruggegaan naar het budget'),
                ]
              : null,
          ),
        ),
        el(
          'tbody',
          {},
          spending.map((s) =>
            el(
              'tr',
              { 'data-area': s.areaCode },
              el('th', { scope: 'row' }, ctx.areaName(s.areaCode)),
              s.programmeAdopted
                ? el('td', { class: 'num' }, euro(s.budgetCents))
                : el('td', { class: 'none' }, 'geen programma'),
              el('td', { class: 'num' }, euro(s.committedCents)),
              el('td', { class: 'num' }, String(s.honouredCount)),
              amounts(s),
            ),
          ),
        ),
        el(
          'tfoot',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'row' }, 'Totaal'),
            el('td', { class: 'num' }, euro(total('budgetCents'))),
            el('td', { class: 'num' }, euro(total('committedCents'))),
            el('td', { class: 'num' }, String(total('honouredCount'))),
            settlement
              ? [
                  el('td', { class: 'num' }, euro(total('settledAmountCents'))),
                  el('td', { class: 'num' }, euro(total('releasedAmountCents'))),
                ]
              : null,
          ),
        ),
      ),
    ),
    el(
      'p',
      { class: 'hint' },
      'Ook als open data: ',
      el('a', { href: `/api/v1/open/spending?year=${year}` }, `/api/v1/open/spending?year=${year}`),
      ' (JSON).',
    ),
  );
}

function yearChoices() {
  const now = currentYear();
  return [now - 3, now - 2, now - 1, now, now + 1];
}
