// How a case is handled, in words and as the state diagram the API draws from its own machine
// (Mermaid text in a <pre>: readable as is, and pasteable into any Mermaid viewer).

import { api } from '../api.js';
import { el } from '../dom.js';
import { STATES, TYPES } from '../format.js';

const STEPS = [
  'U dient uw aanvraag in. U krijgt een kenmerk en ziet wanneer er uiterlijk een besluit is.',
  'Het gebiedsteam kan u om meer informatie vragen en zegt tot wanneer u die kunt geven (meestal twee weken). ' +
    'Tot u antwoordt, en ten hoogste tot die dag, staat de termijn stil. Komt de informatie niet op tijd, ' +
    'dan kan het gebiedsteam uw aanvraag buiten behandeling stellen.',
  'Het gebiedsteam beoordeelt de aanvraag en geeft de wethouder advies.',
  'De wethouder besluit: toekennen of afwijzen. Boven het mandaat van de wethouder besluit de gemeenteraad.',
  'Besluit de gemeente niet op tijd, dan kunt u haar in gebreke stellen. Heeft zij twee weken later nog steeds ' +
    'niet besloten, dan betaalt zij u een dwangsom voor elke dag dat het besluit uitblijft (ten hoogste 42 dagen).',
  'U krijgt elk besluit ook als brief (pdf). Bent u het er niet mee eens, dan kunt u binnen zes weken bezwaar maken; ' +
    'bij elk besluit staat tot wanneer.',
  'Bij een bewonersinitiatief staat in het besluit wanneer u uiterlijk verantwoordt wat u met het geld heeft gedaan. ' +
    'Het gebiedsteam beoordeelt uw verantwoording en de wethouder stelt de subsidie vast. ' +
    'Geld dat niet nodig was, gaat terug naar het budget van het gebied.',
  'Bij Right to Challenge tekenen u en de gemeente een overeenkomst: wat u levert, tot wanneer, hoe het wordt ' +
    'gemeten en wat de gemeente doet als de taak terugkomt. Het gebiedsteam bespreekt de voortgang; ' +
    'aan het eind evalueert de wethouder de overeenkomst.',
  'Het college meldt elk besluit aan de raad in een raadsinformatiebrief.',
  'Zolang er geen besluit is, en na een toekenning zolang u nog niet heeft verantwoord of getekend, ' +
    'kunt u uw aanvraag intrekken.',
];

export async function render(view) {
  document.title = 'Zo werkt het – Wijkflow';
  const types = Object.keys(TYPES);
  const diagrams = await Promise.all(
    types.map((type) => api(`/workflows/${type}/diagram`, { accept: 'text/plain' })),
  );
  view.append(
    el('h1', {}, 'Zo werkt het'),
    el(
      'ol',
      { class: 'steps' },
      STEPS.map((s) => el('li', {}, s)),
    ),
    el('h2', {}, 'De statussen'),
    el(
      'dl',
      { class: 'details' },
      Object.entries(STATES).map(([code, text]) => [el('dt', {}, text), el('dd', {}, el('code', {}, code))]),
    ),
    ...types.map((type, i) =>
      el(
        'section',
        { 'aria-labelledby': `diagram-${type}` },
        el('h2', { id: `diagram-${type}` }, `Toestandsdiagram: ${TYPES[type]}`),
        el('p', { class: 'hint' }, 'In Mermaid-notatie (stateDiagram-v2), rechtstreeks uit het proces zelf.'),
        el('pre', { class: 'diagram', tabindex: '0', 'data-type': type }, diagrams[i]),
      ),
    ),
  );
}
