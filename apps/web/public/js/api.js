// fetch against /api/v1 with the bearer token, and RFC 9457 problems as ApiError.

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
  // Problems and explanations (blockedEvents) in Dutch: the API's words are the page's words.
  const sent = { Accept: accept, 'Accept-Language': 'nl', ...headers };
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
    throw new ApiError(0, { title: 'Geen verbinding', detail: 'De server is niet bereikbaar.' });
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

const STATUSES = {
  0: 'Geen verbinding met de server. Controleer uw internetverbinding en probeer het opnieuw.',
  400: 'Niet alle gegevens zijn goed ingevuld.',
  401: 'U bent niet (meer) ingelogd. Log opnieuw in.',
  403: 'U mag dit niet doen.',
  404: 'Niet gevonden, of u mag dit niet zien.',
  409: 'Dit kan nu niet.',
  412: 'Iemand anders heeft deze aanvraag intussen gewijzigd. Laad de aanvraag opnieuw en kijk of uw actie nog nodig is.',
  413: 'Wat u verstuurt is te groot (meer dan 1 MB).',
  429: 'Te veel verzoeken achter elkaar. Wacht een minuut en probeer het opnieuw.',
};

/**
 * One plain Dutch sentence for a refusal: the API's own (it answers in Dutch, see api()) when it
 * names a rule, else one per status. The server's title and code go beside it as details.
 */
export function describeError(error) {
  if (!(error instanceof ApiError)) return 'Er ging iets mis in deze pagina. Laad de pagina opnieuw.';
  if (
    typeof error.problem.code === 'string' &&
    typeof error.problem.detail === 'string' &&
    error.problem.detail
  ) {
    return error.problem.detail;
  }
  return (
    STATUSES[error.status] ??
    (error.status >= 500
      ? 'De dienst is tijdelijk niet beschikbaar. Probeer het later opnieuw.'
      : 'Dit is niet gelukt.')
  );
}
