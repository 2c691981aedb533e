// fetch against /api/v1 with the bearer token, and RFC 9457 problems as ApiError.

import { euro, formatDate, formatDay } from './format.js';

const TOKEN_KEY = 'wijkflow.token';

/** The token lives in sessionStorage (gone when the tab closes), never in localStorage or a URL. */
export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  get invalidParams() {
    return Array.isArray(this.problem.invalidParams) ? this.problem.invalidParams : [];
  }

  /** The rule or error code: `code` when the API names one, else the last part of `type`. */
  get code() {
    if (typeof this.problem.code === 'string') return this.problem.code;
    const type = String(this.problem.type ?? '');
    return type.includes('/problems/') ? type.split('/').pop().toUpperCase().replace(/-/g, '_') : '';
  }
}

/**
 * Calls the API. Returns the parsed body (JSON, or text for other media types; a Blob with
 * `blob: true`, for files such as a PDF); throws ApiError for any non-2xx answer and for a
 * network failure (status 0).
 * `options`: method, body (sent as JSON), headers, accept, blob.
 */
export async function api(
  path,
  { method = 'GET', body, headers = {}, accept = 'application/json', blob = false } = {},
) {
  const sent = { Accept: accept, ...headers };
  const token = session.token();
  if (token) sent.Authorization = `Bearer ${token}`;
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers: sent,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, { title: 'No connection', detail: 'The server could not be reached.' });
  }
  if (!res.ok) {
    const problem = await readProblem(res);
    if (res.status === 401 && token) {
      // Expired or refused token: forget it; the app sends the user to the sign-in screen.
      session.signOut();
      window.dispatchEvent(new CustomEvent('wijkflow:signed-out', { detail: { expired: true } }));
    }
    throw new ApiError(res.status, problem);
  }
  if (res.status === 204) return null;
  if (blob) return res.blob();
  const type = res.headers.get('Content-Type') ?? '';
  return type.includes('json') ? res.json() : res.text();
}

async function readProblem(res) {
  try {
    const body = await res.json();
    if (body && typeof body === 'object') return body;
  } catch {
    // Not JSON (a proxy's error page, say): fall through to a bare problem.
  }
  return { title: res.statusText, status: res.status, detail: '' };
}

/**
 * One plain Dutch sentence per refusal code, for a refused request (a problem) and for an action
 * the case lists as blocked now (blockedEvents). Each takes what the page knows of the case, all
 * optional, to make the sentence concrete: event (the refused event), theme, themes, area,
 * amountCents (requested), limitCents (the alderman's mandate), availableCents (budget left),
 * decisionDueAt, respondBy. Without them it says the rule in general.
 */
