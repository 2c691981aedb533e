import { jest } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { cast, type Cast } from './support/actors.js';
import { expectAccessible } from './support/axe.js';
import { describeInBrowser, DESKTOP, launchChromium, PHONE, signInAs } from './support/browser.js';
import { assessed, decide, initiative, submit } from './support/cases.js';
import { seedProgramme } from './support/programmes.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Screenshots of the main pages on a phone (390 px) and a desktop (1280 px) for
 * docs/screenshots/, each page checked by axe (WCAG 2.1 AA) as it is taken. Run with
 * `npm run screenshots` (WIJKFLOW_SCREENSHOTS=1); an ordinary test run skips this file, as
 * test/web.e2e-spec.ts checks the same pages already.
 */
// Pages in a browser, each also checked by axe: minutes on a busy machine.
jest.setTimeout(240_000);
const OUT = path.join(import.meta.dirname, '..', 'docs', 'screenshots');
const SIZES: [string, BrowserContextOptions][] = [
  ['telefoon', PHONE],
  ['desktop', DESKTOP],
];
type Who = Parameters<typeof signInAs>[2] | null;

function screenshots() {
  let t: TestApp;
  let a: Cast;
  let base: string;
  let browser: Browser;
  const pages: [name: string, who: Who, path: () => string][] = [];
  let submitted = '';
  let toDecide = '';
  let granted = '';

  beforeAll(async () => {
    t = await createTestApp();
    a = await cast(t);
    await seedProgramme(t, 'oost', {
      budgetCents: 10_000_000,
      delegationLimitCents: 500_000,
      themes: ['speelruimte', 'groen'],
    });
    submitted = (await submit(t, a.resident, initiative({ title: 'Bankjes bij de Vismarkt' }))).id;
    toDecide = (await assessed(t, a, initiative({ title: 'Speeltuin Oosterpark' }))).id;
    const c = await submit(t, a.resident, initiative({ title: 'Buurtmoestuin Oost', theme: 'groen' }));
    granted = (await decide(t, a, c.id, 'honoured', 180_000)).id;
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const resident = { role: 'resident', name: 'Anna de Vries', sub: 'resident-1' };
  const official = { role: 'official', name: 'Olga Official', sub: 'official-1', areas: ['oost'] };
  const alderman = { role: 'alderman', name: 'Wethouder Wim', sub: 'alderman-1', areas: ['oost'] };
  pages.push(
    ['start', null, () => '/#/'],
    ['inloggen', null, () => '/#/aanmelden'],
    ['uitgaven-per-gebied', null, () => '/#/openbaar/uitgaven'],
    ['nieuwe-aanvraag', resident, () => '/#/aanvragen/nieuw'],
    ['mijn-aanvragen', resident, () => '/#/aanvragen'],
    ['aanvraag-toegekend', resident, () => `/#/aanvragen/${granted}`],
    ['aanvragen-ambtenaar', official, () => '/#/aanvragen'],
    ['aanvraag-ambtenaar', official, () => `/#/aanvragen/${submitted}`],
    ['aanvraag-wethouder', alderman, () => `/#/aanvragen/${toDecide}`],
    ['programmas', alderman, () => '/#/programmas'],
  );

  it.each(SIZES)('takes the main pages on a %s', async (size, options) => {
    for (const [name, who, address] of pages) {
      const page = await (await browser.newContext(options)).newPage();
      page.setDefaultTimeout(15_000);
      if (who) await signInAs(page, base, who);
      await page.goto(base + address());
      await page.locator('main h1').first().waitFor();
      await page.evaluate('document.getElementById("status").textContent = ""');
      await expectAccessible(page, `${name} (${size})`);
      await page.screenshot({ path: path.join(OUT, `${name}-${size}.png`), fullPage: true });
      await page.context().close();
    }
  });
}

if (process.env.WIJKFLOW_SCREENSHOTS === '1') {
  describeInBrowser('test/screenshots.e2e-spec.ts', 'screenshots of the main pages', screenshots);
} else {
  describe.skip('screenshots of the main pages (only with npm run screenshots)', () => {
    it('writes docs/screenshots/', () => undefined);
  });
}
