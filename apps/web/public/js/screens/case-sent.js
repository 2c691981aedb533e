// After sending: the application is in, with its kenmerk, what happens now and by when the
// municipality decides (the decision term the API computed: decisionDueAt).

import { api } from '../api.js';
import { el } from '../dom.js';
import { TYPES, currentYear, formatDate, label } from '../format.js';

export async function render(view, ctx) {
  const id = ctx.params[0];
  const [c, programmes] = await Promise.all([
    api(`/cases/${id}`),
    api(`/programmes/${currentYear()}`).catch(() => null),
  ]);
  document.title = 'Aanvraag ingediend – Wijkflow';
  const area = ctx.areaName(c.areaCode);
  const programme = programmes?.find((p) => p.areaCode === c.areaCode) ?? null;
  const due = formatDate(c.decisionDueAt);
  view.append(
    el('h1', {}, 'Uw aanvraag is ingediend'),
    el(
      'p',
      { class: 'lead' },
      `Het kenmerk van uw aanvraag “${c.title}” (${label(TYPES, c.type)}) is `,
      el('strong', { 'data-reference': '' }, c.reference),
      '. Noem het als u contact met de gemeente opneemt.',
    ),
    el(
      'p',
      { class: 'panel', 'data-term': 'decision' },
      'De gemeente beslist uiterlijk op ',
      el('strong', {}, due),
      '.',
    ),
    el('h2', {}, 'Wat gebeurt er nu?'),
    el(
      'ol',
      { class: 'steps' },
      el('li', {}, `Het gebiedsteam van ${area} bekijkt uw aanvraag en geeft de wethouder advies.`),
      el(
        'li',
        {},
        'Mist er informatie, dan vraagt het gebiedsteam u daarom en zegt tot wanneer u die kunt geven. ' +
          'Zolang u nog niet heeft geantwoord, staat de termijn stil: de datum hierboven schuift dan op.',
      ),
      el(
        'li',
        {},
        `De wethouder beslist uiterlijk op ${due}: toekennen of afwijzen. Boven het mandaat van de wethouder ` +
          'beslist de gemeenteraad.',
      ),
      el(
        'li',
        {},
        'U krijgt het besluit als brief (pdf) bij uw aanvraag. Bent u het er niet mee eens, dan kunt u binnen ' +
          'zes weken bezwaar maken.',
      ),
      el(
        'li',
        {},
        'Beslist de gemeente niet op tijd, dan kunt u haar in gebreke stellen; dat kan op de pagina van uw aanvraag.',
      ),
    ),
    programme && programme.themes.includes(c.theme)
      ? null
      : el(
          'p',
          { class: 'panel', 'data-no-programme': '' },
          programme
            ? `Let op: het thema van uw aanvraag staat niet in het programma van ${area}. Het gebiedsteam neemt ` +
                'daarover contact met u op.'
            : `Let op: de gemeenteraad heeft voor ${area} nog geen programma voor dit jaar vastgesteld. Pas als dat ` +
                'er is, kan de gemeente uw aanvraag toekennen.',
        ),
    el(
      'p',
      { class: 'button-row' },
      el('a', { href: `#/aanvragen/${c.id}`, class: 'button' }, 'Bekijk uw aanvraag'),
      el('a', { href: '#/aanvragen' }, 'Naar mijn aanvragen'),
    ),
  );
}
