import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.1 level A and AA, the level a Dutch municipality's service must meet (Besluit digitale toegankelijkheid overheid). */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the page as it is now and fails on any WCAG 2.1 AA violation, naming the
 * page state, each rule and the elements it found (one line each), so a failure reads as a
 * to-do list: "color-contrast: .badge.tag-referred — Elements must meet minimum color contrast".
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const found = violations.flatMap((v) =>
    v.nodes.map((node) => `${v.id}: ${node.target.join(' ')} — ${v.help}`),
  );
  expect({ state, violations: found }).toEqual({ state, violations: [] });
}
