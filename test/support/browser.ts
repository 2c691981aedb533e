import { existsSync } from 'node:fs';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core, for the tests of the web front end. Outside CI a
 * machine without Chromium skips such a file with a message; in CI (CI=true) it fails.
 */
export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
};
export const NARROW: BrowserContextOptions = {
  viewport: { width: 320, height: 640 },
  isMobile: true,
  hasTouch: true,
};
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 20_000 });
}

/** describe(name, body) where Chromium is installed; a failing test in CI without it; else a skip. */
export function describeInBrowser(file: string, name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium in CI', () => {
        throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install -y chromium)`);
      });
    });
  } else {
    describe.skip(`${name} (skipped: no ${CHROMIUM}; apt-get install -y chromium)`, () => {
      it('runs in a browser', () => undefined);
    });
    console.warn(`${file} skipped: ${CHROMIUM} not found (apt-get install -y chromium).`);
  }
}

/** Whether the page scrolls sideways (WCAG 1.4.10: at 320 CSS pixels nothing should). Browser code as a string: no DOM types here. */
export const scrollsSideways = (page: Page) =>
  page.evaluate<boolean>('document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth');

/** Signs in through the dev sign-in form (AUTH_MODE=dev) and waits for the header to name the person. */
export async function signInAs(
  page: Page,
  base: string,
  who: { role: string; name: string; sub: string; areas?: string[] },
): Promise<void> {
  await page.goto(`${base}/#/aanmelden`);
  await page.locator('#signin-name').waitFor();
  await page.check(`#role-${who.role}`);
  await page.fill('#signin-name', who.name);
  await page.fill('#signin-sub', who.sub);
  for (const area of who.areas ?? []) await page.check(`#areas-${area}`);
  await page.click('form button[type=submit]:has-text("Aanmelden")');
  await page.locator('.who-name', { hasText: who.name }).waitFor();
}

/**
 * Goes to a page through the main menu as a person would: on a phone the menu is folded behind
 * the Menu button (opened first), on a desktop it is always there.
 */
export async function chooseInMenu(page: Page, text: string): Promise<void> {
  const button = page.locator('#menu-button');
  if ((await button.isVisible()) && (await button.getAttribute('aria-expanded')) !== 'true')
    await button.click();
  await page.click(`#site-nav >> text=${text}`);
}
