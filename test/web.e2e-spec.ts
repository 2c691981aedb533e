import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { bearer, cast, type Cast } from './support/actors.js';
import { initiative } from './support/cases.js';
import { seedProgramme } from './support/programmes.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

/**
 * The web front end (apps/web/public) in a real browser: Debian's Chromium driven by
 * playwright-core, against the real app on a fresh database. Outside CI a machine without
 * Chromium skips this file with a message; in CI (CI=true) a missing Chromium fails it.
 */
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // A fresh --user-data-dir: Playwright creates a temporary profile for every launch itself
  // (it refuses the flag in `args`) and deletes it on close.
];
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const EMAIL = 'anna@example.org';

/** Text as a person reads it: Intl puts no-break spaces in "€ 2.000,00". */
const plain = (s: string | null) =>
  (s ?? '')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

if (!haveChromium && inCi) {
  describe('web front end', () => {
    it('needs Chromium in CI', () => {
      throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install -y chromium)`);
    });
  });
} else if (!haveChromium) {
  describe.skip(`web front end (skipped: no ${CHROMIUM}; apt-get install -y chromium)`, () => {
    it('runs in a browser', () => undefined);
  });
  console.warn(`test/web.e2e-spec.ts skipped: ${CHROMIUM} not found (apt-get install -y chromium).`);
} else {
  describe('web front end', () => {
    let t: TestApp;
    let a: Cast;
    let base: string;
    let browser: Browser;
    /** Console messages about the Content-Security-Policy, from every page of every test. */
    const cspViolations: string[] = [];

    beforeAll(async () => {
      t = await createTestApp();
      a = await cast(t);
      await seedProgramme(t, 'oost', {
        budgetCents: 10_000_000,
        delegationLimitCents: 500_000,
        themes: ['speelruimte', 'groen'],
      });
      await t.app.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 20_000 });
    });
    afterAll(async () => {
      await browser?.close();
      await t?.close();
    });
    afterEach(() => expect(cspViolations).toEqual([]));

    /** A fresh browser profile: its own sessionStorage, so its own signed-in user. */
    async function open(options: typeof PHONE | typeof DESKTOP, path = '/'): Promise<Page> {
      const context = await browser.newContext(options); // closed with the browser
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('console', (m) => {
        if (/Content.Security.Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
      });
      await page.goto(base + path);
      await page.locator('main h1').first().waitFor();
      return page;
    }

    async function signIn(page: Page, role: string, name: string, sub: string, areas: string[] = []) {
      await page.goto(`${base}/#/aanmelden`);
      await page.locator('#signin-name').waitFor();
      await page.check(`#role-${role}`);
      await page.fill('#signin-name', name);
      await page.fill('#signin-sub', sub);
      for (const area of areas) await page.check(`#areas-${area}`);
      await page.click('form button[type=submit]:has-text("Aanmelden")');
      await page.locator('.who-name', { hasText: name }).waitFor();
    }

    // allTextContents does not wait: wait for the row first, or a screen still loading reads as empty.
    const cells = async (page: Page, row: string) => {
      await page.locator(row).first().waitFor();
      return (await page.locator(`${row} > *`).allTextContents()).map(plain);
    };
    const stateOf = async (page: Page) => plain(await page.locator('.state-line .badge').textContent());

    it('serves the front end at / and leaves /api/v1 as it was', async () => {
      const page = await t.http.get('/').expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.text).toContain('<script type="module" src="/js/app.js"></script>');
      expect(page.text).not.toMatch(/<script>|<style>|\son\w+=/); // nothing inline for the CSP to block
      const script = await t.http.get('/js/screens/case-detail.js').expect(200);
      expect(script.headers['content-type']).toMatch(/javascript/);
      expect(script.headers['cache-control']).toBe('no-cache');

      const api = await t.http.get('/api/v1/areas').expect(200);
      expect(api.headers['api-version']).toMatch(/^\d+\.\d+\.\d+$/);
      expect(api.headers['cache-control']).toBe('no-store');
      expect(api.headers['content-type']).toMatch(/^application\/json/);
      expectProblem(await t.http.get('/api/v1/nope'), 404);
      expectProblem(await t.http.get('/api/v1/areas/'), 404);
      // Only the listed files: no folders, no other files of the repository, no other methods.
      for (const path of ['/nope.html', '/js', '/js/', '/package.json', '/apps/web/public/index.html']) {
        expect([path, (await t.http.get(path)).status]).toEqual([path, 404]);
      }
      expect((await t.http.post('/').send({})).status).toBe(404);

      const openapi = await t.http.get('/api/v1/openapi.json').expect(200);
      const paths = Object.keys(openapi.body.paths as Record<string, unknown>);
      expect(paths.filter((p) => p === '/' || /^\/(js|css|index)/.test(p))).toEqual([]);
    });

    it('loads every public page under the CSP without console errors', async () => {
      const errors: string[] = [];
      const page = await open(PHONE);
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      for (const [path, heading] of [
        ['/#/', 'Bewonersinitiatieven en Right to Challenge'],
        ['/#/aanmelden', 'Aanmelden'],
        ['/#/openbaar/uitgaven', 'Uitgaven per gebied'],
        ['/#/openbaar/werkwijze', 'Zo werkt het'],
      ]) {
        await page.goto(base + path);
        await page.locator('main h1', { hasText: heading }).waitFor();
      }
      // The Mermaid text of both machines, in a <pre>.
      await expect(page.locator('pre.diagram').allTextContents()).resolves.toEqual([
        expect.stringContaining('stateDiagram-v2'),
        expect.stringContaining('stateDiagram-v2'),
      ]);
      // The stylesheet applied (a CSP block would leave the browser's defaults).
      const nav = await page.evaluate<string>(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor",
      );
      expect(nav).toBe('rgb(11, 79, 138)');
      expect(errors).toEqual([]);
    });

    it('walks a case: resident on a phone, official, alderman, council, public', async () => {
      // Resident, 360 × 740.
      const resident = await open(PHONE);
      await signIn(resident, 'resident', 'Anna de Vries', 'inwoner-web');
      // (Browser code as strings: this file is type-checked without the DOM library.)
      expect(
        await resident.evaluate("[sessionStorage.getItem('wijkflow.token') !== null, localStorage.length]"),
      ).toEqual([true, 0]);
      await resident.click('nav >> text=Nieuwe aanvraag');
      await resident.fill('#case-title', 'Speeltuin Oosterpark');
      await resident.fill('#case-description', 'Een speeltuin voor de kinderen van de buurt.');
      await resident.selectOption('#case-areaCode', 'oost');
      await resident.fill('#case-theme', 'Speel Ruimte');
      await resident.fill('#case-requestedAmountCents', '2.500,00');
      await resident.fill('#case-contactEmail', EMAIL);
      await resident.click('button:has-text("Dien de aanvraag in")');
      // The server's 400 lands beside the field it is about.
      await resident.locator('#case-theme-error').waitFor();
      expect(plain(await resident.locator('#case-theme-error').textContent())).toMatch(/kleine letters/);
      expect(await resident.getAttribute('#case-theme', 'aria-invalid')).toBe('true');
      await resident.screenshot({ path: '/tmp/wijkflow-web-resident-form.png', fullPage: true });

      await resident.fill('#case-theme', 'speelruimte');
      await resident.dblclick('button:has-text("Dien de aanvraag in")'); // a double tap
      await resident.locator('.state-line').waitFor();
      expect(await stateOf(resident)).toBe('Ingediend');
      await resident.locator('#status', { hasText: 'Uw aanvraag is ingediend' }).waitFor();
      expect(plain(await resident.locator('.panel').first().textContent())).toMatch(
        /Besluit uiterlijk op \d+ \w+ \d{4}/,
      );
      const url = resident.url();
      const caseId = url.split('/').pop() as string;
      expect(url).not.toContain('@');
      await expect(resident.locator('.timeline li').allTextContents()).resolves.toEqual([
        expect.stringContaining('Aanvraag ingediend'),
      ]);
      // Nothing wider than the phone.
      expect(await resident.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        360,
      );
      await resident.screenshot({ path: '/tmp/wijkflow-web-resident-case.png', fullPage: true });

      await resident.click('nav >> text=Mijn aanvragen');
      await resident.locator('.card', { hasText: 'Speeltuin Oosterpark' }).waitFor();
      expect(await resident.locator('.card').count()).toBe(1);
      const mine = await t.http
        .get('/api/v1/cases')
        .set(bearer(await t.token('inwoner-web', ['resident'])))
        .expect(200);
      expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]); // one case for two taps

      // Official of the area: filters, then ASSESS.
      const official = await open(DESKTOP);
      await signIn(official, 'official', 'Olga Official', 'ambtenaar-web', ['oost']);
      await official.selectOption('#filter-state', 'submitted');
      await official.click('form.filters button[type=submit]');
      await official.click('.card a:has-text("Speeltuin Oosterpark")');
      await official.locator('[data-event=ASSESS]').waitFor();
      expect(plain(await official.locator('.details').textContent())).toContain(EMAIL); // the area team may
      await official.check('#event-assess-advice-honour');
      await official.fill('#event-assess-motivation', 'Past in het programma.');
      await official.click('[data-event=ASSESS] button[type=submit]');
      await official.locator('[data-state=assessed]').first().waitFor();
      expect(await stateOf(official)).toBe('Beoordeeld');
      expect(await official.locator('[data-event]').count()).toBe(0); // four eyes: nothing left for her

      // Alderman: HONOUR, with If-Match, then the programme shows the commitment.
      const alderman = await open(DESKTOP);
      await signIn(alderman, 'alderman', 'Wethouder Wim', 'wethouder-web', ['oost']);
      await alderman.goto(`${base}/#/aanvragen/${caseId}`);
      await alderman.locator('[data-event=HONOUR]').waitFor();
      expect(await alderman.inputValue('#event-honour-amountCents')).toBe('2500,00');
      await alderman.fill('#event-honour-amountCents', '2.000,00');
      await alderman.fill('#event-honour-motivation', 'Akkoord.');
      await alderman.click('[data-event=HONOUR] button[type=submit]');
      await alderman.locator('[data-state=honoured]').first().waitFor();
      expect(await stateOf(alderman)).toBe('Toegekend');
      await alderman.click("nav >> text=Programma's");
      expect(await cells(alderman, 'tr[data-area=oost]')).toEqual([
        'Oost',
        '€ 100.000,00',
        '€ 2.000,00',
        '€ 98.000,00',
        '€ 5.000,00',
        'speelruimte, groen',
      ]);

      // Alderman issues the raadsinformatiebrief and downloads it as CSV.
      await alderman.click('nav >> text=Raadsinformatiebrieven');
      await alderman.click('button:has-text("Breng de raadsinformatiebrief uit")');
      await alderman.locator('[data-report="1"]').waitFor();
      const [download] = await Promise.all([
        alderman.waitForEvent('download'),
        alderman.click('[data-report="1"] button:has-text("CSV")'),
      ]);
      expect(download.suggestedFilename()).toBe('raadsinformatiebrief-1.csv');
      const csv = readFileSync((await download.path()) as string, 'utf8');
      expect(csv).toContain('Speeltuin Oosterpark');
      expect(csv).not.toContain('@');

      // Council: the log verifies, and the case shows no e-mail address anywhere.
      const council = await open(DESKTOP);
      await signIn(council, 'council', 'Raadslid Roos', 'raadslid-web');
      await council.click('nav >> text=Procesregistratie');
      await council.click('button:has-text("Controleer de procesregistratie")');
      await council.locator('.verdict').waitFor();
      expect(await council.getAttribute('.verdict', 'data-valid')).toBe('true');
      expect(plain(await council.locator('.verdict-title').textContent())).toBe(
        'In orde: de procesregistratie is volledig en ongewijzigd.',
      );
      await council.locator('table tbody tr').first().waitFor();
      await council.goto(`${base}/#/aanvragen/${caseId}`);
      await council.locator('.timeline li', { hasText: 'Gemeld aan de raad' }).waitFor();
      expect(await stateOf(council)).toBe('Gemeld aan de raad');
      expect(await council.content()).not.toContain('@');

      // Public, not signed in: the committed amount is open data.
      const visitor = await open(PHONE, '/#/openbaar/uitgaven');
      await visitor.locator('tr[data-area=oost]').waitFor();
      expect(await cells(visitor, 'tr[data-area=oost]')).toEqual(['Oost', '€ 100.000,00', '€ 2.000,00', '1']);
      await visitor.screenshot({ path: '/tmp/wijkflow-web-spending.png', fullPage: true });
    });

    it('shows a stale version (412) plainly, with a way to reload', async () => {
      const created = await t.http
        .post('/api/v1/cases')
        .set(bearer(a.resident))
        .send(initiative({ title: 'Bankjes Oosterpark' }))
        .expect(201);
      const id = created.body.id as string;
      const official = await open(DESKTOP);
      await signIn(official, 'official', 'Olga Official', 'ambtenaar-web', ['oost']);
      await official.goto(`${base}/#/aanvragen/${id}`);
      await official.locator('[data-event=REQUEST_INFO]').waitFor();
      // Meanwhile someone else acts on the case: the page still shows version 1.
      await t.http
        .post(`/api/v1/cases/${id}/events`)
        .set(bearer(a.otherOfficial))
        .send({ type: 'REQUEST_INFO', question: 'Hoeveel bankjes?' })
        .expect(200);
      await official.fill('#event-request_info-question', 'Waar komen ze te staan?');
      await official.click('[data-event=REQUEST_INFO] button[type=submit]');
      const problem = official.locator('[data-event=REQUEST_INFO] .form-problem');
      await problem.waitFor();
      expect(plain(await problem.textContent())).toMatch(
        /Iemand anders heeft deze aanvraag intussen gewijzigd.*\(412/,
      );
      await problem.locator('button:has-text("Laad de aanvraag opnieuw")').click();
      await official.locator('[data-state=awaiting_info]').first().waitFor();
      expect(await official.locator('[data-event=REQUEST_INFO]').count()).toBe(0);
    });

    it('falls back to pasting a token where dev tokens do not exist (OIDC: 404)', async () => {
      const page = await open(PHONE, '/#/aanmelden');
      await page.route('**/api/v1/auth/dev-token', (route) =>
        route.fulfill({
          status: 404,
          contentType: 'application/problem+json',
          body: JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, detail: 'x' }),
        }),
      );
      await page.fill('#signin-name', 'Piet');
      await page.click('form button[type=submit]:has-text("Aanmelden")');
      await page.locator('#signin-token').waitFor({ state: 'visible' });
      await page.fill('#signin-token', 'not-a-token');
      await page.click('button:has-text("Aanmelden met token")');
      await page.locator('#signin-token-error', { hasText: 'niet geaccepteerd' }).waitFor();
      await page.fill('#signin-token', await t.token('resident-oidc', ['resident'], [], 'Piet Paste'));
      await page.click('button:has-text("Aanmelden met token")');
      await page.locator('.who-name', { hasText: 'Piet Paste' }).waitFor();
      expect(page.url()).not.toMatch(/ey[\w-]+\./); // no token in the address
      await page.click('button:has-text("Afmelden")');
      await page.locator('nav a', { hasText: 'Aanmelden' }).waitFor();
      expect(await page.evaluate('sessionStorage.length')).toBe(0);
    });
  });
}
