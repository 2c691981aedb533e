// The shell: who is signed in, the menu for their roles, and which screen a #/… address shows.
// Addresses carry only screen names, ids and filters: never a token or an e-mail address.

import { api, session } from './api.js';
import * as auth from './auth.js';
import { announce, clear, el, loadError } from './dom.js';
import { ROLES, label } from './format.js';
import { setUpMenu } from './menu.js';
import { applyTheme, municipalityName } from './theme.js';
import { loadWorkflows, statesTagged } from './workflow.js';
import * as audit from './screens/audit.js';
import * as caseDetail from './screens/case-detail.js';
import * as caseForm from './screens/case-form.js';
import * as caseList from './screens/case-list.js';
import * as caseSent from './screens/case-sent.js';
import * as programmes from './screens/programmes.js';
import * as reports from './screens/reports.js';
import * as reportView from './screens/report-view.js';
import * as signin from './screens/signin.js';
import * as spending from './screens/spending.js';
import * as workflows from './screens/workflows.js';

const STAFF = ['official', 'alderman', 'council', 'clerk'];
/** Who follows the cases referred to the raad: its members read them, its clerk registers the decisions. */
const RAAD = ['council', 'clerk'];

/** [pattern, screen, roles that may see it (null: everyone, []: anyone signed in)] */
const ROUTES = [
  [/^\/$/, { render: home }, null],
  [/^\/aanmelden$/, signin, null],
  [/^\/aanvragen$/, caseList, []],
  [/^\/aanvragen\/nieuw$/, caseForm, ['resident']],
  [/^\/aanvragen\/([0-9a-fA-F-]{36})$/, caseDetail, []],
  [/^\/aanvragen\/([0-9a-fA-F-]{36})\/ingediend$/, caseSent, ['resident']],
  [/^\/programmas$/, programmes, STAFF],
  [/^\/rapportages$/, reports, ['alderman', 'council']],
  [/^\/rapportages\/([0-9a-fA-F-]{36})$/, reportView, ['alderman', 'council']],
  [/^\/procesregistratie$/, audit, ['council']],
  [/^\/openbaar\/uitgaven$/, spending, null],
  [/^\/openbaar\/werkwijze$/, workflows, null],
];

const state = { me: null, areas: [], flash: null, firstRender: true };

const has = (role) => Boolean(state.me?.roles.includes(role));
const hasAny = (roles) => roles.some(has);

function menu() {
  const items = [];
  if (has('resident'))
    items.push(['#/aanvragen', 'Mijn aanvragen'], ['#/aanvragen/nieuw', 'Nieuwe aanvraag']);
  if (hasAny(STAFF)) items.push(['#/aanvragen', 'Aanvragen']);
  if (hasAny(RAAD)) {
    for (const referred of statesTagged('referred')) {
      items.push([`#/aanvragen?state=${referred}`, 'Voorgelegd aan de raad']);
    }
  }
  if (hasAny(STAFF)) items.push(['#/programmas', "Programma's"]);
  if (hasAny(['alderman', 'council'])) items.push(['#/rapportages', 'Raadsinformatiebrieven']);
  if (has('council')) items.push(['#/procesregistratie', 'Procesregistratie']);
  items.push(['#/openbaar/uitgaven', 'Uitgaven per gebied'], ['#/openbaar/werkwijze', 'Zo werkt het']);
  if (!state.me) items.push(['#/aanmelden', 'Inloggen']);
  // One entry per address (a resident who is also staff sees the list once).
  return items.filter(([href], i) => items.findIndex(([h]) => h === href) === i);
}

function renderChrome() {
  const nav = clear(document.getElementById('nav'));
  const here = location.hash || '#/';
  for (const [href, text] of menu()) {
    nav.append(el('li', {}, el('a', { href, 'aria-current': href === here ? 'page' : null }, text)));
  }
  const who = clear(document.getElementById('who'));
  if (state.me) {
    const roles = state.me.roles.map((r) => label(ROLES, r)).join(', ');
    who.append(
      el('span', { class: 'who-name' }, state.me.name, el('span', { class: 'who-role' }, ` (${roles})`)),
      el('button', { type: 'button', class: 'link-button sign-out', onclick: signOut }, 'Uitloggen'),
    );
  }
}

async function signOut() {
  state.me = null;
  // At the provider the browser leaves for end_session and comes back to / (auth.finishSignIn).
  if ((await auth.signOut()) === 'redirecting') return;
  navigate('#/', 'U bent uitgelogd.');
}

