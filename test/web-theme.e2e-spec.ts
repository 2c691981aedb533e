import { jest } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expectAccessible } from './support/axe.js';
import { initiative, submit } from './support/cases.js';
import {
  describeInBrowser,
  DESKTOP,
  launchChromium,
  NARROW,
  PHONE,
  scrollsSideways,
  signInAs,
} from './support/browser.js';
import { seedProgramme } from './support/programmes.js';
import { loadConfig } from '../apps/api/src/common/config.js';
import { createTestApp, expectSettingRefused, type TestApp } from './support/test-app.js';

/**
 * A municipality's own look (THEME_*, MUNICIPALITY_NAME) on the NL Design System components,
 * in Debian's Chromium against the real app: name, logo, colour and footer links as configured;
 * no sideways scrolling at 320 px; the phone's menu button by keyboard.
 */
const THEME = {
  MUNICIPALITY_NAME: 'Gemeente Proefstad',
  THEME_PRIMARY_COLOR: '#7a1f5c',
  THEME_LOGO_URL: 'https://beeld.proefstad.example/logo.svg',
  THEME_CONTACT_URL: 'https://www.proefstad.example/contact',
  THEME_PRIVACY_URL: 'https://www.proefstad.example/privacy',
  THEME_ACCESSIBILITY_URL: 'https://www.proefstad.example/toegankelijkheid',
};
const LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40"/></svg>';
/** A case title with a long Dutch compound: the heading that once made a 320 px screen scroll sideways. */
// Pages in a browser, each also checked by axe: minutes on a busy machine.
jest.setTimeout(240_000);
const LONG_TITLE = 'Buurtmoestuinvrijwilligersonderhoudsprogrammacoördinatie Oosterparkwijk';

describe('theme settings', () => {
  const DEV = { NODE_ENV: 'test', AUTH_MODE: 'dev' };

  it('defaults to the app’s blue, no logo and Groningen’s pages', () => {
    expect(loadConfig(DEV).theme).toEqual({
      municipalityName: 'Gemeente Groningen',
      primaryColor: '#0b4f8a',
      logoUrl: null,
      contactUrl: 'https://gemeente.groningen.nl/contact',
      privacyUrl: 'https://gemeente.groningen.nl/privacyverklaring',
      accessibilityUrl: 'https://gemeente.groningen.nl/toegankelijkheidsverklaring',
    });
    expect(loadConfig({ ...DEV, ...THEME, THEME_PRIMARY_COLOR: '#7A1F5C' }).theme).toMatchObject({
      primaryColor: '#7a1f5c',
      logoUrl: THEME.THEME_LOGO_URL,
    });
    // 4.54:1, just above the line.
    expect(loadConfig({ ...DEV, THEME_PRIMARY_COLOR: '#767676' }).theme.primaryColor).toBe('#767676');
    expect(loadConfig({ ...DEV, THEME_LOGO_URL: '/huisstijl/logo.svg' }).theme.logoUrl).toBe(
      '/huisstijl/logo.svg',
    );
    expect(
      loadConfig({ ...DEV, THEME_CONTACT_URL: 'mailto:wijken@proefstad.example' }).theme.contactUrl,
    ).toBe('mailto:wijken@proefstad.example');
  });

  it.each([
    ['a colour name', { THEME_PRIMARY_COLOR: 'red' }, 'THEME_PRIMARY_COLOR'],
    ['three digits', { THEME_PRIMARY_COLOR: '#f00' }, 'THEME_PRIMARY_COLOR'],
    // White text on yellow reads at 1.4:1 (buttons, the header): below WCAG 2.1 AA.
    ['a colour too light for white text', { THEME_PRIMARY_COLOR: '#ffdd00' }, 'THEME_PRIMARY_COLOR'],
    ['just below 4.5:1', { THEME_PRIMARY_COLOR: '#7a7a7a' }, 'THEME_PRIMARY_COLOR'],
    ['a logo over plain http', { THEME_LOGO_URL: 'http://proefstad.example/logo.svg' }, 'THEME_LOGO_URL'],
    ['a logo as a data: URL', { THEME_LOGO_URL: 'data:image/svg+xml,<svg/>' }, 'THEME_LOGO_URL'],
    ['a javascript: link', { THEME_PRIVACY_URL: 'javascript:alert(1)' }, 'THEME_PRIVACY_URL'],
    [
      'a protocol-relative link',
      { THEME_ACCESSIBILITY_URL: '//elders.example/a11y' },
      'THEME_ACCESSIBILITY_URL',
    ],
    ['not a URL', { THEME_CONTACT_URL: 'bel ons' }, 'THEME_CONTACT_URL'],
  ])('refuses %s', (_, env, setting) =>
    expectSettingRefused({ NODE_ENV: 'test', AUTH_MODE: 'dev', ...env }, setting),
  );
});

