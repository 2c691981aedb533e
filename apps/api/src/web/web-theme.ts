import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { mix, type ThemeConfig } from '../common/theme-config.js';

/**
 * What the web front end takes from the configuration and from node_modules, beside its own
 * files: the NL Design System stylesheets (served from the installed packages, no CDN), and
 * the municipality's theme as two generated files, /theme.css (custom properties over the
 * design tokens) and /theme.json (name, logo, footer links for js/theme.js).
 */

/** Address → file in an installed package. Only these; package.json pins their versions. */
const VENDOR: Record<string, [pkg: string, file: string]> = {
  // The community's Voorbeeld theme: every design token the Utrecht components read, on .voorbeeld-theme.
  '/vendor/nlds/voorbeeld-theme.css': [
    '@nl-design-system-unstable/voorbeeld-design-tokens',
    'dist/theme.css',
  ],
  // The components (utrecht-button, utrecht-textbox, utrecht-table, utrecht-page-header, …).
  '/vendor/nlds/utrecht-components.css': ['@utrecht/component-library-css', 'dist/index.css'],
  // Sign-in at the OpenID Provider (js/auth.js), as its browser build: one script with
  // jwt-decode inside (global `oidc`). The ES module build imports 'jwt-decode' by bare name,
  // which a browser resolves only through an import map, an inline script the CSP refuses.
  '/vendor/oidc-client-ts.min.js': ['oidc-client-ts', 'dist/browser/oidc-client-ts.min.js'],
};

export interface VendorFile {
  root: string;
  file: string;
}

/**
 * Browser builds of the packages the pages import (ES modules, loaded only by the screen that
 * uses them): [address prefix, package, folder in the package, which files]. Mermaid's build
 * is one module with its chunks beside it, imported by relative address.
 */
const VENDOR_MODULES: [prefix: string, pkg: string, dir: string, files: RegExp][] = [
  [
    '/vendor/mermaid/',
    'mermaid',
    'dist',
    /^(mermaid\.esm\.min\.mjs|chunks\/mermaid\.esm\.min\/[\w-]+\.mjs)$/,
  ],
  ['/vendor/marked/', 'marked', 'lib', /^marked\.esm\.js$/],
  ['/vendor/dompurify/', 'dompurify', 'dist', /^purify\.es\.mjs$/],
];

export function vendorFiles(): Map<string, VendorFile> {
  const require = createRequire(import.meta.url);
  const files = new Map<string, VendorFile>();
  for (const [address, [pkg, file]] of Object.entries(VENDOR)) {
    files.set(address, { root: path.dirname(require.resolve(`${pkg}/package.json`)), file });
  }
  for (const [prefix, pkg, dir, wanted] of VENDOR_MODULES) {
    const root = path.join(packageRoot(require.resolve(pkg), pkg), dir);
    for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      const address = entry.split(path.sep).join('/');
      if (wanted.test(address)) files.set(prefix + address, { root, file: entry });
    }
  }
  return files;
}

/** The folder of an installed package from its main file (not every package exports package.json). */
function packageRoot(main: string, pkg: string): string {
  for (let dir = path.dirname(main); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (path.basename(dir) === path.basename(pkg) && existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`package ${pkg} not found`);
}

/** The CSP's img-src: this server, data: (helmet's default), and the logo's server if it has one elsewhere. */
export function imageSources(theme: ThemeConfig): string[] {
  const sources = ["'self'", 'data:'];
  if (theme.logoUrl && !theme.logoUrl.startsWith('/')) sources.push(new URL(theme.logoUrl).origin);
  return sources;
}

export interface GeneratedFile {
  type: string;
  body: string;
}

/** /theme.css and /theme.json, written once at start-up from the settings. */
export function themeFiles(theme: ThemeConfig): Map<string, GeneratedFile> {
  return new Map([
    ['/theme.css', { type: 'text/css; charset=utf-8', body: themeCss(theme) }],
    ['/theme.json', { type: 'application/json; charset=utf-8', body: JSON.stringify(themeJson(theme)) }],
  ]);
}

function themeJson(theme: ThemeConfig) {
  return {
    municipalityName: theme.municipalityName,
    logoUrl: theme.logoUrl,
    links: {
      contact: theme.contactUrl,
      privacy: theme.privacyUrl,
      accessibility: theme.accessibilityUrl,
    },
  };
}

/**
 * The main colour over the Voorbeeld theme's basis tokens, which the components read: the
 * colour itself where white text stands on it (buttons, the header), a darker shade for text
 * and links on white or on the light tint (so they keep 4.5:1 there too), and the tint for
 * calm backgrounds. A municipality with a full NL Design System theme of its own overrides
 * these same custom properties (see docs/theming.md).
 */
function themeCss(theme: ThemeConfig): string {
  const main = theme.primaryColor;
  const dark = mix(main, '#000000', 0.25);
  const darker = mix(main, '#000000', 0.45);
  const tint = mix(main, '#ffffff', 0.92);
  const tintStrong = mix(main, '#ffffff', 0.84);
  const properties: Record<string, string> = {
    '--wijkflow-primary': main,
    '--wijkflow-primary-dark': dark,
    '--wijkflow-primary-tint': tint,
    '--basis-color-accent-1-inverse-bg-default': main,
    '--basis-color-accent-1-inverse-bg-hover': dark,
    '--basis-color-accent-1-inverse-bg-active': darker,
    '--basis-color-accent-1-inverse-bg-document': dark,
    '--basis-color-accent-1-inverse-bg-subtle': darker,
    '--basis-color-action-1-inverse-bg-default': main,
    '--basis-color-accent-1-color-default': dark,
    '--basis-color-accent-1-color-hover': darker,
    '--basis-color-accent-1-color-active': darker,
    '--basis-color-accent-1-color-document': darker,
    '--basis-color-accent-1-border-default': dark,
    '--basis-color-accent-1-border-hover': darker,
    '--basis-color-accent-1-border-active': darker,
    '--basis-color-accent-1-bg-default': tint,
    '--basis-color-accent-1-bg-subtle': tint,
    '--basis-color-accent-1-bg-hover': tintStrong,
    '--basis-color-accent-1-bg-active': tintStrong,
    '--basis-color-action-2-color-default': dark,
    '--basis-color-action-2-color-hover': darker,
    '--basis-color-action-2-color-active': darker,
  };
  const lines = Object.entries(properties).map(([name, value]) => `  ${name}: ${value};`);
  // html.voorbeeld-theme outranks the theme's own .voorbeeld-theme rule, whatever the order.
  return `/* Generated at start-up from THEME_PRIMARY_COLOR. */\nhtml.voorbeeld-theme {\n${lines.join('\n')}\n}\n`;
}
