import { jest } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { Database } from '../apps/api/src/database/database.service.js';
import { bearer, cast, type Cast } from './support/actors.js';
import { councilDecision } from './support/council.js';
import { addDays, addMonths, amsterdamDate } from '../libs/workflows/src/index.js';
import {
  decide,
  getCase,
  initiative,
  monthsAhead,
  rightToChallenge,
  sendEvent,
  submit,
} from './support/cases.js';
import { expectAccessible } from './support/axe.js';
import { chooseInMenu, signInAs as signInThrough } from './support/browser.js';
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
const NARROW = { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const EMAIL = 'anna@example.org';
// Walks through many screens, each checked by axe (WCAG 2.1 AA): minutes on a busy machine.
jest.setTimeout(240_000);

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
    async function open(options: typeof PHONE | typeof DESKTOP | typeof NARROW, path = '/'): Promise<Page> {
      const context = await browser.newContext(options); // closed with the browser
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('console', (m) => {
        if (/Content.Security.Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
      });
      await page.goto(base + path);
      await page.locator('main h1').first().waitFor();
      await expectAccessible(page, `${path} opened`);
      return page;
    }

    /** Who signs in for each role, unless a test names someone else: the same person every time. */
    const PEOPLE = {
      resident: { name: 'Anna de Vries', sub: 'resident-1' }, // the initiator of the cases submitted by the tests
      official: { name: 'Olga Official', sub: 'ambtenaar-web', areas: ['oost'] },
      alderman: { name: 'Wethouder Wim', sub: 'wethouder-web', areas: ['oost'] },
      council: { name: 'Raadslid Roos', sub: 'raadslid-web' },
      clerk: { name: 'Griffier Gerda', sub: 'griffier-web' },
    };
    type Person = { name: string; sub: string; areas?: string[] };

    /** Signs in through the sign-in screen (support/browser.ts) as the role's person, or `who`. */
    const signInAs = async (page: Page, role: keyof typeof PEOPLE, who: Partial<Person> = {}) => {
      await signInThrough(page, base, { role, ...PEOPLE[role], ...who });
      await expectAccessible(page, `signed in as ${role}`);
    };

    /** A fresh browser profile of the given size, signed in as the role's person (or `who`). */
    async function openAs(
      role: keyof typeof PEOPLE,
      options: typeof PHONE | typeof DESKTOP | typeof NARROW,
      who: Partial<Person> = {},
    ): Promise<Page> {
      const page = await open(options);
      await signInAs(page, role, who);
      return page;
    }

    // allTextContents does not wait: wait for the row first, or a screen still loading reads as empty.
    const cells = async (page: Page, row: string) => {
      await page.locator(row).first().waitFor();
      return (await page.locator(`${row} > *`).allTextContents()).map(plain);
    };
    const stateOf = async (page: Page) => plain(await page.locator('.state-line .badge').textContent());
    /** The money section of a case page as {term: value}. */
    const moneyOf = async (page: Page) => definitions(page, '[data-money]');
    const definitions = async (page: Page, list: string) => {
      await page.locator(list).waitFor();
      const terms = (await page.locator(`${list} > dt`).allTextContents()).map(plain);
      const values = (await page.locator(`${list} > dd`).allTextContents()).map(plain);
      return Object.fromEntries(terms.map((term, i) => [term, values[i]]));
    };
    /**
     * What a screen-reader user needs of the page's forms: every control labelled, every group of
     * choices and every list in a fieldset with a legend, each message slot tied to its control
     * (aria-describedby), and no id twice. Browser code as a string (no DOM types here).
     */
    const accessibilityProblems = (page: Page) =>
      page.evaluate<string[]>(`(() => {
        const out = [];
        const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
        for (const id of new Set(ids)) if (ids.filter((x) => x === id).length > 1) out.push('id twice: ' + id);
        const describedBy = (n) => (n.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
        for (const c of document.querySelectorAll('main input, main textarea, main select')) {
          const name = c.id || c.name;
          if (!c.id || !document.querySelector('label[for="' + CSS.escape(c.id) + '"]')) out.push('no label: ' + name);
          for (const id of describedBy(c)) if (!document.getElementById(id)) out.push('no ' + id + ' for ' + name);
          const group = c.type === 'radio' || c.type === 'checkbox' ? c.closest('fieldset') : null;
          if (group && !group.querySelector(':scope > legend')) out.push('no legend for ' + name);
          const slot = (group || c.closest('.field'))?.querySelector(':scope > .field-error');
          if (slot && !describedBy(group || c).includes(slot.id)) out.push('message not tied to ' + name);
        }
        for (const f of document.querySelectorAll('main fieldset')) {
          if (!f.querySelector(':scope > legend')) out.push('fieldset without legend');
          const slot = f.querySelector(':scope > .field-error');
          if (slot && !describedBy(f).includes(slot.id)) out.push('message not tied to a fieldset: ' + slot.id);
        }
        return out;
      })()`);
    /** Opens a case's page afresh (going to the address a page already shows would not redraw it). */
    const showCase = async (page: Page, id: string) => {
      const url = `${base}/#/aanvragen/${id}`;
      if (page.url() === url) await page.reload();
      else await page.goto(url);
      await page.locator('.state-line').waitFor();
      await expectAccessible(page, `case ${id}`);
    };
    /** Sends the event's form and waits until the page shows the case in `state`. */
    const send = async (page: Page, event: string, state: string) => {
      await page.click(`[data-event=${event}] button[type=submit]`);
      await page.locator(`.state-line [data-state=${state}]`).waitFor();
      await expectAccessible(page, `after ${event}`);
    };
    /** The message shown at a field after sending, and the field's own marks. */
    const errorAt = async (page: Page, id: string) => {
      await page.locator(`#${id}-error`).waitFor();
      await expectAccessible(page, `message at #${id}`);
      return plain(await page.locator(`#${id}-error`).textContent());
    };
    /** A moment's day in Groningen as the pages write it: "2 februari 2027". */
    const dutchMoment = (iso: string) =>
      new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'long' }).format(
        new Date(iso),
      );
    const dutchDay = (day: string) =>
      new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', dateStyle: 'long' }).format(
        new Date(`${day}T00:00:00Z`),
      );
    const today = () => amsterdamDate(new Date().toISOString());
    const DAY_MS = 86_400_000;
    /** Rewrites facts of the stored case as if time had passed (as test/terms.e2e-spec.ts does). */
    async function setFacts(id: string, facts: Record<string, string>) {
      await t.app.get(Database).transaction(async (m) => {
        for (const [key, value] of Object.entries(facts)) {
          await m.query(
            `UPDATE cases SET snapshot = jsonb_set(snapshot, $2::text[], $3::jsonb) WHERE id = $1`,
            [id, `{context,${key}}`, JSON.stringify(value)],
          );
        }
        if (facts.decisionDueAt) {
          await m.query(`UPDATE cases SET decision_due_at = $2 WHERE id = $1`, [id, facts.decisionDueAt]);
        }
      });
    }
    /** The decisions on a case page, newest first: each card's heading and its terms. */
    const decisionsOf = async (page: Page) => {
      const cards = page.locator('[data-decision]');
      await cards.first().waitFor();
      const out: { title: string; details: Record<string, string> }[] = [];
      for (let i = 0; i < (await cards.count()); i++) {
        const card = cards.nth(i);
        const terms = (await card.locator('dl > dt').allTextContents()).map(plain);
        const values = (await card.locator('dl > dd').allTextContents()).map(plain);
        out.push({
          title: plain(await card.locator('h3').textContent()),
          details: Object.fromEntries(terms.map((term, j) => [term, values[j]])),
        });
      }
      return out;
    };
    /** The date a moment falls on in Amsterdam, as the page writes it ("2 december 2026"). */
    const dutchDate = (iso: string) => dutchDay(amsterdamDate(iso));

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
      // The browser builds of Mermaid, marked and DOMPurify from node_modules, and nothing else there.
      for (const path of [
        '/vendor/mermaid/mermaid.esm.min.mjs',
        '/vendor/marked/marked.esm.js',
        '/vendor/dompurify/purify.es.mjs',
      ]) {
        const vendor = await t.http.get(path).expect(200);
        expect([path, vendor.headers['content-type']]).toEqual([path, expect.stringMatching(/javascript/)]);
      }
      for (const path of [
        '/vendor/mermaid/package.json',
        '/vendor/mermaid/mermaid.js',
        '/vendor/mermaid/',
        '/vendor/marked/marked.umd.js',
        '/vendor/exceljs/package.json',
      ]) {
        expect([path, (await t.http.get(path)).status]).toEqual([path, 404]);
      }

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
        ['/#/', 'Bewonersinitiatieven en uitdaagrecht'],
        ['/#/aanmelden', 'Aanmelden'],
        ['/#/openbaar/uitgaven', 'Uitgaven per gebied'],
        ['/#/openbaar/werkwijze', 'Zo werkt het'],
      ]) {
        await page.goto(base + path);
        await page.locator('main h1', { hasText: heading }).waitFor();
        await expectAccessible(page, path);
      }
      // Both machines drawn as pictures (SVG, by Mermaid from /vendor/, no CDN) with Dutch names;
      // the Mermaid text folded away beneath each.
      await page.locator('[data-diagram=right_to_challenge] svg').waitFor();
      expect(await page.locator('[data-diagram] > svg[role=img]').count()).toBe(2);
      const drawn = plain(await page.locator('[data-diagram=initiative] svg').textContent());
      for (const words of ['Ingediend', 'Beoordeeld', 'Toegekend', 'Subsidie vastgesteld']) {
        expect([words, drawn.includes(words)]).toEqual([words, true]);
      }
      expect(drawn).not.toMatch(/\b(ASSESS|HONOUR|submitted)\b/);
      await expect(page.locator('pre.diagram').allTextContents()).resolves.toEqual([
        expect.stringMatching(/^stateDiagram-v2\n {2}state "Ingediend" as \w+\n/),
        expect.stringMatching(/^stateDiagram-v2\n {2}state "Ingediend" as \w+\n/),
      ]);
      await expectAccessible(page, 'the diagrams as pictures');
      await page.screenshot({ path: '/tmp/wijkflow-web-diagram.png', fullPage: true });
      // The steps say what a person can do about the terms and the decisions.
      const steps = (await page.locator('ol.steps li').allTextContents()).join(' ');
      for (const words of ['buiten behandeling stellen', 'in gebreke stellen', 'dwangsom', 'bezwaar maken']) {
        expect([words, steps.includes(words)]).toEqual([words, true]);
      }
      // The stylesheet applied (a CSP block would leave the browser's defaults).
      const nav = await page.evaluate<string>(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor",
      );
      expect(nav).toBe('rgb(11, 79, 138)');
      expect(errors).toEqual([]);
    });

    it('walks an initiative: submission, grant with an account day, account, review, settlement, report', async () => {
      // Resident, 360 × 740.
      const resident = await openAs('resident', PHONE, { sub: 'inwoner-web' });
      // (Browser code as strings: this file is type-checked without the DOM library.)
      expect(
        await resident.evaluate("[sessionStorage.getItem('wijkflow.token') !== null, localStorage.length]"),
      ).toEqual([true, 0]);
      await chooseInMenu(resident, 'Nieuwe aanvraag');
      await resident.fill('#case-title', 'Speeltuin Oosterpark');
      await resident.fill('#case-description', 'Een speeltuin voor de kinderen van de buurt.');
      // Each area with the wijken it covers.
      expect(plain(await resident.locator('label[for=case-area-oost]').textContent())).toMatch(
        /^Oost Wijken: Oosterparkwijk, .*Lewenborg/,
      );
      // An area without a programme this year: said plainly, with what it means; the theme is typed then.
      await resident.check('#case-area-centrum');
      const noProgramme = plain(await resident.locator('[data-no-programme=centrum]').textContent());
      expect(noProgramme).toMatch(/voor Centrum nog geen programma voor \d{4} vastgesteld/);
      expect(noProgramme).toContain('pas toekennen');
      await resident.fill('#case-theme', 'Speel Ruimte');
      await resident.fill('#case-requestedAmountCents', '2.500,00');
      await resident.fill('#case-contactEmail', EMAIL);
      await resident.click('button:has-text("Controleer uw aanvraag")');
      await resident.locator('main h1', { hasText: 'Controleer uw aanvraag' }).waitFor();
      await resident.click('button:has-text("Verstuur de aanvraag")');
      // The server's 400 lands beside the field it is about, back on the form.
      await resident.locator('#case-theme-error').waitFor();
      expect(plain(await resident.locator('#case-theme-error').textContent())).toMatch(/kleine letters/);
      expect(await resident.getAttribute('#case-theme', 'aria-invalid')).toBe('true');
      expect(await accessibilityProblems(resident)).toEqual([]);
      await expectAccessible(resident, 'new application: the server refused the theme');
      await resident.screenshot({ path: '/tmp/wijkflow-web-resident-form.png', fullPage: true });

      // Oost has a programme: its themes are chosen, not typed.
      await resident.check('#case-area-oost');
      expect(await resident.locator('#case-theme option').allTextContents()).toEqual([
        'Kies een thema',
        'Speelruimte',
        'Groen',
      ]);
      await resident.selectOption('#case-theme', 'speelruimte');
      await resident.click('button:has-text("Controleer uw aanvraag")');
      // The review step: every answer in words, a way back with the answers kept.
      expect(await definitions(resident, '[data-review]')).toEqual({
        'Soort aanvraag': 'Bewonersinitiatief',
        Titel: 'Speeltuin Oosterpark',
        Omschrijving: 'Een speeltuin voor de kinderen van de buurt.',
        Gebied: 'Oost',
        Thema: 'Speelruimte',
        'Gevraagd bedrag': '€ 2.500,00',
        'Uw e-mailadres': EMAIL,
      });
      expect(await resident.evaluate<string>('document.activeElement.textContent')).toBe(
        'Controleer uw aanvraag',
      );
      await expectAccessible(resident, 'Controleer uw aanvraag');
      await resident.screenshot({ path: '/tmp/wijkflow-web-resident-review.png', fullPage: true });
      await resident.click('button:has-text("Wijzig uw aanvraag")');
      expect(await resident.inputValue('#case-title')).toBe('Speeltuin Oosterpark');
      expect(await resident.inputValue('#case-theme')).toBe('speelruimte');
      await resident.click('button:has-text("Controleer uw aanvraag")');
      await resident.dblclick('button:has-text("Verstuur de aanvraag")'); // a double tap
      // After sending: what happens now, and by when the municipality decides.
      await resident.locator('main h1', { hasText: 'Uw aanvraag is ingediend' }).waitFor();
      await resident.locator('#status', { hasText: 'Uw aanvraag is ingediend' }).waitFor();
      const caseId = resident.url().split('/').at(-2) as string;
      const sent = await getCase(t, await t.token('inwoner-web', ['resident']), caseId);
      expect(plain(await resident.locator('[data-reference]').textContent())).toBe(sent.reference);
      expect(plain(await resident.locator('main [data-term=decision]').textContent())).toBe(
        `De gemeente beslist uiterlijk op ${dutchMoment(sent.decisionDueAt as string)}.`,
      );
      const next = (await resident.locator('ol.steps li').allTextContents()).map(plain);
      expect(next[0]).toBe('Het gebiedsteam van Oost bekijkt uw aanvraag en geeft de wethouder advies.');
      expect(next.join(' ')).toContain('bezwaar maken');
      expect(await resident.locator('[data-no-programme]').count()).toBe(0);
      await expectAccessible(resident, 'after sending');
      await resident.screenshot({ path: '/tmp/wijkflow-web-resident-sent.png', fullPage: true });
      await resident.click('a:has-text("Bekijk uw aanvraag")');
      await resident.locator('.state-line').waitFor();
      expect(await stateOf(resident)).toBe('Ingediend');
      expect(plain(await resident.locator('.panel').first().textContent())).toMatch(
        /Besluit uiterlijk op \d+ \w+ \d{4}/,
      );
      const url = resident.url();
      expect(url).not.toContain('@');
      await expect(resident.locator('.timeline li').allTextContents()).resolves.toEqual([
        expect.stringContaining('Aanvraag ingediend'),
      ]);
      // Nothing wider than the phone.
      expect(await resident.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        360,
      );
      await expectAccessible(resident, 'resident-case');
      await resident.screenshot({ path: '/tmp/wijkflow-web-resident-case.png', fullPage: true });

      await chooseInMenu(resident, 'Mijn aanvragen');
      await resident.locator('.card', { hasText: 'Speeltuin Oosterpark' }).waitFor();
      await expectAccessible(resident, 'Mijn aanvragen');
      expect(await resident.locator('.card').count()).toBe(1);
      const mine = await t.http
        .get('/api/v1/cases')
        .set(bearer(await t.token('inwoner-web', ['resident'])))
        .expect(200);
      expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]); // one case for two taps

      // Official of the area: filters, then ASSESS.
      const official = await openAs('official', DESKTOP);
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
      // four eyes: nothing left for her but extending the term (EXTEND_TERM, once, before the decision)
      expect(await official.locator('[data-event]:not([data-event=EXTEND_TERM])').count()).toBe(0);

      // Alderman: HONOUR with the day the account is due, with If-Match.
      const alderman = await openAs('alderman', DESKTOP);
      await showCase(alderman, caseId);
      await alderman.locator('[data-event=HONOUR]').waitFor();
      expect(await alderman.inputValue('#event-honour-amountCents')).toBe('2500,00');
      // An initiative's grant asks for the account's day, not for an agreement's term.
      expect(await alderman.locator('#event-honour-agreementMonths').count()).toBe(0);
      await alderman.fill('#event-honour-amountCents', '2.000,00');
      await alderman.fill('#event-honour-motivation', 'Akkoord.');
      await alderman.click('[data-event=HONOUR] button[type=submit]');
      expect(await errorAt(alderman, 'event-honour-accountBy')).toBe('Vul dit veld in.'); // before sending
      // Too soon: the API's 400 (invalidParams) lands at the field, in Dutch, with the days.
      await alderman.fill('#event-honour-accountBy', today());
      await alderman.click('[data-event=HONOUR] button[type=submit]');
      await alderman.locator('[data-event=HONOUR] .form-problem .problem-details').waitFor();
      await expectAccessible(alderman, 'HONOUR refused by the server');
      expect(await errorAt(alderman, 'event-honour-accountBy')).toBe(
        `Moet tussen ${dutchDay(addMonths(today(), 1))} en ${dutchDay(addMonths(today(), 36))} liggen.`,
      );
      expect(await alderman.getAttribute('#event-honour-accountBy', 'aria-invalid')).toBe('true');
      expect(await alderman.getAttribute('#event-honour-accountBy', 'aria-describedby')).toContain(
        'event-honour-accountBy-error',
      );
      expect(await accessibilityProblems(alderman)).toEqual([]);
      const accountBy = monthsAhead(6);
      await alderman.fill('#event-honour-accountBy', accountBy);
      await alderman.fill('#event-honour-conditions', 'Vermeld de gemeente op de uitnodiging.');
      await send(alderman, 'HONOUR', 'honoured');
      expect(await stateOf(alderman)).toBe('Toegekend');
      expect(await moneyOf(alderman)).toMatchObject({
        'Toegekend bedrag': '€ 2.000,00',
        'Verantwoorden uiterlijk op': dutchDay(accountBy),
        Voorwaarden: 'Vermeld de gemeente op de uitnodiging.',
        'Vastgesteld bedrag': 'Nog niet vastgesteld',
        'Teruggegaan naar het budget': '€ 0,00',
      });
      expect(plain(await alderman.locator('.panel').first().textContent())).toContain(
        `Verantwoording uiterlijk op ${dutchDay(accountBy)}`,
      );
      await chooseInMenu(alderman, "Programma's");
      expect(await cells(alderman, 'tr[data-area=oost]')).toEqual([
        'Oost',
        '€ 100.000,00',
        '€ 2.000,00',
        '€ 98.000,00',
        '€ 5.000,00',
        'speelruimte, groen',
        'Niet vastgelegd', // seeded: a programme from before the griffier registered the raad's meeting
      ]);

      // Resident: the account (report and actual costs); withdrawing is folded away.
      await showCase(resident, caseId);
      await resident.locator('[data-event=SUBMIT_ACCOUNT]').waitFor();
      expect(await resident.locator('details.fold summary').allTextContents()).toEqual([
        'Trek de aanvraag in',
      ]);
      await resident.fill(
        '#event-submit_account-report',
        'De speeltuin is geplaatst; 40 kinderen speelden mee.',
      );
      await resident.fill('#event-submit_account-actualCostCents', '1.800,00');
      await send(resident, 'SUBMIT_ACCOUNT', 'accounted');
      expect(await moneyOf(resident)).toMatchObject({
        'Werkelijke kosten': '€ 1.800,00',
        Verslag: 'De speeltuin is geplaatst; 40 kinderen speelden mee.',
      });

      // Official: reviews the account; more than the grant is refused at the field.
      await showCase(official, caseId);
      await official.locator('[data-event=REVIEW_ACCOUNT]').waitFor();
      expect(await official.inputValue('#event-review_account-advisedCents')).toBe('1800,00');
      await official.fill('#event-review_account-advisedCents', '2.500,00');
      await official.fill('#event-review_account-motivation', 'De bonnetjes kloppen.');
      await official.click('[data-event=REVIEW_ACCOUNT] button[type=submit]');
      expect(await errorAt(official, 'event-review_account-advisedCents')).toBe(
        'Mag niet hoger zijn dan € 2.000,00, het toegekende bedrag dat nog is vastgelegd.',
      );
      await official.fill('#event-review_account-advisedCents', '1.800,00');
      await send(official, 'REVIEW_ACCOUNT', 'account_reviewed');

      // Alderman: settles at the advice; the rest goes back to the budget.
      await showCase(alderman, caseId);
      await alderman.locator('[data-event=SETTLE]').waitFor();
      expect(await alderman.inputValue('#event-settle-settledCents')).toBe('1800,00');
      // Revoking is there too, folded away and asking to be confirmed.
      expect(await alderman.locator('details.fold summary').allTextContents()).toEqual([
        'Trek de toekenning in',
      ]);
      const why = 'Vastgesteld op de werkelijke kosten; € 200,00 gaat terug naar het budget.';
      await alderman.fill('#event-settle-motivation', why);
      await send(alderman, 'SETTLE', 'settled');
      await chooseInMenu(alderman, "Programma's");
      expect(await cells(alderman, 'tr[data-area=oost]')).toEqual([
        'Oost',
        '€ 100.000,00',
        '€ 1.800,00',
        '€ 98.200,00',
        '€ 5.000,00',
        'speelruimte, groen',
        'Niet vastgelegd', // seeded: a programme from before the griffier registered the raad's meeting
      ]);

      // Resident: what was settled and why, on the phone.
      await showCase(resident, caseId);
      await resident.locator('.state-line [data-state=settled]').waitFor();
      expect(await stateOf(resident)).toBe('Subsidie vastgesteld');
      expect(await moneyOf(resident)).toMatchObject({
        'Toegekend bedrag': '€ 2.000,00',
        'Vastgesteld bedrag': '€ 1.800,00',
        'Waarom dit bedrag': plain(why),
        'Teruggegaan naar het budget': '€ 200,00',
      });
      expect(
        plain(await resident.locator('.timeline li', { hasText: 'Subsidie vastgesteld' }).textContent()),
      ).toContain(`Vastgesteld bedrag€ 1.800,00Motivering${plain(why)}`);
      expect(await resident.locator('[data-event]').count()).toBe(0);
      expect(await resident.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        360,
      );
      await expectAccessible(resident, 'settled');
      await resident.screenshot({ path: '/tmp/wijkflow-web-settled.png', fullPage: true });

      // Alderman issues the raadsinformatiebrief and downloads it as CSV.
      await chooseInMenu(alderman, 'Raadsinformatiebrieven');
      await alderman.click('button:has-text("Breng de raadsinformatiebrief uit")');
      await alderman.locator('[data-report="1"]').waitFor();
      await alderman.locator('#status', { hasText: 'met 2 besluiten' }).waitFor();
      await expectAccessible(alderman, 'raadsinformatiebrief issued');
      // Both decisions of the case (the grant and the settlement), and the case, closed, once.
      expect(
        (await alderman.locator('[data-report="1"] .report-summary').allTextContents()).map(plain),
      ).toEqual([
        '2 besluiten: 1 toegekend (€ 2.000,00), 0 afgewezen, 1 vastgesteld (€ 1.800,00). Teruggegaan naar het budget: € 200,00.',
        '1 afgeronde aanvraag gemeld. 0 overhevelingen (€ 0,00).',
      ]);
      expect(await alderman.locator('[data-report="1"] .decisions li').allTextContents()).toEqual([
        'Toegekend: 1',
        'Subsidie vastgesteld: 1',
      ]);
      const [download] = await Promise.all([
        alderman.waitForEvent('download'),
        alderman.click('[data-report="1"] button:has-text("CSV")'),
      ]);
      expect(download.suggestedFilename()).toBe('raadsinformatiebrief-1.csv');
      const csv = readFileSync((await download.path()) as string, 'utf8');
      expect(csv).toContain('Speeltuin Oosterpark');
      expect(csv).not.toContain('@');
      // For Dutch Excel: a byte order mark, Dutch headers, `;` between fields.
      expect(csv.startsWith('\uFEFFBrief;Volgnummer;Besloten op;')).toBe(true);
      // The same decisions as an Excel workbook, read back.
      const [workbookFile] = await Promise.all([
        alderman.waitForEvent('download'),
        alderman.click('[data-report="1"] button:has-text("Excel")'),
      ]);
      expect(workbookFile.suggestedFilename()).toBe('raadsinformatiebrief-1.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile((await workbookFile.path()) as string);
      const sheet = workbook.getWorksheet('Besluiten') as ExcelJS.Worksheet;
      expect(sheet.getRow(2).getCell(6).value).toBe('Speeltuin Oosterpark');
      expect([sheet.getRow(2).getCell(9).value, sheet.getRow(2).getCell(10).value]).toEqual([
        'Toegekend',
        2000,
      ]);
      // The brief read in the app: the Markdown as HTML, sanitised.
      await alderman.click('[data-report="1"] a:has-text("Lees raadsinformatiebrief 1")');
      await alderman.locator('article.brief h1', { hasText: 'Raadsinformatiebrief 1' }).waitFor();
      expect(await alderman.locator('article.brief table').count()).toBeGreaterThan(0);
      expect(plain(await alderman.locator('article.brief').textContent())).toContain('Speeltuin Oosterpark');
      expect(await alderman.locator('article.brief script, article.brief img').count()).toBe(0);
      expect(await accessibilityProblems(alderman)).toEqual([]);
      await expectAccessible(alderman, 'the brief in the app');
      await alderman.screenshot({ path: '/tmp/wijkflow-web-brief.png', fullPage: true });

      // Council: the log verifies, and the case shows no e-mail address anywhere.
      const council = await openAs('council', DESKTOP);
      await chooseInMenu(council, 'Procesregistratie');
      await council.click('button:has-text("Controleer de procesregistratie")');
      await council.locator('.verdict').waitFor();
      await expectAccessible(council, 'procesregistratie verified');
      expect(await council.getAttribute('.verdict', 'data-valid')).toBe('true');
      expect(plain(await council.locator('.verdict-title').textContent())).toBe(
        'In orde: de procesregistratie is volledig en ongewijzigd.',
      );
      await council.locator('table tbody tr').first().waitFor();
      await showCase(council, caseId);
      await council.locator('.timeline li', { hasText: 'Gemeld aan de raad' }).waitFor();
      expect(await stateOf(council)).toMatch(/gemeld aan de raad/i);
      expect(await moneyOf(council)).toMatchObject({ 'Vastgesteld bedrag': '€ 1.800,00' });
      expect(await council.content()).not.toContain('@');

      // The resident reads the outcome and its letter, not that the raad was told.
      await showCase(resident, caseId);
      expect(await stateOf(resident)).toBe('Subsidie vastgesteld: € 1.800,00');
      const status = plain(await resident.locator('.panel').first().textContent());
      expect(status).toMatch(
        /Besluit: Subsidie vastgesteld: € 1\.800,00 ?Besloten op \d+ \w+ \d{4}\. Uw aanvraag is afgerond\./,
      );
      expect(status).not.toMatch(/gemeld aan de raad/i);
      await resident.locator('.panel').first().locator('button:has-text("Brief downloaden")').waitFor();
      await expectAccessible(resident, 'the outcome for the resident');
      await resident.screenshot({ path: '/tmp/wijkflow-web-outcome.png', fullPage: true });

      // Public, not signed in: the committed amount is open data.
      const visitor = await open(PHONE, '/#/openbaar/uitgaven');
      await visitor.locator('tr[data-area=oost]').waitFor();
      // Budget, committed, grants, and what was settled and what went back.
      expect(await cells(visitor, 'tr[data-area=oost]')).toEqual([
        'Oost',
        '€ 100.000,00',
        '€ 1.800,00',
        '1',
        '€ 1.800,00',
        '€ 200,00',
      ]);
      await expectAccessible(visitor, 'spending');
      await visitor.screenshot({ path: '/tmp/wijkflow-web-spending.png', fullPage: true });
    });

    it('walks a Right to Challenge: grant, signed agreement, progress review, extension, evaluation (320 px)', async () => {
      // Resident on a 320 px phone submits a Right to Challenge.
      const resident = await openAs('resident', NARROW, { name: 'Bram Buurman', sub: 'inwoner-rtc-web' });
      await chooseInMenu(resident, 'Nieuwe aanvraag');
      await resident.check('#case-type-right_to_challenge');
      await resident.fill('#case-title', 'Groenonderhoud Oosterpark');
      await resident.fill('#case-description', 'De buurt maait en snoeit het park zelf.');
      await resident.check('#case-area-oost');
      await resident.selectOption('#case-theme', 'groen');
      await resident.fill('#case-requestedAmountCents', '4.000,00');
      await resident.fill('#case-contactEmail', 'bram@example.org');
      await resident.fill('#case-challengedTask', 'Onderhoud van het groen in het Oosterpark');
      await resident.fill('#case-organisation', 'Buurtvereniging Oosterpark');
      await resident.check('#case-claim-cheaper');
      await resident.fill('#case-proposedCostCents', '4.000,00');
      await resident.fill('#case-currentCostCents', '5.000,00');
      await resident.click('button:has-text("Controleer uw aanvraag")');
      expect(await definitions(resident, '[data-review]')).toMatchObject({
        'Soort aanvraag': 'Uitdaagrecht',
        'U doet de taak': 'Goedkoper dan de gemeente',
        'Kosten als u het doet': '€ 4.000,00',
        'Kosten nu (gemeente)': '€ 5.000,00',
      });
      await resident.click('button:has-text("Verstuur de aanvraag")');
      await resident.locator('main h1', { hasText: 'Uw aanvraag is ingediend' }).waitFor();
      // Nothing wider than the 320 px phone on the review and the page after it.
      expect(await resident.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        320,
      );
      const caseId = resident.url().split('/').at(-2) as string;

      const official = await openAs('official', DESKTOP);
      await showCase(official, caseId);
      await official.check('#event-assess-advice-honour');
      await official.fill('#event-assess-motivation', 'Goedkoper dan nu, en de buurt doet mee.');
      await send(official, 'ASSESS', 'assessed');

      // Alderman, on a 320 px phone too: the grant asks for the agreement's term, not for an account's day.
      const alderman = await openAs('alderman', NARROW);
      await showCase(alderman, caseId);
      await alderman.locator('[data-event=HONOUR]').waitFor();
      expect(await alderman.locator('#event-honour-accountBy').count()).toBe(0);
      await alderman.fill('#event-honour-motivation', 'Akkoord voor een jaar.');
      await alderman.click('[data-event=HONOUR] button[type=submit]');
      expect(await errorAt(alderman, 'event-honour-agreementMonths')).toBe('Vul dit veld in.');
      await alderman.fill('#event-honour-agreementMonths', '12');
      await send(alderman, 'HONOUR', 'honoured');
      expect(plain(await alderman.locator('section.agreement').textContent())).toContain(
        'Nog niet getekend. Toegekende looptijd: ten hoogste 12 maanden.',
      );

      // Signs the agreement: lists of deliverables and indicators, drawn from the event's fields.
      const form = alderman.locator('[data-event=SIGN_AGREEMENT]');
      expect(await alderman.inputValue('#event-sign_agreement-startsOn')).toBe(today());
      await form
        .locator('[data-field=deliverables] input')
        .first()
        .fill('Maaien van de gazons, elke twee weken');
      await form.locator('button:has-text("Regel toevoegen: Wat de bewoners leveren")').click();
      await form
        .locator('[data-field=deliverables] input')
        .nth(1)
        .fill('Snoeien van de heesters, twee keer per jaar');
      // A third line, removed again: the lines are numbered anew and focus stays in the list.
      await form.locator('button:has-text("Regel toevoegen: Wat de bewoners leveren")').click();
      expect(await form.locator('[data-field=deliverables] [data-row]').count()).toBe(3);
      await form.locator('[data-field=deliverables] button:has-text("Verwijder regel 3")').click();
      expect(await form.locator('[data-field=deliverables] [data-row]').count()).toBe(2);
      expect(await alderman.evaluate('document.activeElement.value')).toBe(
        'Snoeien van de heesters, twee keer per jaar',
      );
      await form.locator('[data-field=deliverables] button:has-text("Verwijder regel 1")').waitFor();
      expect(await form.locator('[data-field=deliverables] > legend').textContent()).toBe(
        'Wat de bewoners leveren',
      );
      const indicators = form.locator('[data-field=indicators]');
      await indicators.locator('[data-sub=name] input').first().fill('gemaaide gazons');
      await indicators.locator('[data-sub=unit] input').first().fill('m²');
      await indicators.locator('[data-sub=target] input').first().fill('12000');
      await indicators.locator('button:has-text("Regel toevoegen")').click();
      await indicators.locator('[data-sub=name] input').nth(1).fill('gemaaide gazons'); // twice: refused
      await indicators.locator('[data-sub=unit] input').nth(1).fill('zakken');
      await indicators.locator('[data-sub=target] input').nth(1).fill('50');
      await alderman.fill('#event-sign_agreement-fallback', 'De gemeente neemt het onderhoud weer over.');
      // Longer than the granted term, and one indicator twice: both said at their fields.
      const endsOn = addMonths(today(), 12);
      await alderman.fill('#event-sign_agreement-endsOn', addMonths(today(), 13));
      await alderman.click('[data-event=SIGN_AGREEMENT] button[type=submit]');
      expect(await errorAt(alderman, 'event-sign_agreement-endsOn')).toBe(
        `Mag hoogstens 12 maanden na de begindatum liggen (${dutchDay(endsOn)}).`,
      );
      expect(await errorAt(alderman, 'event-sign_agreement-indicators')).toBe(
        'Elke indicator heeft een eigen naam nodig.',
      );
      expect(await alderman.getAttribute('[data-field=indicators]', 'aria-describedby')).toContain(
        'event-sign_agreement-indicators-error',
      );
      await expectAccessible(alderman, 'sign-agreement');
      await alderman.screenshot({ path: '/tmp/wijkflow-web-sign-agreement.png', fullPage: true });
      // The form, its lists and its messages fit a 320 px phone.
      expect(await alderman.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        320,
      );
      expect(await accessibilityProblems(alderman)).toEqual([]);
      await alderman.fill('#event-sign_agreement-endsOn', endsOn);
      await indicators.locator('[data-sub=name] input').nth(1).fill('vuilniszakken opgehaald');
      await send(alderman, 'SIGN_AGREEMENT', 'in_execution');
      expect(await stateOf(alderman)).toBe('Overeenkomst loopt');
      expect(plain(await alderman.locator('.panel').first().textContent())).toContain(
        `De overeenkomst loopt tot en met ${dutchDay(endsOn)}.`,
      );
      expect(await alderman.locator('.deliverables li').allTextContents()).toEqual([
        'Maaien van de gazons, elke twee weken',
        'Snoeien van de heesters, twee keer per jaar',
      ]);
      expect(await cells(alderman, 'tr[data-indicator="gemaaide gazons"]')).toEqual([
        'gemaaide gazons',
        'm²',
        '12.000',
        '–',
      ]);

      // Official: a progress review with a value for one of the agreement's indicators.
      await showCase(official, caseId);
      await official.locator('[data-event=PROGRESS_REVIEW]').waitFor();
      await official.fill('#event-progress_review-findings', 'Het gras wordt goed bijgehouden.');
      await official.click('[data-event=PROGRESS_REVIEW] button[type=submit]');
      expect(await errorAt(official, 'event-progress_review-onTrack')).toBe('Kies een van de mogelijkheden.');
      await official.check('#event-progress_review-onTrack-true');
      expect(
        plain(await official.locator('label[for=event-progress_review-indicatorValues-0]').textContent()),
      ).toBe('gemaaide gazons (m²)');
      expect(await accessibilityProblems(official)).toEqual([]);
      await official.fill('#event-progress_review-indicatorValues-0', '4000');
      await official.click('[data-event=PROGRESS_REVIEW] button[type=submit]');
      await official.locator('.timeline li', { hasText: 'Voortgang besproken' }).waitFor();
      expect(await cells(official, 'tr[data-indicator="gemaaide gazons"]')).toEqual([
        'gemaaide gazons',
        'm²',
        '12.000',
        '4.000',
      ]);
      expect(
        plain(await official.locator('.timeline li', { hasText: 'Voortgang besproken' }).textContent()),
      ).toContain('Ligt het op schema?Ja');

      // Alderman: extends the agreement by half a year, then evaluates it.
      await showCase(alderman, caseId);
      await alderman.locator('[data-event=EXTEND_AGREEMENT]').waitFor();
      const newEndsOn = addMonths(today(), 18);
      await alderman.fill('#event-extend_agreement-newEndsOn', newEndsOn);
      await alderman.fill('#event-extend_agreement-motivation', 'Het gaat goed; nog een zomer.');
      await alderman.click('[data-event=EXTEND_AGREEMENT] button[type=submit]');
      await alderman
        .locator('section.agreement dd', { hasText: `tot en met ${dutchDay(newEndsOn)}` })
        .waitFor();
      await alderman.fill(
        '#event-evaluate-evaluation',
        'De buurt is tevreden; het park is er mooier op geworden.',
      );
      await alderman.fill('#event-evaluate-indicatorValues-0', '12500');
      await alderman.fill('#event-evaluate-indicatorValues-1', '48');
      await send(alderman, 'EVALUATE', 'evaluated');

      // Resident on 320 px: the agreement, the measured values and the money, nothing wider.
      await showCase(resident, caseId);
      await resident.locator('.state-line [data-state=evaluated]').waitFor();
      expect(await stateOf(resident)).toBe('Geëvalueerd');
      expect(await definitions(resident, 'section.agreement dl')).toMatchObject({
        Looptijd: `${dutchDay(today())} tot en met ${dutchDay(newEndsOn)}`,
        Terugvaloptie: 'De gemeente neemt het onderhoud weer over.',
      });
      expect(await cells(resident, 'tr[data-indicator="vuilniszakken opgehaald"]')).toEqual([
        'vuilniszakken opgehaald',
        'zakken',
        '50',
        '48',
      ]);
      expect(await moneyOf(resident)).toEqual({
        'Gevraagd bedrag': '€ 4.000,00',
        'Toegekend bedrag': '€ 4.000,00',
        'Teruggegaan naar het budget': '€ 0,00',
      });
      expect(await resident.locator('.timeline li .timeline-what').allTextContents()).toEqual([
        'Aanvraag ingediend',
        'Beoordeeld',
        'Toegekend',
        'Overeenkomst getekend',
        'Voortgang besproken',
        'Overeenkomst verlengd',
        'Geëvalueerd',
      ]);
      expect(await resident.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        320,
      );
      await expectAccessible(resident, 'rtc-evaluated');
      await resident.screenshot({ path: '/tmp/wijkflow-web-rtc-evaluated.png', fullPage: true });
    });

    it('shows what goes back when an agreement is terminated or a grant revoked, and asks to confirm first', async () => {
      const c = await submit(
        t,
        a.resident,
        rightToChallenge({ areaCode: 'oost', requestedAmountCents: 300_000 }),
      );
      await sendEvent(t, a.official, c.id, { type: 'ASSESS', advice: 'honour', motivation: 'Goed plan.' });
      await sendEvent(t, a.alderman, c.id, {
        type: 'HONOUR',
        amountCents: 300_000,
        motivation: 'Akkoord.',
        agreementMonths: 24,
      });
      await sendEvent(t, a.alderman, c.id, {
        type: 'SIGN_AGREEMENT',
        startsOn: today(),
        endsOn: addMonths(today(), 24),
        deliverables: ['Bladruimen in de herfst'],
        indicators: [],
        fallback: 'De gemeente ruimt weer zelf.',
      });
      const alderman = await openAs('alderman', PHONE);
      await showCase(alderman, c.id);
      // Terminating ends the agreement: folded away, red, and confirmed before it is sent.
      const fold = alderman.locator('details.fold', { hasText: 'Beëindig de overeenkomst' });
      await fold.locator('summary').click();
      expect(await fold.locator('button[type=submit]').getAttribute('class')).toMatch(/^danger /);
      await alderman.fill('#event-terminate-reason', 'De vereniging stopt ermee.');
      await alderman.fill('#event-terminate-releasedCents', '1.250,50');
      await fold.locator('button[type=submit]').click();
      expect(await errorAt(alderman, 'event-terminate-confirm')).toBe('Vink dit aan om door te gaan.');
      await alderman.check('#event-terminate-confirm-yes');
      await send(alderman, 'TERMINATE', 'terminated');
      expect(await moneyOf(alderman)).toMatchObject({
        'Toegekend bedrag': '€ 3.000,00',
        'Teruggegaan naar het budget': '€ 1.250,50',
      });
      expect(
        plain(await alderman.locator('.timeline li', { hasText: 'Overeenkomst beëindigd' }).textContent()),
      ).toContain('Bedrag dat terugvloeit naar het budget€ 1.250,50');

      // An initiative's grant revoked: the whole amount goes back.
      const granted = await submit(t, a.resident, initiative({ title: 'Buurtfeest Oost' }));
      await decide(t, a, granted.id, 'honoured', 75_000);
      await showCase(alderman, granted.id);
      const revoke = alderman.locator('details.fold', { hasText: 'Trek de toekenning in' });
      await revoke.locator('summary').click();
      expect(await accessibilityProblems(alderman)).toEqual([]);
      await alderman.fill('#event-revoke-motivation', 'Het feest gaat niet door.');
      await alderman.check('#event-revoke-confirm-yes');
      await send(alderman, 'REVOKE', 'revoked');
      expect(await stateOf(alderman)).toBe('Toekenning ingetrokken');
      expect(await moneyOf(alderman)).toEqual({
        'Gevraagd bedrag': '€ 2.500,00',
        'Toegekend bedrag': '€ 750,00',
        'Verantwoorden uiterlijk op': dutchDay(monthsAhead(6)),
        'Teruggegaan naar het budget': '€ 750,00',
      });
      expect(await alderman.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        360,
      );
    });

    it('lists the accounts that are overdue and says so on the case', async () => {
      const c = await submit(t, a.resident, initiative({ title: 'Buurtmoestuin Oost' }));
      await decide(t, a, c.id, 'honoured', 50_000);
      const official = await openAs('official', DESKTOP);
      // The filter asks the API for ?accountOverdue=true.
      const asked: string[] = [];
      official.on('request', (r) => r.url().includes('/api/v1/cases?') && asked.push(r.url()));
      await official.check('#filter-accountOverdue-true');
      await official.click('form.filters button[type=submit]');
      await official.locator('main h1', { hasText: 'Verantwoording te laat' }).waitFor();
      await expectAccessible(official, 'overdue accounts');
      expect(official.url()).toContain('accountOverdue=true');
      expect(asked.at(-1)).toContain('accountOverdue=true');
      expect(await official.isChecked('#filter-accountOverdue-true')).toBe(true);
      expect(await accessibilityProblems(official)).toEqual([]);
      // The check finds what it looks for: a control without a label, a message tied to nothing.
      await official.evaluate(`(() => {
        const probe = document.createElement('div');
        probe.className = 'field';
        probe.id = 'probe';
        probe.innerHTML = '<p class="field-error" id="probe-error"></p><input id="probe-input">';
        document.querySelector('main').append(probe);
      })()`);
      expect(await accessibilityProblems(official)).toEqual([
        'no label: probe-input',
        'message not tied to probe-input',
      ]);
      await official.evaluate("document.getElementById('probe').remove()");

      // Not yet due: the card and the case say until when.
      await official.goto(`${base}/#/aanvragen`);
      const card = official.locator('.card', { hasText: 'Buurtmoestuin Oost' });
      await card.waitFor();
      expect(plain(await card.textContent())).toContain(
        `Verantwoorden uiterlijk ${dutchDay(monthsAhead(6))}`,
      );
      // The day passed (the API is asked as if it were later): said plainly, on the card and the case.
      const past = '2026-01-15';
      await official.route('**/api/v1/cases**', async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        for (const item of body.items ?? [body]) if (item.id === c.id) item.accountBy = past;
        await route.fulfill({ response, json: body });
      });
      await official.reload();
      await card.waitFor();
      expect(plain(await card.locator('.overdue').textContent())).toBe(
        'Verantwoording te laat: was uiterlijk 15 januari 2026',
      );
      await card.locator('a').click();
      await official.locator('.panel .overdue').waitFor();
      expect(plain(await official.locator('.panel .overdue').textContent())).toBe(
        'De verantwoording had er uiterlijk op 15 januari 2026 moeten zijn.',
      );
    });

    it('shows the decisions of a case newest first and downloads each letter as a PDF, token in a header only', async () => {
      const c = await submit(t, a.resident, initiative({ title: 'Bloembakken Oost' }));
      await decide(t, a, c.id, 'honoured', 75_000, { conditions: 'Vermeld de gemeente op de bloembakken.' });
      const resident = await openAs('resident', PHONE); // the initiator (a.resident)
      const sent: { url: string; headers: Record<string, string> }[] = [];
      resident.on('request', (r) => sent.push({ url: r.url(), headers: r.headers() }));
      await showCase(resident, c.id);
      await resident.locator('main h2', { hasText: 'Besluiten' }).waitFor();
      const [grant] = await decisionsOf(resident);
      const number = grant.details.Kenmerk;
      expect(number).toMatch(/^BES-\d{4}-\d{6,9}$/);
      expect(grant).toEqual({
        title: `Toekenning, ${dutchDay(today())}`,
        details: {
          Datum: dutchDay(today()),
          Kenmerk: number,
          'Besloten door': 'Wethouder Wim (wethouder)',
          Bedrag: '€ 750,00',
          Voorwaarden: 'Vermeld de gemeente op de bloembakken.',
          Motivering: 'Past in het programma.',
          'Wettelijke grondslag': expect.stringContaining('4:29'),
          // Six weeks from the day of the decision (Awb 6:7).
          'Bezwaar maken': `Kan tot en met ${dutchDay(addDays(today(), 42))}.`,
        },
      });
      // A button with a clear name, tied to the decision it belongs to.
      const button = resident.getByRole('button', { name: 'Brief downloaden (pdf)' });
      expect(await button.count()).toBe(1);
      const describedBy = (await button.getAttribute('aria-describedby')) as string;
      expect(plain(await resident.locator(`[id="${describedBy}"]`).textContent())).toBe(grant.title);

      const [download] = await Promise.all([resident.waitForEvent('download'), button.click()]);
      expect(download.url()).toMatch(/^blob:/);
      expect(download.suggestedFilename()).toBe(`besluit-${number}.pdf`);
      const pdf = readFileSync((await download.path()) as string);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await resident
        .locator('#status', { hasText: `De brief bij besluit ${number} is gedownload.` })
        .waitFor();
      // Fetched with Accept: application/pdf and the bearer token in its header; no address holds the token.
      const token = (await resident.evaluate("sessionStorage.getItem('wijkflow.token')")) as string;
      const letter = sent.filter((r) => r.url.endsWith(`/api/v1/cases/${c.id}/decisions/${number}`));
      expect(letter.map((r) => [r.headers.accept, r.headers.authorization])).toEqual([
        ['application/pdf', `Bearer ${token}`],
      ]);
      expect(sent.filter((r) => r.url.includes(token))).toEqual([]);

      // A revocation comes on top; the grant's letter is still there.
      await sendEvent(t, a.alderman, c.id, { type: 'REVOKE', motivation: 'Het plan gaat niet door.' });
      await showCase(resident, c.id);
      await resident.locator('[data-decision]').nth(1).waitFor();
      const [revocation, first] = await decisionsOf(resident);
      expect([revocation.title, first.title]).toEqual([
        `Intrekking, ${dutchDay(today())}`,
        `Toekenning, ${dutchDay(today())}`,
      ]);
      expect(first.details.Kenmerk).toBe(number);
      expect(revocation.details).toMatchObject({
        Motivering: 'Het plan gaat niet door.',
        'Wettelijke grondslag': expect.stringContaining('4:48'),
      });
      expect(await resident.getByRole('button', { name: 'Brief downloaden (pdf)' }).count()).toBe(2);
      expect(await resident.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        360,
      );
      await expectAccessible(resident, 'decisions');
      await resident.screenshot({ path: '/tmp/wijkflow-web-decisions.png', fullPage: true });

      // Above the alderman's delegation limit the council decides, as a body.
      const large = await submit(
        t,
        a.resident,
        initiative({ title: 'Buurthuis Oost', requestedAmountCents: 600_000 }),
      );
      await sendEvent(t, a.official, large.id, {
        type: 'ASSESS',
        advice: 'honour',
        motivation: 'Goed plan.',
      });
      await sendEvent(t, a.alderman, large.id, {
        type: 'REFER_TO_COUNCIL',
        motivation: 'Boven het mandaat.',
      });
      // The raad decided in its meeting; its griffier registers that decision.
      await sendEvent(t, a.clerk, large.id, {
        type: 'COUNCIL_HONOUR',
        amountCents: 600_000,
        motivation: 'De raad steunt het buurthuis.',
        accountBy: monthsAhead(12),
        councilDecision: councilDecision(),
      });
      await showCase(resident, large.id);
      const [byCouncil] = await decisionsOf(resident);
      expect(byCouncil.title).toBe(`Toekenning, ${dutchDay(today())}`);
      expect(byCouncil.details).toMatchObject({
        'Besloten door': 'De gemeenteraad (vastgelegd door Griffier Gerda, griffier)',
        Bedrag: '€ 6.000,00',
      });
    });

    it('asks for information until a day, and sets the application aside once that day has passed', async () => {
      const c = await submit(t, a.resident, initiative({ title: 'Zitbanken Oost' }));
      const official = await openAs('official', DESKTOP);
      await showCase(official, c.id);
      await official.locator('[data-event=REQUEST_INFO]').waitFor();
      // The optional day from the workflow's fields: its label, the default and the limits in words.
      expect(plain(await official.locator('label[for=event-request_info-respondBy]').textContent())).toBe(
        'Aanvullen uiterlijk op (niet verplicht)',
      );
      expect(plain(await official.locator('#event-request_info-respondBy-hint').textContent())).toBe(
        `Zonder datum heeft de aanvrager twee weken: tot en met ${dutchDay(addDays(today(), 14))}. ` +
          `Kies anders een dag van ${dutchDay(addDays(today(), 1))} tot en met ${dutchDay(addDays(today(), 90))}.`,
      );
      expect(await official.getAttribute('#event-request_info-respondBy', 'type')).toBe('date');
      expect(await official.getAttribute('#event-request_info-respondBy', 'max')).toBe(addDays(today(), 90));
      // As long as the official has not seen the passed day, nothing sets the application aside.
      expect(await official.locator('[data-event=NOT_PROCESSED]').count()).toBe(0);
      await official.fill('#event-request_info-question', 'Hoeveel bankjes, en waar?');
      // Too far ahead: the API's 400 lands at the field, in Dutch.
      await official.fill('#event-request_info-respondBy', addDays(today(), 91));
      await official.click('[data-event=REQUEST_INFO] button[type=submit]');
      expect(await errorAt(official, 'event-request_info-respondBy')).toBe(
        `Moet tussen ${dutchDay(addDays(today(), 1))} en ${dutchDay(addDays(today(), 90))} liggen.`,
      );
      expect(await accessibilityProblems(official)).toEqual([]);
      const respondBy = addDays(today(), 30);
      await official.fill('#event-request_info-respondBy', respondBy);
      await send(official, 'REQUEST_INFO', 'awaiting_info');
      expect(
        plain(await official.locator('.timeline li', { hasText: 'Informatie gevraagd' }).textContent()),
      ).toContain(`Aanvullen uiterlijk op${dutchDay(respondBy)}`);

      // The resident reads the question and the day.
      const resident = await openAs('resident', PHONE);
      await showCase(resident, c.id);
      const panel = plain(await resident.locator('.panel').first().textContent());
      expect(panel).toContain('Gevraagde informatie: Hoeveel bankjes, en waar?');
      expect(panel).toContain(`Aanvullen uiterlijk op ${dutchDay(respondBy)}.`);
      expect(panel).toContain('Deze termijn staat stil tot de gevraagde informatie er is.');

      // The day passes without an answer: said plainly, and the API offers to set the application aside.
      const yesterday = addDays(today(), -1);
      await setFacts(c.id, { respondBy: yesterday });
      await showCase(official, c.id);
      expect(plain(await official.locator('.panel .overdue').textContent())).toBe(
        `De gevraagde informatie had er uiterlijk op ${dutchDay(yesterday)} moeten zijn.`,
      );
      const fold = official.locator('details.fold', { hasText: 'Stel buiten behandeling' });
      await fold.locator('summary').click();
      expect(await fold.locator('button[type=submit]').getAttribute('class')).toMatch(/^danger /);
      await official.fill('#event-not_processed-motivation', 'De gevraagde gegevens kwamen niet op tijd.');
      await official.check('#event-not_processed-confirm-yes');
      await send(official, 'NOT_PROCESSED', 'not_processed');
      expect(await stateOf(official)).toBe('Buiten behandeling gesteld');

      // A besluit: the resident gets it as a letter, and may object.
      await showCase(resident, c.id);
      const [aside] = await decisionsOf(resident);
      expect(aside.title).toBe(`Buiten behandeling gesteld, ${dutchDay(today())}`);
      expect(aside.details).toMatchObject({
        Motivering: 'De gevraagde gegevens kwamen niet op tijd.',
        'Wettelijke grondslag': expect.stringContaining('4:5'),
        'Bezwaar maken': `Kan tot en met ${dutchDay(addDays(today(), 42))}.`,
      });
      expect(aside.details.Bedrag).toBeUndefined();
    });

    it('explains the notice of default once the term has passed, and shows the penalty until the decision', async () => {
      const c = await submit(
        t,
        a.resident,
        initiative({ title: 'Buurtbieb Oost', requestedAmountCents: 10_000 }),
      );
      const due = new Date(Date.now() - 60_000).toISOString();
      await setFacts(c.id, { decisionDueAt: due });
      const resident = await openAs('resident', PHONE);
      await showCase(resident, c.id);
      expect(plain(await resident.locator('[data-term=decision]').textContent())).toBe(
        `De gemeente had uiterlijk op ${dutchDate(due)} moeten beslissen.`,
      );
      // The action comes from GET /workflows like every other; the explanation is tied to its form.
      const form = resident.locator('[data-event=NOTICE_OF_DEFAULT]');
      await form.waitFor();
      expect(plain(await form.locator('h3').textContent())).toBe('Stel de gemeente in gebreke');
      const help = plain(await form.locator('#event-notice_of_default-help').textContent());
      expect(help).toContain(
        `De gemeente had uiterlijk op ${dutchDate(due)} over uw aanvraag moeten beslissen.`,
      );
      expect(help).toContain('Met een ingebrekestelling laat u de gemeente weten dat zij te laat is.');
      expect(help).toContain('samen ten hoogste € 1.442,00 (42 dagen)');
      expect(await form.getAttribute('aria-describedby')).toBe('event-notice_of_default-help');
      // No fields: only a confirmation, asked for before anything is sent.
      expect(await form.locator('input, textarea, select').count()).toBe(1);
      expect(await form.locator('input').getAttribute('id')).toBe('event-notice_of_default-confirm-yes');
      await form.locator('button[type=submit]').click();
      expect(await errorAt(resident, 'event-notice_of_default-confirm')).toBe(
        'Vink dit aan om door te gaan.',
      );
      expect(await accessibilityProblems(resident)).toEqual([]);
      await resident.check('#event-notice_of_default-confirm-yes');
      await form.locator('button[type=submit]').click();
      await resident.locator('[data-penalty]').waitFor();
      expect(await definitions(resident, '[data-penalty]')).toEqual({
        'In gebreke gesteld op': dutchDay(today()),
        'Gaat in op': dutchDay(addDays(today(), 14)),
        'Aantal dagen': '0 dagen',
        Bedrag: '€ 0,00',
      });
      expect(plain(await resident.locator('section.penalty').textContent())).toContain(
        `U heeft de gemeente in gebreke gesteld, omdat zij niet op tijd besliste.`,
      );
      expect(await resident.locator('[data-event=NOTICE_OF_DEFAULT]').count()).toBe(0); // once

      // Sixty days on: the penalty reached its maximum.
      await setFacts(c.id, { noticeOfDefaultAt: new Date(Date.now() - 60 * DAY_MS).toISOString() });
      const capped = (await getCase(t, a.resident, c.id)).penalty as { accruesFrom: string };
      const official = await openAs('official', DESKTOP);
      await showCase(official, c.id);
      expect(await definitions(official, '[data-penalty]')).toMatchObject({
        'Loopt sinds': dutchDay(capped.accruesFrom),
        'Aantal dagen': '42 dagen',
        Bedrag: '€ 1.442,00',
      });
      expect((await official.locator('.penalty-state').allTextContents()).map(plain)).toEqual([
        'Het bedrag bereikt het maximum: het loopt niet verder op.',
      ]);
      expect(plain(await official.locator('section.penalty').textContent())).toContain(
        'De aanvrager heeft de gemeente in gebreke gesteld',
      );

      // Twenty days on, and then the decision: it stops, the day of the decision not counted.
      await setFacts(c.id, { noticeOfDefaultAt: new Date(Date.now() - 20 * DAY_MS).toISOString() });
      await decide(t, a, c.id, 'rejected');
      await showCase(resident, c.id);
      await resident.locator('[data-decision]').first().waitFor();
      expect(await definitions(resident, '[data-penalty]')).toMatchObject({
        'Aantal dagen': '6 dagen',
        Bedrag: '€ 138,00',
      });
      expect((await resident.locator('.penalty-state').allTextContents()).map(plain)).toEqual([
        'De dwangsom is gestopt bij het besluit.',
      ]);
      expect((await decisionsOf(resident))[0].title).toBe(`Afwijzing, ${dutchDay(today())}`);
      expect(await resident.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        360,
      );
      await expectAccessible(resident, 'penalty');
      await resident.screenshot({ path: '/tmp/wijkflow-web-penalty.png', fullPage: true });
    });

    /** Signs in with a token made by the test (the way a municipality's own login hands one over). */
    async function signInWithToken(page: Page, token: string, name: string) {
      await page.goto(`${base}/#/aanmelden`);
      await page.click('button:has-text("Ik heb al een toegangstoken")');
      await page.fill('#signin-token', token);
      await page.click('button:has-text("Aanmelden met token")');
      await page.locator('.who-name', { hasText: name }).waitFor();
    }
    /** The actions a case page says cannot be done now: [event, refusal code, the line]. */
    const blockedLines = async (page: Page) => {
      await page.locator('section.actions h2').waitFor();
      await expectAccessible(page, 'actions');
      const lines = page.locator('.blocked-action');
      const out: [string, string, string][] = [];
      for (let i = 0; i < (await lines.count()); i++) {
        const line = lines.nth(i);
        out.push([
          (await line.getAttribute('data-blocked')) as string,
          (await line.getAttribute('data-code')) as string,
          plain(await line.textContent()),
        ]);
      }
      return out;
    };

    it('says why an action is missing: four eyes, above the mandate, a term not yet passed', async () => {
      // An alderman who also works in the area team assessed the case himself: he decides nothing on it.
      const both = await t.token('official-alderman-web', ['official', 'alderman'], ['oost'], 'Bas Beide');
      const own = await submit(
        t,
        a.resident,
        initiative({ title: 'Speeltuin Oost', requestedAmountCents: 20_000 }),
      );
      await sendEvent(t, both, own.id, { type: 'ASSESS', advice: 'honour', motivation: 'Goed plan.' });
      const alderman = await open(DESKTOP);
      await signInWithToken(alderman, both, 'Bas Beide');
      await showCase(alderman, own.id);
      const fourEyes = await blockedLines(alderman);
      expect(fourEyes.map(([event, code]) => [event, code])).toEqual([
        ['HONOUR', 'FOUR_EYES'],
        ['REJECT', 'FOUR_EYES'],
        ['REFER_TO_COUNCIL', 'FOUR_EYES'],
      ]);
      expect(fourEyes[0][2]).toBe(
        '“Ken toe” kan nu niet: u heeft deze aanvraag zelf beoordeeld; iemand anders beslist erover (vier ogen).',
      );
      // A line of text in the page's order, not a button (a disabled button is skipped by screen readers).
      expect(
        await alderman
          .locator('[data-event=HONOUR], section.actions form:not([data-event=EXTEND_TERM]) button')
          .count(),
      ).toBe(0);
      expect(await accessibilityProblems(alderman)).toEqual([]);
      // The page asks the API for Dutch (Accept-Language: nl) and says only that.
      expect(plain(await alderman.locator('section.actions').textContent())).not.toMatch(/assessed|someone/i);

      // Above the mandate (€ 5.000,00 in Oost): the alderman reads why, and refers the case to the council.
      const large = await submit(
        t,
        a.resident,
        initiative({ title: 'Buurtkeuken Oost', requestedAmountCents: 700_000 }),
      );
      await sendEvent(t, a.official, large.id, {
        type: 'ASSESS',
        advice: 'honour',
        motivation: 'Goed plan.',
      });
      const wim = await openAs('alderman', PHONE, { sub: 'alderman-1' });
      await showCase(wim, large.id);
      expect(await blockedLines(wim)).toEqual([
        [
          'HONOUR',
          'ABOVE_DELEGATION_LIMIT',
          '“Ken toe” kan nu niet: het bedrag van € 7.000,00 is hoger dan de wethouder zelf mag ' +
            'toekennen (mandaat: € 5.000,00). De gemeenteraad beslist: leg de aanvraag voor aan de raad.',
        ],
      ]);
      const refer = wim.locator('[data-event=REFER_TO_COUNCIL]');
      expect(plain(await refer.locator('h3').textContent())).toBe('Leg voor aan de raad');
      // Where "Ken toe" would be, before the actions that are left (referring, and extending the
      // term once: EXTEND_TERM), in the order of GET /workflows.
      expect(
        await wim.evaluate<string[]>(
          "[...document.querySelectorAll('section.actions > [data-blocked], section.actions > [data-event]')]" +
            '.map((e) => e.dataset.blocked || e.dataset.event)',
        ),
      ).toEqual(['HONOUR', 'REFER_TO_COUNCIL', 'EXTEND_TERM']);
      expect(await wim.locator('[data-event=HONOUR]').count()).toBe(0);
      expect(await wim.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      await expectAccessible(wim, 'blocked');
      await wim.screenshot({ path: '/tmp/wijkflow-web-blocked.png', fullPage: true });
      // A theme outside the area's programme: the theme and the programme's themes are named.
      const sport = await submit(
        t,
        a.resident,
        initiative({ title: 'Sportdag Oost', theme: 'sport', requestedAmountCents: 10_000 }),
      );
      await sendEvent(t, a.official, sport.id, { type: 'ASSESS', advice: 'honour', motivation: 'Leuk.' });
      await showCase(wim, sport.id);
      expect(await blockedLines(wim)).toEqual([
        [
          'HONOUR',
          'THEME_NOT_IN_PROGRAMME',
          '“Ken toe” kan nu niet: het thema “sport” staat niet in het programma van het gebied voor dit ' +
            'jaar (daarin staan: “speelruimte” en “groen”).',
        ],
        [
          'REFER_TO_COUNCIL',
          'NOT_ABOVE_DELEGATION_LIMIT',
          '“Leg voor aan de raad” kan nu niet: het aangevraagde bedrag van € 100,00 valt binnen het ' +
            'mandaat van de wethouder (€ 5.000,00); de wethouder beslist zelf.',
        ],
      ]);
      await showCase(wim, large.id);
      await wim.fill('#event-refer_to_council-motivation', 'Boven het mandaat.');
      await wim.click('[data-event=REFER_TO_COUNCIL] button[type=submit]');
      await wim.locator('.timeline-what', { hasText: 'Voorgelegd aan de raad' }).waitFor();
      // Now the council decides: nothing is left that the alderman's role could send, so nothing to explain.
      expect(await wim.locator('.blocked-action').count()).toBe(0);

      // A resident reads until when the municipality decides, and that notice of default comes after.
      const resident = await openAs('resident', PHONE);
      await showCase(resident, own.id);
      const due = (await getCase(t, a.resident, own.id)).decisionDueAt as string;
      expect(await blockedLines(resident)).toEqual([
        [
          'NOTICE_OF_DEFAULT',
          'TERM_NOT_EXPIRED',
          `“Stel de gemeente in gebreke” kan nu niet: de gemeente moet uiterlijk op ${dutchDate(due)} ` +
            'beslissen. Pas als die termijn voorbij is, kunt u haar in gebreke stellen.',
        ],
      ]);
      expect(await resident.locator('[data-event=NOTICE_OF_DEFAULT]').count()).toBe(0);
      expect(await accessibilityProblems(resident)).toEqual([]);
    });

    it("lets the griffier register the raad's decisions (a referred case, a programme) and shows them to a raadslid read-only", async () => {
      // A case above the alderman's mandate (€ 5.000,00), referred to the raad through the API.
      const c = await submit(
        t,
        a.resident,
        initiative({ title: 'Skatebaan Oost', requestedAmountCents: 600_000 }),
      );
      await sendEvent(t, a.official, c.id, { type: 'ASSESS', advice: 'honour', motivation: 'Past.' });
      await sendEvent(t, a.alderman, c.id, { type: 'REFER_TO_COUNCIL', motivation: 'Boven mijn mandaat.' });

      // A raadslid reads the referred case and the programmes, and decides nothing.
      const raadslid = await openAs('council', DESKTOP);
      await chooseInMenu(raadslid, 'Voorgelegd aan de raad');
      await raadslid.locator('.cards a', { hasText: 'Skatebaan Oost' }).click();
      await raadslid.locator('[data-read-only]').waitFor();
      await expectAccessible(raadslid, 'referred case read-only');
      expect(plain(await raadslid.locator('[data-read-only]').textContent())).toContain(
        'De griffier legt dat besluit hier vast',
      );
      expect(await raadslid.locator('[data-event]').count()).toBe(0);
      await chooseInMenu(raadslid, "Programma's");
      await raadslid.locator('p[data-read-only]').waitFor();
      await expectAccessible(raadslid, 'programmes read-only');
      expect(await raadslid.locator('#adopt-title').count()).toBe(0);

      // The griffier signs in as such and registers the raad's grant with its meeting.
      const griffier = await openAs('clerk', PHONE);
      expect(plain(await griffier.locator('.who-role').textContent())).toBe('(griffier)');
      await chooseInMenu(griffier, 'Voorgelegd aan de raad');
      await griffier.locator('.cards a', { hasText: 'Skatebaan Oost' }).click();
      await griffier.locator('[data-event=COUNCIL_HONOUR]').waitFor();
      expect(await griffier.locator('[data-event=COUNCIL_HONOUR] legend').allTextContents()).toContain(
        'Besluit van de raad',
      );
      expect(await accessibilityProblems(griffier)).toEqual([]);
      const prefix = '#event-council_honour';
      await griffier.fill(`${prefix}-amountCents`, '5.500,00');
      await griffier.fill(`${prefix}-accountBy`, monthsAhead(6));
      await griffier.fill(`${prefix}-motivation`, 'De raad stemde in.');
      await griffier.click('[data-event=COUNCIL_HONOUR] button[type=submit]');
      // The meeting is required: said at the field before anything is sent.
      expect(await errorAt(griffier, 'event-council_honour-councilDecision-meetingOn')).toBe(
        'Vul dit veld in.',
      );
      expect(await errorAt(griffier, 'event-council_honour-councilDecision-agendaItem')).toBe(
        'Vul dit veld in.',
      );
      await griffier.fill(`${prefix}-councilDecision-meetingOn`, '2026-11-12');
      await griffier.fill(`${prefix}-councilDecision-agendaItem`, '7.2');
      await griffier.fill(`${prefix}-councilDecision-votesFor`, '27');
      await griffier.fill(`${prefix}-councilDecision-votesAgainst`, '12');
      await send(griffier, 'COUNCIL_HONOUR', 'honoured');
      const entry = griffier.locator('.timeline li', { hasText: 'Toegekend door de raad' });
      expect(plain(await entry.textContent())).toContain(
        'Besluit van de raadDatum van de raadsvergadering: 12 november 2026; Agendapunt: 7.2; ' +
          'Stemmen voor: 27; Stemmen tegen: 12',
      );
      expect(await griffier.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        360,
      );
      // The letter is the raad's, registered by its griffier.
      await griffier.locator('[data-decision]').first().waitFor();
      expect((await decisionsOf(griffier))[0].details['Besloten door']).toBe(
        'De gemeenteraad (vastgelegd door Griffier Gerda, griffier)',
      );
      const log = (await t.http.get(`/api/v1/cases/${c.id}/log`).set(bearer(a.council)).expect(200)).body;
      expect(log.at(-1)).toMatchObject({
        event: 'COUNCIL_HONOUR',
        actor: { role: 'clerk', name: 'Griffier Gerda' },
        payload: {
          amountCents: 550_000,
          councilDecision: { meetingOn: '2026-11-12', agendaItem: '7.2', votesFor: 27, votesAgainst: 12 },
        },
      });

      // The griffier registers the raad's adoption of zuid's programme, with its meeting.
      await chooseInMenu(griffier, "Programma's");
      await griffier.locator('#adopt-title').waitFor();
      await expectAccessible(griffier, 'adopt a programme');
      expect(await accessibilityProblems(griffier)).toEqual([]);
      await griffier.selectOption('#adopt-area', 'zuid');
      await griffier.fill('#adopt-budget', '50.000,00');
      await griffier.fill('#adopt-limit', '2.500,00');
      await griffier.fill('#adopt-themes', 'groen, speelruimte');
      await griffier.fill('#adopt-meeting', '2026-12-10');
      await griffier.fill('#adopt-agenda-item', '4');
      await griffier.fill('#adopt-votes-for', '2.5');
      await griffier.click('button:has-text("Leg het besluit vast")');
      expect(await errorAt(griffier, 'adopt-votes-for')).toBe('Vul een geheel aantal stemmen in.');
      await griffier.fill('#adopt-votes-for', '30');
      await griffier.fill('#adopt-votes-against', '9');
      await griffier.click('button:has-text("Leg het besluit vast")');
      await griffier.locator('#status', { hasText: 'Het besluit van de raad is vastgelegd' }).waitFor();
      await expectAccessible(griffier, 'programme adopted');
      const zuid = await cells(griffier, 'tr[data-area=zuid]');
      expect(zuid[0]).toBe('Zuid');
      expect(zuid.at(-1)).toBe(
        'Raadsvergadering 10 december 2026, agendapunt 4 (30 stemmen voor, 9 stemmen tegen)',
      );

      // The raadslid reads it, still without a form.
      await raadslid.reload();
      expect((await cells(raadslid, 'tr[data-area=zuid]')).at(-1)).toBe(
        'Raadsvergadering 10 december 2026, agendapunt 4 (30 stemmen voor, 9 stemmen tegen)',
      );
      expect(await raadslid.locator('#adopt-title').count()).toBe(0);
    });

    it('shows a stale version (412) plainly, with a way to reload', async () => {
      const created = await t.http
        .post('/api/v1/cases')
        .set(bearer(a.resident))
        .send(initiative({ title: 'Bankjes Oosterpark' }))
        .expect(201);
      const id = created.body.id as string;
      const official = await openAs('official', DESKTOP);
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
      await expectAccessible(official, 'stale version (412)');
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
      await expectAccessible(page, 'token refused');
      await page.fill('#signin-token', await t.token('resident-oidc', ['resident'], [], 'Piet Paste'));
      await page.click('button:has-text("Aanmelden met token")');
      await page.locator('.who-name', { hasText: 'Piet Paste' }).waitFor();
      expect(page.url()).not.toMatch(/ey[\w-]+\./); // no token in the address
      await page.click('button:has-text("Uitloggen")');
      await page.locator('#nav a', { hasText: 'Inloggen' }).waitFor({ state: 'attached' });
      expect(await page.evaluate('sessionStorage.length')).toBe(0);
    });
  });
}
