/**
 * The municipality's own look of the web front end: its name, logo, main colour and the links
 * of the page footer, from THEME_* settings (and MUNICIPALITY_NAME), validated with the rest.
 * The colours a theme needs beside the main one are derived from it here, once, so that a
 * municipality sets one colour and still gets readable buttons, links and a menu bar.
 */
import { ConfigError } from './config-error.js';

export interface ThemeConfig {
  /** MUNICIPALITY_NAME: on the letters, in the page header and the page title. */
  municipalityName: string;
  /** THEME_PRIMARY_COLOR as #rrggbb: buttons and the header; white text on it reads at 4.5:1 or more. */
  primaryColor: string;
  /** An https URL (or a path on this server) of the logo beside the name; null: the name alone. */
  logoUrl: string | null;
  /** The footer's links: contact, privacy statement, accessibility statement (toegankelijkheidsverklaring). */
  contactUrl: string;
  privacyUrl: string;
  accessibilityUrl: string;
}

/** The app's own blue (white on it 8.3:1); a municipality sets its own with THEME_PRIMARY_COLOR. */
export const DEFAULT_PRIMARY_COLOR = '#0b4f8a';

/** Groningen's own pages, the default municipality's. */
export const GRONINGEN_LINKS = {
  contactUrl: 'https://gemeente.groningen.nl/contact',
  privacyUrl: 'https://gemeente.groningen.nl/privacyverklaring',
  accessibilityUrl: 'https://gemeente.groningen.nl/toegankelijkheidsverklaring',
};

/** WCAG 2.1 AA for normal text (1.4.3): the buttons' white labels and the header's text. */
const MIN_CONTRAST = 4.5;

export function loadThemeConfig(env: NodeJS.ProcessEnv): ThemeConfig {
  return {
    municipalityName: municipalityName(env),
    primaryColor: primaryColor(env),
    logoUrl: link(env, 'THEME_LOGO_URL', ['https:']),
    contactUrl:
      link(env, 'THEME_CONTACT_URL', ['https:', 'http:', 'mailto:', 'tel:']) ?? GRONINGEN_LINKS.contactUrl,
    privacyUrl: link(env, 'THEME_PRIVACY_URL', ['https:', 'http:']) ?? GRONINGEN_LINKS.privacyUrl,
    accessibilityUrl:
      link(env, 'THEME_ACCESSIBILITY_URL', ['https:', 'http:']) ?? GRONINGEN_LINKS.accessibilityUrl,
  };
}

/** A name for the head of a letter and a page: printable, one line, not too long. */
function municipalityName(env: NodeJS.ProcessEnv): string {
  const name = (env.MUNICIPALITY_NAME ?? '').trim() || 'Gemeente Groningen';
  if (name.length > 100 || /[\p{Cc}]/u.test(name)) {
    throw new ConfigError('MUNICIPALITY_NAME', 'must be one line of at most 100 characters');
  }
  return name;
}

function primaryColor(env: NodeJS.ProcessEnv): string {
  const raw = (env.THEME_PRIMARY_COLOR ?? '').trim();
  if (raw === '') return DEFAULT_PRIMARY_COLOR;
  if (!/^#[0-9a-fA-F]{6}$/.test(raw)) {
    throw new ConfigError('THEME_PRIMARY_COLOR', `must be a colour written #rrggbb, got "${raw}"`);
  }
  const color = raw.toLowerCase();
  const ratio = contrastRatio(color, '#ffffff');
  if (ratio < MIN_CONTRAST) {
    throw new ConfigError(
      'THEME_PRIMARY_COLOR',
      `must be dark enough for white text on it (contrast at least ${MIN_CONTRAST}:1, WCAG 2.1 AA), got ${ratio.toFixed(2)}:1 for ${color}`,
    );
  }
  return color;
}

/**
 * A URL of one of the given schemes, or a path on this server ("/logo.svg" served by the same
 * reverse proxy); null when unset. Nothing else (javascript:, data:) reaches the page.
 */
function link(env: NodeJS.ProcessEnv, name: string, schemes: string[]): string | null {
  const raw = (env[name] ?? '').trim();
  if (raw === '') return null;
  if (/^\/(?!\/)[^\s]*$/.test(raw)) return raw;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL or a path starting with /');
  }
  if (!schemes.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${schemes.join(' or ')} (or be a path starting with /)`);
  }
  return parsed.href;
}

/** WCAG 2.1 relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** `color` mixed with `other` (#rrggbb), `share` of the other: shades and tints of the main colour. */
export function mix(color: string, other: string, share: number): string {
  const part = (hex: string, i: number) => parseInt(hex.slice(i, i + 2), 16);
  return (
    '#' +
    [1, 3, 5]
      .map((i) => Math.round(part(color, i) * (1 - share) + part(other, i) * share))
      .map((v) => v.toString(16).padStart(2, '0'))
      .join('')
  );
}