const RULES = {
  STATE: () => 'Dit kan niet in de huidige status van de aanvraag.',
  ROLE: () => 'Uw rol mag dit niet bij deze aanvraag.',
  FOUR_EYES: (f) =>
    f.event === 'SETTLE'
      ? 'U heeft de verantwoording zelf beoordeeld; iemand anders stelt de subsidie vast (vier ogen).'
      : f.event
        ? 'U heeft deze aanvraag zelf beoordeeld; een andere wethouder beslist (vier ogen).'
        : 'Vier ogen: wie de aanvraag of de verantwoording beoordeelde, mag er niet ook over beslissen. Iemand anders moet dit doen.',
  CONFLICT_OF_INTEREST: () => 'U heeft deze aanvraag zelf ingediend. Iemand anders moet haar behandelen.',
  NO_PROGRAMME: (f) =>
    f.area
      ? `De gemeenteraad heeft voor ${f.area} nog geen programma voor dit jaar vastgesteld; zonder programma kan niets worden toegekend.`
      : 'Er is geen vastgesteld programma voor dit gebied en dit jaar.',
  THEME_NOT_IN_PROGRAMME: (f) =>
    f.theme
      ? `het thema “${f.theme}” staat niet in het programma van ${f.area ?? 'het gebied'}` +
        (f.themes?.length ? ` (daarin staan: ${f.themes.join(', ')}).` : '.')
      : 'Het thema van de aanvraag staat niet in het programma van het gebied.',
  AMOUNT_ABOVE_REQUEST: () => 'Het bedrag is hoger dan het aangevraagde bedrag.',
  BUDGET_EXCEEDED: (f) =>
    f.availableCents !== undefined && f.amountCents !== undefined
      ? `In het programma is nog ${euro(f.availableCents)} beschikbaar, minder dan de gevraagde ${euro(f.amountCents)}.`
      : 'Er is niet genoeg budget beschikbaar.',
  ABOVE_DELEGATION_LIMIT: (f) =>
    f.limitCents !== undefined && f.amountCents !== undefined
      ? `het gevraagde bedrag (${euro(f.amountCents)}) is hoger dan de wethouder zelf mag toekennen (mandaat: ${euro(f.limitCents)}). De gemeenteraad beslist: leg de aanvraag voor aan de raad.`
      : 'Het bedrag is hoger dan de wethouder zelf mag toekennen (mandaat). Leg de aanvraag voor aan de raad.',
  NOT_ABOVE_DELEGATION_LIMIT: (f) =>
    f.limitCents !== undefined && f.amountCents !== undefined
      ? `het gevraagde bedrag (${euro(f.amountCents)}) valt binnen het mandaat van de wethouder (${euro(f.limitCents)}); de wethouder beslist zelf.`
      : 'Voorleggen aan de raad kan alleen als het bedrag boven het mandaat ligt.',
  BUDGET_BELOW_COMMITTED: () => 'Het budget kan niet lager zijn dan wat al is toegekend.',
  TERM_NOT_EXPIRED: (f) =>
    f.decisionDueAt
      ? `de gemeente moet uiterlijk op ${formatDate(f.decisionDueAt)} beslissen. Pas als die termijn voorbij is, kunt u haar in gebreke stellen.`
      : 'De termijn om te beslissen is nog niet voorbij. Pas daarna kunt u de gemeente in gebreke stellen.',
  RESPOND_BY_NOT_PASSED: (f) =>
    f.respondBy
      ? `de aanvrager mag de gevraagde informatie nog geven tot en met ${formatDay(f.respondBy)}. Pas daarna kan de aanvraag buiten behandeling worden gesteld.`
      : 'De aanvrager heeft nog tijd om de gevraagde informatie te geven.',
  NOTICE_ALREADY_GIVEN: () => 'De gemeente is al in gebreke gesteld; dat kan één keer.',
  TERM_EXPIRED: (f) =>
    f.decisionDueAt
      ? `de termijn om te beslissen is op ${formatDate(f.decisionDueAt)} verstreken; een verstreken termijn kan niet meer worden verdaagd.`
      : 'De termijn om te beslissen is verstreken; die kan niet meer worden verdaagd.',
  TERM_ALREADY_EXTENDED: () => 'De beslistermijn is al verdaagd; dat kan één keer.',
  NOT_OBJECTIONABLE: () =>
    'Tegen een beslissing op bezwaar kunt u geen bezwaar maken. U kunt wel beroep instellen bij de rechtbank.',
  CONCURRENT_UPDATE: () => 'De aanvraag werd tegelijk door iemand anders gewijzigd. Laad haar opnieuw.',
  IDEMPOTENCY_KEY_REUSED: () =>
    'Dit formulier is al verstuurd met andere gegevens. Begin een nieuw formulier.',
};

/**
 * Why a refusal code stops an action, in plain Dutch, made concrete with what the page knows of
 * the case (see RULES). Returns null for a code without a sentence of its own.
 */
export function explainRefusal(code, facts = {}) {
  const rule = RULES[code];
  if (!rule) return null;
  const sentence = rule(facts);
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

const STATUSES = {
  0: 'Geen verbinding met de server. Controleer uw internetverbinding en probeer het opnieuw.',
  400: 'Niet alle gegevens zijn goed ingevuld.',
  401: 'U bent niet (meer) aangemeld. Meld u opnieuw aan.',
  403: 'U mag dit niet doen.',
  404: 'Niet gevonden, of u mag dit niet zien.',
  409: 'Dit kan nu niet.',
  412: 'Iemand anders heeft deze aanvraag intussen gewijzigd. Laad de aanvraag opnieuw en kijk of uw actie nog nodig is.',
  413: 'Wat u verstuurt is te groot (meer dan 1 MB).',
  429: 'Te veel verzoeken achter elkaar. Wacht een minuut en probeer het opnieuw.',
};

/** One plain Dutch sentence for a refusal; the server's own words go beside it as details. */
export function describeError(error) {
  if (!(error instanceof ApiError)) return 'Er ging iets mis in deze pagina. Laad de pagina opnieuw.';
  return (
    explainRefusal(error.code) ??
    STATUSES[error.status] ??
    (error.status >= 500
      ? 'De dienst is tijdelijk niet beschikbaar. Probeer het later opnieuw.'
      : 'Dit is niet gelukt.')
  );
}
