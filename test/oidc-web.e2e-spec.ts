import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { bearer } from './support/actors.js';
import { chooseInMenu, describeInBrowser, launchChromium } from './support/browser.js';
import { openIdProvider, type TestProvider } from './support/openid-provider.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Real sign-in (AUTH_MODE=oidc) in Chromium against a real OpenID Provider (oidc-provider,
 * started here): "Inloggen", the provider's login page, back signed in as a resident with a
 * JWT access token the API verifies through the provider's JWKS, a case of one's own, the
 * token renewed with the refresh token before it expires, and "Uitloggen" at the provider.
 */
const CLIENT_ID = 'wijkflow-web';
const AUDIENCE = 'wijkflow-api';
// oidc-client-ts renews a minute before expiry: with 75 s the first renewal comes after ~15 s.
const ACCESS_TOKEN_SECONDS = 75;

describeInBrowser(
  'test/oidc-web.e2e-spec.ts',
  'sign-in at an OpenID Provider (authorization code flow with PKCE)',
  () => {
    let op: TestProvider;
    let t: TestApp;
    let base: string;
    let browser: Browser;
    const cspViolations: string[] = [];

    beforeAll(async () => {
      op = await openIdProvider({
        clientId: CLIENT_ID,
        audience: AUDIENCE,
        accessTokenSeconds: ACCESS_TOKEN_SECONDS,
        accounts: { anna: { name: 'Anna de Vries', roles: ['resident'], areas: [] } },
      });
      t = await createTestApp({
        AUTH_MODE: 'oidc',
        OIDC_ISSUER: op.issuer,
        OIDC_AUDIENCE: AUDIENCE,
        OIDC_CLIENT_ID: CLIENT_ID,
        TOKEN_MAX_LIFETIME_SECONDS: '600',
        DEMO_DATA: 'true',
      });
      await t.app.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
      await op.start(base);
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await t?.close();
      await op?.close();
    });
    afterEach(() => expect(cspViolations).toEqual([]));

    async function open(): Promise<Page> {
      const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
      page.setDefaultTimeout(15_000);
      // The provider's development pages import a web font: nothing leaves this machine.
      await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
      page.on('console', (m) => {
        if (/Content.Security.Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
      });
      await page.goto(`${base}/`);
      await page.locator('main h1').first().waitFor();
      return page;
    }

    const token = (page: Page) =>
      page.evaluate("sessionStorage.getItem('wijkflow.token')") as Promise<string | null>;

    it('tells the browser how to sign in: GET /auth/config', async () => {
      const res = await t.http.get('/api/v1/auth/config').expect(200);
      expect(res.body).toEqual({
        mode: 'oidc',
        issuer: op.issuer,
        clientId: CLIENT_ID,
        scope: 'openid profile',
      });
      // The app's pages may talk to the issuer, and only to it besides themselves.
      const csp = (await t.http.get('/').expect(200)).headers['content-security-policy'] as string;
      expect(csp).toContain(`connect-src 'self' ${op.issuer}`);
    });

    it('logs a resident in at the provider, shows her case, renews the token and logs out there', async () => {
      const page = await open();
      const authorizeRequests: URL[] = [];
      page.on('request', (r) => {
        if (r.url().startsWith(`${op.issuer}/auth?`)) authorizeRequests.push(new URL(r.url()));
      });

      // Inloggen → the sign-in screen → the provider.
      await page.click('main a:has-text("Inloggen")');
      await page.locator('main h1', { hasText: 'Aanmelden' }).waitFor();
      expect(await page.locator('#signin-name').count()).toBe(0); // no dev sign-in here
      await page.click('main button:has-text("Inloggen")');
      await page.waitForURL(`${op.issuer}/interaction/**`);
      await page.fill('input[name=login]', 'anna');
      await page.fill('input[name=password]', 'geheim');
      await page.click('button:has-text("Sign-in")');
      await page.click('button:has-text("Continue")'); // the provider's consent page

      // Back in the app, signed in, with nothing of the flow left in the address.
      await page.locator('.who-name', { hasText: 'Anna de Vries' }).waitFor();
      expect(page.url()).toBe(`${base}/#/aanvragen`);
      expect(await page.locator('.who-role').textContent()).toContain('inwoner');
      expect(authorizeRequests).toHaveLength(1);
      const authorize = authorizeRequests[0].searchParams;
      expect(authorize.get('response_type')).toBe('code');
      expect(authorize.get('client_id')).toBe(CLIENT_ID);
      expect(authorize.get('code_challenge_method')).toBe('S256');
      expect(authorize.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(await page.evaluate('localStorage.length')).toBe(0);

      // The provider's JWT, with the claims the API reads and its audience.
      const first = (await token(page))!;
      const claims = JSON.parse(Buffer.from(first.split('.')[1], 'base64url').toString()) as Record<
        string,
        unknown
      >;
      expect(claims).toMatchObject({
        iss: op.issuer,
        aud: AUDIENCE,
        sub: 'anna',
        name: 'Anna de Vries',
        roles: ['resident'],
      });
      expect((claims.exp as number) - (claims.iat as number)).toBe(ACCESS_TOKEN_SECONDS);

      // Her case, submitted with that token (the demo frame has the programme), in her list.
      const submitted = await t.http
        .post('/api/v1/cases')
        .set(bearer(first))
        .send({
          type: 'initiative',
          title: 'Bankjes in het Oosterpark',
          description: 'Drie bankjes langs het pad.',
          areaCode: 'oost',
          theme: 'groen',
          requestedAmountCents: 120_000,
          contactEmail: 'anna@example.org',
        })
        .expect(201);
      // A reload resumes the tab's session (the provider's user in sessionStorage).
      await page.reload();
      await page.click('main a:has-text("Bankjes in het Oosterpark")');
      await page.waitForURL(`${base}/#/aanvragen/${submitted.body.id}`);
      await page.locator('main h1', { hasText: 'Bankjes in het Oosterpark' }).waitFor();

      // Silent renew: before it expires, the token is replaced by a fresh one from the refresh token.
      // (Polled from here: the page's CSP allows no string evaluation for waitForFunction.)
      for (const until = Date.now() + 40_000; (await token(page)) === first && Date.now() < until;) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const renewed = (await token(page))!;
      expect(renewed).not.toBe(first);
      await t.http.get('/api/v1/auth/me').set(bearer(renewed)).expect(200);
      await chooseInMenu(page, 'Mijn aanvragen');
      await page.locator('main a:has-text("Bankjes in het Oosterpark")').waitFor();

      // Uitloggen: the provider asks to confirm, ends its session and sends the browser back.
      await page.click('button:has-text("Uitloggen")');
      await page.waitForURL(`${op.issuer}/session/end**`);
      await page.click('button:has-text("Yes, sign me out")');
      await page.locator('#status', { hasText: 'U bent uitgelogd.' }).waitFor();
      expect(page.url()).toBe(`${base}/#/`);
      await page.locator('#nav a', { hasText: 'Inloggen' }).waitFor({ state: 'attached' });
      expect(await page.evaluate('sessionStorage.length')).toBe(0);

      // Logged out at the provider too: Inloggen asks for the login again.
      await page.click('main a:has-text("Inloggen")');
      await page.click('main button:has-text("Inloggen")');
      await page.locator('input[name=login]').waitFor();
    });

    it('says so in Dutch when the user cancels at the provider', async () => {
      const page = await open();
      await page.click('main a:has-text("Inloggen")');
      await page.click('main button:has-text("Inloggen")');
      await page.waitForURL(`${op.issuer}/interaction/**`);
      await page.click('a:has-text("Cancel")');
      await page.locator('#status', { hasText: 'Inloggen is afgebroken.' }).waitFor();
      expect(page.url()).toBe(`${base}/#/`);
      expect(await token(page)).toBeNull();
    });
  },
);