describeInBrowser('test/web-theme.e2e-spec.ts', 'web front end: a municipality’s own look', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let caseId: string;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(THEME);
    await seedProgramme(t, 'oost', {
      budgetCents: 10_000_000,
      delegationLimitCents: 500_000,
      themes: ['speelruimte'],
    });
    const resident = await t.token('resident-theme', ['resident']);
    caseId = (await submit(t, resident, initiative({ title: LONG_TITLE }))).id;
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => expect(cspViolations).toEqual([]));

  /** A fresh profile showing `path`; the logo's server answers from here (the test has no network). */
  async function open(options: BrowserContextOptions, path = '/'): Promise<Page> {
    const context = await browser.newContext(options);
    await context.route(`${THEME.THEME_LOGO_URL}`, (route) =>
      route.fulfill({ contentType: 'image/svg+xml', body: LOGO }),
    );
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(base + path);
    await page.locator('main h1').first().waitFor();
    return page;
  }
  const style = (page: Page, selector: string, property: string) =>
    page.evaluate<string>(
      `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`,
    );

  it('serves the NL Design System stylesheets from node_modules and the theme from the settings', async () => {
    for (const path of [
      '/vendor/nlds/utrecht-components.css',
      '/vendor/nlds/voorbeeld-theme.css',
      '/theme.css',
    ]) {
      const res = await t.http.get(path).expect(200);
      expect([path, res.headers['content-type']]).toEqual([path, 'text/css; charset=utf-8']);
    }
    const css = (await t.http.get('/theme.css')).text;
    expect(css).toContain('--wijkflow-primary: #7a1f5c;');
    expect(css).toContain('--basis-color-action-1-inverse-bg-default: #7a1f5c;');
    const theme = await t.http.get('/theme.json').expect(200);
    expect(theme.body).toEqual({
      municipalityName: 'Gemeente Proefstad',
      logoUrl: THEME.THEME_LOGO_URL,
      links: {
        contact: THEME.THEME_CONTACT_URL,
        privacy: THEME.THEME_PRIVACY_URL,
        accessibility: THEME.THEME_ACCESSIBILITY_URL,
      },
    });
    // Images from this server and from the logo's, nothing else; no other package file is served.
    const csp = (await t.http.get('/')).headers['content-security-policy'] as string;
    expect(csp).toContain("img-src 'self' data: https://beeld.proefstad.example;");
    for (const path of [
      '/vendor/nlds/',
      '/vendor/nlds/package.json',
      '/node_modules/@utrecht/component-library-css/dist/index.css',
    ]) {
      expect([path, (await t.http.get(path)).status]).toEqual([path, 404]);
    }
  });

  it('shows the configured name, logo, colour and footer links on NL Design System components', async () => {
    const page = await open(DESKTOP);
    await page.locator('#brand-sub', { hasText: 'Gemeente Proefstad' }).waitFor();
    expect(await page.title()).toBe('Wijkflow – Gemeente Proefstad');
    expect(await page.getAttribute('#brand-logo', 'src')).toBe(THEME.THEME_LOGO_URL);
    expect(await page.evaluate<number>("document.getElementById('brand-logo').naturalWidth")).toBe(40);
    expect((await page.locator('#footer-municipality').textContent())?.trim()).toBe('Gemeente Proefstad');
    const links = await page
      .locator('#footer-links a')
      .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(links).toEqual([
      ['Contact', THEME.THEME_CONTACT_URL],
      ['Privacyverklaring', THEME.THEME_PRIVACY_URL],
      ['Toegankelijkheidsverklaring', THEME.THEME_ACCESSIBILITY_URL],
    ]);
    // The colour reaches the Utrecht components through the design tokens: header and primary button.
    expect(await style(page, '.utrecht-page-header', 'backgroundColor')).toBe('rgb(122, 31, 92)');
    const button = '.utrecht-button-link--primary-action';
    expect(await page.locator(button).textContent()).toBe('Inloggen');
    expect(await style(page, 'main .utrecht-button-link', 'backgroundColor')).toBe('rgb(122, 31, 92)');
    // Header: "Inloggen" before, the person and "Uitloggen" after signing in.
    expect(await page.locator('#nav a', { hasText: 'Inloggen' }).count()).toBe(1);
    await signInAs(page, base, {
      role: 'official',
      name: 'Olga Official',
      sub: 'official-theme',
      areas: ['oost'],
    });
    await page.goto(`${base}/#/aanvragen`);
    await page.locator('main h1', { hasText: 'Aanvragen' }).waitFor();
    expect(await style(page, 'form.filters .utrecht-button--primary-action', 'backgroundColor')).toBe(
      'rgb(122, 31, 92)',
    );
    expect(await page.locator('select.utrecht-select').count()).toBeGreaterThan(0);
    await page.click('button:has-text("Uitloggen")');
    await page.locator('#status', { hasText: 'U bent uitgelogd.' }).waitFor();
    await page.locator('#nav a', { hasText: 'Inloggen' }).waitFor();
  });

  it('does not scroll sideways at 320 px on the main pages, a long heading included', async () => {
    const wide: string[] = [];
    const check = async (page: Page, path: string) => {
      await page.goto(base + path);
      await page.locator('main h1').first().waitFor();
      if (await scrollsSideways(page)) wide.push(path);
      // In the configured colours too, every page meets WCAG 2.1 AA.
      await expectAccessible(page, `${path} at 320 px`);
    };
    const visitor = await open(NARROW);
    for (const path of ['/#/', '/#/aanmelden', '/#/openbaar/uitgaven', '/#/openbaar/werkwijze']) {
      await check(visitor, path);
    }
    const resident = await open(NARROW);
    await signInAs(resident, base, { role: 'resident', name: 'Anna de Vries', sub: 'resident-theme' });
    for (const path of ['/#/aanvragen', '/#/aanvragen/nieuw', `/#/aanvragen/${caseId}`])
      await check(resident, path);
    await resident.locator('main h1', { hasText: 'Buurtmoestuin' }).waitFor();
    const official = await open(NARROW);
    await signInAs(official, base, {
      role: 'official',
      name: 'Olga Official',
      sub: 'official-theme',
      areas: ['oost'],
    });
    for (const path of ['/#/aanvragen', `/#/aanvragen/${caseId}`, '/#/programmas'])
      await check(official, path);
    // With the menu open as well.
    await official.click('#menu-button');
    if (await scrollsSideways(official)) wide.push('menu open');
    await expectAccessible(official, 'menu open at 320 px');
    expect(wide).toEqual([]);
  });

  it('folds the menu behind a button on a phone, which opens and closes by keyboard', async () => {
    const page = await open(PHONE);
    const button = page.locator('#menu-button');
    const nav = page.locator('#site-nav');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await button.getAttribute('aria-controls')).toBe('site-nav');
    expect(await nav.isVisible()).toBe(false);
    // From the skip link, Tab reaches the name (a link home) and then the menu button.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('menu-button');
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await nav.isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Uitgaven per gebied');
    await page.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('menu-button');
    // Space opens it too; choosing a page closes it.
    await page.keyboard.press('Space');
    expect(await nav.isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('main h1', { hasText: 'Uitgaven per gebied' }).waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);

    // On a desktop there is no button: the menu is always there.
    const desktop = await open(DESKTOP);
    expect(await desktop.locator('#menu-button').isVisible()).toBe(false);
    expect(await desktop.locator('#site-nav').isVisible()).toBe(true);
  });
});
