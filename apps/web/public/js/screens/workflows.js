// How a case is handled, in words and as the state diagram the API draws from its own machine
// with Dutch names (GET /workflows/{type}/diagram?labels=nl), drawn as a picture (SVG) in the
// browser by Mermaid, served from this server (/vendor/mermaid/, no CDN). The Mermaid text
// stays beside it, folded away, for whoever cannot see the picture or wants to reuse it.

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
  'Bij het uitdaagrecht tekenen u en de gemeente een overeenkomst: wat u levert, tot wanneer, hoe het wordt ' +
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
    types.map((type) => api(`/workflows/${type}/diagram?labels=nl`, { accept: 'text/plain' })),
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
    ...types.map((type, i) => diagramSection(type, diagrams[i])),
  );
}

function diagramSection(type, text) {
  const picture = el('div', { class: 'diagram-picture', 'data-diagram': type });
  const section = el(
    'section',
    { 'aria-labelledby': `diagram-${type}` },
    el('h2', { id: `diagram-${type}` }, `Toestandsdiagram: ${TYPES[type]}`),
    el(
      'p',
      { class: 'hint' },
      'Elk vak is een status van de aanvraag, elke pijl wat er gebeurt. Rechtstreeks uit het proces zelf.',
    ),
    picture,
    el(
      'details',
      { class: 'fold' },
      el('summary', {}, 'Het diagram als tekst (Mermaid)'),
      el('pre', { class: 'diagram', tabindex: '0', 'data-type': type }, text),
    ),
  );
  draw(picture, type, text);
  return section;
}

let mermaidLoaded = null;

/** Mermaid, loaded once and only on this page (it is large). */
function loadMermaid() {
  mermaidLoaded ??= import('/vendor/mermaid/mermaid.esm.min.mjs').then(({ default: mermaid }) => {
    // strict: no scripts, no HTML in labels; Mermaid sanitises what it draws itself.
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
    return mermaid;
  });
  return mermaidLoaded;
}

/**
 * Draws the diagram into `picture`. Mermaid returns SVG as text; it is parsed as SVG (an XML
 * document, no HTML parser and no scripts) and put in the page as nodes. Without Mermaid the
 * text below the picture is the diagram.
 */
async function draw(picture, type, text) {
  try {
    const mermaid = await loadMermaid();
    const { svg } = await mermaid.render(`diagram-svg-${type}`, text);
    const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
    if (parsed.nodeName !== 'svg') throw new Error('no SVG');
    const node = document.importNode(parsed, true);
    node.setAttribute('role', 'img');
    node.setAttribute('aria-label', `Toestandsdiagram ${TYPES[type]}; als tekst hieronder`);
    picture.replaceChildren(node);
  } catch {
    picture.replaceChildren(
      el(
        'p',
        { class: 'hint' },
        'Het diagram kan hier niet als plaatje worden getoond; hieronder staat het als tekst.',
      ),
    );
  }
}
