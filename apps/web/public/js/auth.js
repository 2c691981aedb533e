// Signing in and out. With dev tokens (AUTH_MODE=dev) the sign-in screen asks the API for one.
// With the municipality's OpenID Provider (AUTH_MODE=oidc) this module runs the authorization
// code flow with PKCE through oidc-client-ts: "Inloggen" goes to the provider, which sends the
// browser back to / with ?code=…&state=…; the access token then goes to api.js's session like a
// dev token. It is renewed with the refresh token the provider gives (silent renew); when that
// fails and the token expires, the user is signed out with a clear message to log in again.
// "Uitloggen" also ends the session at the provider (end_session).

import { api, session } from './api.js';

/** oidc-client-ts's browser build, served from node_modules (apps/api/src/web/web-static.ts). */
const LIBRARY = '/vendor/oidc-client-ts.min.js';

let settings = null;
let manager = null;

/** GET /auth/config once: {mode: 'dev'} or {mode: 'oidc', issuer, clientId, scope}. */
export async function signInSettings() {
  if (!settings) {
    try {
      settings = await api('/auth/config');
    } catch {
      settings = { mode: 'dev' }; // an API without the endpoint: the dev sign-in finds out itself
    }
  }
  return settings;
}

/** Whether "Inloggen" goes to the OpenID Provider. */
export const signsInAtProvider = (s) => s.mode === 'oidc' && Boolean(s.clientId);

function loadLibrary() {
  if (window.oidc) return Promise.resolve(window.oidc);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = LIBRARY;
    script.onload = () => resolve(window.oidc);
    script.onerror = () => reject(new Error('De inlogmodule kon niet worden geladen.'));
    document.head.append(script);
  });
}

async function userManager() {
  if (manager) return manager;
  const { UserManager, WebStorageStateStore } = await loadLibrary();
  const s = await signInSettings();
  const home = `${location.origin}/`;
  // Both the user and the flow's state (with the PKCE verifier) in sessionStorage: gone when
  // the tab closes, like a dev token; nothing in localStorage.
  const store = new WebStorageStateStore({ store: sessionStorage });
  manager = new UserManager({
    authority: s.issuer,
    client_id: s.clientId,
    redirect_uri: home,
    post_logout_redirect_uri: home,
    scope: s.scope,
    response_type: 'code',
    userStore: store,
    stateStore: store,
    automaticSilentRenew: true,
  });
  manager.events.addUserLoaded((user) => session.signIn(user.access_token));
  manager.events.addAccessTokenExpired(async () => {
    await manager.removeUser();
    session.signOut();
    window.dispatchEvent(new CustomEvent('wijkflow:signed-out', { detail: { expired: true } }));
  });
  return manager;
}

/** "Inloggen": to the provider's login page; the browser comes back to / (finishSignIn). */
export async function signInAtProvider() {
  await (await userManager()).signinRedirect();
}

/**
 * On every page load in OIDC mode: completes a return from the provider (sign-in or sign-out)
 * and resumes a session this tab already has (so its token keeps being renewed).
 * Returns 'signed-in', 'signed-out', a Dutch message when the provider refused, or null.
 */
export async function finishSignIn() {
  const s = await signInSettings();
  if (!signsInAtProvider(s)) return null;
  const params = new URLSearchParams(location.search);
  if (!params.has('state')) {
    // No return from the provider: resume this tab's session, if any.
    if (session.token()) {
      const user = await (await userManager()).getUser();
      if (user && !user.expired) session.signIn(user.access_token);
    }
    return null;
  }
  const m = await userManager();
  const url = location.href;
  // The code and state are used once: off the address before anything else happens.
  history.replaceState(null, '', '/#/');
  try {
    if (params.has('code') || params.has('error')) {
      const user = await m.signinRedirectCallback(url);
      session.signIn(user.access_token);
      return 'signed-in';
    }
    await m.signoutRedirectCallback(url);
    return 'signed-out';
  } catch (error) {
    session.signOut();
    const cancelled = params.get('error') === 'access_denied';
    // The library's reason is English and technical: the console has it, the user a sentence.
    console.warn('OIDC callback', error);
    return cancelled ? 'Inloggen is afgebroken.' : 'Inloggen is niet gelukt. Probeer het opnieuw.';
  }
}

/**
 * "Uitloggen". At the provider too, when the tab signed in there: oidc-client-ts forgets the
 * user and sends the browser to end_session with the ID token, which comes back to /.
 */
export async function signOut() {
  const s = await signInSettings();
  const atProvider = signsInAtProvider(s) && Boolean(await (await userManager()).getUser());
  session.signOut();
  if (atProvider) {
    // With state, the provider sends it back: that return is told apart from a plain visit.
    await manager.signoutRedirect({ state: 'signed-out' });
    return 'redirecting';
  }
  return 'signed-out';
}

/** The API refused the token (401): forget the provider's user too, if there is one. */
export async function forgetUser() {
  if (manager) await manager.removeUser();
}
