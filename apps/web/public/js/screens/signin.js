// Sign-in. In development (AUTH_MODE=dev) pick a role and get a token from the API, or paste
// one. Where the API uses the municipality's own login (OIDC), "Inloggen" goes to its OpenID
// Provider (js/auth.js); without a web client set up there (OIDC_CLIENT_ID) you paste a token.

import { api, ApiError, session } from '../api.js';
import { signInAtProvider, signInSettings, signsInAtProvider } from '../auth.js';
import { busy, choices, el, field, missingRequired, showFormErrors } from '../dom.js';
import { ROLES, label } from '../format.js';

const SUGGESTED_IDS = {
  resident: 'inwoner-1',
  official: 'ambtenaar-1',
  alderman: 'wethouder-1',
  council: 'raadslid-1',
  clerk: 'griffier-1',
};
const WITH_AREAS = ['official', 'alderman'];

export async function render(view, ctx) {
  document.title = 'Aanmelden – Wijkflow';
  view.append(el('h1', {}, 'Aanmelden'));
  if (ctx.me) {
    view.append(
      el(
        'p',
        {},
        `U bent ingelogd als ${ctx.me.name} (${ctx.me.roles.map((r) => label(ROLES, r)).join(', ')}).`,
      ),
      el('p', {}, 'Wilt u als iemand anders verder? Log dan eerst uit (rechtsboven).'),
    );
    return;
  }
  const settings = await signInSettings();
  if (signsInAtProvider(settings)) {
    view.append(providerSignIn());
    return;
  }
  const tokenForm = tokenSignIn(ctx);
  // No dev tokens here (OIDC): only the token form is left.
  const devForm = devSignIn(ctx, () => {
    devForm.hidden = true;
    tokenForm.hidden = false;
    toggle.hidden = true;
    tokenForm.prepend(
      el(
        'p',
        { class: 'panel', role: 'status' },
        'Testaccounts zijn hier niet beschikbaar: de gemeente gebruikt haar eigen inlogdienst.',
      ),
    );
    tokenForm.querySelector('textarea').focus();
  });
  tokenForm.hidden = true;
  const toggle = el('button', { type: 'button', class: 'link-button' }, 'Ik heb al een toegangstoken');
  toggle.addEventListener('click', () => {
    devForm.hidden = !devForm.hidden;
    tokenForm.hidden = !tokenForm.hidden;
    toggle.textContent = devForm.hidden ? 'Aanmelden met een testaccount' : 'Ik heb al een toegangstoken';
  });
  view.append(devForm, tokenForm, el('p', {}, toggle));
}

function devSignIn(ctx, showTokenForm) {
  const idInput = () => form.querySelector('[name="sub"]');
  let idEdited = false;
  const form = el(
    'form',
    { novalidate: true, class: 'stack', 'aria-labelledby': 'dev-title' },
    el('h2', { id: 'dev-title' }, 'Testaccount'),
    el(
      'p',
      { class: 'hint' },
      'In deze testomgeving kiest u zelf wie u bent. Uw gegevens blijven in dit tabblad.',
    ),
    choices({
      name: 'role',
      legend: 'Ik ben',
      options: Object.entries(ROLES),
      checked: ['resident'],
      required: true,
    }),
    field({
      id: 'signin-name',
      name: 'name',
      label: 'Naam',
      autocomplete: 'name',
      required: true,
      maxlength: 200,
    }),
    field({
      id: 'signin-sub',
      name: 'sub',
      label: 'Gebruikers-id',
      hint: 'Met hetzelfde id ziet u later uw eigen aanvragen terug. Letters, cijfers en . : @ _ -',
      value: SUGGESTED_IDS.resident,
      autocomplete: 'off',
      autocapitalize: 'none',
      spellcheck: 'false',
      required: true,
      maxlength: 200,
    }),
    (() => {
      const areas = choices({
        name: 'areas',
        type: 'checkbox',
        legend: 'Mijn gebieden',
        hint: 'De gebieden waarvoor u werkt.',
        options: ctx.areas.map((a) => [a.code, a.name]),
      });
      areas.id = 'signin-areas';
      areas.hidden = true;
      return areas;
    })(),
    el('button', { type: 'submit' }, 'Aanmelden'),
  );
  form.addEventListener('input', (event) => {
    if (event.target.name === 'sub') idEdited = true;
  });
  form.addEventListener('change', (event) => {
    if (event.target.name !== 'role') return;
    const role = event.target.value;
    form.querySelector('#signin-areas').hidden = !WITH_AREAS.includes(role);
    if (!idEdited) idInput().value = SUGGESTED_IDS[role];
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const role = data.get('role');
    const areas = WITH_AREAS.includes(role) ? data.getAll('areas') : [];
    const missing = missingRequired(form);
    if (WITH_AREAS.includes(role) && areas.length === 0) {
      missing.push({ name: 'areas', reason: 'Kies minstens één gebied.' });
    }
    if (missing.length) return showFormErrors(form, missing);
    await busy(form, async () => {
      try {
        const body = { sub: data.get('sub').trim(), name: data.get('name').trim(), roles: [role], areas };
        const { accessToken } = await api('/auth/dev-token', { method: 'POST', body });
        await finish(ctx, accessToken, form);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          showTokenForm();
          return;
        }
        showFormErrors(form, error);
      }
    });
  });
  return form;
}

function tokenSignIn(ctx) {
  const form = el(
    'form',
    { novalidate: true, class: 'stack', 'aria-labelledby': 'token-title' },
    el('h2', { id: 'token-title' }, 'Aanmelden met een toegangstoken'),
    el(
      'p',
      { class: 'hint' },
      'Plak het toegangstoken (bearer token) dat u van de inlogdienst van de gemeente kreeg.',
    ),
    field({
      id: 'signin-token',
      name: 'token',
      label: 'Toegangstoken',
      kind: 'textarea',
      rows: 3,
      autocomplete: 'off',
      spellcheck: 'false',
      required: true,
    }),
    el('button', { type: 'submit' }, 'Aanmelden met token'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const missing = missingRequired(form);
    if (missing.length) return showFormErrors(form, missing);
    const token = new FormData(form)
      .get('token')
      .trim()
      .replace(/^Bearer\s+/i, '');
    await busy(form, async () => {
      try {
        await finish(ctx, token, form);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          showFormErrors(form, [
            { name: 'token', reason: 'Dit token wordt niet geaccepteerd: verlopen of ongeldig.' },
          ]);
        } else showFormErrors(form, error);
      }
    });
  });
  return form;
}

async function finish(ctx, token, form) {
  session.signIn(token);
  const me = await api('/auth/me');
  form.reset();
  ctx.signedIn(me);
  ctx.navigate('#/', `U bent ingelogd als ${me.name}.`);
}

/** OIDC: one button to the municipality's login page (DigiD, eHerkenning or an employee account). */
function providerSignIn() {
  const button = el('button', { type: 'button' }, 'Inloggen');
  const status = el('p', { class: 'hint', role: 'status' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'U gaat naar de inlogpagina van de gemeente…';
    try {
      await signInAtProvider();
    } catch {
      button.disabled = false;
      status.textContent = 'De inlogdienst van de gemeente is nu niet bereikbaar. Probeer het later opnieuw.';
    }
  });
  return el(
    'div',
    { class: 'stack' },
    el(
      'p',
      {},
      'U logt in bij de inlogdienst van de gemeente, als inwoner bijvoorbeeld met DigiD, als ' +
        'organisatie met eHerkenning, als medewerker met uw account. Daarna komt u hier terug.',
    ),
    el('p', {}, button),
    status,
  );
}