function home(view, ctx) {
  if (state.me) {
    navigate('#/aanvragen', ctx.flash);
    return;
  }
  document.title = ['Wijkflow', municipalityName()].filter(Boolean).join(' – ');
  view.append(
    el('h1', {}, 'Bewonersinitiatieven en uitdaagrecht'),
    el(
      'p',
      { class: 'lead' },
      'Heeft u een plan voor uw buurt? Vraag een bijdrage aan voor een bewonersinitiatief, of neem met ' +
        'het uitdaagrecht (Right to Challenge) een taak van de gemeente over. Hier dient u uw aanvraag in en ' +
        'volgt u haar.',
    ),
    el('p', {}, el('a', { href: '#/aanmelden', class: 'button' }, 'Inloggen')),
    el('h2', {}, 'Zonder inloggen'),
    el(
      'ul',
      {},
      el('li', {}, el('a', { href: '#/openbaar/uitgaven' }, 'Hoeveel geld is er per gebied uitgegeven?')),
      el('li', {}, el('a', { href: '#/openbaar/werkwijze' }, 'Hoe wordt een aanvraag behandeld?')),
    ),
  );
}

/** Goes to a screen; `flash` is announced once that screen has been drawn. */
export function navigate(hash, flash) {
  state.flash = flash ?? null;
  if (location.hash === hash) route();
  else location.hash = hash;
}

async function route() {
  const hash = location.hash || '#/';
  if (!hash.startsWith('#/')) return; // an in-page anchor, not a screen
  const [path, queryString = ''] = hash.slice(1).split('?');
  const match = ROUTES.map(([pattern, screen, roles]) => [pattern.exec(path), screen, roles]).find(
    ([m]) => m,
  );
  renderChrome();
  const main = document.getElementById('main');
  const view = el('div');
  clear(main).append(view);
  const flash = state.flash;
  state.flash = null;
  if (!match) {
    view.append(
      el('h1', {}, 'Pagina niet gevonden'),
      el('p', {}, el('a', { href: '#/' }, 'Naar de startpagina')),
    );
  } else {
    const [m, screen, roles] = match;
    if (roles && !state.me) {
      navigate('#/aanmelden', 'Log eerst in.');
      return;
    }
    if (roles && roles.length > 0 && !hasAny(roles)) {
      view.append(el('h1', {}, 'Geen toegang'), el('p', {}, 'Met uw rol kunt u deze pagina niet gebruiken.'));
    } else {
      const ctx = {
        me: state.me,
        areas: state.areas,
        areaName: (code) => state.areas.find((a) => a.code === code)?.name ?? code,
        params: m.slice(1),
        query: new URLSearchParams(queryString),
        flash,
        navigate,
        signedIn: (me) => {
          state.me = me;
        },
      };
      try {
        await screen.render(view, ctx);
      } catch (error) {
        view.append(loadError(error));
      }
    }
  }
  if (!view.isConnected) return; // the user went elsewhere meanwhile
  // Move focus to the new heading, as a page load would, except on the very first page.
  if (!state.firstRender) {
    const h1 = view.querySelector('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus();
    }
  }
  state.firstRender = false;
  if (flash) announce(flash);
  else document.getElementById('status').textContent = '';
}

async function start() {
  document.getElementById('skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    document.getElementById('main').focus();
  });
  setUpMenu();
  try {
    await applyTheme();
  } catch {
    // The page keeps the plain name "Wijkflow" and no footer links; everything else works.
  }
  try {
    state.areas = await api('/areas');
  } catch {
    state.areas = []; // screens fall back to area codes
  }
  try {
    await loadWorkflows();
  } catch {
    // Screens fall back to the API's codes for states and events.
  }
  // Back from the OpenID Provider (sign-in or sign-out), or a session this tab already has.
  const returned = await auth.finishSignIn();
  if (returned === 'signed-out') state.flash = 'U bent uitgelogd.';
  else if (returned && returned !== 'signed-in') state.flash = returned;
  if (session.token()) {
    try {
      state.me = await api('/auth/me');
      if (returned === 'signed-in') state.flash = `U bent ingelogd als ${state.me.name}.`;
    } catch {
      state.me = null; // an expired token: api() has already forgotten it
    }
  }
  window.addEventListener('hashchange', route);
  window.addEventListener('wijkflow:signed-out', () => {
    state.me = null;
    auth.forgetUser();
    if (!location.hash.startsWith('#/aanmelden'))
      navigate('#/aanmelden', 'Uw sessie is verlopen. Log opnieuw in.');
    else renderChrome();
  });
  await route();
}

start();
